/* Word folding for the catalog's search. The index the browser searches was folded at build time
   by fold() in generator/outputs/catalog_index.py; a query must be folded by the same rule, or a
   word typed would miss the word indexed. tests/folding_cases.json runs both on the same cases. */

const MARKS = /[\u0300-\u036f]/g;  // accents, once letters are decomposed
const WORD = /[a-z0-9]+/g;

/** The words of a text as the index keeps them: no accents, lower case, singular, no stopword. */
export function fold(text, stopwords = new Set()) {
  const plain = text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(MARKS, "");
  return (plain.match(WORD) || [])
    .map((word) => (word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word))
    // A Set, not an object: an object would answer for the names of Object.prototype, and a
    // search for "constructor" or "tostring" would lose its only word and find everything.
    .filter((word) => word.length > 1 && !stopwords.has(word));
}
