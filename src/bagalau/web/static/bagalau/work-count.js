// The header's "My work" count: fetched once the page has loaded, so that no page pays
// for computing the worklist but the start page, which shows it in full.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-work-count]").forEach(function (badge) {
    fetch(badge.dataset.workCount, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.count > 0) {
          badge.textContent = String(data.count);
          badge.setAttribute("aria-label", data.label);
          badge.hidden = false;
        }
      })
      .catch(function () { /* the link still leads to the worklist */ });
  });
});
