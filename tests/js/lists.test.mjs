// The order of lists under Node: tests/order_cases.json, which Python's tests run against
// CallView.sort_key in generator/presentation/views.py; and the filters of the calls list.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { isOpen, ordered, shown, shownCount } from "../../theme/assets/javascripts/deffinov/lists.js";
import { rule, table } from "./cases.mjs";

const { cases } = table("order_cases.json");

describe("order_cases.json", () => {
  for (const item of cases) {
    test(item.name, () => {
      const calls = item.calls.map((call) => ({ ...call, deadlines: call.deadlines.map(Date.parse) }));
      assert.deepEqual(ordered(calls, rule, Date.parse(item.now)).map((call) => call.title), item.expected);
    });
  }
});

test("the filter 'ouvert' shows the calls closing soon, 'clos' those closed without a known end", () => {
  const call = (status, regions = ["bretagne"]) => ({ status, regions });
  assert.equal(shown(call("closing_soon"), { region: "", status: "open" }, rule), true);
  assert.equal(shown(call("upcoming"), { region: "", status: "open" }, rule), false);
  assert.equal(shown(call("closed_undated"), { region: "", status: "closed" }, rule), true);
  assert.equal(shown(call("upcoming"), { region: "", status: "upcoming" }, rule), true);
  assert.equal(shown(call("open", ["bretagne", "normandie"]), { region: "normandie", status: "" }, rule), true);
  assert.equal(shown(call("open"), { region: "guyane", status: "" }, rule), false);
  assert.equal(shown(call("open"), { region: "", status: "" }, rule), true);
});

test("a status read from the address that names an object property is a status like any other", () => {
  assert.equal(shown({ status: "open", regions: [] }, { region: "", status: "constructor" }, rule), false);
});

test("the home page's first section holds the open calls and those closing soon", () => {
  assert.deepEqual(Object.keys(rule.labels).filter((status) => isOpen(status, rule)), ["open", "closing_soon"]);
});

test("the count of the calls shown", () => {
  assert.equal(shownCount(1, 12), "1 appel affiché sur 12.");
  assert.equal(shownCount(0, 12), "0 appel affiché sur 12.");
  assert.equal(shownCount(3, 12), "3 appels affichés sur 12.");
});
