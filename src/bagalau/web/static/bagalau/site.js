// Behaviour shared by every page, with no inline script (the Content-Security-Policy
// allows scripts from our static files only):
// - a button or form with data-confirm="question" asks in a dialog before it submits;
// - a form submits once: its buttons are disabled after the first submit;
// - a button with data-print prints the page;
// - the error summary of a refused form takes the focus, so it is read first.
// The dialog's button labels come from data-confirm-ok / data-confirm-cancel on the
// element or on <body> (translated by the template).
(function () {
  "use strict";

  function label(element, name, fallback) {
    return element.getAttribute(name) || document.body.getAttribute(name) || fallback;
  }

  function askConfirm(element, question, onOk) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    text.textContent = question;
    var actions = document.createElement("div");
    actions.className = "confirm-dialog-actions";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button-quiet";
    cancel.setAttribute("data-confirm-choice", "cancel");
    cancel.textContent = label(element, "data-confirm-cancel", "Cancel");
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "button";
    ok.setAttribute("data-confirm-choice", "ok");
    ok.textContent = label(element, "data-confirm-ok", "OK");
    actions.append(cancel, ok);
    dialog.append(text, actions);
    document.body.append(dialog);
    var close = function () {
      dialog.close();
      dialog.remove();
    };
    cancel.addEventListener("click", close);
    dialog.addEventListener("cancel", function () { dialog.remove(); });
    ok.addEventListener("click", function () {
      close();
      onOk();
    });
    dialog.showModal();
    cancel.focus();  // the safe choice is the default one
  }

  function submitButtons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }

  function unlock(form) {
    form.removeAttribute("data-submitting");
    submitButtons(form).forEach(function (button) { button.disabled = false; });
  }

  // Only forms that change data (POST) are locked: a search or a download stays usable.
  // The server answers a repeated step anyway, so a lock that outlives a slow or
  // downloaded answer is lifted after a while.
  function lockSubmits(form) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    form.setAttribute("data-submitting", "");
    // after the browser has taken the submitter's name and value into the request
    window.setTimeout(function () {
      submitButtons(form).forEach(function (button) { button.disabled = true; });
    }, 0);
    window.setTimeout(function () { unlock(form); }, 15000);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.hasAttribute("data-submitting")) {
      event.preventDefault();  // a second click while the first is on its way
      event.stopImmediatePropagation();
      return;
    }
    var submitter = event.submitter || null;
    var asker = submitter && submitter.hasAttribute("data-confirm") ? submitter : form;
    var question = asker.getAttribute("data-confirm");
    if (question && !form.hasAttribute("data-confirmed")) {
      // nor may htmx send it meanwhile (its listener sits on the form itself)
      event.preventDefault();
      event.stopImmediatePropagation();
      askConfirm(asker, question, function () {
        form.setAttribute("data-confirmed", "");
        if (submitter) form.requestSubmit(submitter); else form.requestSubmit();
      });
      return;
    }
    form.removeAttribute("data-confirmed");
    lockSubmits(form);
  }, true);  // capturing: decided before any listener on the form (htmx) sees the submit

  // coming back to a page from the history shows its forms usable again
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(unlock);
  });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (button) window.print();
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  });
})();
