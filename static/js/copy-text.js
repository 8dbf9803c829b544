// Copy buttons. Progressive only: without JavaScript the text is in a read-only box to select and copy,
// so the button is added here, only where the browser can copy.
(function () {
  "use strict";
  if (!navigator.clipboard || !document.querySelectorAll) { return; }
  var sources = document.querySelectorAll("[data-copy-source]");
  var places = document.querySelectorAll("[data-copy-button-here]");
  for (var i = 0; i < sources.length && i < places.length; i++) {
    (function (source, place) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary";
      button.textContent = "Copy to clipboard";
      var status = document.createElement("span");
      status.setAttribute("role", "status");
      status.className = "small";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value).then(function () {
          status.textContent = " Copied.";
        }, function () {
          source.select();
          status.textContent = " Select the text and copy it yourself.";
        });
      });
      place.appendChild(button);
      place.appendChild(status);
    })(sources[i], places[i]);
  }
})();
