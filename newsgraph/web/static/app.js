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
