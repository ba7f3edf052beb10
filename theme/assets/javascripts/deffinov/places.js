/* The catalog's search near a place, without the page: finding the commune a visitor types in the
   files generator/outputs/places.py writes (catalogue/lieux/: lieux.json, noms-XY.json,
   cp-NNN.json), reading each resource's position (catalogue/index/positions.json) and ordering
   what a question found by distance. Loaded only when a visitor types in the "Près de" field. */

import { decodeGaps, readNumbers } from "./catalog.js";

const MARKS = /[\u0300-\u036f]/g;  // accents, once letters are decomposed
const WORD = /[a-z0-9]+/g;
const SAINTS = { saint: "st", sainte: "ste" };

/** A place name as lookups compare it, as place_key() in generator/outputs/places.py: no accent,
    case, space, hyphen or apostrophe, "Saint" and "Sainte" as "st" and "ste" ("St-Lô" is "stlo"). */
export function placeKey(text) {
  const plain = text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(MARKS, "");
  return (plain.match(WORD) || []).map((word) => (Object.hasOwn(SAINTS, word) ? SAINTS[word] : word)).join("");
}

/** What a typed text asks: a postal code (its digits, three or more) or a name's key (null when
    there is nothing to look up yet). */
export function question(text) {
  const digits = text.trim();
  if (/^\d{3,5}$/.test(digits)) return { postal: digits };
  if (/^\d{1,2}$/.test(digits)) return null;
  const key = placeKey(text);
  return key ? { key } : null;
}

/** The file a question reads ("noms-XY.json", "cp-NNN.json"), from the head (lieux.json); null
    when no place begins so. A split name file is left for the next one as long as the key goes on. */
export function placeFile(head, asked) {
  if (asked.postal) {
    const prefix = asked.postal.slice(0, 3);
    for (let i = 0; i < head.postal.length; i += 3) if (head.postal.slice(i, i + 3) === prefix) return "cp-" + prefix + ".json";
    return null;
  }
  const key = asked.key, split = new Set(head.split), names = new Set(head.names);
  let prefix = key.slice(0, 2);
  while (split.has(prefix) && key.length > prefix.length) prefix = key.slice(0, prefix.length + 1);
  return names.has(prefix) ? "noms-" + prefix + ".json" : null;
}

/** A row of a name or postal file as a place. */
export function asPlace(row, head) {
  const [name, departement, latitude, longitude, nature] = row;
  return { name, departement, departementName: head.departements[departement] || "", latitude, longitude,
    approximate: nature.includes("~"), nature: nature.replace("~", "") };
}

/** The places a question finds in its file, most populous first, at most `limit`; `exact` those
    whose whole name (or postal code) is the question. */
export function findPlaces(head, asked, file, limit = 8) {
  let rows;
  if (asked.postal) {
    rows = [];
    for (const [code, places] of Object.entries(file)) if (code.startsWith(asked.postal)) rows.push(...places);
  } else {
    rows = file.filter((row) => placeKey(row[0]).startsWith(asked.key));
  }
  const seen = new Set(), places = [];
  for (const row of rows) {
    const id = row[0] + "|" + row[1];
    if (!seen.has(id)) { seen.add(id); places.push(asPlace(row, head)); }
  }
  const exact = places.filter((place) => (asked.postal ? asked.postal.length === 5 : placeKey(place.name) === asked.key));
  // The places of exactly that name first (every Saint-Denis), then the others it begins.
  const others = places.filter((place) => !exact.includes(place));
  return { places: [...exact, ...others].slice(0, Math.max(limit, exact.length)), exact };
}

/** "Caen (14)"; with its département's name when several places share a name: "Saint-Denis,
    Seine-Saint-Denis (93)". */
export function placeLabel(place, withDepartement = false) {
  return place.name + (withDepartement && place.departementName ? ", " + place.departementName : "") + " (" + place.departement + ")";
}

/** Kilometres between two points on the Earth (haversine). */
export function distanceKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const REMOTE = 0, UNPLACED = 1, PLACED = 2;  // what a resource's position is, in `kind`

/** positions.json, the head: which resources are used at a distance (REMOTE), have no known
    position (UNPLACED) or have one (PLACED), in `kind`; the box of each file of positions
    (degrees: south, west, north, east), one a département. The positions come with each file
    (`readRegion`): `of` each resource's point (-1 until read), `latitude` and `longitude` each
    point's. */
