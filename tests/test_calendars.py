"""The iCalendar files, read by independent readers, and their events at the right instants."""

from __future__ import annotations

import datetime as dt
import re
import types

import icalendar
import pytest
import vobject

from helpers import REGION_YML, REPO, VALID_CALL, html_to_text
from generator.build import pipeline
from generator.settings import Project


UTC = dt.timezone.utc
ZONES = {  # region folder: (name, INSEE code, time zone)
    "polynesie-francaise": ("Polynésie française", "987", "Pacific/Tahiti"),  # UTC−10
    "la-reunion": ("La Réunion", "04", "Indian/Reunion"),  # UTC+4
    "nouvelle-caledonie": ("Nouvelle-Calédonie", "988", "Pacific/Noumea"),  # UTC+11
}


def call_with(deadline: str, time: str = "12:00", extra: str = "") -> str:
    return VALID_CALL.replace(
        "  opens: 2025-01-06\n  waves:\n    - label: Vague 1\n      deadline: 2025-03-14\n      time: \"12:00\"\n"
        "    - label: Vague 2\n      deadline: 2025-06-13\n",
        f"  opens: 2025-01-06\n  waves:\n    - label: Vague 1\n      deadline: {deadline}\n      time: \"{time}\"\n",
    ) .replace("last_checked: 2025-01-10\n", extra + "last_checked: 2025-01-10\n")


def calendars(repo, today="2025-01-15") -> dict[str, str]:
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today=today,
                      site_url="https://appels.exemple.fr/")
    return {f.uri: f.content for f in pipeline.render(pipeline.check(project)) if f.uri.endswith(".ics")}


@pytest.fixture
def world(repo):
    """Calls in Paris (winter and summer), Cayenne, Tahiti, Réunion and Nouméa."""
    for folder, (name, code, zone) in ZONES.items():
        repo.write(f"regions/{folder}/region.yml", REGION_YML.format(name=name, code=code, tz=zone))
    repo.call("regions/bretagne/calls/hiver.md", call_with("2025-03-14"))
    repo.call("regions/bretagne/calls/ete.md", call_with("2025-06-13", "17:00"))
    repo.call("regions/guyane/calls/cayenne.md", call_with("2025-03-14"))
    for folder in ZONES:
        repo.call(f"regions/{folder}/calls/appel-{folder}.md", call_with("2025-03-14"))
    return repo


def check_raw_rules(text: str, name: str) -> None:
    """What no parser checks for us: CRLF line ends, lines of at most 75 octets, one calendar."""
    raw = text.encode("utf-8")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), name
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines), name
    assert max(len(line) for line in lines) <= 75, name


def test_every_calendar_passes_three_independent_readers(world):
    files = calendars(world)
    assert "calendrier/deffinov-tiers-lieux.ics" in files and "regions/la-reunion/calendrier.ics" in files
    for name, text in files.items():
        check_raw_rules(text, name)
        parsed = icalendar.Calendar.from_ical(text)
        assert parsed.errors == [] and parsed["VERSION"] == "2.0" and parsed["PRODID"], name
        for event in parsed.walk("VEVENT"):
            assert event.errors == [], name
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert required in event, (name, required)
        vobject.readOne(text, validate=True)


@pytest.mark.parametrize("call, instant", [
    ("hiver", dt.datetime(2025, 3, 14, 11, 0, tzinfo=UTC)),  # Paris in winter, UTC+1
    ("ete", dt.datetime(2025, 6, 13, 15, 0, tzinfo=UTC)),  # Paris in summer, UTC+2
    ("cayenne", dt.datetime(2025, 3, 14, 15, 0, tzinfo=UTC)),  # UTC−3
    ("appel-polynesie-francaise", dt.datetime(2025, 3, 14, 22, 0, tzinfo=UTC)),  # UTC−10
    ("appel-la-reunion", dt.datetime(2025, 3, 14, 8, 0, tzinfo=UTC)),  # UTC+4
    ("appel-nouvelle-caledonie", dt.datetime(2025, 3, 14, 1, 0, tzinfo=UTC)),  # UTC+11
])
def test_each_deadline_lands_at_its_instant(world, call, instant):
    text = calendars(world)[f"appels/{call}/calendrier.ics"]
    deadlines = [e for e in vobject.readOne(text).vevent_list if e.uid.value.endswith("-date-limite@deffinov-tiers-lieux")]
    assert [e.dtstart.value.astimezone(UTC) for e in deadlines] == [instant]
    # An independent reader agrees.
    event = next(e for e in icalendar.Calendar.from_ical(text).walk("VEVENT") if "date-limite" in str(e["UID"]))
    assert event.decoded("DTSTART").astimezone(UTC) == instant


