// Injected by the local preview only: reloads a page the latest build changed, and shows or
// removes the overlay that lists the build's errors (rendered and escaped by the server).
(function () {
  "use strict";
  var ID = "faces-preview-problems";
  var shown = document.getElementById(ID);
  var state = shown ? shown.getAttribute("data-state") : "";

  function show(html, next) {
    if (next === state) {
      return;
    }
    state = next;
    var old = document.getElementById(ID);
    if (old) {
      old.remove();
    }
    if (html) {
      document.body.insertAdjacentHTML("beforeend", html);
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-preview-hide]")) {
      var box = document.getElementById(ID);
      if (box) {
        box.remove();
      }
    }
  });

  // The page shown: after a template change the preview renders it first.
  var events = new EventSource("/__reload?page=" + encodeURIComponent(location.pathname));
  events.onmessage = function (event) {
    var data = JSON.parse(event.data);
    var path = location.pathname;
    if (data.paths.indexOf(path) >= 0 || data.paths.indexOf(path + "index.html") >= 0) {
      location.reload();
      return;
    }
    show(data.overlay, data.state);
  };
})();