export function readPositionsHead(head, total) {
  const kind = new Uint8Array(total).fill(PLACED);
  for (const number of decodeGaps(head.remote)) kind[number] = REMOTE;
  for (const number of decodeGaps(head.unplaced)) kind[number] = UNPLACED;
  const regions = head.files.map((box, file) => ({ file, box: box.map((value) => value / 100), read: false }));
  return { kind, regions, of: new Int32Array(total).fill(-1), latitude: [], longitude: [] };
}

/** Adds a file of positions (positions-N.json: runs of resources, each its first resource, count,
    width and positions as differences in hundredths; then each resource's number in its run). */
export function readRegion(positions, region, file) {
  let offset = 0;
  for (const [resource, count, width, points] of file.runs) {
    const first = positions.latitude.length;
    let lat = 0, lon = 0;
    for (let i = 0; i < points.length; i += 2) {
      lat += points[i];
      lon += points[i + 1];
      positions.latitude.push(lat / 100);
      positions.longitude.push(lon / 100);
    }
    const numbers = readNumbers(file.rows.slice(offset, offset + count * width), width, count);
    for (let i = 0; i < count; i++) positions.of[resource + i] = first + numbers[i];
    offset += count * width;
  }
  region.read = true;
}

/** Kilometres from a place to the nearest point of a box, a little less (never more) than true. */
export function boxKm(place, box) {
  const [south, west, north, east] = box;
  const lat = Math.min(Math.max(place.latitude, south), north), lon = Math.min(Math.max(place.longitude, west), east);
  return Math.max(0, distanceKm(place.latitude, place.longitude, lat, lon) * 0.98 - 2);
}

/** The files of positions not read yet whose box comes within `radius` km of the place (all of
    them when radius is null), nearest first. */
export function regionsToRead(positions, place, radius = null) {
  return positions.regions.filter((region) => !region.read)
    .map((region) => ({ region, km: boxKm(place, region.box) }))
    .filter((item) => radius === null || item.km <= radius)
    .sort((a, b) => a.km - b.km).map((item) => item.region);
}

/** What was found, near a place, from the regions read: `near` the resources with a position
    within `radius` km (every one read when radius is null), nearest first (ties in the index's
    order); `farther` those read beyond it; `unread` those whose region is not read yet (index
    order); `sure` how many of near then farther no unread region can come before; `nearest` the
    distance of the nearest read; `remote` those used at a distance and `unplaced` those whose
    place has no known position, in the index's order; `km` each one's distance, by number. */
export function nearOrder(found, positions, place, radius) {
  const km = new Map(), read = [], unread = [], remote = [], unplaced = [], byPoint = new Map();
  for (const number of found) {
    const kind = positions.kind[number];
    if (kind === REMOTE) { remote.push(number); continue; }
    if (kind === UNPLACED) { unplaced.push(number); continue; }
    const point = positions.of[number];
    if (point < 0) { unread.push(number); continue; }
    if (!byPoint.has(point)) byPoint.set(point, distanceKm(place.latitude, place.longitude, positions.latitude[point], positions.longitude[point]));
    km.set(number, byPoint.get(point));
    read.push(number);
  }
  read.sort((a, b) => km.get(a) - km.get(b) || a - b);
  const near = radius === null ? read : read.filter((number) => km.get(number) <= radius);
  const next = regionsToRead(positions, place)[0];
  const bound = next ? boxKm(place, next.box) : Infinity;
  let sure = 0;
  while (sure < read.length && km.get(read[sure]) <= bound) sure += 1;
  return { near, farther: read.slice(near.length), unread, sure: unread.length ? sure : read.length,
    nearest: read.length ? km.get(read[0]) : null, remote, unplaced, km };
}

/** "à 12 km", "à moins de 2 km": a distance as a card says it, in whole kilometres (positions are
    kept to about a kilometre). */
export function distanceText(km) {
  return km < 2 ? "à moins de 2\u00a0km" : "à " + Math.round(km) + "\u00a0km";
}

/** The smallest radius of `radii` (ascending km) that reaches `km`; null (all France) if none. */
export function widerRadius(radii, km) {
  for (const radius of radii) if (radius >= km) return radius;
  return null;
}
