/* Runs before Decap CMS's bundle (theme/deffinov/admin.html): the editor waits for editor.js,
   which registers the site's widgets and previews, then starts it. A file of its own: /admin/'s
   Content-Security-Policy runs no inline script. */
window.CMS_MANUAL_INIT = true;
