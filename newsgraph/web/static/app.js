// newsgraph reader: selecting a highlight marks every statement read at that place.
// Works without this script too (each highlight links to its most specific statement).
// Only classList and ids are touched: no article text is ever parsed as HTML here.
"use strict";
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.hl[data-marks]");
  if (!link) return;
  document.querySelectorAll(".mark.active, .hl.active").forEach(function (el) { el.classList.remove("active"); });
  link.classList.add("active");
  link.getAttribute("data-marks").split(" ").forEach(function (id) {
    var item = document.getElementById(id);
    if (item) item.classList.add("active");
  });
});

// The network page: pan (drag) and zoom (wheel, +/- buttons) by rewriting the SVG's viewBox.
// The drawing itself is server-rendered SVG; without this script it shows at its full extent.
(function () {
  var svg = document.getElementById("network");
  if (!svg) return;
  var full = svg.viewBox.baseVal, size = full.width;
  var view = { x: 0, y: 0, w: size, h: size };
  function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function zoom(factor, cx, cy) {
    var w = Math.min(size * 4, Math.max(size / 20, view.w * factor));
    var k = w / view.w;
    view.x = cx - (cx - view.x) * k; view.y = cy - (cy - view.y) * k; view.w = w; view.h = w;
    apply();
  }
  function point(event) {  // the SVG coordinates under the pointer
    var box = svg.getBoundingClientRect();
    return { x: view.x + (event.clientX - box.left) / box.width * view.w,
             y: view.y + (event.clientY - box.top) / box.height * view.h };
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = point(event);
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (event) { drag = point(event); moved = false; });
  svg.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var p = point(event), dx = p.x - drag.x, dy = p.y - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > view.w / 200) { moved = true; }
    if (moved) { view.x -= dx; view.y -= dy; apply(); }
  });
  window.addEventListener("pointerup", function () { drag = null; });
  // A drag that ends on an actor pans; only a click without movement follows its link.
  svg.addEventListener("click", function (event) { if (moved) { event.preventDefault(); moved = false; } });
  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var f = parseFloat(button.getAttribute("data-zoom"));
      if (f === 0) { view = { x: 0, y: 0, w: size, h: size }; apply(); return; }
      zoom(f, view.x + view.w / 2, view.y + view.h / 2);
    });
  });
})();
