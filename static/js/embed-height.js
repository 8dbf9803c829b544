// The embeddable widget tells the page framing it how tall its content is, so the host's frame fits it
// at any width (the share page's snippet listens for this message). Without JavaScript the frame keeps
// the snippet's safe default height. The message carries a number only: nothing about the visitor.
(function () {
  "use strict";
  if (window.parent === window || !window.postMessage) { return; }
  var last = 0;
  function send() {
    var main = document.getElementById("main");
    if (!main) { return; }
    var height = Math.ceil(main.getBoundingClientRect().bottom + (window.scrollY || 0));
    if (height === last) { return; }
    last = height;
    window.parent.postMessage({ type: "raise-your-voice:height", height: height }, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  if (window.ResizeObserver) { new ResizeObserver(send).observe(document.getElementById("main")); }
  send();
})();
