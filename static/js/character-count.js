// Live character counter, the GOV.UK pattern. Without JavaScript the hint under the box says the limit;
// with it, that line says how many characters are left (or how many too many), and screen readers hear it
// once typing pauses. Nothing is ever cut: the server says the same if the text is too long.
(function () {
  "use strict";
  if (!document.querySelectorAll) { return; }
  var groups = document.querySelectorAll("[data-character-count]");
  for (var i = 0; i < groups.length; i++) {
    (function (group) {
      var max = parseInt(group.getAttribute("data-character-count"), 10);
      var box = group.querySelector("textarea");
      var shown = group.querySelector(".character-count");
      if (!box || !shown || !max) { return; }
      var spoken = document.createElement("p");
      spoken.className = "visually-hidden";
      spoken.setAttribute("aria-live", "polite");
      shown.setAttribute("aria-hidden", "true");
      group.appendChild(spoken);
      var timer = null;
      function message() {
        var left = max - box.value.trim().length;
        var n = Math.abs(left).toLocaleString("en-GB");
        var unit = Math.abs(left) === 1 ? " character" : " characters";
        return left >= 0 ? "You have " + n + unit + " remaining" : "You have " + n + unit + " too many";
      }
      function update() {
        var text = message();
        shown.textContent = text;
        shown.classList.toggle("character-count--over", text.indexOf("too many") !== -1);
        clearTimeout(timer);
        timer = setTimeout(function () { spoken.textContent = text; }, 1000);
      }
      box.addEventListener("input", update);
      shown.textContent = message();
    })(groups[i]);
  }
})();