def test_a_region_calendar_holds_its_calls_and_the_whole_one_all(world):
    files = calendars(world)
    def uids(name):
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(files[name]).walk("VEVENT")}
    assert uids("regions/bretagne/calendrier.ics") == {
        "hiver-ouverture@deffinov-tiers-lieux", "hiver-etape-1-date-limite@deffinov-tiers-lieux",
        "ete-ouverture@deffinov-tiers-lieux", "ete-etape-1-date-limite@deffinov-tiers-lieux"}
    assert uids("calendrier/deffinov-tiers-lieux.ics") == set().union(
        *(uids(f"regions/{slug}/calendrier.ics") for slug in ("bretagne", "guyane", *ZONES)))


def test_the_site_wide_calendar_keeps_last_year_on_and_each_year_has_its_whole_file(world):
    """Subscribed to for years, the site-wide file must not grow with every call ever recorded."""
    world.call("regions/bretagne/calls/plus-tard.md", call_with("2027-03-12"))
    files = calendars(world, today="2028-06-01")

    def uids(name):
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(files[name]).walk("VEVENT")}
    of_2025, of_2027 = uids("calendrier/deffinov-tiers-lieux-2025.ics"), uids("calendrier/deffinov-tiers-lieux-2027.ics")
    assert "hiver-etape-1-date-limite@deffinov-tiers-lieux" in of_2025
    assert of_2027 == {"plus-tard-etape-1-date-limite@deffinov-tiers-lieux"}  # it opened in 2025
    assert uids("calendrier/deffinov-tiers-lieux.ics") == of_2027  # 2025 is more than a year before 2028
    every = set().union(*(uids(f"regions/{slug}/calendrier.ics") for slug in ("bretagne", "guyane", *ZONES)))
    assert of_2025 | of_2027 == every and not of_2025 & of_2027


def test_an_amended_deadline_moves_its_event_keeps_its_identifier_and_raises_its_sequence(repo):
    repo.call("regions/bretagne/calls/appel.md", call_with("2025-03-14"))
    before = icalendar.Calendar.from_ical(calendars(repo)["appels/appel/calendrier.ics"])
    repo.call("regions/bretagne/calls/appel.md", call_with(
        "2025-03-28", extra="amendments:\n  - date: 2025-03-01\n    text: Date limite reportée du 14 au 28 mars.\n"))
    after = icalendar.Calendar.from_ical(calendars(repo, today="2025-03-02")["appels/appel/calendrier.ics"])

    def deadline(cal):
        return next(e for e in cal.walk("VEVENT") if "date-limite" in str(e["UID"]))

    old, new = deadline(before), deadline(after)
    assert str(old["UID"]) == str(new["UID"])
    assert new.decoded("DTSTART") - old.decoded("DTSTART") == dt.timedelta(days=14)
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTAMP") > old.decoded("DTSTAMP")


def test_a_stage_without_deadline_or_day_is_not_an_event_and_an_unsure_year_says_so(repo):
    repo.call("regions/bretagne/calls/appel.md", VALID_CALL.replace(
        "  opens: 2025-01-06\n", "  opens:\n    date: 2025-01-01\n    day_unknown: true\n").replace(
        "    - label: Vague 2\n      deadline: 2025-06-13\n",
        "    - label: Vague 2\n      deadline:\n        date: 2025-06-13\n        year_uncertain: true\n"
        "    - label: Vague 3\n"))
    events = icalendar.Calendar.from_ical(calendars(repo)["appels/appel/calendrier.ics"]).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Date limite : Vague 1 – Appel de test",
        "Date limite : Vague 2 – Appel de test (année non confirmée)",
    ]
    whole_day = events[1]
    assert whole_day.decoded("DTSTART") == dt.date(2025, 6, 13)
    assert str(events[0]["URL"]) == "https://appels.exemple.fr/appels/appel/"


