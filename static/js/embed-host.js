// Runs on the page that shows the widget (the share page's snippet loads it from this site): fits each of
// this site's widget frames to the height the widget reports (static/js/embed-height.js). Messages from
// any other origin are ignored. If this script is blocked, the frame keeps its safe default height.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.addEventListener) { return; }
  var origin = new URL(script.src, window.location.href).origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "raise-your-voice:height") { return; }
    var height = Number(data.height);
    if (!isFinite(height)) { return; }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.max(Math.ceil(height), 150), 3000) + "px";
      }
    }
  });
})();
