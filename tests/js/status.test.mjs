// The status rule under Node: every case of tests/status_cases.yml, with the dates and the rule
// the page carries, as Python's tests run them against generator/presentation/schedule.py.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { countdown, nextDeadline } from "../../theme/assets/javascripts/deffinov/calendar.js";
import { datesOf, statusOf } from "../../theme/assets/javascripts/deffinov/status.js";
import { fromPython, rule } from "./cases.mjs";

describe("status_cases.yml", () => {
  for (const item of fromPython.status_cases) {
    test(item.name, () => {
      const now = Date.parse(item.now);
      const dates = datesOf(item.badge);
      assert.equal(statusOf(dates, rule, now), item.expected);
      if (item.countdown !== undefined) {
        const next = nextDeadline(dates.deadlines.map((at) => ({ at })), now);
        assert.equal(countdown(next.at, now, item.timezone, rule.words), item.countdown);
      }
    });
  }
});

test("every status has a case and a label", () => {
  const expected = new Set(fromPython.status_cases.map((item) => item.expected));
  assert.deepEqual([...expected].sort(), Object.keys(rule.labels).sort());
});

test("a badge's data attributes, read as the page gives them", () => {
  assert.deepEqual(datesOf({ state: "active", opens: "", deadlines: "2025-03-14T12:00:00+01:00 2025-06-13T23:59:59+02:00" }), {
    state: "active", opens: null, deadlines: [Date.parse("2025-03-14T11:00:00Z"), Date.parse("2025-06-13T21:59:59Z")], openEnded: false,
  });
  assert.equal(datesOf({ state: "active", deadlines: "", openEnded: "" }).openEnded, true);
});
