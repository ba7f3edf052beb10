/* The browser editor at /admin/ (Decap CMS, theme/deffinov/admin.html): the site's two date
   widgets, the tidying of what a form saves, and the previews of a call and a resource in the
   site's look, then the editor's start. The forms themselves are generated from the model
   (admin/config.yml, generator/content/editorforms.py); the labels, the regions' time zones and
   the status rule come from admin/donnees.json (generator/outputs/editor.py). Decap's globals
   `CMS`, `h` (React's createElement) and `createClass` stand in for a JSX build. */

import { frenchDay } from "./calendar.js";
import { statusOf } from "./status.js";

const CMS = globalThis.CMS;
const h = globalThis.h;
const createClass = globalThis.createClass;

/** A date as the files hold it, `AAAA-MM-JJ`, from what the YAML reader gave (text or Date). */
export function isoDate(value) {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return typeof value === "string" ? value.slice(0, 10) : "";
}

/** A plain object from an Immutable value Decap keeps, or the value itself. */
function plain(value) {
  return value && typeof value.toJS === "function" ? value.toJS() : value;
}

/** What a form saves, without the empty values a cleared field leaves ("" or null): the model
    reads a missing optional field as unknown, an empty text as an error. Dates back to text. */
export function tidy(value) {
  if (value instanceof Date) return isoDate(value);
  if (Array.isArray(value)) return value.map(tidy).filter((item) => item !== undefined);
  if (value && typeof value === "object") {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      const tidied = tidy(item);
      if (tidied !== undefined) kept[key] = tidied;
    }
    return kept;
  }
  if (value === "" || value === null) return undefined;
  return typeof value === "string" ? value.trim() || undefined : value;
}

/** A call's date, plain or as a block (fields.FuzzyDate): its parts. */
export function uncertainParts(value) {
  const data = plain(value);
  if (data && typeof data === "object" && !(data instanceof Date)) {
    return { date: isoDate(data.date), year_uncertain: !!data.year_uncertain, day_unknown: !!data.day_unknown };
  }
  return { date: isoDate(data), year_uncertain: false, day_unknown: false };
}

/** The value to save: a plain date while nothing is unsure, a block otherwise. */
export function uncertainValue(parts) {
  if (!parts.date) return "";
  if (!parts.year_uncertain && !parts.day_unknown) return parts.date;
  const block = { date: parts.date };
  if (parts.year_uncertain) block.year_uncertain = true;
  if (parts.day_unknown) block.day_unknown = true;
  return block;
}

function dateControl() {
  return createClass({
    render() {
      const { forID, classNameWrapper, value, onChange, setActiveStyle, setInactiveStyle } = this.props;
      return h("input", {
        type: "date", id: forID, className: classNameWrapper, value: isoDate(plain(value)),
        onChange: (event) => onChange(event.target.value), onFocus: setActiveStyle, onBlur: setInactiveStyle,
      });
    },
  });
}

function uncertainDateControl(words) {
  return createClass({
    change(part, partValue) {
      const parts = { ...uncertainParts(this.props.value), [part]: partValue };
      this.props.onChange(uncertainValue(parts));
    },
    render() {
      const { forID, classNameWrapper, value, setActiveStyle, setInactiveStyle } = this.props;
      const parts = uncertainParts(value);
      const box = (key) => h("label", { className: "deffinov-editor-flag", key },
        h("input", { type: "checkbox", checked: parts[key], disabled: !parts.date,
                     onChange: (event) => this.change(key, event.target.checked) }),
        " ", words[key]);
      return h("div", { className: classNameWrapper },
        h("input", { type: "date", id: forID, value: parts.date, onFocus: setActiveStyle, onBlur: setInactiveStyle,
                     onChange: (event) => this.change("date", event.target.value) }),
        h("div", { className: "deffinov-editor-flags" }, box("year_uncertain"), box("day_unknown")));
    },
  });
}

function datePreview() {
  return createClass({
    render() {
      const parts = uncertainParts(this.props.value);
      return h("span", null, parts.date ? frenchDate(parts) : "");
    },
  });
}

