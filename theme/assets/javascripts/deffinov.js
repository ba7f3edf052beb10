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
  // (Material's autocomplete="off" is removed as invalid HTML: see generator/mkdocs/material_html.py) or
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
    // The link to the catalog's own search carries the words typed here.
    var catalogLink = dialog.querySelector(".deffinov-search__catalog a");
    dialog.addEventListener("input", function (event) {
      if (!catalogLink || !event.target.classList.contains("pagefind-ui__search-input")) return;
      var address = new URL(catalogLink.href);
      var words = event.target.value.trim();
      address.search = words ? "?q=" + encodeURIComponent(words) : "";
      catalogLink.href = address.href;
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
        The order of checks is generator/presentation/schedule.py's Schedule.status; the threshold,
        the labels and which editor states win come from the page (#deffinov-status-rule),
        as the build computed them. tests/status_cases.yml runs both on the same cases. */
  function statusOf(badge, rule, now) {
    var opens = badge.dataset.opens ? Date.parse(badge.dataset.opens) : null;
    var ends = (badge.dataset.deadlines || "").split(" ").filter(Boolean).map(Date.parse);
    var endKnown = ends.length > 0 && !("openEnded" in badge.dataset);
    var stopped = rule.state_status[badge.dataset.state];
    if (stopped) return endKnown ? stopped : (rule.undated_status[stopped] || stopped);
    if (opens !== null && now < opens) return "upcoming";
    var upcoming = ends.filter(function (end) { return end >= now; }).sort(function (a, b) { return a - b; });
    if (upcoming.length) {
      if (upcoming[0] - now <= rule.closing_soon_days * 24 * 3600 * 1000) return "closing_soon";
      return opens !== null ? "open" : "opening_unknown";
    }
    if (endKnown) return "closed";
    return "unknown";
  }
  var ruleData = document.getElementById("deffinov-status-rule");
  var rule = ruleData ? JSON.parse(ruleData.textContent) : null;
  if (rule) {
    var now = Date.now();
    document.querySelectorAll("[data-deffinov-status]").forEach(function (badge) {
      var status = statusOf(badge, rule, now);
      badge.textContent = rule.labels[status];
      badge.className = "deffinov-status deffinov-status--" + status;
      var card = badge.closest("[data-deffinov-call]");
      if (card) card.dataset.status = status;
    });
  }

  /* 4. Filters of the calls list, kept in the address so a filtered list can be shared.
        A status may stand for a group: "ouvert" also shows the calls closing soon. */
  var form = document.querySelector("[data-deffinov-filters]");
  if (form && rule) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-deffinov-list] [data-deffinov-call]"));
    var count = document.querySelector("[data-deffinov-count]");
    var empty = document.querySelector("[data-deffinov-empty]");
    var params = new URLSearchParams(window.location.search);
    form.region.value = params.get("region") || "";
    form.statut.value = params.get("statut") || "";
    var apply = function () {
      var region = form.region.value, status = form.statut.value, shown = 0;
      var statuses = status ? (rule.filter_groups[status] || [status]) : null;
      cards.forEach(function (card) {
        var visible = (!region || card.dataset.regions.split(" ").indexOf(region) >= 0) &&
          (!statuses || statuses.indexOf(card.dataset.status) >= 0);
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
    delete form.dataset.pending;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var reset = document.querySelector("[data-deffinov-reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        form.region.value = "";
        form.statut.value = "";
        apply();
        form.region.focus();
      });
    }
    apply();
  }

  /* 5. The calendar page: past dates set apart on the reader's day, and a filter by region. */
  var agendaForm = document.querySelector("[data-deffinov-agenda-filter]");
  if (agendaForm) {
    var entries = Array.prototype.slice.call(document.querySelectorAll(".deffinov-agenda [data-moment]"));
    var today = Date.now();
    entries.forEach(function (entry) {
      if (Date.parse(entry.dataset.moment) < today) entry.dataset.past = "";
      else delete entry.dataset.past;
    });
    var months = Array.prototype.slice.call(document.querySelectorAll("[data-deffinov-month]"));
    var none = document.querySelector("[data-deffinov-agenda-empty]");
    var query = new URLSearchParams(window.location.search);
    agendaForm.region.value = query.get("region") || "";
    var show = function () {
      var region = agendaForm.region.value;
      entries.forEach(function (entry) {
        entry.hidden = !!region && entry.dataset.regions.split(" ").indexOf(region) < 0;
      });
      var shownMonths = 0;
      months.forEach(function (month) {
        month.hidden = !month.querySelector("[data-moment]:not([hidden])");
        if (!month.hidden) shownMonths += 1;
      });
      if (none) none.hidden = shownMonths > 0;
      window.history.replaceState(null, "", region ? "?region=" + encodeURIComponent(region) : window.location.pathname);
    };
    delete agendaForm.dataset.pending;
    agendaForm.addEventListener("change", show);
    agendaForm.addEventListener("submit", function (event) { event.preventDefault(); });
    show();
  }

  /* 6. Everything else a page says about the day, said again on the reader's day: the next
        deadline of each call and the days left, the order of lists, and the home page's
        sections. Without this script the build's text stays, with the date it was computed. */
  if (rule) {
    var DAY = 24 * 3600 * 1000;
    var moment = Date.now();
    var deadlinesOf = function (holder) {
      var template = holder.querySelector("template[data-deffinov-deadlines]");
      if (!template) return [];
      return Array.prototype.map.call(template.content.querySelectorAll("[data-moment]"), function (item) {
        return { at: Date.parse(item.dataset.moment), item: item };
      });
    };
    var nextOf = function (holder) {
      return deadlinesOf(holder).filter(function (d) { return d.at >= moment; })[0] || null;
    };
    // The calendar day of an instant in a time zone, as a number of days: the deadline is written
    // in the call's zone, so the days left are counted there, wherever the reader is
    // (schedule.py's days_left). An unknown zone falls back to the reader's.
    var dayIn = function (at, zone) {
      var parts = {}, format;
      try {
        format = new Intl.DateTimeFormat("en-CA", { timeZone: zone || undefined, year: "numeric", month: "numeric", day: "numeric" });
      } catch (error) {
        format = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "numeric", day: "numeric" });
      }
      format.formatToParts(new Date(at)).forEach(function (part) { parts[part.type] = Number(part.value); });
      return Date.UTC(parts.year, parts.month - 1, parts.day) / DAY;
    };
    var daysLeft = function (at, zone) {
      var days = dayIn(at, zone) - dayIn(moment, zone);
      if (days <= 0) return rule.words.today;
      if (days === 1) return rule.words.tomorrow;
      return rule.words.days.replace("{n}", days);
    };
    document.querySelectorAll("[data-deffinov-call]").forEach(function (holder) {
      var shown = holder.querySelector("[data-deffinov-dates]");
      var all = deadlinesOf(holder);
      if (!shown || !all.length) return;
      var next = nextOf(holder), chosen = next || all[all.length - 1];
      var label = next ? rule.words.next : rule.words.last;
      shown.textContent = "";
      if (shown.dataset.inlineLabel === "false") {
        var labelled = holder.querySelector("[data-deffinov-dates-label]");
        if (labelled) labelled.textContent = label;
      } else {
        shown.appendChild(document.createTextNode(label + "\u00a0: "));
      }
      Array.prototype.forEach.call(chosen.item.childNodes, function (node) { shown.appendChild(node.cloneNode(true)); });
      if (next) shown.appendChild(document.createTextNode(" (" + daysLeft(next.at, holder.dataset.timezone) + ")"));
    });

    // Lists in the order the build uses: open calls first, soonest deadline first, then the most recent.
    var orderKey = function (card) {
      var next = nextOf(card), all = deadlinesOf(card);
      var when = next ? next.at : (all.length ? -all[all.length - 1].at : 0);
      return [rule.rank[card.dataset.status] || 0, when, card.dataset.title || ""];
    };
    var sortCards = function (list) {
      var cards = Array.prototype.slice.call(list.querySelectorAll(":scope > [data-deffinov-call]"));
      cards.map(function (card) { return { card: card, key: orderKey(card) }; })
        .sort(function (a, b) {
          for (var i = 0; i < 3; i += 1) {
            if (a.key[i] < b.key[i]) return -1;
            if (a.key[i] > b.key[i]) return 1;
          }
          return 0;
        })
        .forEach(function (entry) { list.appendChild(entry.card); });
    };

    var home = document.querySelector("[data-deffinov-home]");
    if (home) {
      var openList = document.querySelector("[data-deffinov-open-list]");
      var otherList = document.querySelector("[data-deffinov-other-list]");
      var isOpen = function (card) { return rule.filter_groups.open.indexOf(card.dataset.status) >= 0; };
      Array.prototype.slice.call(document.querySelectorAll("[data-deffinov-open-list] > li, [data-deffinov-other-list] > li"))
        .forEach(function (card) { (isOpen(card) ? openList : otherList).appendChild(card); });
      document.querySelector("[data-deffinov-none-open]").hidden = openList.children.length > 0;
      var upcoming = Array.prototype.slice.call(document.querySelectorAll("[data-deffinov-upcoming] > li"));
      var left = 0;
      upcoming.forEach(function (item) {
        item.hidden = Date.parse(item.dataset.moment) < moment;
        if (!item.hidden) left += 1;
      });
      document.querySelector("[data-deffinov-none-upcoming]").hidden = left > 0;
    }
    // Every "Situation au …" of the page now speaks of the reader's day.
    var readersDay = new Date(moment).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" })
      .replace(/^1 /, "1er ");  // as french.py writes the first of a month
    document.querySelectorAll("[data-deffinov-today]").forEach(function (stamp) { stamp.textContent = readersDay; });
    document.querySelectorAll(".deffinov-cards").forEach(sortCards);
  }

  /* 7. The catalog: full-text search and facets with counts, from the catalog's own index
        (generator/outputs/catalog_index.py: facettes.json, then the word groups and result
        cards a question needs), each narrowed view kept in the address. Within a facet any
        value may match; across facets all must. Without this script the page keeps its lists. */
  var catalog = document.querySelector("[data-deffinov-catalog]");
  if (catalog) {
    var catalogForm = catalog.querySelector("form");
    var results = catalog.querySelector("[data-deffinov-catalog-results]");
    var counter = catalog.querySelector("[data-deffinov-catalog-count]");
    var more = catalog.querySelector("[data-deffinov-catalog-more]");
    var PAGE = 20;
    var indexBase = new URL(catalog.dataset.base + "catalogue/index/", document.baseURI).href;
    var siteBase = new URL(catalog.dataset.base, document.baseURI).href;
    // A Set, not an object: an object would answer for the names of Object.prototype, and a
    // search for "constructor" or "tostring" would lose its only word and find everything.
    var index = null, stopwords = new Set(), found = [], shown = 0, run = 0;
    var files = {};
    var fetchJson = function (name) {
      files[name] = files[name] || fetch(indexBase + name).then(function (response) {
        if (!response.ok) throw new Error(name + " : " + response.status);
        return response.json();
      });
      return files[name];
    };
    // The same rule as fold() in catalog_index.py: no accents, lower case, singular, no stopword.
    var fold = function (text) {
      var plain = text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return (plain.match(/[a-z0-9]+/g) || []).map(function (word) {
        return word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
      }).filter(function (word) { return word.length > 1 && !stopwords.has(word); });
    };
    var load = function () {
      return fetchJson("facettes.json").then(function (data) {
        if (index) return index;
        data.stopwords.forEach(function (word) { stopwords.add(word); });
        index = { total: data.total, shard: data.shard, facets: {}, examples: new Uint8Array(data.total) };
        // Example entries (facettes.json, "examples": numbers as gaps in base 36): each count says
        // how many of them it includes, as the page's own counts do.
        var number = 0;
        (data.examples || "").split(",").forEach(function (gap) {
          if (gap) { number += parseInt(gap, 36); index.examples[number] = 1; }
        });
        Object.keys(data.facets).forEach(function (name) {
          var facet = data.facets[name];
          index.facets[name] = {
            values: facet.values,
            rows: facet.rows.split("|").map(function (row) { return row ? row.split(".").map(Number) : []; })
          };
        });
        return index;
      });
    };
    // Resources whose words begin with every word of the query (null: no words, no narrowing).
    var textMatches = function (query) {
      var words = fold(query);
      if (!words.length) return Promise.resolve(null);
      return Promise.all(words.map(function (word) {
        return fetchJson("mots-" + word.slice(0, 2) + ".json").catch(function () { return {}; }).then(function (group) {
          var hits = new Uint8Array(index.total);
          Object.keys(group).forEach(function (known) {
            if (known.lastIndexOf(word, 0) !== 0) return;
            var number = 0;
            group[known].split(",").forEach(function (gap) { number += parseInt(gap, 36); hits[number] = 1; });
          });
          return hits;
        });
      })).then(function (lists) {
        var all = new Uint8Array(index.total);
        for (var i = 0; i < index.total; i++) {
          all[i] = lists.every(function (hits) { return hits[i]; }) ? 1 : 0;
        }
        return all;
      });
    };
    var chosen = function () {
      var picks = {};
      catalog.querySelectorAll("[data-facet]").forEach(function (set) {
        var facet = index.facets[set.dataset.facet];
        var wanted = {};
        set.querySelectorAll("input:checked").forEach(function (box) {
          var number = facet.values.indexOf(box.value);
          wanted[number] = true;
        });
        if (Object.keys(wanted).length) picks[set.dataset.facet] = wanted;
      });
      return picks;
    };
    var keepInAddress = function () {
      var query = new URLSearchParams();
      if (catalogForm.q.value.trim()) query.set("q", catalogForm.q.value.trim());
      catalog.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) { query.append(box.name, box.value); });
      var text = query.toString();
      window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
    };
    // The same words as of_which_examples() in generator/french.py.
    var ofWhichExamples = function (count) {
      return count ? ", dont " + count + "\u00a0exemple" + (count > 1 ? "s" : "") : "";
    };
    var card = function (data) {
      var li = document.createElement("li");
      li.className = "deffinov-card";
      var title = document.createElement("h3");
      title.className = "deffinov-card__title";
      var anchor = document.createElement("a");
      anchor.href = siteBase + data[1];
      anchor.textContent = data[0];
      title.appendChild(anchor);
      if (data[5]) {
        var tag = document.createElement("span");
        tag.className = "deffinov-tag";
        tag.textContent = "exemple";
        title.appendChild(document.createTextNode(" "));
        title.appendChild(tag);
      }
      li.appendChild(title);
      [[data[2], "deffinov-card__meta"], [data[3], ""], ["Proposé par " + data[4], "deffinov-muted"]].forEach(function (line) {
        var paragraph = document.createElement("p");
        paragraph.textContent = line[0];
        if (line[1]) paragraph.className = line[1];
        li.appendChild(paragraph);
      });
      return li;
    };
    var showMore = function () {
      var mine = run, next = found.slice(shown, shown + PAGE);
      shown += next.length;
      more.parentNode.hidden = shown >= found.length;
      var shards = {};
      next.forEach(function (number) { shards[Math.floor(number / index.shard)] = true; });
      return Promise.all(Object.keys(shards).map(function (shard) {
        return fetchJson("fiches-" + shard + ".json").then(function (cards) { shards[shard] = cards; });
      })).then(function () {
        if (mine !== run) return;  // a newer question has replaced these results
        next.forEach(function (number) {
          results.appendChild(card(shards[Math.floor(number / index.shard)][number % index.shard]));
        });
      });
    };
    var refresh = function () {
      var mine = ++run;
      return textMatches(catalogForm.q.value).then(function (text) {
        if (mine !== run) return;
        var picks = chosen(), names = Object.keys(picks);
        var counts = {}, examples = {}, foundExamples = 0;
        names.concat(Object.keys(index.facets)).forEach(function (name) { counts[name] = {}; examples[name] = {}; });
        found = [];
        // Each facet counts what the other facets and the words leave: a reader sees what
        // ticking one more value would give.
        for (var i = 0; i < index.total; i++) {
          if (text && !text[i]) continue;
          var missed = null, misses = 0;
          for (var n = 0; n < names.length && misses < 2; n++) {
            var row = index.facets[names[n]].rows[i], wanted = picks[names[n]];
            if (!row.some(function (value) { return wanted[value]; })) { missed = names[n]; misses += 1; }
          }
          if (misses === 0) { found.push(i); foundExamples += index.examples[i]; }
          if (misses > 1) continue;
          Object.keys(index.facets).forEach(function (name) {
            if (misses === 1 && name !== missed) return;
            index.facets[name].rows[i].forEach(function (value) {
              counts[name][value] = (counts[name][value] || 0) + 1;
              examples[name][value] = (examples[name][value] || 0) + index.examples[i];
            });
          });
        }
        shown = 0;
        results.textContent = "";
        counter.textContent = found.length + (found.length > 1 ? " ressources correspondent" : " ressource correspond") +
          ofWhichExamples(foundExamples) + ".";
        catalog.querySelectorAll("[data-facet]").forEach(function (set) {
          var facet = index.facets[set.dataset.facet];
          set.querySelectorAll("label").forEach(function (label) {
            var number = facet.values.indexOf(label.querySelector("input").value);
            label.querySelector("[data-count]").textContent = "(" + (counts[set.dataset.facet][number] || 0) +
              ofWhichExamples(examples[set.dataset.facet][number] || 0) + ")";
          });
        });
        keepInAddress();
        return showMore();
      });
    };
    // On a phone the facets start folded: the results come first.
    var facetsBox = catalog.querySelector("[data-deffinov-catalog-filters]");
    if (facetsBox && window.matchMedia("(max-width: 44.9375em)").matches) facetsBox.open = false;
    var fromAddress = new URLSearchParams(window.location.search);
    catalogForm.q.value = fromAddress.get("q") || "";
    catalog.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = fromAddress.getAll(box.name).indexOf(box.value) >= 0;
    });
    // The index loads on the first question only: a visit that only browses downloads the page,
    // and the page's own counts and lists stand until the reader asks.
    var asked = function () {
      return catalogForm.q.value.trim() || catalog.querySelector("input[type=checkbox]:checked");
    };
    var ask = function () {
      if (!asked()) {
        run += 1;
        results.textContent = "";
        counter.textContent = "";
        more.parentNode.hidden = true;
        keepInAddress();
        return Promise.resolve();
      }
      return load().then(refresh);
    };
    delete catalog.dataset.pending;
    // The text field answers as one types; its "change" on leaving would only redo the same search
    // and replace the results under the pointer.
    catalogForm.addEventListener("change", function (event) { if (event.target.name !== "q") ask(); });
    catalogForm.addEventListener("input", function (event) { if (event.target.name === "q") ask(); });
    catalogForm.addEventListener("submit", function (event) { event.preventDefault(); ask(); });
    more.addEventListener("click", showMore);
    ask();
  }
})();
