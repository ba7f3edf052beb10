"""The open-data tables: which columns each export has and what each row holds, from the model.

A table's columns are its model's fields, flattened (`aid.min` becomes the column `aid_min`; a
field that a public French schema names, such as a place's `code_postal`, takes that name),
after the few columns the model does not hold: the item's permanent id, its page's address, its
region. Each column carries its French title and description and the JSON Schema of its values,
all taken from the model. The file formats and their schemas are made from these tables in
outputs/opendata.py; nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
import zlib
from dataclasses import dataclass, field
from typing import Annotated, Any, Callable, Iterator, TypeVar

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from ..content.call import Call, Wave
from ..content.entries import CallEntry, SiteModel
from ..content.fields import FuzzyDate, LabelledEnum, model_of, public_name
from ..content.provider import Provider
from ..content.region import Region
from ..content.resource import Resource
from .. import french
from ..build.cache import Memo, NoMemo
from . import urls
from .catalog import resource_views
from .schedule import Status, schedule
from .views import call_views, reading_state

T = TypeVar("T")


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header and the JSON key
    title: str
    description: str
    schema: dict  # JSON Schema of one value; allows null when the value may be missing
    required: bool  # every row has a value (an empty list counts as a value)
    path: tuple[str, ...] | None = None  # where the value sits in the model's JSON dump; None: derived


@dataclass(frozen=True)
class Table:
    name: str  # file name without extension: "appels"
    title: str
    description: str
    columns: list[Column]
    rows: list[dict[str, Any]]  # column name -> value as JSON has it
    points: list[tuple[float, float] | None] | None = None  # (longitude, latitude) of each row, for a map
    key: str = "id"  # the column that identifies a row


def _annotation_schema(info: FieldInfo) -> dict:
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return inline(TypeAdapter(annotation).json_schema(mode="serialization"))


def inline(schema: dict) -> dict:
    """A pydantic JSON Schema with its `$defs` written in place, without class names as titles:
    each column's schema stands alone, readable in a table of fields."""
    defs = schema.get("$defs", {})

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = walk(defs[node["$ref"].rsplit("/", 1)[-1]])
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        result = {k: walk(v) for k, v in node.items() if k != "$defs" and k != "public_name"}
        # Pydantic titles a model or an enum with its class name and describes it with its
        # docstring, written for developers: the French texts are the fields' own.
        if "properties" in result or "enum" in result:
            result.pop("title", None)
            result.pop("description", None)
        return result

    return walk(schema)


def nullable(schema: dict) -> dict:
    """`schema`, or nothing (null) when the value is unknown."""
    options = schema.get("anyOf", [schema])
    if any(option.get("type") == "null" for option in options):
        return schema
    return {"anyOf": [schema, {"type": "null"}]}


def _is_list(annotation) -> bool:
    while typing.get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0]
    return typing.get_origin(annotation) is list


def model_columns(model: type[BaseModel], skip: tuple[str, ...] = (), prefix: tuple[str, ...] = (),
                  present: bool = True, parent: FieldInfo | None = None) -> list[Column]:
    """One column per leaf field of `model`, nested models flattened; `skip` lists dotted paths.

    A date of the sources (FuzzyDate) gives its date column, named and titled after the field,
    then one column per flag that says what is unsure about it."""
    columns = []
    for name, info in model.model_fields.items():
        path = prefix + (name,)
        if ".".join(path) in skip:
            continue
        always = present and (info.is_required() or info.default is not None)
        inner = model_of(info.annotation)
        if inner is not None and not _is_list(info.annotation):
            columns += model_columns(inner, skip, path, always, info)
            continue
        title, description = info.title or name, info.description or ""
        column_name = public_name(info) or "_".join(path)
        if model is FuzzyDate and parent is not None:
            if name == "date":
                column_name, title = "_".join(prefix), parent.title
                description = f"{parent.description} (AAAA-MM-JJ)"
            else:
                title, description = f"{parent.title} : {title[:1].lower()}{title[1:]}", f"{parent.title} : {description}"
        description = _sentence(description)
        values = _enum_of(info.annotation)
        if values:
            description += " Valeurs : " + " ; ".join(f"{member.value} ({member.label})" for member in values) + "."
        schema = _annotation_schema(info)
        schema = {**(schema if always else nullable(schema)), "title": title, "description": description}
        columns.append(Column(column_name, title, description, schema, always, path))
    return columns


