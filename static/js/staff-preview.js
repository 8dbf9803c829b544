// Live preview for the campaign file editor. Progressive only: without JavaScript the Preview button
// posts the form and the server renders the same preview. With it, the preview refreshes a moment after
// typing stops, using that same server-side preview (the sandbox and sample data live on the server).
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-preview]");
  if (!form || !window.fetch || !window.DOMParser) { return; }
  var textarea = form.querySelector("textarea");
  var regions = ["live-problems", "live-placeholders", "live-preview"];  // the parts of the page a preview changes
  var timer = null;
  var latest = 0;

  function refresh() {
    var body = new FormData(form);
    body.append("preview", "1");
    var request = ++latest;
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
                        headers: { "X-Live-Preview": "1" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (request !== latest) { return; }  // an older answer arriving late must not win
        var page = new DOMParser().parseFromString(html, "text/html");
        regions.forEach(function (id) {
          var here = document.getElementById(id);
          var fresh = page.getElementById(id);
          if (here && fresh) { here.replaceChildren.apply(here, Array.prototype.slice.call(fresh.childNodes)); }
        });
      })
      .catch(function () { /* the Preview button still works */ });
  }

  var example = form.querySelector("select[name=example]");
  if (example) { example.addEventListener("change", refresh); }

  textarea.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
})();
