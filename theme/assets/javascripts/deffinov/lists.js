/* Lists of calls on the reader's day: their order (CallView.sort_key in
   generator/presentation/views.py: open calls first, soonest deadline first, then the most recent,
   then by title), and the filters of the calls list. tests/order_cases.json runs both orders. */

import { lastDeadline, nextDeadline } from "./calendar.js";

/** What a list sorts a call by: `call` is {status, deadlines (milliseconds), title}. */
export function orderKey(call, rule, now) {
  const moments = call.deadlines.map((at) => ({ at }));
  const next = nextDeadline(moments, now), last = lastDeadline(moments);
  const when = next ? next.at : (last ? -last.at : 0);
  return [rule.rank[call.status] || 0, when, call.title || ""];
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** `calls` in the order lists show them at `now` (a new array; equal keys keep their order). */
export function ordered(calls, rule, now) {
  return calls.map((call) => ({ call, key: orderKey(call, rule, now) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((entry) => entry.call);
}

/** Whether a status counts as open: the home page's first section. */
export function isOpen(status, rule) {
  return rule.filter_groups.open.includes(status);
}

/** Whether the calls list shows a call ({regions, status}) under the chosen filters; a status
    may stand for a group: "ouvert" also shows the calls closing soon. */
export function shown(call, chosen, rule) {
  // Its own keys only: a status read from the address may be any word, "constructor" included.
  const groups = rule.filter_groups;
  const grouped = Object.prototype.hasOwnProperty.call(groups, chosen.status);
  const statuses = chosen.status ? (grouped ? groups[chosen.status] : [chosen.status]) : null;
  return (!chosen.region || call.regions.includes(chosen.region)) && (!statuses || statuses.includes(call.status));
}

/** "3 appels affichés sur 12." */
export function shownCount(count, total) {
  return count + (count > 1 ? " appels affichés" : " appel affiché") + " sur " + total + ".";
}
