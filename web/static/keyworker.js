// Key worker pages: the "Print this plan" button (shown only when JavaScript runs; without it
// the browser's own Print does the same). A file, not inline, for the Content-Security-Policy.
(function () {
  "use strict";
  document.querySelectorAll(".app-print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
