/* DEFFINOV Tiers-lieux: progressive enhancements, loaded as an ES module (theme/main.html). Every
   page works without this script. The pure rules (status.js, calendar.js, lists.js, folding.js,
   catalog.js) import nothing from the page and are tested under Node (tests/js/); the *-page.js
   and header.js modules apply them to the page. */

import { sayTheDay, setUpCallFilters, showStatuses } from "./calls-page.js";
import { setUpHeader } from "./header.js";

setUpHeader();
// The status rule, list order and words the build used, for saying them again on the reader's day:
// loaded with the page (most pages show calls), so that nothing is reordered after it is drawn.
const ruleData = document.getElementById("deffinov-status-rule");
const rule = ruleData ? JSON.parse(ruleData.textContent) : null;
const now = Date.now();
if (rule) {
  showStatuses(rule, now);
  setUpCallFilters(rule);
  sayTheDay(rule, now);
}
// The calendar's own module, downloaded only by the pages that have its filter. (The catalog's
// page has a script of its own, catalog-main.js.)
if (document.querySelector("[data-deffinov-agenda-filter]")) {
  import("./agenda-page.js").then(({ setUpAgenda }) => setUpAgenda(now));
}
