// Just enough of the DOM to fill the catalog's card template under Node, which has none: elements
// with attributes, text, `querySelectorAll("[attribute]")`, `remove()`, `previousSibling`, and
// parsing and writing the simple markup the template renders (no comments, no raw text).

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
const decode = (text) => text.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name) => {
  if (name[0] !== "#") return ENTITIES[name] ?? whole;
  return String.fromCodePoint(name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
});
const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const VOID = new Set(["br", "hr", "img", "input", "meta", "link"]);

class Node {
  constructor(parent) { this.parentNode = parent; }
  get previousSibling() {
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) - 1] || null;
  }
  remove() { this.parentNode.childNodes.splice(this.parentNode.childNodes.indexOf(this), 1); }
}

class Text extends Node {
  constructor(parent, text) { super(parent); this.nodeType = 3; this.textContent = text; }
  get markup() { return escape(this.textContent); }
}

class Element extends Node {
  constructor(parent, tag, attributes) {
    super(parent);
    Object.assign(this, { nodeType: 1, tag, attributes, childNodes: [] });
  }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  removeAttribute(name) { this.attributes.delete(name); }
  set textContent(text) { this.childNodes = [new Text(this, String(text))]; }
  get textContent() { return this.childNodes.map((node) => node.textContent).join(""); }
  querySelectorAll(selector) {
    const name = /^\[([\w-]+)\]$/.exec(selector)[1];
    const found = [];
    const walk = (node) => node.childNodes.forEach((child) => {
      if (child.nodeType !== 1) return;
      if (child.attributes.has(name)) found.push(child);
      walk(child);
    });
    walk(this);
    return found;
  }
  get markup() {
    const attributes = [...this.attributes].map(([name, value]) => ` ${name}="${escape(value)}"`).join("");
    if (VOID.has(this.tag)) return `<${this.tag}${attributes}>`;
    return `<${this.tag}${attributes}>${this.innerMarkup}</${this.tag}>`;
  }
  get innerMarkup() { return this.childNodes.map((node) => node.markup).join(""); }
}

/** A fragment (as a <template>'s content) parsed from markup. */
export function parse(markup) {
  const root = new Element(null, "#fragment", new Map());
  let current = root;
  for (const [, closing, tag, rest, text] of markup.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi)) {
    if (text !== undefined) {
      current.childNodes.push(new Text(current, decode(text)));
    } else if (closing) {
      current = current.parentNode;
    } else {
      const attributes = new Map([...rest.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, decode(value ?? "")]));
      const element = new Element(current, tag.toLowerCase(), attributes);
      current.childNodes.push(element);
      if (!VOID.has(element.tag)) current = element;
    }
  }
  return root;
}
