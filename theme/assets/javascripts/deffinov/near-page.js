/* The catalog page's "Près de" field: proposes the communes that match what the visitor types,
   keeps the one chosen, and orders what the search found by distance from it (places.js holds the
   rules). catalog-page.js loads this module only when the visitor types in the field, or when the
   address names a place: a visit that never uses it downloads none of it. */

import {
  distanceText, findPlaces, nearOrder, placeFile, placeKey, placeLabel, question, readPositionsHead, readRegion,
  regionsToRead, widerRadius,
} from "./places.js";
import { ofWhichExamples } from "./catalog.js";

const WAIT = 150;  // ms after the last key before a lookup: one file a pause, not one a letter

/** Sets up the field of `catalog`; `fetchJson(url)` reads a file once, `ask()` runs the search
    again. Gives what the search needs of the place: its arrangement of results, the address. */
export function setUpNear(catalog, { placesBase, indexBase, fetchJson, ask }) {
  const form = catalog.querySelector("form");
  const field = form.pres, radiusField = form.rayon;
  const list = catalog.querySelector("[data-deffinov-places]");
  const status = catalog.querySelector("[data-deffinov-near-status]");
  const radii = Array.from(radiusField.options, (option) => Number(option.value)).filter(Boolean).sort((a, b) => a - b);
  let chosen = null, typed = 0, positions = null, widen = null;
  const head = () => fetchJson(placesBase + "lieux.json");
  const lookup = (text) => {
    const asked = question(text);
    if (!asked) return Promise.resolve(null);
    return head().then((data) => {
      const file = placeFile(data, asked);
      if (!file) return { places: [], exact: [] };
      return fetchJson(placesBase + file).then((rows) => findPlaces(data, asked, rows));
    });
  };
  const choose = (place) => {
    chosen = place;
    field.value = placeLabel(place);
    list.hidden = true;
    list.textContent = "";
    shown = "";
    status.textContent = "Lieu choisi : " + placeLabel(place, true) +
      (place.approximate ? " (position approchée : le centre du territoire)" : "") + ".";
    return ask();
  };
  // The choices, as buttons: "Saint-Denis, Seine-Saint-Denis (93)" tells two places of one name apart.
  let shown = "";
  const propose = (found, text) => {
    if (!found) { list.hidden = true; list.textContent = ""; shown = ""; status.textContent = ""; return; }
    const names = new Map();
    for (const place of found.places) names.set(placeKey(place.name), (names.get(placeKey(place.name)) || 0) + 1);
    const labels = found.places.map((place) => placeLabel(place, names.get(placeKey(place.name)) > 1 || found.exact.length > 1));
    // The same choices stay the same buttons: one being pressed is not replaced under the pointer.
    if (labels.join("\n") !== shown || list.hidden) {
      shown = labels.join("\n");
      list.textContent = "";
      found.places.forEach((place, i) => {
        const item = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = labels[i];
        button.addEventListener("click", () => { choose(place); field.focus(); });
        item.appendChild(button);
        list.appendChild(item);
      });
    }
    list.hidden = !found.places.length;
    status.textContent = !found.places.length ? "Aucune commune ne commence par « " + text.trim() + " »."
      : found.exact.length > 1 ? found.exact.length + (/^\d/.test(text.trim()) ? " communes ont ce code postal" : " communes portent ce nom") + " : choisissez la vôtre."
        : found.places.length + (found.places.length > 1 ? " communes proposées : choisissez la vôtre." : " commune proposée.");
  };
  const typedNow = () => {
    const mine = ++typed, text = field.value;
    // A place changed or erased no longer stands: the results go back to the index's order.
    if (chosen && field.value !== placeLabel(chosen)) {
      chosen = null;
      ask();
    }
    setTimeout(() => {
      if (mine === typed) lookup(text).then((found) => { if (mine === typed) propose(found, text); });
    }, WAIT);
  };
  // Enter, or leaving the field: a name or postal code that only one place has is chosen.
  const settle = () => {
    if (chosen || !field.value.trim()) return Promise.resolve();
    const mine = ++typed, text = field.value;
    return lookup(text).then((found) => {
      if (mine !== typed || !found) return;
      if (found.exact.length === 1) return choose(found.exact[0]);
      propose(found, text);
    });
  };
  field.addEventListener("input", typedNow);
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); settle(); }
  });
  field.addEventListener("change", settle);

  const radius = () => (radiusField.value ? Number(radiusField.value) : null);
  return {
    typed: typedNow,
    get place() { return chosen; },
    /** The place the address names (pres, dep), chosen again. */
    restore(params) {
      const name = params.get("pres");
      if (!name) return Promise.resolve();
      if (params.get("rayon") !== null) radiusField.value = params.get("rayon");
      return lookup(name).then((found) => {
        const place = found && found.exact.find((p) => p.departement === params.get("dep"));
        if (place) { chosen = place; field.value = placeLabel(place); }
        else field.value = name;
      });
    },
    address(query) {
      if (!chosen) return;
      query.set("pres", chosen.name);
      query.set("dep", chosen.departement);
      query.set("rayon", radiusField.value);
    },
    /** The found resources by distance (`found`, rewritten in place as more départements are read:
        `ensure(n)` makes the first n final), the groups and the words to count them. */
    arrange(found, index) {
      // The place as asked: the visitor may change the field while the files come.
      const place = chosen, km = radius(), where = " de " + placeLabel(place);
      const page = Number(catalog.dataset.pageSize);
      const ready = positions ? Promise.resolve()
        : fetchJson(indexBase + "positions.json").then((head) => { positions = readPositionsHead(head, index.total); });
      const read = (regions) => Promise.all(regions.map((region) => fetchJson(indexBase + "positions-" + region.file + ".json")
        .then((file) => { if (!region.read) readRegion(positions, region, file); })));
      const arrangement = { found: [], groups: new Map(), km: new Map(), sure: 0, order: null, place };
      // Within the radius when some are there (every département its box reaches is read: they are
      // all known), else every one, nearest first, as far as the départements read make sure of.
      const build = () => {
        const order = nearOrder(found, positions, place, km);
        const within = km !== null && order.near.length;
        const list = within ? order.near : [...order.near, ...order.farther, ...order.unread];
        arrangement.found.splice(0, arrangement.found.length, ...list, ...order.remote, ...order.unplaced);
        Object.assign(arrangement, { km: order.km, sure: within ? list.length : order.sure, listed: list.length, order });
      };
      arrangement.ensure = (n) => {
        build();
        const next = regionsToRead(positions, place)[0];
        if (arrangement.sure >= Math.min(n, arrangement.listed) || !next) return Promise.resolve();
        return read([next]).then(() => arrangement.ensure(n));
      };
      return ready.then(() => read(km === null ? [] : regionsToRead(positions, place, km)))
        .then(() => arrangement.ensure(page)).then(() => {
          const order = arrangement.order;
          const examples = (numbers) => numbers.reduce((sum, number) => sum + index.examples[number], 0);
          if (order.remote.length) arrangement.groups.set(order.remote[0], "À distance, partout (" + order.remote.length + ")");
          if (order.unplaced.length) arrangement.groups.set(order.unplaced[0], "Lieu sans position connue (" + order.unplaced.length + ")");
          const plural = (n, word) => n + " " + word + (n > 1 ? "s" : "");
          const within = km === null ? "" : " à moins de " + km + "\u00a0km";
          const placed = arrangement.found.slice(0, arrangement.listed);
          let count;
          if (within && order.near.length) {
            count = plural(order.near.length, "ressource") + within + where + ofWhichExamples(examples(order.near)) +
              ", de la plus proche à la plus lointaine";
          } else if (!within && placed.length) {
            count = plural(placed.length, "ressource") + ofWhichExamples(examples(placed)) +
              ", de la plus proche à la plus lointaine" + where;
          } else if (order.nearest !== null) {
            count = "Aucune ressource" + within + where + ". La plus proche est " + distanceText(order.nearest) +
              " : voici les plus proches";
          } else {
            count = "Aucune ressource sur place ne correspond";
          }
          const apart = order.remote.length + order.unplaced.length;
          if (apart) {
            count += ", puis " + apart + (order.unplaced.length ? " à distance ou sans lieu précis" : " à distance, partout") +
              ofWhichExamples(examples([...order.remote, ...order.unplaced]));
          }
          arrangement.count = count + ".";
          // More beyond the radius, or nothing within it: a button widens it to reach one more (to
          // all of France when the next is in a département not read).
          const beyond = order.km.get(order.near.length ? order.farther[0] : arrangement.found[0]);
          const next = !within ? undefined : beyond === undefined ? (order.unread.length ? null : undefined)
            : widerRadius(radii, beyond);
          showWiden(next);
          return arrangement;
        });
    },
    /** A card's distance, before its line of facts; the heading of a group before its first card. */
    decorate(card, number, arrangement) {
      const km = arrangement.km.get(number);
      if (km !== undefined) {
        const meta = card.querySelector(".deffinov-card__meta");
        const line = document.createElement("p");
        line.className = "deffinov-card__distance";
        line.textContent = distanceText(km).replace(/^à/, "À") + " de " + arrangement.place.name;
        meta.parentNode.insertBefore(line, meta);
      }
      const group = arrangement.groups.get(number);
      if (!group) return null;
      const item = document.createElement("li"), heading = document.createElement("h2");
      item.className = "deffinov-catalog__group";
      heading.textContent = group;
      item.appendChild(heading);
      return item;
    },
    hideWiden() { showWiden(undefined); },
  };

  function showWiden(next) {
    if (!widen) {
      widen = document.createElement("p");
      widen.className = "deffinov-catalog__widen";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.addEventListener("click", () => {
        radiusField.value = widen.dataset.radius;
        ask();
      });
      widen.appendChild(button);
      catalog.querySelector("[data-deffinov-catalog-count]").after(widen);
    }
    widen.hidden = next === undefined;
    if (next === undefined) return;
    widen.dataset.radius = next === null ? "" : String(next);
    widen.firstChild.textContent = next === null ? "Élargir à toute la France" : "Élargir à " + next + "\u00a0km";
  }
}
