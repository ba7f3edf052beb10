/* The catalog's page: its script instead of main.js (named by the page's front matter, theme/main.html).
   The page shows no call, so it loads nothing of the calls' lists: its first visit is the heaviest
   of the site, with a weight to keep (issue 18). */

import { setUpCatalog } from "./catalog-page.js";
import { setUpHeader } from "./header.js";

setUpHeader();
setUpCatalog();