def test_every_calendar_of_the_real_site_passes_the_readers(built_site):
    files = sorted(built_site.rglob("*.ics"))
    years = list(built_site.glob("calendrier/deffinov-tiers-lieux-20*.ics"))
    assert years, "the real calls' events have years"
    assert len(files) == 1 + len(years) + 24 + len(list((REPO / "regions").glob("*/calls/*.md")))
    for path in files:
        text = path.read_bytes().decode("utf-8")
        check_raw_rules(text, path.name)
        parsed = icalendar.Calendar.from_ical(text)
        assert parsed.errors == [] and all(e.errors == [] for e in parsed.walk("VEVENT")), path
        vobject.readOne(text, validate=True)


def test_the_calendar_page_lists_a_results_date_known_only_to_its_month(repo):
    """"Chaque annonce de résultats, mois par mois": one known only to the month is in its month,
    after its days, and stays ahead of the reader until the month is over."""
    repo.call("regions/bretagne/calls/appel.md", VALID_CALL.replace(
        "sources:\n", "results:\n  announced:\n    date: 2025-10-01\n    day_unknown: true\nsources:\n").replace(
        "    - label: Vague 2\n      deadline: 2025-06-13\n", "    - label: Vague 2\n      deadline: 2025-10-20\n"))
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today="2025-01-15")
    rendered = {f.uri: f.content for f in pipeline.render(pipeline.check(project))}
    page = rendered["calendrier/index.md"]
    october = page.split('id="mois-2025-10"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li [^>]*data-moment=\"([^\"]+)\"[^>]*>(.*?)</li>", october)
    assert [moment for moment, _ in items] == ["2025-10-20T23:59:59+02:00", "2025-10-31T23:59:59+01:00"]
    results = html_to_text(items[1][1], gap="", plain_spaces=True)
    assert results.startswith("octobre 2025 (jour non communiqué) : Annonce des résultats, Appel de test")
    assert '<time datetime="2025-10">' in items[1][1]
    # No day, no event in the calendar files: an agenda cannot place it.
    ics = rendered["appels/appel/calendrier.ics"]
    assert "resultats" not in ics


def test_a_calendar_carries_the_zones_of_its_timed_events_and_no_other(repo):
    """A deadline at a time needs its zone's rules (VTIMEZONE); a whole day is in no zone, so a
    calendar of whole days carries none."""
    repo.call("regions/bretagne/calls/a-l-heure.md")
    repo.call("regions/guyane/calls/jours-entiers.md", VALID_CALL.replace('      time: "12:00"\n', ""))
    project = Project(repo.root, repo.root / "content", REPO / "theme" / "deffinov", today="2025-01-15")
    rendered = {f.uri: f.content for f in pipeline.render(pipeline.check(project))}
    assert "TZID:Europe/Paris" in rendered["appels/a-l-heure/calendrier.ics"]
    assert "BEGIN:VTIMEZONE" not in rendered["appels/jours-entiers/calendrier.ics"]


# --- Folding: the library's lines, folded faster (outputs/faster_icalendar.py) -------------------

from hypothesis import example, given, strategies as st  # noqa: E402

from generator.outputs import calendars as calendar_output, faster_icalendar  # noqa: E402
from icalendar.parser import content_line, string as ical_string  # noqa: E402

# One octet (with the two escapes the library never leaves at a line's end), two, three and four.
_LINE_CHARACTERS = st.sampled_from(["a", " ", ",", "\\", "^", ";", "é", "’", "€", "中", "😀", "\u0301"])


@given(st.lists(_LINE_CHARACTERS, max_size=400).map("".join), st.integers(min_value=0, max_value=80))
@example("a" * 74, 0)
@example("a" * 75, 0)
@example("a" * 73 + "\\n", 0)
@example("a" * 72 + "é" + "b", 0)
@example("a" * 73 + "é" * 3, 0)  # a character across the 75th octet, of two, three and four octets
@example("a" * 72 + "€" * 3, 0)
@example("a" * 71 + "😀" * 3, 0)
@example("a" * 73 + "^b", 0)
@example("\\" * 200, 0)
def test_a_line_is_folded_as_the_library_folds_it(line, offset):
    line = "x" * offset + line  # every position of a cut
    assert faster_icalendar.fold(line) == ical_string._foldline(line)


def test_the_calendars_fold_with_the_faster_function_in_this_version():
    # Fails when an upgrade of icalendar changed its folding: faster_icalendar then leaves the
    # library's own in place (the same files, slower). Compare the new function, then update the
    # names and constants described there.
    assert calendar_output.faster_icalendar is faster_icalendar
    assert content_line._foldline is faster_icalendar.fold
    assert faster_icalendar.install()


def test_a_folding_function_of_another_version_is_left_in_place(monkeypatch):
    # An upgrade that changed how the library folds (here: its default width, or its code) keeps
    # the library's own function: faster_icalendar mirrors one version only.
    stock = ical_string._foldline
    wider = types.FunctionType(stock.__code__, stock.__globals__, stock.__name__, (80, "\r\n "))
    wider.__doc__ = stock.__doc__

    for other in (wider, lambda line, limit=75, fold_sep="\r\n ": line):
        monkeypatch.setattr(ical_string, "_foldline", other)
        monkeypatch.setattr(content_line, "_foldline", other)
        assert not faster_icalendar.install()
        assert content_line._foldline is other


# --- Time zones: the library's VTIMEZONE, found faster (faster_icalendar.vtimezone) --------------

import zoneinfo  # noqa: E402

_ZONES = sorted(zoneinfo.available_timezones())


@given(st.sampled_from(_ZONES), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31)),
       st.integers(min_value=0, max_value=6000))
