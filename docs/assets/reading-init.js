/* Dual Power Reader: runs in the page head, before the first paint, so that the reader's chosen
   layer (text / text and notes / full apparatus) and the script-only layout (notes in the margin)
   are in place before anything is drawn: nothing moves when the page script starts. */
(function () {
  "use strict";
  var root = document.documentElement;
  var layer = null;
  try { layer = window.localStorage.getItem("dpr-layer"); } catch (e) { /* storage blocked */ }
  root.setAttribute("data-dpr-layer", layer === "text" || layer === "full" ? layer : "notes");
  root.setAttribute("data-dpr-js", "");
})();
