/* The calendar pages: past dates set apart on the reader's day, and a filter by region kept in the
   address and in the links to the other calendar pages (years, months, pages of a year). */

export function setUpAgenda(now) {
  const form = document.querySelector("[data-deffinov-agenda-filter]");
  if (!form) return;
  const entries = Array.from(document.querySelectorAll(".deffinov-agenda [data-moment]"));
  for (const entry of entries) {
    if (Date.parse(entry.dataset.moment) < now) entry.dataset.past = "";
    else delete entry.dataset.past;
  }
  const months = Array.from(document.querySelectorAll("[data-deffinov-month]"));
  const none = document.querySelector("[data-deffinov-agenda-empty]");
  const others = Array.from(document.querySelectorAll(".deffinov-years a, .deffinov-pager a"));
  form.region.value = new URLSearchParams(window.location.search).get("region") || "";
  const show = () => {
    const region = form.region.value;
    for (const entry of entries) entry.hidden = !!region && !entry.dataset.regions.split(" ").includes(region);
    let shownMonths = 0;
    for (const month of months) {
      month.hidden = !month.querySelector("[data-moment]:not([hidden])");
      if (!month.hidden) shownMonths += 1;
    }
    if (none) none.hidden = shownMonths > 0;
    const search = region ? "?region=" + encodeURIComponent(region) : "";
    window.history.replaceState(null, "", search || window.location.pathname);
    for (const link of others) {
      const url = new URL(link.href);
      url.search = search;
      link.href = url.href;
    }
  };
  delete form.dataset.pending;
  form.addEventListener("change", show);
  form.addEventListener("submit", (event) => event.preventDefault());
  show();
}
