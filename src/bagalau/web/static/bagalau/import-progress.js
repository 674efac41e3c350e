// The staff import's page arrives in pieces while the rows are checked or written: each
// piece is a list item saying how far the work is (data-percent), the last one a link to
// the result (data-go). Loaded in the head, before the pieces, it follows them as they
// arrive: no inline script, which the Content-Security-Policy refuses.
(function () {
  "use strict";

  function show(element) {
    var percent = element.getAttribute("data-percent");
    if (percent !== null) {
      var bar = document.getElementById("import-progress");
      if (bar) {
        bar.value = Number(percent);
        bar.textContent = percent + "%";
      }
    }
    if (element.hasAttribute("data-go")) window.location.replace(element.getAttribute("href"));
  }

  function follow(node) {
    if (!(node instanceof Element)) return;
    show(node);
    node.querySelectorAll("[data-percent], [data-go]").forEach(show);
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) { change.addedNodes.forEach(follow); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
