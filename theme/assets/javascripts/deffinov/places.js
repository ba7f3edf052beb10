/* The catalog's search near a place, without the page: finding the commune a visitor types in the
   files generator/outputs/places.py writes (catalogue/lieux/: lieux.json, noms-XY.json,
   cp-NNN.json), reading each resource's position (catalogue/index/positions.json) and ordering
   what a question found by distance. Loaded only when a visitor types in the "Près de" field. */

import { readNumbers } from "./catalog.js";

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

export const REMOTE = 0, UNPLACED = 1;  // as in catalog_index.py

/** positions.json as numbers: each resource's position number (REMOTE, UNPLACED, else 2 and on,
    numbered across all runs) and each position's latitude and longitude (positions_file in
    catalog_index.py: runs of one département, their positions as differences, in hundredths). */
export function readPositions(file, total) {
  const of = new Uint32Array(total), latitude = [0, 0], longitude = [0, 0];
  let resource = 0, offset = 0;
  for (const [count, width, points] of file.runs) {
    const first = latitude.length;
    let lat = 0, lon = 0;
    for (let i = 0; i < points.length; i += 2) {
      lat += points[i];
      lon += points[i + 1];
      latitude.push(lat / 100);
      longitude.push(lon / 100);
    }
    const numbers = readNumbers(file.rows.slice(offset, offset + count * width), width, count);
    for (let i = 0; i < count; i++) of[resource + i] = numbers[i] < 2 ? numbers[i] : first + numbers[i] - 2;
    resource += count;
    offset += count * width;
  }
  return { of, latitude, longitude };
}

/** What was found, near a place: `near` the resources with a position within `radius` km (all
    of them when radius is null), nearest first (ties in the index's order); `beyond` how many have
    a position farther; `nearest` the distance of the nearest of all; `remote` those used at a
    distance, `unplaced` those whose place has no known position, both in the index's order;
    `km` each one's distance, by number. */
export function nearOrder(found, positions, place, radius) {
  const km = new Map(), placed = [], remote = [], unplaced = [];
  const byPosition = new Map();
  for (const number of found) {
    const position = positions.of[number];
    if (position === REMOTE) { remote.push(number); continue; }
    if (position === UNPLACED) { unplaced.push(number); continue; }
    if (!byPosition.has(position)) {
      byPosition.set(position, distanceKm(place.latitude, place.longitude, positions.latitude[position], positions.longitude[position]));
    }
    km.set(number, byPosition.get(position));
    placed.push(number);
  }
  placed.sort((a, b) => km.get(a) - km.get(b) || a - b);
  const near = radius === null ? placed : placed.filter((number) => km.get(number) <= radius);
  return { near, beyond: placed.length - near.length, nearest: placed.length ? km.get(placed[0]) : null,
    farther: placed.slice(near.length), remote, unplaced, km };
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
