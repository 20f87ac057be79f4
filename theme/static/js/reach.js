/* Reach: tell the site's own backend that this page was viewed (docs/reach.md).
   Sends only the page's path: no cookie, no referrer, nothing about the reader. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.endpoint || !script.dataset.path) {
    return;
  }
  var url = script.dataset.endpoint + "?p=" + encodeURIComponent(script.dataset.path);

  function send() {
    if (window.fetch) {
      fetch(url, {
        method: "POST",
        keepalive: true,
        credentials: "omit",
        referrerPolicy: "no-referrer",
        cache: "no-store",
      }).catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    }
  }

  // A page the browser prerenders is counted only once someone actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