def _sentence(text: str) -> str:
    """A description as a sentence: the model's are written for editors' messages, without a full stop."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _enum_of(annotation) -> type[LabelledEnum] | None:
    """The labelled enumeration behind `E`, `E | None` or `list[E]`, if any."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, LabelledEnum):
            return candidate
        if typing.get_args(candidate) and candidate is not annotation:
            found = _enum_of(candidate)
            if found:
                return found
    return None


def derived(name: str, title: str, description: str, schema: dict, required: bool = True) -> Column:
    """A column the model does not hold (an id, an address), with its own French title."""
    schema = {**(schema if required else nullable(schema)), "title": title, "description": description}
    return Column(name, title, description, schema, required)


STRING = {"type": "string"}
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}
MOMENT = {"type": "string", "format": "date-time"}
ADDRESS = {"type": "string", "format": "uri-reference"}

ID = derived("id", "Identifiant", "Identifiant permanent de l'élément : le nom de son fichier source, sans extension. Il ne change pas.", SLUG)
URL = derived("url", "Page du site", "Adresse de la page de l'élément sur ce site (absolue quand l'adresse publique du site est connue).", ADDRESS)
REGION = derived("region", "Région", "Identifiant de la région ou du territoire : le nom de son dossier, comme dans l'adresse de sa page.", SLUG)
REGION_CODE = derived("region_code", "Code officiel de la région (INSEE)", "Code officiel géographique de la région ou du territoire, en deux ou trois chiffres.", {"type": "string", "pattern": r"^\d{2,3}$"})
TIMEZONE = derived("timezone", "Fuseau horaire", "Fuseau horaire IANA dans lequel s'entendent les dates limites et les heures de l'appel.", STRING)


@dataclass
class Records:
    """Rows as the model dumps them, and the values of the derived columns beside."""

    columns: list[Column]
    rows: list[dict] = field(default_factory=list)

    def __post_init__(self):
        names = [column.name for column in self.columns]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"two columns share a name: {sorted(duplicates)}")

    def add(self, dump: dict, **values) -> None:
        self.rows.append(self.row(dump, **values))

    def row(self, dump: dict, **values) -> dict:
        return {column.name: _at(dump, column.path) if column.path else values.get(column.name)
                for column in self.columns}


def _at(dump: dict, path: tuple[str, ...]):
    value = dump
    for part in path:
        if value is None:
            return None
        value = value.get(part)
    return value


STATUS = derived(
    "status", "Statut à la date des données",
    "Statut de l'appel à la date donnée par la colonne status_date, selon la règle que le site applique "
    "(dates limites à l'heure du fuseau de l'appel, état déclaré) ; closed_undated : l'appel est déclaré clos "
    "mais aucune source ne date sa fin. Valeurs : "
    + " ; ".join(f"{status.value} ({status.label})" for status in Status) + ".",
    {"type": "string", "enum": [status.value for status in Status]})
STATUS_DATE = derived("status_date", "Date du statut", "Jour, à l'heure du site, où ces données ont été produites et pour lequel la colonne status est juste (AAAA-MM-JJ). Le statut d'un appel change avec les jours : recalculez-le depuis les dates limites (fichier appels-etapes) pour un autre jour.", {"type": "string", "format": "date"})
LAST_DATED = derived("last_dated_fact", "Dernière information datée", "La plus récente des dates que donnent les sources de l'appel (publication, ouverture, date limite, résultats, modification, publication d'une source), écrite en toutes lettres avec ce qu'elle date et ce qui est incertain ; vide si les sources ne datent rien.", STRING, required=False)
LAST_DATED_DAY = derived("last_dated_fact_date", "Date de la dernière information datée", "La date de la colonne last_dated_fact au format AAAA-MM-JJ ; le 1er du mois quand les sources ne donnent que le mois.", {"type": "string", "format": "date"}, required=False)


