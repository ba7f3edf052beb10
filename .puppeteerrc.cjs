// Puppeteer (under pa11y-ci) downloads no browser: the tests use Debian's Chromium
// (/usr/bin/chromium, `make system-tools`), named in .pa11yci.json.
module.exports = { skipDownload: true };
