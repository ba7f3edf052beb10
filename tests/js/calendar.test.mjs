// The next deadline and the days left under Node: tests/deadline_cases.json, which Python's tests
// run against generator/presentation/schedule.py.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { countdown, dayIn, frenchDay, lastDeadline, nextDeadline } from "../../theme/assets/javascripts/deffinov/calendar.js";
import { rule, table } from "./cases.mjs";

const { cases } = table("deadline_cases.json");
const atOf = (item) => (item === null ? null : item.at);
const instant = (text) => (text === null ? null : Date.parse(text));

describe("deadline_cases.json", () => {
  for (const item of cases) {
    test(item.name, () => {
      const now = Date.parse(item.now);
      const deadlines = item.deadlines.map((text) => ({ at: Date.parse(text) }));
      const next = nextDeadline(deadlines, now);
      assert.equal(atOf(next), instant(item.next));
      assert.equal(atOf(lastDeadline(deadlines)), instant(item.last));
      assert.equal(next && countdown(next.at, now, item.timezone, rule.words), item.countdown);
    });
  }
});

test("an unknown time zone counts the days in the reader's", () => {
  const at = Date.parse("2025-03-14T12:00:00Z");
  assert.equal(dayIn(at, "Nulle/Part"), dayIn(at, undefined));
});

test("the reader's day, written as french.py writes it", () => {
  assert.equal(frenchDay(Date.parse("2025-03-01T12:00:00Z"), "Europe/Paris"), "1er mars 2025");
  assert.equal(frenchDay(Date.parse("2025-03-14T23:30:00Z"), "Europe/Paris"), "15 mars 2025");
  assert.equal(frenchDay(Date.parse("2025-03-14T23:30:00Z"), "America/Cayenne"), "14 mars 2025");
});
