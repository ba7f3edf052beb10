/* DEFFINOV Tiers-lieux: progressive enhancements, loaded as an ES module (theme/main.html). Every
   page works without this script. The pure rules (status.js, calendar.js, lists.js, folding.js,
   catalog.js) import nothing from the page and are tested under Node (tests/js/); the *-page.js
   and header.js modules apply them to the page. */

import { setUpAgenda } from "./agenda-page.js";
import { sayTheDay, setUpCallFilters, showStatuses } from "./calls-page.js";
import { setUpCatalog } from "./catalog-page.js";
import { setUpHeader } from "./header.js";

setUpHeader();
// The status rule, list order and words the build used, for saying them again on the reader's day.
const ruleData = document.getElementById("deffinov-status-rule");
const rule = ruleData ? JSON.parse(ruleData.textContent) : null;
const now = Date.now();
if (rule) {
  showStatuses(rule, now);
  setUpCallFilters(rule);
}
setUpAgenda(now);
if (rule) sayTheDay(rule, now);
setUpCatalog();
