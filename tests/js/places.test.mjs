// The search near a place under Node: the folding of place names (tests/place_cases.json, which
// Python's place_key runs too), lookups in the real files generator/outputs/places.py writes
// (a part of them in tests/js/from_python.json), and the order by distance.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  PLACED, REMOTE, boxKm, distanceKm, distanceText, findPlaces, nearOrder, placeFile, placeKey, placeLabel, question,
  readPositionsHead, readRegion, regionsToRead, widerRadius,
} from "../../theme/assets/javascripts/deffinov/places.js";
import { fromPython, table } from "./cases.mjs";

const cases = table("place_cases.json");
const { head, files, positions } = fromPython.places;

for (const item of cases.keys) {
  test("place key: " + item.name, () => assert.equal(placeKey(item.text), item.key));
}

// As the field shows the choices: with the département's name when several share a name.
const lookup = (typed) => {
  const asked = question(typed), file = placeFile(head, asked);
  assert.ok(file in files, file + " is not among the files from Python");
  const found = findPlaces(head, asked, files[file]);
  const shared = new Set(found.places.filter((p, i, all) => all.some((q, j) => j !== i && placeKey(q.name) === placeKey(p.name))).map((p) => p.name));
  const label = (place) => placeLabel(place, shared.has(place.name));
  return { first: found.places.length ? label(found.places[0]) : null, exact: found.exact.map(label), found };
};

for (const item of cases.lookups) {
  test("lookup: " + item.name, () => {
    const answer = lookup(item.typed);
    if (item.first) assert.equal(answer.first, item.first);
    if (item.exact) assert.deepEqual(answer.exact, item.exact);
  });
}

test("the places of exactly the name typed come first, every one of them", () => {
  const { found } = lookup("saint denis");
  assert.deepEqual(found.places.slice(0, 4).map((p) => p.departement), ["974", "93", "11", "30"]);
  assert.ok(found.places.length > 4);  // then the names it begins: Saint-Denis-en-Val…
});

test("nothing to look up before three digits, nor where no file begins so", () => {
  assert.deepEqual(question("c"), { key: "c" });  // one letter: the files of two letters hold it ("Y")
  assert.equal(question("14"), null);
  assert.deepEqual(question("140"), { postal: "140" });
  assert.equal(question(" - "), null);
  assert.equal(placeFile(head, { key: "qqqq" }), null);
  assert.equal(placeFile(head, { postal: "000" }), null);
});

test("a split name file is left for the next one as the name goes on", () => {
  assert.ok(head.split.includes("st"));
  assert.equal(placeFile(head, { key: "st" }), "noms-st.json");
  assert.notEqual(placeFile(head, { key: "stlo" }), "noms-st.json");
});

test("overseas collectivities are placed at their territory, and say so", () => {
  const { found } = lookup("noumea");
  assert.equal(found.places[0].approximate, true);
  assert.equal(lookup("caen").found.places[0].approximate, false);
});

test("distances on the Earth", () => {
  assert.equal(distanceKm(49.18, -0.37, 49.18, -0.37), 0);
  // Caen to Rennes: about 150 km as the crow flies.
  const km = distanceKm(49.18, -0.37, 48.11, -1.68);
  assert.ok(km > 145 && km < 155, String(km));
  assert.equal(distanceText(0.4), "à moins de 2\u00a0km");
  assert.equal(distanceText(12.4), "à 12\u00a0km");
});

// TINY_POSITIONS of tests/test_script_cases.py: 0 in Rennes, 1 and 2 in Caen, 3 in Bayeux, 4 remote.
const positionsOf = (regions = [0, 1]) => {
  const read = readPositionsHead(positions.head, 5);
  for (const n of regions) readRegion(read, read.regions[n], positions.regions[n]);
  return read;
};
const caen = { latitude: 49.18, longitude: -0.37 }, rennes = { latitude: 48.11, longitude: -1.68 };

test("positions read from the index: the head says remote, each département's file its points", () => {
  const read = positionsOf([]);
  assert.deepEqual(Array.from(read.kind), [PLACED, PLACED, PLACED, PLACED, REMOTE]);
  assert.deepEqual(read.regions.map((region) => region.box), [[48.11, -1.68, 48.11, -1.68], [49.18, -0.7, 49.28, -0.37]]);
  assert.equal(read.of[1], -1);  // not read yet
  readRegion(read, read.regions[1], positions.regions[1]);
  assert.equal(read.latitude[read.of[1]], 49.18);
  assert.equal(read.of[1], read.of[2]);  // one place, one point
  assert.equal(read.longitude[read.of[3]], -0.7);
});

test("nearest first, remote apart, within the radius; the nearest said when none is within", () => {
  const all = nearOrder([0, 1, 2, 3, 4], positionsOf(), caen, null);
  assert.deepEqual(all.near, [1, 2, 3, 0]);  // Caen twice (index order), Bayeux, Rennes
  assert.deepEqual(all.remote, [4]);
  assert.equal(all.sure, 4);
  assert.equal(Math.round(all.km.get(0)), Math.round(distanceKm(49.18, -0.37, 48.11, -1.68)));
  const within = nearOrder([0, 1, 2, 3, 4], positionsOf(), caen, 50);
  assert.deepEqual(within.near, [1, 2, 3]);
  assert.deepEqual(within.farther, [0]);
  // Asked near Rennes for what is only in Caen and Bayeux: none within 10 km, Bayeux at ~150 km.
  const none = nearOrder([1, 2, 3], positionsOf(), rennes, 10);
  assert.deepEqual(none.near, []);
  assert.deepEqual(none.farther, [3, 1, 2]);
  assert.ok(none.nearest > 140 && none.nearest < 160);
  assert.equal(widerRadius([10, 25, 50, 100], none.nearest), null);  // all of France
  assert.equal(widerRadius([10, 25, 50, 100], 63), 100);
});

test("only the regions a radius reaches are read, and the order is sure only as far as they allow", () => {
  const read = positionsOf([]);
  // Around Caen, 50 km: Calvados' box only; Rennes is some 150 km away.
  assert.deepEqual(regionsToRead(read, caen, 50).map((region) => region.file), [1]);
  assert.deepEqual(regionsToRead(read, caen).map((region) => region.file), [1, 0]);  // nearest box first
  readRegion(read, read.regions[1], positions.regions[1]);
  const partial = nearOrder([0, 1, 2, 3, 4], read, caen, null);
  assert.deepEqual(partial.unread, [0]);
  assert.equal(partial.sure, 3);  // Rennes' box is farther than Bayeux
  // From Rennes, nothing of Normandie is sure before Bretagne, nearer, is read.
  assert.equal(nearOrder([0, 1, 2, 3], read, rennes, null).sure, 0);
  assert.ok(boxKm(caen, read.regions[1].box) === 0);
});

test("a resource whose place has no known position is apart", () => {
  const read = readPositionsHead({ files: [], remote: "", unplaced: "0" }, 1);
  assert.deepEqual(nearOrder([0], read, caen, 50).unplaced, [0]);
});
