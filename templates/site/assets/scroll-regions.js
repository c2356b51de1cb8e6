/* A table region is a keyboard stop only where it scrolls: where the table is wider
   than its region, the region keeps tabindex="0", role="region" and its name, so a
   keyboard user can reach it and scroll it with the arrow keys; where the table fits,
   all three are taken off, so the region is neither a tab stop nor a landmark.
   Checked again when the window is resized or zoomed. Without this script every
   region stays a named tab stop, as the page is written: one Tab too many where a
   table fits, and never a table that cannot be scrolled from the keyboard. */
(function () {
  "use strict";
  var regions = Array.prototype.slice.call(document.querySelectorAll(".table-scroll"));
  regions.forEach(function (r) { r.setAttribute("data-label", r.getAttribute("aria-label")); });

  function update() {
    regions.forEach(function (r) {
      if (r.scrollWidth > r.clientWidth) {
        r.setAttribute("tabindex", "0");
        r.setAttribute("role", "region");
        r.setAttribute("aria-label", r.getAttribute("data-label"));
      } else if (r !== document.activeElement) {
        r.removeAttribute("tabindex");
        r.removeAttribute("role");
        r.removeAttribute("aria-label");
      }
    });
  }
  var pending = 0;
  window.addEventListener("resize", function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(update);
  });
  update();
})();