const MONTH_ONLY = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });

/** `31 mars 2027`, `mars 2027` when the day is unknown, with `(année non confirmée)`. */
export function frenchDate(parts) {
  const day = Date.parse(`${parts.date}T00:00:00Z`);
  if (Number.isNaN(day)) return parts.date;
  const text = parts.day_unknown ? MONTH_ONLY.format(day) : frenchDay(day, "UTC");
  return parts.year_uncertain ? `${text} (année non confirmée)` : text;
}

/** `12 h 00`, as the site writes times. */
export function frenchTime(time) {
  const [hours, minutes] = String(time).split(":");
  return `${Number(hours)}\u00a0h\u00a0${minutes}`;
}

/** The instant a wall-clock time of `zone` stands for (milliseconds); without a time, the end of
    the day, 23:59:59, as schedule.py's END_OF_DAY. */
export function instantIn(date, time, zone) {
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes, seconds] = time ? [...time.split(":").map(Number), 0] : [23, 59, 59];
  const guess = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric",
  }).formatToParts(new Date(guess)).map((part) => [part.type, part.value]));
  const shown = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, seconds);
  return guess - (shown - guess);
}

/** How readers name `zone` ("heure de Tahiti"), as a region in that zone says it; a zone no region
    uses (a call's own) is only "heure locale", the zone's name following it. */
export function localTimeOf(zone, regions) {
  const region = Object.values(regions).find((candidate) => candidate.timezone === zone);
  return region ? region.local_time : "heure locale";
}

function regionOf(props, data) {
  const path = props.entry.get("path") || "";
  const fromPath = path.split("/")[1];
  const collection = props.collection ? props.collection.get("name") : props.entry.get("collection");
  const slug = data.regions[fromPath] ? fromPath : String(collection || "").replace(/^[a-z]+-/, "");
  return data.regions[slug] || { name: slug, timezone: "Europe/Paris", local_time: "heure de Paris" };
}

/** What a preview's frame needs to be a page of its own: its language, a title, a main landmark;
    and a keyboard stop, to scroll it with the arrow keys when it is taller than its pane. */
const framed = {
  componentDidMount() { this.nameFrame(); },
  componentDidUpdate() { this.nameFrame(); },
  nameFrame() {
    const frame = this.props.document;
    if (!frame) return;
    frame.documentElement.lang = "fr";
    frame.documentElement.tabIndex = 0;
    frame.title = `Aperçu : ${this.props.entry.getIn(["data", "title"]) || "nouvelle fiche"}`;
  },
};

function page(...children) {
  return h("main", null, h("article", { className: "md-typeset deffinov-editor-preview" }, ...children));
}

function section(title, ...children) {
  return h("section", null, h("h2", null, title), ...children);
}

function facts(items) {
  const shown = items.filter(([, value]) => value !== undefined && value !== null && value !== "");
  return h("dl", null, ...shown.flatMap(([term, value]) => [h("dt", { key: `t${term}` }, term), h("dd", { key: `d${term}` }, value)]));
}

function list(values, unknown) {
  return values && values.length ? h("ul", null, ...values.map((value, index) => h("li", { key: index }, value)))
    : h("p", null, unknown);
}

