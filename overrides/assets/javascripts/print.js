/* "Print this handout" and "Print this drill" buttons.
   The buttons are hidden until this script runs, so a reader without JavaScript never sees a dead
   button (their browser's own Print still gives the same sheet). A file, not an inline script, so a
   strict Content-Security-Policy allows it. It keeps working with Material's instant navigation. */
(function () {
  "use strict";

  function showPrintButtons() {
    document.querySelectorAll("[data-print-button]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-print-button]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  if (typeof document$ !== "undefined" && typeof document$.subscribe === "function") {
    document$.subscribe(showPrintButtons); // each page Material's instant navigation loads
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showPrintButtons);
  } else {
    showPrintButtons();
  }
})();
