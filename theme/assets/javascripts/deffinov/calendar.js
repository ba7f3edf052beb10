/* What a page says about a call's deadlines on the reader's day: the next one and the days left
   before it (Schedule.next_deadline, days_left and countdown in generator/presentation/schedule.py),
   and whether a date is past. tests/deadline_cases.json runs both on the same cases. */

const DAY = 24 * 3600 * 1000;

/** The soonest of `items` whose instant `at` (milliseconds) is still ahead of `now`, or null. */
export function nextDeadline(items, now) {
  let next = null;
  for (const item of items) {
    if (item.at >= now && (next === null || item.at < next.at)) next = item;
  }
  return next;
}

/** The latest of `items`, or null: what a page shows once every deadline is past. */
export function lastDeadline(items) {
  let last = null;
  for (const item of items) if (last === null || item.at > last.at) last = item;
  return last;
}

/** The calendar day of an instant in a time zone, as a number of days since 1970-01-01. An
    unknown zone falls back to the reader's. */
export function dayIn(at, zone) {
  const options = { year: "numeric", month: "numeric", day: "numeric" };
  let format;
  try {
    format = new Intl.DateTimeFormat("en-CA", { ...options, timeZone: zone || undefined });
  } catch (error) {
    format = new Intl.DateTimeFormat("en-CA", options);
  }
  const parts = {};
  for (const part of format.formatToParts(new Date(at))) parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day) / DAY;
}

/** Calendar days from `now` to the deadline `at`, both read in the call's zone: the deadline is
    written in that zone, so "aujourd'hui" is true for every reader, wherever they are. */
export function daysLeft(at, now, zone) {
  return dayIn(at, zone) - dayIn(now, zone);
}

/** "aujourd'hui", "demain", "dans 12 jours", in the words the page carries (`rule.words`). */
export function countdown(at, now, zone, words) {
  const days = daysLeft(at, now, zone);
  if (days <= 0) return words.today;
  if (days === 1) return words.tomorrow;
  return words.days.replace("{n}", String(days));
}

/** A day as french.py writes it ("1er mars 2025", "14 mars 2025"), in the reader's zone unless
    `zone` is given. */
export function frenchDay(at, zone) {
  return new Date(at).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: zone })
    .replace(/^1 /, "1er ");
}