def calls(name: str, site: SiteModel, address, now: dt.datetime, memo: Memo | NoMemo = NoMemo()) -> Table:
    regions_column = derived("regions", "Régions couvertes", "Identifiants de toutes les régions que couvre l'appel, la sienne d'abord.", {"type": "array", "items": SLUG})
    records = Records([ID, URL, REGION, REGION_CODE, regions_column, TIMEZONE,
                       *model_columns(Call, skip=("calendar.waves",)), STATUS, STATUS_DATE, LAST_DATED, LAST_DATED_DAY])
    views = {view.entry.id: view for view in call_views(site, now)}

    def row(call, view) -> dict:
        fact = view.last_dated
        return records.row(call.data.model_dump(mode="json"), id=call.id, url=address(urls.call_page(call.id)),
                           region=call.region, region_code=site.region(call.region).data.insee_code,
                           regions=call.regions, timezone=view.timezone, status=view.status.value,
                           status_date=now.date().isoformat(),
                           last_dated_fact=fact and f"{french.french_date(fact.date)} : {fact.what}",
                           last_dated_fact_date=fact and fact.date.date.isoformat())

    for call in site.calls:
        view = views[call.id]
        # `mkdocs serve` keeps the rows of the calls not saved since the last build, on the same day.
        records.rows.append(memo.get("appel", (call, site.region(call.region), view.timezone, view.status,
                                               now.date()), lambda call=call, view=view: row(call, view)))
    return Table(name, "Appels à projets", "Un appel à projets par ligne, avec son aide, ses conditions, sa façon de candidater et son calendrier ; ses vagues et étapes sont dans le fichier appels-etapes.", records.columns, records.rows)


