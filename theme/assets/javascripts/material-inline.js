/* Material for MkDocs' inline scripts, as a file: the site then needs no 'unsafe-inline' in its
   Content-Security-Policy. The code of Material 9.8's partials/javascripts/base.html and
   content.html, unminified. Loaded in <head> before Material's bundle, which uses these globals. */
(function () {
  "use strict";
  var script = document.currentScript;
  window.__md_scope = new URL(script && script.dataset.mdScope || ".", location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    if (storage === undefined) storage = localStorage;
    if (scope === undefined) scope = window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    if (storage === undefined) storage = localStorage;
    if (scope === undefined) scope = window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* Storage full or forbidden: Material works without it. */
    }
  };
  /* A link to a content tab (#__tabbed_1_2) opens that tab; Material ran this right after the
     content, this runs as soon as the page is parsed. */
  document.addEventListener("DOMContentLoaded", function () {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
  });
})();

/* The site's own addition: the page is marked as running scripts before it is first drawn (Material's
   bundle does it too, but later), so the stylesheet can leave out what only works with a script
   (`.no-js` forms) without moving anything when the script starts. */
document.documentElement.classList.replace("no-js", "js");
