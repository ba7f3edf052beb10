// Word folding under Node: tests/folding_cases.json, which Python's tests run against fold() in
// generator/outputs/catalog_index.py.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { fold } from "../../theme/assets/javascripts/deffinov/folding.js";
import { table } from "./cases.mjs";

const { stopwords, cases } = table("folding_cases.json");

describe("folding_cases.json", () => {
  for (const item of cases) {
    test(item.name, () => assert.deepEqual(fold(item.text, new Set(stopwords)), item.words));
  }
});

test("without stopwords, every word of two letters or more stays", () => {
  assert.deepEqual(fold("le module de la formation"), ["le", "module", "de", "la", "formation"]);
});
