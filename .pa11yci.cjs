// pa11y-ci over every page kind of the built site, with both of its runners (HTML_CodeSniffer and
// axe-core), in Debian's Chromium. The site is served by tests/test_audits.py, which gives its
// address in PA11Y_BASE_URL:
//   PA11Y_BASE_URL=http://127.0.0.1:8000/ PUPPETEER_SKIP_DOWNLOAD=1 npx pa11y-ci --config .pa11yci.cjs
// (with `mkdocs serve`, or any server of the built site/).
const base = process.env.PA11Y_BASE_URL;
if (!base) throw new Error("PA11Y_BASE_URL : l'adresse du site servi (http://127.0.0.1:8000/) manque.");
const pages = require("./tests/page_kinds.json");

module.exports = {
  defaults: {
    runners: ["htmlcs", "axe"],
    standard: "WCAG2AA",
    // axe's "needs review" results (text over a gradient or under a sticky header, SVG text)
    // are not failures it found: warnings, not errors.
    levelCapWhenNeedsReview: "warning",
    chromeLaunchConfig: {
      executablePath: "/usr/bin/chromium",
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    timeout: 30000,
    // What is left out, each with its reason; no rule is ignored on the site's own markup.
    // Material's checkboxes that open the menu, the search and the table of contents (#__drawer,
    // #__search, #__toc) are never shown (`.md-toggle { display: none }`) and take no focus:
    // HTML_CodeSniffer asks them for a name all the same (H91.InputCheckbox.Name, F68).
    hideElements: "input.md-toggle",
    ignore: [],
  },
  urls: Object.values(pages).map((path) => base + path),
};
