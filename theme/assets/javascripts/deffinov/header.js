/* The page's header, for every page: menu and search buttons, and the search dialog (Pagefind). */

/* Material draws the header's toggles as <label>s, which Tab never reaches and which cannot carry
   a button role. Real buttons drive the same checkboxes instead. */
function toggleButton(box, name, className, iconHtml) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = className;
  button.innerHTML = iconHtml;
  button.dataset.deffinovToggle = box.id;
  button.setAttribute("aria-label", name);
  const sync = () => button.setAttribute("aria-expanded", box.checked ? "true" : "false");
  sync();
  box.addEventListener("change", sync);
  button.addEventListener("click", () => {
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change"));
  });
  return button;
}

function setChecked(box, checked) {
  box.checked = checked;
  box.dispatchEvent(new Event("change"));
}

/** Replaces the menu label by a button, adds the search button; returns the search button. */
function setUpToggles() {
  const drawerBox = document.getElementById("__drawer");
  let menuButton = null;
  const menuLabel = document.querySelector(".md-header label.md-header__button[for=__drawer]");
  if (drawerBox && menuLabel) {
    menuButton = toggleButton(drawerBox, "Menu", menuLabel.className, menuLabel.innerHTML);
    menuLabel.replaceWith(menuButton);
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawerBox && drawerBox.checked) {
      setChecked(drawerBox, false);
      if (menuButton) menuButton.focus();
    }
  });
  // The open menu covers the page: opened from its button, it takes the focus (the next stop, the
  // search button, lies under it); when Tab leaves it, it closes, or focus would go on behind it,
  // out of sight.
  const drawer = document.querySelector(".md-sidebar--primary");
  if (drawerBox && drawer && menuButton) {
    drawerBox.addEventListener("change", () => {
      const first = drawer.querySelector("a[href], button");
      if (drawerBox.checked && document.activeElement === menuButton && first) first.focus();
    });
  }
  document.addEventListener("focusin", (event) => {
    if (drawerBox && drawerBox.checked && drawer && !drawer.contains(event.target) && event.target !== menuButton) {
      setChecked(drawerBox, false);
    }
  });
  // A page opens with its menu and search closed, even when the browser restores form fields
  // (Material's autocomplete="off" is removed as invalid HTML: see generator/mkdocs/material_html.py)
  // or shows the page again from its back-button cache. Not on every "pageshow": a reader may
  // already have opened search by then. A module runs before DOMContentLoaded, once the page is
  // parsed: the fields are restored by then, or just after.
  const closeToggles = () => {
    for (const id of ["__drawer", "__search"]) {
      const box = document.getElementById(id);
      if (box && box.checked) setChecked(box, false);
    }
  };
  if (document.readyState === "complete") closeToggles();
  else document.addEventListener("DOMContentLoaded", closeToggles);
  window.addEventListener("pageshow", (event) => { if (event.persisted) closeToggles(); });
  // Material's own search is not used (see partials/deffinov-search.html): the header's link to the
  // page for readers without JavaScript becomes the button that opens the search dialog.
  const searchBox = document.getElementById("__search");
  const searchLink = document.querySelector(".md-header [data-deffinov-search-link]");
  if (searchBox && searchLink) {
    const searchButton = toggleButton(searchBox, "Rechercher", searchLink.className, searchLink.innerHTML);
    searchLink.replaceWith(searchButton);
    return searchButton;
  }
  return null;
}

/* On a phone the menu opens the page's table of contents from a <label> too, which Tab never
   reaches: a button takes its place. Open, the contents cover the menu: they close when focus
   leaves them (Shift+Tab back to the button), as the menu does. */
function setUpContentsToggle() {
  const box = document.getElementById("__toc");
  const label = document.querySelector(".md-sidebar--primary label.md-nav__link[for=__toc]");
  if (!box || !label) return;
  const button = toggleButton(box, label.textContent.trim() + " : table des matières", label.className, label.innerHTML);
  label.replaceWith(button);
  const contents = button.parentElement.querySelector(".md-nav--secondary");
  document.addEventListener("focusin", (event) => {
    if (box.checked && contents && !contents.contains(event.target)) setChecked(box, false);
  });
}

/* Pagefind's interface (about 130 kB) loads on the first opening of search only. */
function loadPagefind(done) {
  if (window.PagefindUI) return done();
  // The base is "." or "../.." on pages, "/" on the error page (served at any depth).
  const base = document.getElementById("deffinov-search-ui").dataset.base.replace(/\/$/, "") + "/pagefind/";
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = base + "pagefind-ui.css";
  document.head.appendChild(sheet);
  const script = document.createElement("script");
  script.src = base + "pagefind-ui.js";
  script.onload = done;
  document.head.appendChild(script);
}

function setUpSearch(searchButton) {
  const searchBox = document.getElementById("__search");
  const dialog = document.querySelector("[data-deffinov-search]");
  if (!searchBox || !dialog) return;
  let searchUi = null;
  let returnFocus = null;  // what opened the dialog, if not the header button
  searchBox.addEventListener("change", () => {
    const container = document.querySelector(".md-container");
    if (container) container.inert = searchBox.checked;
    if (!searchBox.checked) {
      const back = returnFocus || searchButton;
      returnFocus = null;
      if (back && (dialog.contains(document.activeElement) || document.activeElement === document.body)) {
        back.focus();
      }
      return;
    }
    loadPagefind(() => {
      if (!searchUi) {
        searchUi = new window.PagefindUI({ element: "#deffinov-search-ui", showSubResults: true, showImages: false });
      }
      const input = dialog.querySelector(".pagefind-ui__search-input");
      if (!input || !searchBox.checked) return;
      // Pagefind labels its field with a title only; name it after the dialog's heading.
      input.setAttribute("aria-labelledby", "deffinov-search-title");
      input.focus();
    });
  });
  // The link to the catalog's own search carries the words typed here.
  const catalogLink = dialog.querySelector(".deffinov-search__catalog a");
  dialog.addEventListener("input", (event) => {
    if (!catalogLink || !event.target.classList.contains("pagefind-ui__search-input")) return;
    const address = new URL(catalogLink.href);
    const words = event.target.value.trim();
    address.search = words ? "?q=" + encodeURIComponent(words) : "";
    catalogLink.href = address.href;
  });
  dialog.querySelectorAll("[data-deffinov-search-close]").forEach((closer) => {
    closer.addEventListener("click", () => setChecked(searchBox, false));
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && searchBox.checked) setChecked(searchBox, false);
  });
  // Other ways into search on a page (the error page offers one).
  document.querySelectorAll("[data-deffinov-search-open]").forEach((opener) => {
    opener.addEventListener("click", () => {
      returnFocus = opener;
      setChecked(searchBox, true);
    });
  });
  document.querySelectorAll("[data-deffinov-search-offer]").forEach((offer) => { offer.hidden = false; });
}

export function setUpHeader() {
  setUpSearch(setUpToggles());
  setUpContentsToggle();
}
