/* The catalog's search, without the page: reading the index files that
   generator/outputs/catalog_index.py writes (facettes.json, facette-NAME.json, mots-XY.json,
   fiches-N.json), narrowing by words and facets with the count of every value, and filling a
   result card. Within a facet any value may match; across facets all must. */

/** Ascending numbers written as gaps in base 36 ("0,3,a": 0, 3, 13), as `_encode` writes them. */
export function decodeGaps(text) {
  const numbers = [];
  let number = 0;
  for (const gap of (text || "").split(",")) {
    if (gap) {
      number += parseInt(gap, 36);
      numbers.push(number);
    }
  }
  return numbers;
}

/** facettes.json as the search reads it: each facet's values and the sets of them resources
    have (`rows`, resource by resource, once its file is read: `readRows`); which resources are
    examples (1) or not (0); the stopwords; the word files there are, and those split further. */
export function readFacets(data) {
  const index = {
    total: data.total, shard: data.shard, facets: {}, examples: new Uint8Array(data.total),
    stopwords: new Set(data.stopwords),
    words: { groups: new Set(data.words.groups), split: new Set(data.words.split) },
  };
  for (const number of decodeGaps(data.examples)) index.examples[number] = 1;
  for (const [name, facet] of Object.entries(data.facets)) {
    index.facets[name] = { values: facet.values, sets: facet.sets, rows: null };
  }
  return index;
}

// The characters facette-NAME.json writes a set's number with, as SYMBOLS in catalog_index.py.
const SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
const SYMBOL_VALUE = Object.fromEntries(Array.from(SYMBOLS, (symbol, value) => [symbol, value]));

/** `total` numbers written with SYMBOLS, `width` characters each (`_symbols` in catalog_index.py). */
export function readNumbers(text, width, total) {
  const numbers = new Uint32Array(total);
  for (let i = 0; i < total; i++) {
    let number = 0;
    for (let k = 0; k < width; k++) number = number * SYMBOLS.length + SYMBOL_VALUE[text[i * width + k]];
    numbers[i] = number;
  }
  return numbers;
}

/** Reads a facet's file (facette-NAME.json): each resource's values, as numbers of the facet's. */
export function readRows(index, name, file) {
  const facet = index.facets[name];
  facet.rows = Array.from(readNumbers(file.rows, file.width, index.total), (number) => facet.sets[number]);
  return facet;
}

/** The word file a typed word reads (its prefix), and whether the word is that file's whole
    prefix (`all`: its "*" lists the resources of every word it begins); null when no indexed word
    begins as it does. */
export function wordFile(index, word) {
  let prefix = word.slice(0, 2);
  while (index.words.split.has(prefix) && word.length > prefix.length) prefix = word.slice(0, prefix.length + 1);
  if (!index.words.groups.has(prefix)) return null;
  return { prefix, all: index.words.split.has(prefix) };
}

/** The resources (1 by number) that use a word beginning with `word`, from its file of words
    (mots-PREFIX.json: each folded word, the numbers of the resources that use it; "*" all of
    them, when `all`). */
export function wordHits(group, word, total, all = false) {
  const hits = new Uint8Array(total);
  if (all) {
    for (const number of decodeGaps(group["*"])) hits[number] = 1;
    return hits;
  }
  for (const [known, numbers] of Object.entries(group)) {
    if (known.startsWith(word)) for (const number of decodeGaps(numbers)) hits[number] = 1;
  }
  return hits;
}

/** The resources every word matches. */
export function allOf(lists, total) {
  const all = new Uint8Array(total);
  for (let i = 0; i < total; i++) all[i] = lists.every((hits) => hits[i]) ? 1 : 0;
  return all;
}

/** What a question finds: `text` is the word matches (null: no words), `picks` each facet's
    chosen value numbers (a Set), of facets whose rows are read. Gives the numbers found, how many
    of them are examples, and for each facet read the count of each value (and of examples) among
    what the other facets and the words leave: a reader sees what ticking one more value would give. */
export function narrow(index, text, picks) {
  const names = Object.keys(picks), facets = Object.keys(index.facets).filter((name) => index.facets[name].rows);
  const counts = {}, examples = {}, found = [];
  let foundExamples = 0;
  for (const name of facets) { counts[name] = {}; examples[name] = {}; }
  for (let i = 0; i < index.total; i++) {
    if (text && !text[i]) continue;
    let missed = null, misses = 0;
    for (let n = 0; n < names.length && misses < 2; n++) {
      const row = index.facets[names[n]].rows[i], wanted = picks[names[n]];
      if (!row.some((value) => wanted.has(value))) { missed = names[n]; misses += 1; }
    }
    if (misses === 0) { found.push(i); foundExamples += index.examples[i]; }
    if (misses > 1) continue;
    for (const name of facets) {
      if (misses === 1 && name !== missed) continue;
      for (const value of index.facets[name].rows[i]) {
        counts[name][value] = (counts[name][value] || 0) + 1;
        examples[name][value] = (examples[name][value] || 0) + index.examples[i];
      }
    }
  }
  return { found, foundExamples, counts, examples };
}

/** The same words as of_which_examples() in generator/french.py: ", dont 2 exemples". */
export function ofWhichExamples(count) {
  return count ? ", dont " + count + "\u00a0exemple" + (count > 1 ? "s" : "") : "";
}

/** "12 ressources correspondent, dont 1 exemple." */
export function foundCount(count, examples) {
  return count + (count > 1 ? " ressources correspondent" : " ressource correspond") + ofWhichExamples(examples) + ".";
}

/** A card file (fiches-N.json: its field names once, then one row of values a resource) as
    records by field name. */
export function cardRecords(file) {
  return file.cards.map((row) => Object.fromEntries(file.fields.map((field, i) => [field, row[i]])));
}

/** Fills a copy of the page's card template (theme/deffinov/_catalog.html, `resource_slots`) with
    a record: `data-field` takes the field as text, `data-field-href` as an address from `base`,
    `data-field-link` as an address kept as written (e-mail, phone, another site),
    and `data-field-if` is kept only when the field is true, with the space before it. The slots'
    marks are removed: the card is then the markup the template renders for a list. */
export function fillCard(root, record, base) {
  for (const slot of root.querySelectorAll("[data-field-if]")) {
    if (record[slot.getAttribute("data-field-if")]) {
      slot.removeAttribute("data-field-if");
      continue;
    }
    const before = slot.previousSibling;
    if (before && before.nodeType === 3 && !before.textContent.trim()) before.remove();
    slot.remove();
  }
  for (const slot of root.querySelectorAll("[data-field-link]")) {
    // An address outside the site, kept as written: only the kinds the model accepts.
    const address = record[slot.getAttribute("data-field-link")];
    if (/^(https?:|mailto:|tel:)/.test(address)) slot.setAttribute("href", address);
    slot.removeAttribute("data-field-link");
  }
  for (const slot of root.querySelectorAll("[data-field-href]")) {
    slot.setAttribute("href", base + record[slot.getAttribute("data-field-href")]);
    slot.removeAttribute("data-field-href");
  }
  for (const slot of root.querySelectorAll("[data-field]")) {
    slot.textContent = record[slot.getAttribute("data-field")];
    slot.removeAttribute("data-field");
  }
  return root;
}
