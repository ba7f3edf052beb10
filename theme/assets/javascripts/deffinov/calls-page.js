/* Everything a page says about calls that depends on the day, said again on the reader's day:
   statuses, the next deadline of each call and the days left, the order of lists, the home page's
   sections, the filters of the calls list. Without this script the build's text stays, with the
   date it was computed. */

import { countdown, frenchDay, lastDeadline, nextDeadline } from "./calendar.js";
import { isOpen, ordered, shown, shownCount } from "./lists.js";
import { datesOf, statusOf } from "./status.js";

/** Each badge's status at `now`; a call's card keeps it in `data-status` for the lists. */
export function showStatuses(rule, now) {
  document.querySelectorAll("[data-deffinov-status]").forEach((badge) => {
    const status = statusOf(datesOf(badge.dataset), rule, now);
    badge.textContent = rule.labels[status];
    badge.className = "deffinov-status deffinov-status--" + status;
    const card = badge.closest("[data-deffinov-call]");
    if (card) card.dataset.status = status;
  });
}

/** The filters of the calls list, kept in the address so a filtered list can be shared. */
export function setUpCallFilters(rule) {
  const form = document.querySelector("[data-deffinov-filters]");
  if (!form) return;
  const cards = Array.from(document.querySelectorAll("[data-deffinov-list] [data-deffinov-call]"));
  const count = document.querySelector("[data-deffinov-count]");
  const empty = document.querySelector("[data-deffinov-empty]");
  const params = new URLSearchParams(window.location.search);
  form.region.value = params.get("region") || "";
  form.statut.value = params.get("statut") || "";
  const apply = () => {
    const chosen = { region: form.region.value, status: form.statut.value };
    let visible = 0;
    for (const card of cards) {
      card.hidden = !shown({ regions: card.dataset.regions.split(" "), status: card.dataset.status }, chosen, rule);
      if (!card.hidden) visible += 1;
    }
    count.textContent = shownCount(visible, cards.length);
    empty.hidden = visible > 0;
    const query = new URLSearchParams();
    if (chosen.region) query.set("region", chosen.region);
    if (chosen.status) query.set("statut", chosen.status);
    const search = query.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  };
  delete form.dataset.pending;
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
    count.focus();
  });
  const reset = document.querySelector("[data-deffinov-reset]");
  if (reset) {
    reset.addEventListener("click", () => {
      form.region.value = "";
      form.statut.value = "";
      apply();
      form.region.focus();
    });
  }
  apply();
}

/** A call's deadlines as the page writes them out (`deadline_texts` in _macros.html), soonest first. */
function deadlinesOf(holder) {
  const template = holder.querySelector("template[data-deffinov-deadlines]");
  if (!template) return [];
  return Array.from(template.content.querySelectorAll("[data-moment]"), (item) => ({ at: Date.parse(item.dataset.moment), item }));
}

/** The next deadline of each call and the days left, or its last deadline once all are past. */
function showDeadlines(rule, now) {
  document.querySelectorAll("[data-deffinov-call]").forEach((holder) => {
    const shownDates = holder.querySelector("[data-deffinov-dates]");
    const all = deadlinesOf(holder);
    if (!shownDates || !all.length) return;
    const next = nextDeadline(all, now), chosen = next || lastDeadline(all);
    const label = next ? rule.words.next : rule.words.last;
    shownDates.textContent = "";
    if (shownDates.dataset.inlineLabel === "false") {
      const labelled = holder.querySelector("[data-deffinov-dates-label]");
      if (labelled) labelled.textContent = label;
    } else {
      shownDates.appendChild(document.createTextNode(label + "\u00a0: "));
    }
    chosen.item.childNodes.forEach((node) => shownDates.appendChild(node.cloneNode(true)));
    if (next) shownDates.appendChild(document.createTextNode(" (" + countdown(next.at, now, holder.dataset.timezone, rule.words) + ")"));
  });
}

/** The home page: open calls in the first section, deadlines still ahead in the list of dates. */
function showHome(rule, now) {
  const home = document.querySelector("[data-deffinov-home]");
  if (!home) return;
  const openList = document.querySelector("[data-deffinov-open-list]");
  const otherList = document.querySelector("[data-deffinov-other-list]");
  document.querySelectorAll("[data-deffinov-open-list] > li, [data-deffinov-other-list] > li").forEach((card) => {
    (isOpen(card.dataset.status, rule) ? openList : otherList).appendChild(card);
  });
  document.querySelector("[data-deffinov-none-open]").hidden = openList.children.length > 0;
  let left = 0;
  document.querySelectorAll("[data-deffinov-upcoming] > li").forEach((item) => {
    item.hidden = Date.parse(item.dataset.moment) < now;
    if (!item.hidden) left += 1;
  });
  document.querySelector("[data-deffinov-none-upcoming]").hidden = left > 0;
}

/** Lists in the order the build uses (lists.js). */
function sortCards(list, rule, now) {
  const cards = Array.from(list.querySelectorAll(":scope > [data-deffinov-call]"), (card) => ({
    card, status: card.dataset.status, title: card.dataset.title, deadlines: deadlinesOf(card).map((d) => d.at),
  }));
  for (const entry of ordered(cards, rule, now)) list.appendChild(entry.card);
}

export function sayTheDay(rule, now) {
  showDeadlines(rule, now);
  showHome(rule, now);
  // Every "Situation au …" of the page now speaks of the reader's day.
  const readersDay = frenchDay(now);
  document.querySelectorAll("[data-deffinov-today]").forEach((stamp) => { stamp.textContent = readersDay; });
  document.querySelectorAll(".deffinov-cards").forEach((list) => sortCards(list, rule, now));
}
