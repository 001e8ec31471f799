// Fetch the search index when the reader first opens search, not on every first visit.
//
// Material's bundle requests search/search_index.json (with XMLHttpRequest) as soon as a page
// loads. This script runs just before the bundle and holds that one request back until the
// search field gets focus (a click on the search icon, or the shortcuts / s f), or sends it at
// once when the address already carries a query (?q= or ?h=). Other requests are untouched.
(function () {
  "use strict";
  let release;
  const opened = new Promise((resolve) => { release = resolve; });
  const inSearch = (el) => el instanceof Element && el.closest("#__search, .md-search, label[for=__search]");
  document.addEventListener("focusin", (event) => { if (inSearch(event.target)) release(); });
  document.addEventListener("change", (event) => { if (inSearch(event.target)) release(); });
  document.addEventListener("pointerdown", (event) => { if (inSearch(event.target)) release(); });
  const params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.dlrefSearchIndex = new URL(String(url), location.href).pathname.endsWith("/search/search_index.json");
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.dlrefSearchIndex) return send.apply(this, args);
    opened.then(() => send.apply(this, args));
  };
})();
