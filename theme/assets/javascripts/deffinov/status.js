/* A call's status on the reader's day: a page built long ago must not say "ouvert" forever.
   The order of checks is Schedule.status in generator/presentation/schedule.py; the threshold,
   the labels and which editor states win come from the rule the page carries
   (#deffinov-status-rule), as the build computed them. tests/status_cases.yml runs both. */

/** A badge's dates, from its data attributes (`element.dataset` or a plain object alike):
    instants in milliseconds. */
export function datesOf(data) {
  return {
    state: data.state || "",
    opens: data.opens ? Date.parse(data.opens) : null,
    deadlines: (data.deadlines || "").split(" ").filter(Boolean).map(Date.parse),
    openEnded: data.openEnded !== undefined,
  };
}

/** The status value ("open", "closed"…) of a call with these dates at `now` (milliseconds). */
export function statusOf(dates, rule, now) {
  const endKnown = dates.deadlines.length > 0 && !dates.openEnded;
  const stopped = rule.state_status[dates.state];
  if (stopped) return endKnown ? stopped : (rule.undated_status[stopped] || stopped);
  if (dates.opens !== null && now < dates.opens) return "upcoming";
  const ahead = dates.deadlines.filter((end) => end >= now);
  if (ahead.length) {
    if (Math.min(...ahead) - now <= rule.closing_soon_days * 24 * 3600 * 1000) return "closing_soon";
    return dates.opens !== null ? "open" : "opening_unknown";
  }
  return endKnown ? "closed" : "unknown";
}
