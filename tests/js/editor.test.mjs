// The browser editor's rules under Node (theme/assets/javascripts/deffinov/editor.js): what a form
// saves, a call's date plain or as a block, dates and times as the site writes them, and the
// instant of a deadline in the region's time zone.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  frenchDate, frenchTime, instantIn, isoDate, localTimeOf, tidy, uncertainParts, uncertainValue,
} from "../../theme/assets/javascripts/deffinov/editor.js";

test("a cleared field is left out of what the form saves; dates become text", () => {
  assert.deepEqual(tidy({ title: "Appel", note: "", budget: null, aid: { note: " " }, waves: [{ label: "", time: "12:00" }],
                          last_checked: new Date("2026-11-20T00:00:00Z") }),
                   { title: "Appel", aid: {}, waves: [{ time: "12:00" }], last_checked: "2026-11-20" });
  assert.deepEqual(tidy({ rolling: false, count: 0 }), { rolling: false, count: 0 });
});

test("a call's date stays plain while nothing is unsure, and becomes a block otherwise", () => {
  assert.equal(uncertainValue({ date: "2027-03-31", year_uncertain: false, day_unknown: false }), "2027-03-31");
  assert.deepEqual(uncertainValue({ date: "2022-09-10", year_uncertain: true, day_unknown: false }),
                   { date: "2022-09-10", year_uncertain: true });
  assert.equal(uncertainValue({ date: "", year_uncertain: true, day_unknown: false }), "");
  assert.deepEqual(uncertainParts({ date: "2022-09-10", day_unknown: "true" === "true" }),
                   { date: "2022-09-10", year_uncertain: false, day_unknown: true });
  assert.deepEqual(uncertainParts("2027-03-31"), { date: "2027-03-31", year_uncertain: false, day_unknown: false });
  assert.equal(isoDate(new Date("2027-03-31T00:00:00Z")), "2027-03-31");
});

test("dates and times are written as on the site", () => {
  assert.equal(frenchDate({ date: "2027-03-31" }), "31 mars 2027");
  assert.equal(frenchDate({ date: "2027-03-01" }), "1er mars 2027");
  assert.equal(frenchDate({ date: "2022-09-01", day_unknown: true, year_uncertain: true }), "septembre 2022 (année non confirmée)");
  assert.equal(frenchTime("9:05"), "9\u00a0h\u00a005");
});

test("a deadline is an instant of the region's time zone", () => {
  assert.equal(new Date(instantIn("2027-03-31", "12:00", "Pacific/Tahiti")).toISOString(), "2027-03-31T22:00:00.000Z");
  assert.equal(new Date(instantIn("2027-07-01", "12:00", "Europe/Paris")).toISOString(), "2027-07-01T10:00:00.000Z");
  assert.equal(new Date(instantIn("2027-01-15", null, "Europe/Paris")).toISOString(), "2027-01-15T22:59:59.000Z");
});

test("a time is said in its zone's words, a call's own zone without repeating its name", () => {
  const regions = { "polynesie-francaise": { timezone: "Pacific/Tahiti", local_time: "heure de\u00a0Tahiti" },
                    guyane: { timezone: "America/Cayenne", local_time: "heure de\u00a0Cayenne" } };
  assert.equal(localTimeOf("America/Cayenne", regions), "heure de\u00a0Cayenne");
  assert.equal(localTimeOf("Pacific/Noumea", regions), "heure locale");
});
