/* The catalog page: full-text search and facets with counts, from the catalog's own index
   (catalog.js reads it), each narrowed view kept in the address. Without this script the page
   keeps its lists. */

import {
  allOf, cardRecords, fillCard, foundCount, narrow, ofWhichExamples, readFacets, readRows, wordFile, wordHits,
} from "./catalog.js";
import { fold } from "./folding.js";

export function setUpCatalog() {
  const catalog = document.querySelector("[data-deffinov-catalog]");
  if (!catalog) return;
  const form = catalog.querySelector("form");
  const results = catalog.querySelector("[data-deffinov-catalog-results]");
  const counter = catalog.querySelector("[data-deffinov-catalog-count]");
  const more = catalog.querySelector("[data-deffinov-catalog-more]");
  // One card, rendered by the page's template (resource_slots in theme/deffinov/_catalog.html).
  const cardTemplate = catalog.querySelector("template[data-deffinov-card]");
  const indexBase = new URL(catalog.dataset.base + "catalogue/index/", document.baseURI).href;
  const siteBase = new URL(catalog.dataset.base, document.baseURI).href;
  const facetBoxes = Array.from(catalog.querySelectorAll("[data-facet]"));
  const PAGE = Number(catalog.dataset.pageSize);  // results shown at once (RESULTS_SHOWN)
  // Before any question the page shows the first results of the index's order, as built: they
  // stand again when nothing is asked, and "more" goes on in that order.
  const built = {
    results: Array.from(results.children), count: counter.textContent, moreHidden: more.parentNode.hidden,
    counts: new Map(Array.from(catalog.querySelectorAll("[data-count]"), (count) => [count, count.textContent])),
  };
  let index = null, found = [], shownCount = 0, run = 0, lastText = null, arranged = null;
  // "Près de": near-page.js, loaded when the visitor types a place or the address names one.
  let near = null;
  const nearReady = () => near || (near = import("./near-page.js").then((module) => module.setUpNear(catalog, {
    placesBase: new URL(catalog.dataset.base + "catalogue/lieux/", document.baseURI).href, indexBase, fetchJson, ask,
  })));
  const placed = () => near && near.then ? null : near;  // the module once loaded, else null
  const files = {};
  const fetchJson = (name) => {
    files[name] = files[name] || fetch(new URL(name, indexBase)).then((response) => {
      if (!response.ok) throw new Error(name + " : " + response.status);
      return response.json();
    });
    return files[name];
  };
  const load = () => fetchJson("facettes.json").then((data) => {
    index = index || readFacets(data);
    return index;
  });
  // Resources whose words begin with every word of the query (null: no words, no narrowing).
  const textMatches = (query) => {
    const words = fold(query, index.stopwords);
    if (!words.length) return Promise.resolve(null);
    return Promise.all(words.map((word) => {
      const file = wordFile(index, word);
      if (!file) return new Uint8Array(index.total);  // no indexed word begins so
      return fetchJson("mots-" + file.prefix + ".json").then((group) => wordHits(group, word, index.total, file.all));
    })).then((lists) => allOf(lists, index.total));
  };
  // The facets whose values are counted (open) or filter (ticked): only their files are read.
  const facetsInUse = () => facetBoxes
    .filter((box) => box.open || box.querySelector("input:checked"))
    .map((box) => box.dataset.facet);
  const loadRows = (names) => Promise.all(names.filter((name) => !index.facets[name].rows)
    .map((name) => fetchJson("facette-" + name + ".json").then((file) => readRows(index, name, file))));
  const showCounts = (answer) => {
    for (const box of facetBoxes) {
      const name = box.dataset.facet, facet = index.facets[name];
      box.querySelectorAll("label").forEach((label) => {
        const number = facet.values.indexOf(label.querySelector("input").value);
        // A folded facet's counts are made when it opens: until then none, rather than stale ones.
        label.querySelector("[data-count]").textContent = facet.rows ? "(" + (answer.counts[name][number] || 0) +
          ofWhichExamples(answer.examples[name][number] || 0) + ")" : "";
      });
    }
  };
  // Each facet's ticked values, as numbers of the index's values.
  const chosen = () => {
    const picks = {};
    catalog.querySelectorAll("[data-facet]").forEach((set) => {
      const values = index.facets[set.dataset.facet].values;
      const wanted = new Set(Array.from(set.querySelectorAll("input:checked"), (box) => values.indexOf(box.value)));
      if (wanted.size) picks[set.dataset.facet] = wanted;
    });
    return picks;
  };
  const keepInAddress = () => {
    const query = new URLSearchParams();
    if (form.q.value.trim()) query.set("q", form.q.value.trim());
    if (placed()) placed().address(query);
    catalog.querySelectorAll("input[type=checkbox]:checked").forEach((box) => query.append(box.name, box.value));
    const text = query.toString();
    window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
  };
  // Near a place, the order is made sure of as far as is shown (near-page.js reads on).
  const showMore = (mine = run) => (arranged ? arranged.ensure(shownCount + PAGE) : Promise.resolve()).then(() => {
    if (mine !== run) return;
    const next = found.slice(shownCount, shownCount + PAGE);
    shownCount += next.length;
    more.parentNode.hidden = shownCount >= found.length;
    const shards = {};
    for (const number of next) shards[Math.floor(number / index.shard)] = null;
    return Promise.all(Object.keys(shards).map((shard) => fetchJson("fiches-" + shard + ".json")
      .then((file) => { shards[shard] = cardRecords(file); })))
      .then(() => {
        if (mine !== run) return;  // a newer question has replaced these results
        for (const number of next) {
          const record = shards[Math.floor(number / index.shard)][number % index.shard];
          const card = fillCard(cardTemplate.content.cloneNode(true), record, siteBase);
          const group = arranged && placed().decorate(card, number, arranged);
          if (group) results.appendChild(group);
          results.appendChild(card);
        }
      });
  });
  const refresh = () => {
    const mine = ++run;
    return Promise.all([textMatches(form.q.value), loadRows(facetsInUse())]).then(([text]) => {
      if (mine !== run) return;
      const answer = narrow(index, text, chosen());
      lastText = text;
      const near = placed();
      if (near) near.hideWiden();
      return (near && near.place ? near.arrange(answer.found, index) : Promise.resolve(null)).then((arrangement) => {
        if (mine !== run) return;
        arranged = arrangement;
        found = arrangement ? arrangement.found : answer.found;
        shownCount = 0;
        results.textContent = "";
        counter.textContent = arrangement ? arrangement.count : foundCount(found.length, answer.foundExamples);
        clear.parentNode.hidden = false;
        see.textContent = found.length > 1 ? "Voir les " + found.length + " ressources" : found.length ? "Voir la ressource" : "Fermer les filtres";
        showCounts(answer);
        keepInAddress();
        return showMore();
      });
    });
  };
  // On a phone the facets fold behind a button (the CSS shows them on wider screens); at their
  // foot, a button closes them and goes to the results.
  const toggle = catalog.querySelector("[data-deffinov-catalog-toggle]");
  toggle.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
  const see = catalog.querySelector("[data-deffinov-catalog-see]");
  see.addEventListener("click", () => {
    toggle.setAttribute("aria-expanded", "false");
    counter.focus();
  });
  const clear = catalog.querySelector("[data-deffinov-catalog-clear]");
  clear.addEventListener("click", () => {
    form.q.value = "";
    form.pres.value = "";
    if (placed()) placed().typed();
    catalog.querySelectorAll("input[type=checkbox]:checked").forEach((box) => { box.checked = false; });
    ask();
    form.q.focus();
  });
  const fromAddress = new URLSearchParams(window.location.search);
  form.q.value = fromAddress.get("q") || "";
  catalog.querySelectorAll("input[type=checkbox]").forEach((box) => {
    box.checked = fromAddress.getAll(box.name).includes(box.value);
  });
  // A value ticked in the address shows ticked, in an open facet.
  facetBoxes.forEach((box) => { if (box.querySelector("input:checked")) box.open = true; });
  // The index loads on the first question only: a visit that only browses downloads the page,
  // and the page's own counts and lists stand until the reader asks.
  const asked = () => form.q.value.trim() || catalog.querySelector("input[type=checkbox]:checked") ||
    (placed() && placed().place);
  const ask = () => {
    if (!asked()) {
      run += 1;
      found = null;
      arranged = null;
      if (placed()) placed().hideWiden();
      results.replaceChildren(...built.results);
      counter.textContent = built.count;
      more.parentNode.hidden = built.moreHidden;
      built.counts.forEach((text, count) => { count.textContent = text; });
      clear.parentNode.hidden = true;
      see.textContent = "Voir les ressources";
      keepInAddress();
      return Promise.resolve();
    }
    return load().then(refresh);
  };
  // A folded facet opened while a question stands: its counts follow it once its file is read.
  const recount = () => {
    if (!index || !asked()) return;
    const mine = run;
    loadRows(facetsInUse()).then(() => { if (mine === run) showCounts(narrow(index, lastText, chosen())); });
  };
  facetBoxes.forEach((box) => box.addEventListener("toggle", () => { if (box.open) recount(); }));
  delete catalog.dataset.pending;
  // The text field answers as one types; its "change" on leaving would only redo the same search
  // and replace the results under the pointer.
  form.addEventListener("change", (event) => { if (event.target.name !== "q" && event.target.name !== "pres") ask(); });
  form.addEventListener("input", (event) => {
    if (event.target.name === "q") ask();
    // The first letter typed loads the place module, which then follows the field itself.
    if (event.target.name === "pres" && !near) nearReady().then((module) => { near = module; module.typed(); });
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); ask(); });
  more.addEventListener("click", () => {
    if (found) return showMore();
    // Nothing asked: the next resources in the index's order, after those the page was built with.
    return load().then(() => {
      found = Array.from({ length: index.total }, (_, number) => number);
      shownCount = built.results.length;
      return showMore();
    });
  });
  if (fromAddress.get("pres")) {
    nearReady().then((module) => { near = module; return module.restore(fromAddress); }).then(ask);
  } else ask();
}