function callPreview(data) {
  const words = data.labels.call;
  return createClass({
    ...framed,
    render() {
      const call = tidy(plain(this.props.entry.get("data"))) || {};
      const region = regionOf(this.props, data);
      const calendar = call.calendar || {};
      const zone = calendar.timezone || region.timezone;
      const local = localTimeOf(zone, data.regions);
      const waves = calendar.waves || [];
      const deadlines = waves.filter((wave) => wave.deadline).map((wave) => instantIn(uncertainParts(wave.deadline).date, wave.time, zone));
      if (calendar.closes) deadlines.push(instantIn(uncertainParts(calendar.closes).date, calendar.closes_time, zone));
      const opens = calendar.opens ? instantIn(uncertainParts(calendar.opens).date, "00:00", zone) : null;
      const status = statusOf({ state: calendar.state || "active", opens, deadlines, openEnded: !!calendar.rolling && !calendar.closes },
        data.rule, Date.now());
      const deadlineText = (wave) => {
        if (!wave.deadline) return data.unknown;
        const time = wave.time ? ` à ${frenchTime(wave.time)}, ${local} (${zone})` : "";
        return frenchDate(uncertainParts(wave.deadline)) + time;
      };
      const eligibility = call.eligibility || {};
      const application = call.application || {};
      return page(
        h("p", null, h("span", { className: `deffinov-status deffinov-status--${status}` }, data.rule.labels[status])),
        h("h1", null, call.title || ""),
        h("p", null, call.summary || ""),
        section(words["calendar.waves"],
          waves.length ? h("ul", null, ...waves.map((wave, index) => h("li", { key: index },
            h("strong", null, wave.label || data.values.Stage[wave.stage || "single"]), " — ",
            `${words["calendar.waves.deadline"]} : ${deadlineText(wave)}`))) : h("p", null, data.unknown),
          calendar.rolling ? h("p", null, `${words["calendar.rolling"]} ; ${words["calendar.closes"]} : `
            + (calendar.closes ? frenchDate(uncertainParts(calendar.closes)) : data.unknown)) : null),
        section(words.eligibility,
          list(eligibility.applicants, data.unknown),
          facts([[words["eligibility.collective"], eligibility.collective],
                 [words["eligibility.lead_partner"], eligibility.lead_partner]])),
        section(words.application,
          list((application.channels || []).map((channel) =>
            [data.values.Channel[channel.channel] || channel.channel, channel.url, channel.address].filter(Boolean).join(" : ")),
          data.unknown),
          facts([[words["application.proof"], application.proof]])),
        h("p", null, `${words.sources} : ${(call.sources || []).length} ; ${words.last_checked} : `
          + (call.last_checked ? frenchDate(uncertainParts(call.last_checked)) : data.unknown)),
        this.props.widgetFor("body"));
    },
  });
}

function resourcePreview(data) {
  const words = data.labels.resource;
  return createClass({
    ...framed,
    render() {
      const resource = tidy(plain(this.props.entry.get("data"))) || {};
      const region = regionOf(this.props, data);
      const booking = resource.booking || {};
      const place = resource.place || {};
      return page(
        h("h1", null, resource.title || ""),
        h("p", null, resource.summary || ""),
        facts([
          [words.type, data.values.ResourceType[resource.type]],
          [words.provider, resource.provider],
          [words.place, [place.city, region.name].filter(Boolean).join(", ")],
          [words.fees, data.values.Fees[resource.fees]],
          [words.fee_details, resource.fee_details],
          [words.delivery, data.values.Delivery[resource.delivery || "sur-place"]],
          [words.booking, [booking.url, booking.note].filter(Boolean).join(" — ") || data.unknown],
          [words.audiences, (resource.audiences || []).map((value) => data.values.Audience[value]).join(", ") || data.unknown],
          [words.last_updated, resource.last_updated ? frenchDate(uncertainParts(resource.last_updated)) : data.unknown],
        ]),
        this.props.widgetFor("body"));
    },
  });
}

async function start() {
  const data = await (await fetch("donnees.json")).json();
  CMS.registerWidget("date-deffinov", dateControl(), datePreview());
  CMS.registerWidget("date-incertaine", uncertainDateControl(data.uncertain_date), datePreview());
  CMS.registerEventListener({
    name: "preSave",
    handler: ({ entry }) => entry.get("data").constructor(tidy(plain(entry.get("data"))) || {}),
  });
  const styles = document.querySelector('meta[name="deffinov-preview-styles"]').content.split(" ").filter(Boolean);
  for (const sheet of styles) CMS.registerPreviewStyle(new URL(sheet, document.baseURI).href);
  for (const slug of Object.keys(data.regions)) {
    CMS.registerPreviewTemplate(`calls-${slug}`, callPreview(data));
    CMS.registerPreviewTemplate(`resources-${slug}`, resourcePreview(data));
  }
  document.getElementById("deffinov-editor-intro").hidden = true;
  CMS.init();
}

if (CMS) start();