@example("America/Cayenne", dt.date(2023, 1, 1), 2000)  # one offset from the first date on
@example("Europe/Paris", dt.date(2024, 1, 1), 455)  # the last date the day of a change (2025-03-30)
@example("Africa/Casablanca", dt.date(2020, 1, 1), 1500)  # two changes within a month, each Ramadan
@example("Pacific/Apia", dt.date(2010, 1, 1), 800)  # a day skipped (2011-12-30)
@example("America/Sao_Paulo", dt.date(2017, 1, 1), 1200)  # summer time given up (2019)
def test_a_zone_is_written_as_the_library_writes_it(tzid, first, days):
    last = first + dt.timedelta(days=days)
    assert (faster_icalendar.vtimezone(tzid, first, last).to_ical()
            == icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical())


def test_the_calendars_find_zones_with_the_faster_search_in_this_version(monkeypatch):
    # Fails when an upgrade of icalendar changed how it finds a zone's changes: vtimezone then
    # asks the library (the same files, slower). Compare, then update the names described there.
    assert tuple(icalendar.Timezone._from_tzinfo_skip_search) == faster_icalendar.SKIP_SEARCH
    assert faster_icalendar.method_is(icalendar.Timezone.from_tzinfo.__func__, faster_icalendar.FROM_TZINFO_NAMES)
    asked = []
    monkeypatch.setattr(icalendar.Timezone, "from_tzid", classmethod(lambda cls, *args, **kwargs: asked.append(args)))
    faster_icalendar.vtimezone("America/Cayenne", dt.date(2024, 1, 1), dt.date(2026, 1, 1))
    assert asked == []


def test_a_zone_search_of_another_version_is_left_to_the_library(monkeypatch):
    asked = []
    monkeypatch.setattr(icalendar.Timezone, "from_tzid", classmethod(lambda cls, *args, **kwargs: asked.append(args)))
    monkeypatch.setattr(icalendar.Timezone, "_from_tzinfo_skip_search", [dt.timedelta(days=365)])
    faster_icalendar.vtimezone("America/Cayenne", dt.date(2024, 1, 1), dt.date(2026, 1, 1))
    assert asked == [("America/Cayenne",)]


def test_an_unknown_zone_is_refused_as_the_library_refuses_it():
    with pytest.raises(ValueError):
        faster_icalendar.vtimezone("Nulle/Part", dt.date(2024, 1, 1), dt.date(2026, 1, 1))


def test_a_zone_search_written_otherwise_is_left_to_the_library(monkeypatch):
    # Same steps, other code (an upgrade that rewrote from_tzinfo): the library's own from_tzid.
    asked = []
    monkeypatch.setattr(icalendar.Timezone, "from_tzid", classmethod(lambda cls, *args, **kwargs: asked.append(args)))
    monkeypatch.setattr(icalendar.Timezone, "from_tzinfo", classmethod(lambda cls, *args: None))
    faster_icalendar.vtimezone("America/Cayenne", dt.date(2024, 1, 1), dt.date(2026, 1, 1))
    assert asked == [("America/Cayenne",)]
