// The catalog's search under Node: the index files as generator/outputs/catalog_index.py writes
// them (tests/js/from_python.json), narrowing with counts, and the result card filled from the
// template the catalog page carries, compared with the card the lists render.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  allOf, cardRecords, decodeGaps, fillCard, foundCount, narrow, ofWhichExamples, readFacets, readRows, wordFile, wordHits,
} from "../../theme/assets/javascripts/deffinov/catalog.js";
import { fromPython } from "./cases.mjs";
import { parse } from "./tiny-dom.mjs";

const files = fromPython.catalog;
const index = readFacets(files.facettes);
for (const [name, file] of Object.entries(files.facette)) readRows(index, name, file);
const type = (name) => index.facets.type.values.indexOf(name);
const region = (name) => index.facets.region.values.indexOf(name);

test("numbers written as gaps in base 36", () => {
  assert.deepEqual(decodeGaps("0,3,a"), [0, 3, 13]);
  assert.deepEqual(decodeGaps("z,10"), [35, 71]);
  assert.deepEqual(decodeGaps(""), []);
});

test("a facet's file read: each resource's values, in one or two characters", () => {
  const fresh = readFacets(files.facettes);
  assert.equal(fresh.facets.type.rows, null);  // not read until its file is
  readRows(fresh, "type", files.facette.type);
  assert.deepEqual(fresh.facets.type.rows, index.facets.type.rows);
  // Past 64 sets of values, two characters a resource: "10" is set 64.
  const wide = { total: 2, facets: { f: { values: [], sets: Array.from({ length: 65 }, (_, i) => [i]) } } };
  assert.deepEqual(readRows(wide, "f", { width: 2, rows: "1000" }).rows, [[64], [0]]);
});

test("a facet not read is neither counted nor needed by the others' counts", () => {
  const partial = readFacets(files.facettes);
  readRows(partial, "type", files.facette.type);
  const answer = narrow(partial, null, { type: new Set([type("équipement")]) });
  assert.deepEqual(answer.found, [0, 1]);
  assert.equal(answer.counts.region, undefined);
  assert.equal(answer.counts.type[type("espace")], 2);
});

test("facettes.json read: values of each resource, examples, stopwords", () => {
  assert.equal(index.total, 5);
  assert.deepEqual(index.facets.type.rows.map((row) => row.map((n) => index.facets.type.values[n])),
    [["équipement"], ["équipement"], ["espace"], ["logiciel"], ["espace"]]);
  assert.deepEqual(index.facets.public.rows[2], []);
  assert.deepEqual([...index.examples], [1, 0, 0, 1, 0]);
  assert.equal(index.stopwords.has("les"), true);
  assert.equal(index.stopwords.has("constructor"), false);
});

test("nothing asked: everything found, every value counted", () => {
  const answer = narrow(index, null, {});
  assert.deepEqual(answer.found, [0, 1, 2, 3, 4]);
  assert.equal(answer.foundExamples, 2);
  assert.equal(answer.counts.type[type("espace")], 2);
  assert.equal(answer.examples.type[type("logiciel")], 1);
});

test("one facet: its own counts ignore it, the others' follow it", () => {
  const answer = narrow(index, null, { type: new Set([type("équipement")]) });
  assert.deepEqual(answer.found, [0, 1]);
  assert.equal(answer.foundExamples, 1);
  // What ticking one more type would give: all types stay counted.
  assert.equal(answer.counts.type[type("espace")], 2);
  assert.equal(answer.counts.region[region("Bretagne")], 1);
  assert.equal(answer.counts.region[region("Guyane")], 1);
});

test("within a facet any value, across facets all", () => {
  const picks = { type: new Set([type("équipement"), type("espace")]), region: new Set([region("Guyane")]) };
  const answer = narrow(index, null, picks);
  assert.deepEqual(answer.found, [1, 4]);
  assert.equal(answer.counts.type[type("logiciel")], undefined);  // Guyane has none
  assert.equal(answer.counts.region[region("Bretagne")], 2);  // équipement or espace in Bretagne
});

test("a word reads the file of its first letters, or of more where that file is split", () => {
  assert.deepEqual(wordFile(index, "bo"), { prefix: "bo", all: false });
  assert.deepEqual(wordFile(index, "boi"), { prefix: "bo", all: false });
  assert.deepEqual(wordFile(index, "ca"), { prefix: "ca", all: true });
  assert.deepEqual(wordFile(index, "casq"), { prefix: "cas", all: false });
  assert.equal(wordFile(index, "cb"), null);  // no word begins so: no file to ask for
  assert.equal(wordFile(index, "zz"), null);
  // "ca" is every resource with a word in "ca…", "cas" those of "casque" only.
  assert.deepEqual([...wordHits(files.mots.ca, "ca", 5, true)], [1, 1, 1, 1, 1]);
  assert.deepEqual([...wordHits(files.mots.cas, "cas", 5)], [1, 0, 0, 1, 0]);
  assert.deepEqual([...wordHits(files.mots.bo, "boa", 5)], [0, 0, 0, 0, 0]);
});

test("words narrow before facets", () => {
  const group = { casque: "0,3", castor: "4", cave: "1" };
  const words = [wordHits(group, "cas", 5), wordHits(group, "casq", 5)];
  assert.deepEqual([...words[0]], [1, 0, 0, 1, 1]);
  const text = allOf(words, 5);
  assert.deepEqual(narrow(index, text, {}).found, [0, 3]);
  assert.deepEqual(narrow(index, text, { region: new Set([region("Guyane")]) }).found, []);
});

test("counts said as the page says them", () => {
  assert.equal(ofWhichExamples(0), "");
  assert.equal(ofWhichExamples(2), ", dont 2\u00a0exemples");
  assert.equal(foundCount(1, 1), "1 ressource correspond, dont 1\u00a0exemple.");
  assert.equal(foundCount(0, 0), "0 ressource correspond.");
  assert.equal(foundCount(12, 0), "12 ressources correspondent.");
});

// The card the script shows is the card the lists render, but for the provider: the index's
// cards carry no provider address, so the script names it without a link.
function withoutProviderLink(markup) {
  return markup.replace(/Proposé par <a href="[^"]*">([^<]*)<\/a>/, "Proposé par <span>$1</span>");
}

for (const [name, example, asked] of [["plain", 0, true], ["example", 1, true], ["unasked", 0, false]]) {
  test(`the filled card template is the card the lists render (${name})`, () => {
    const [record] = cardRecords(files.fiches);
    const ask = asked ? {} : { ask_url: "", ask_text: "" };
    const card = fillCard(parse(files.card_template), { ...record, example, ...ask }, files.base);
    assert.equal(card.innerMarkup, withoutProviderLink(parse(files.card_listed[name]).innerMarkup));
  });
}

test("an address the card keeps as written is one the model accepts, never a script", () => {
  const [record] = cardRecords(files.fiches);
  const card = fillCard(parse(files.card_template), { ...record, ask_url: "javascript:alert(1)" }, files.base);
  assert.equal(card.innerMarkup.includes("javascript:"), false);
});

test("a card file's rows read by field name", () => {
  assert.deepEqual(cardRecords({ fields: ["title", "url"], cards: [["A", "a/"], ["B", "b/"]] }),
    [{ title: "A", url: "a/" }, { title: "B", url: "b/" }]);
});
