// Places the methodology timeline's bars and year ticks from their data-left / data-width
// percentages: the Content-Security-Policy refuses style attributes written in the page.
"use strict";
document.querySelectorAll(".timeline [data-left]").forEach(function (item) {
  item.style.left = item.dataset.left + "%";
  if (item.dataset.width !== undefined) {
    item.style.width = item.dataset.width + "%";
  }
});
