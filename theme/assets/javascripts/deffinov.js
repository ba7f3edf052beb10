/* DEFFINOV Tiers-lieux: progressive enhancements. Every page works without this script. */
(function () {
  "use strict";

  /* 1. Header buttons: Material draws them as <label>s, which Tab never reaches and which
        cannot carry a button role. Real buttons drive the same checkboxes instead. */
  function toggleButton(box, name, className, iconHtml) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.innerHTML = iconHtml;
    button.dataset.deffinovToggle = box.id;
    button.setAttribute("aria-label", name);
    var sync = function () { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); };
    sync();
    box.addEventListener("change", sync);
    button.addEventListener("click", function () {
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change"));
    });
    return button;
  }
  var drawerBox = document.getElementById("__drawer");
  var menuButton = null;
  var menuLabel = document.querySelector(".md-header label.md-header__button[for=__drawer]");
  if (drawerBox && menuLabel) {
    menuButton = toggleButton(drawerBox, "Menu", menuLabel.className, menuLabel.innerHTML);
    menuLabel.replaceWith(menuButton);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawerBox && drawerBox.checked) {
      drawerBox.checked = false;
      drawerBox.dispatchEvent(new Event("change"));
      if (menuButton) menuButton.focus();
    }
  });
  // A page opens with its menu and search closed, even when the browser restores form fields
  // (Material's autocomplete="off" is removed as invalid HTML: see generator/material.py) or
  // shows the page again from its back-button cache. Not on every "pageshow": a reader may
  // already have opened search by then.
  function closeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.checked) {
        box.checked = false;
        box.dispatchEvent(new Event("change"));
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", closeToggles);
  window.addEventListener("pageshow", function (event) { if (event.persisted) closeToggles(); });
  // Material's own search is not used (see partials/deffinov-search.html): add its button.
  var searchBox = document.getElementById("__search");
  var searchIcon = document.getElementById("deffinov-search-icon");
  var headerInner = document.querySelector(".md-header__inner");
  var searchButton = null;
  if (searchBox && searchIcon && headerInner) {
    searchButton = toggleButton(searchBox, "Rechercher", "md-header__button md-icon", searchIcon.innerHTML);
    headerInner.appendChild(searchButton);
  }

  /* 2. Search dialog with Pagefind. Its interface (about 130 kB) loads on first opening only. */
  function loadPagefind(done) {
    if (window.PagefindUI) return done();
    // The base is "." or "../.." on pages, "/" on the error page (served at any depth).
    var base = document.getElementById("deffinov-search-ui").dataset.base.replace(/\/$/, "") + "/pagefind/";
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = base + "pagefind-ui.css";
    document.head.appendChild(sheet);
    var script = document.createElement("script");
    script.src = base + "pagefind-ui.js";
    script.onload = done;
    document.head.appendChild(script);
  }
  var dialog = document.querySelector("[data-deffinov-search]");
  var searchUi = null;
  var returnFocus = null;  // what opened the dialog, if not the header button
  function setSearch(open) {
    searchBox.checked = open;
    searchBox.dispatchEvent(new Event("change"));
  }
  if (searchBox && dialog) {
    searchBox.addEventListener("change", function () {
      var container = document.querySelector(".md-container");
      if (container) container.inert = searchBox.checked;
      if (!searchBox.checked) {
        var back = returnFocus || searchButton;
        returnFocus = null;
        if (back && (dialog.contains(document.activeElement) || document.activeElement === document.body)) {
          back.focus();
        }
        return;
      }
      loadPagefind(function () {
        if (!searchUi) {
          searchUi = new window.PagefindUI({ element: "#deffinov-search-ui", showSubResults: true, showImages: false });
        }
        var input = dialog.querySelector(".pagefind-ui__search-input");
        if (!input || !searchBox.checked) return;
        // Pagefind labels its field with a title only; name it after the dialog's heading.
        input.setAttribute("aria-labelledby", "deffinov-search-title");
        input.focus();
      });
    });
    dialog.querySelectorAll("[data-deffinov-search-close]").forEach(function (closer) {
      closer.addEventListener("click", function () { setSearch(false); });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && searchBox.checked) setSearch(false);
    });
    // Other ways into search on a page (the error page offers one).
    document.querySelectorAll("[data-deffinov-search-open]").forEach(function (opener) {
      opener.addEventListener("click", function () {
        returnFocus = opener;
        setSearch(true);
      });
    });
    document.querySelectorAll("[data-deffinov-search-offer]").forEach(function (offer) { offer.hidden = false; });
  }

  /* 3. Call statuses on the reader's day: a page built long ago must not say "ouvert" forever.
        The order of checks is generator/site/schedule.py's Schedule.status; the threshold,
        the labels and which editor states win come from the page (#deffinov-status-rule),
        as the build computed them. tests/status_cases.yml runs both on the same cases. */
  function statusOf(badge, rule, now) {
    var stopped = rule.state_status[badge.dataset.state];
    if (stopped) return stopped;
    var opens = badge.dataset.opens ? Date.parse(badge.dataset.opens) : null;
    var ends = (badge.dataset.deadlines || "").split(" ").filter(Boolean).map(Date.parse);
    if (opens !== null && now < opens) return "upcoming";
    var upcoming = ends.filter(function (end) { return end >= now; }).sort(function (a, b) { return a - b; });
    if (ends.length && !upcoming.length) return "closed";
    if (upcoming.length) {
      return upcoming[0] - now <= rule.closing_soon_days * 24 * 3600 * 1000 ? "closing_soon" : "open";
    }
    return opens !== null ? "open" : "unknown";
  }
  var ruleData = document.getElementById("deffinov-status-rule");
  if (ruleData) {
    var rule = JSON.parse(ruleData.textContent);
    var now = Date.now();
    document.querySelectorAll("[data-deffinov-status]").forEach(function (badge) {
      var status = statusOf(badge, rule, now);
      badge.textContent = rule.labels[status];
      badge.className = "deffinov-status deffinov-status--" + status;
      var card = badge.closest("[data-deffinov-call]");
      if (card) card.dataset.status = status;
    });
  }

  /* 4. Filters of the calls list, kept in the address so a filtered list can be shared. */
  var form = document.querySelector("[data-deffinov-filters]");
  if (form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-deffinov-list] [data-deffinov-call]"));
    var count = document.querySelector("[data-deffinov-count]");
    var empty = document.querySelector("[data-deffinov-empty]");
    var params = new URLSearchParams(window.location.search);
    form.region.value = params.get("region") || "";
    form.statut.value = params.get("statut") || "";
    var apply = function () {
      var region = form.region.value, status = form.statut.value, shown = 0;
      cards.forEach(function (card) {
        var visible = (!region || card.dataset.regions.split(" ").indexOf(region) >= 0) &&
          (!status || card.dataset.status === status);
        card.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + (shown > 1 ? " appels affichés" : " appel affiché") + " sur " + cards.length + ".";
      empty.hidden = shown > 0;
      var query = new URLSearchParams();
      if (region) query.set("region", region);
      if (status) query.set("statut", status);
      var search = query.toString();
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    };
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }
})();
