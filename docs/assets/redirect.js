/* Dual Power Reader: a page that has moved sends the reader on with the passage they asked for
   (the #fragment); the page's own meta refresh does the rest without script. */
(function () {
  "use strict";
  var script = document.currentScript;
  var target = script && script.getAttribute("data-target");
  if (target) location.replace(target + location.hash);
})();