def waves(name: str, site: SiteModel, address, memo: Memo | NoMemo = NoMemo()) -> Table:
    columns = [
        derived("id", "Identifiant", "Identifiant permanent de la vague : l'identifiant de l'appel, puis son rang.", {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*/\d+$"}),
        derived("call_id", "Appel", "Identifiant de l'appel à projets (colonne id du fichier appels).", SLUG),
        URL, REGION,
        derived("rank", "Rang", "Rang de la vague ou de l'étape dans le calendrier de l'appel, à partir de 1.", {"type": "integer", "minimum": 1}),
        derived("step", "Étape affichée", "Nom de la vague ou de l'étape tel que le site l'affiche.", STRING),
        *model_columns(Wave),
        derived("deadline_moment", "Date et heure limites", "Instant limite de dépôt en ISO 8601 avec le décalage horaire du fuseau de l'appel ; 23:59:59 quand l'heure n'est pas connue. Vide si la date limite n'est pas connue.", MOMENT, required=False),
        TIMEZONE,
    ]
    records = Records(columns)

    def rows(call: CallEntry, zone: str) -> list[dict]:
        found = []
        for rank, (wave, step) in enumerate(zip(call.data.calendar.waves, schedule(call, zone).steps), start=1):
            found.append(records.row(wave.model_dump(mode="json"), id=f"{call.id}/{rank}", call_id=call.id,
                                     url=address(urls.call_page(call.id)), region=call.region, rank=rank,
                                     step=step.label, timezone=zone,
                                     deadline_moment=step.deadline.moment.isoformat() if step.deadline else None))
        return found

    for call in site.calls:
        zone = site.timezone_of(call)
        # `mkdocs serve` keeps the rows of the calls not saved since the last build.
        records.rows.extend(memo.get("vagues", (call, zone), lambda call=call, zone=zone: rows(call, zone)))
    return Table(name, "Vagues et étapes des appels", "Une vague ou une étape d'appel à projets par ligne, avec son ouverture et sa date limite à l'heure locale de la région.", records.columns, records.rows)


def regions(name: str, site: SiteModel, address) -> Table:
    records = Records([ID, URL, *model_columns(Region),
                       derived("calls", "Appels", "Identifiants des appels à projets qui couvrent la région.", {"type": "array", "items": SLUG})])
    for region in site.regions:
        own = [call.id for call in site.calls if region.slug in call.regions]
        records.add(region.data.model_dump(mode="json"), id=region.slug, url=address(urls.region_page(region.slug)), calls=own)
    return Table(name, "Régions et territoires", "Une région ou un territoire d'outre-mer par ligne, avec son code officiel, son fuseau horaire et ses appels.", records.columns, records.rows)


KEPT_TOGETHER = 250  # rows (or their texts) `mkdocs serve` keeps as one result, on average


def runs(items: list[T], ident: Callable[[T], str]) -> Iterator[list[T]]:
    """`items` in order, in runs of KEPT_TOGETHER on average, each ending after an item whose
    identifier's hash falls on it: a run depends on its own items alone, so that an item saved,
    added, removed or moved elsewhere (a new title re-sorts it) changes the runs where it was and
    where it goes, and not every run between, as runs cut by position would."""
    run: list[T] = []
    for item in items:
        run.append(item)
        if zlib.crc32(ident(item).encode("utf-8")) % KEPT_TOGETHER == 0:
            yield run
            run = []
    if run:
        yield run


def resources(name: str, site: SiteModel, address, memo: Memo | NoMemo = NoMemo()) -> Table:
    region_names = {region.slug: region for region in site.regions}
    records = Records([ID, URL, REGION, REGION_CODE, *model_columns(Resource)])
    points = []

    def row(view, url: str) -> tuple[dict, tuple | None]:
        dump = view.data.model_dump(mode="json")
        # As the page shows it: its own place, else its provider's; none (and no point) for a resource
        # used only at a distance, which a point would show as if it were there.
        place = view.place_of_use
        dump["place"] = place.model_dump(mode="json") if place else None
        return records.row(dump, id=view.entry.id, url=url, region=view.entry.region,
                           region_code=region_names[view.entry.region].data.insee_code), place and _point(place)

    for part in runs(resource_views(site), lambda view: view.entry.id):
        # `mkdocs serve` keeps the rows of runs of resources whose files were not saved since the
        # last build: one look-up a run, not one a resource (20,000 took a fifth of a second).
        made = memo.get("ressources", tuple((view.entry, view.provider, region_names[view.entry.region]) for view in part),
                        lambda part=part: [row(view, address(urls.resource_page(view.entry.id))) for view in part])
        for values, point in made:
            records.rows.append(values)
            points.append(point)
    return Table(name, "Ressources mutualisées", "Une ressource du catalogue par ligne. Son lieu est le sien, ou à défaut celui du lieu ou du collectif qui la propose, comme sur le site ; une ressource utilisée seulement à distance n'en a pas.", records.columns, records.rows, points)


def providers(name: str, site: SiteModel, address, memo: Memo | NoMemo = NoMemo()) -> Table:
    region_names = {region.slug: region for region in site.regions}
    records = Records([ID, URL, REGION, REGION_CODE, *model_columns(Provider)])
    points = []
    for provider in site.providers:
        region = region_names[provider.region]
        records.rows.append(memo.get("lieu", (provider, region), lambda provider=provider, region=region: records.row(
            provider.data.model_dump(mode="json"), id=provider.id, url=address(urls.provider_page(provider.id)),
            region=provider.region, region_code=region.data.insee_code)))
        points.append(_point(provider.data.place))
    return Table(name, "Lieux et collectifs", "Un tiers-lieu ou un collectif qui propose des ressources par ligne, avec son adresse et ses coordonnées.", records.columns, records.rows, points)


def _point(place) -> tuple[float, float] | None:
    if place.latitude is None or place.longitude is None:
        return None
    return (place.longitude, place.latitude)


# Every table by its file name, in the order the open-data page lists them; the mapped ones also
# give a GeoJSON file.
BUILDERS = {"appels": calls, "appels-etapes": waves, "regions": regions, "ressources": resources, "lieux": providers}
MAPPED = ("ressources", "lieux")


# What each table is made from: `mkdocs serve` keeps a table while these are unchanged.
READS = {"appels": ("regions", "calls", "day"), "appels-etapes": ("regions", "calls"), "regions": ("regions", "calls"),
         "ressources": ("resources", "providers", "regions"), "lieux": ("providers", "regions")}


def tables(site: SiteModel, address: Callable[[str], str], memo: Memo | NoMemo = NoMemo(),
           now: dt.datetime | None = None, then: Callable[[Table], T] = lambda table: table) -> Iterator[T]:
    """`then(table)` for every open-data table of the site as read at `now` (the calls' status),
    one table after the other: the rows of one are let go before the next is made. `address(uri)`
    gives a page's address. `memo` keeps from the last build what `then` made of each table whose
    inputs (`READS`) did not change, and rows of unchanged entries for those that did."""
    now = now or dt.datetime.now(dt.timezone.utc)
    day = reading_state(site, now)
    builders = {**BUILDERS, "appels": functools.partial(calls, now=now, memo=memo), "appels-etapes": functools.partial(waves, memo=memo),
                "ressources": functools.partial(resources, memo=memo), "lieux": functools.partial(providers, memo=memo)}
    for name, build in builders.items():
        inputs = tuple(day if part == "day" else tuple(getattr(site, part)) for part in READS[name])
        yield memo.named(f"table-{name}", inputs, lambda name=name, build=build: then(build(name, site, address)))
