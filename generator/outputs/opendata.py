"""The open-data downloads and their page: each table as JSON, CSV (and GeoJSON for places), with
its JSON Schema and Table Schema beside it, a Data Package that ties each CSV to its schema, and
the "Données ouvertes" page that lists them with their fields.

Files are serialised with the json and csv modules from the tables of site/tables.py, never by
templates; only the page is a template. Everything is under the Licence Ouverte / Etalab 2.0.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from typing import Callable, Iterator

from .. import french
from ..content.entries import SiteModel
from ..build.cache import Memo, NoMemo
from ..presentation import urls
from ..presentation.changes import site_changed
from ..presentation.tables import BUILDERS, MAPPED, Column, Table, runs, tables
from . import opendata_schemas as schemas
from .base import Output, PlannedFile, RenderContext, RenderedFile
from .pages import PageLinks

PACKAGE = "datapackage.json"


def _names(table: str, mapped: bool) -> dict[str, str]:
    """Every file of one table, by what it is."""
    names = {"json": f"{table}.json", "csv": f"{table}.csv", "json_schema": f"{table}.schema.json",
             "table_schema": f"{table}.tableschema.json"}
    if mapped:
        names.update(geojson=f"{table}.geojson", geojson_schema=f"{table}.geojson.schema.json")
    return names


@dataclass(frozen=True)
class Download:
    label: str
    uri: str
    size: str  # as readers read it: "12,4 ko"


@dataclass(frozen=True)
class Dataset:
    """One table as the open-data page presents it: its rows are counted, not held, so that a
    build lets go of each table once its files are made."""

    name: str
    title: str
    description: str
    columns: list[Column]
    rows: int
    examples: int  # rows that are examples, not real offers (an `example` column)
    downloads: list[Download]
    schemas: list[Download]
    kinds: dict[str, str]  # column name -> how its values are written in the CSV


class OpenData(Output):
    reads = ("regions", "calls", "providers", "resources", "day")  # the calls' status is the day's
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        uris = [urls.open_data_file(name) for table in BUILDERS for name in _names(table, table in MAPPED).values()]
        # The data files are written when requested in a preview: no page links to them but this one.
        return [PlannedFile(urls.OPEN_DATA, None), PlannedFile(urls.open_data_file(PACKAGE), None, on_request=True)] + [
            PlannedFile(uri, None, on_request=True) for uri in uris
        ]

    def render(self, context: RenderContext) -> Iterator[RenderedFile]:
        """The files of each table as soon as they are made (a build writes them away before the
        next table is made), then the package and the page that list them."""

        def address(uri: str) -> str:
            # Absolute when the site's address is known, else relative to the files' folder.
            return context.absolute(uri) or context.urls.link(uri, urls.OPEN_DATA)

        memo = context.memo

        def made_of(table: Table) -> tuple[list[RenderedFile], Dataset]:
            """A table's files and how the page presents them."""
            names = _names(table.name, table.points is not None)
            uri = {kind: urls.open_data_file(name) for kind, name in names.items()}
            ref = {kind: context.absolute(u) or names[kind] for kind, u in uri.items()}
            content = {
                "json": _data({"$schema": ref["json_schema"], **_header(table, address)}, "donnees", table, memo),
                "csv": to_csv(table, memo),
                "json_schema": _json(schemas.json_schema(table, ref["json_schema"])),
                "table_schema": _json(schemas.table_schema(table, ref["table_schema"])),
            }
            if table.points is not None:
                points = dict(zip(map(id, table.rows), table.points))
                content["geojson"] = _data({"type": "FeatureCollection"}, "features", table, memo,
                                           lambda row, key=table.key: _compact(feature(row, points[id(row)], key)))
                content["geojson_schema"] = _json(schemas.geojson_schema(table, ref["geojson_schema"]))
            size = {kind: french.french_size(len(text.encode("utf-8"))) for kind, text in content.items()}
            examples = sum(1 for row in table.rows if row.get("example"))
            return [RenderedFile(uri[kind], None, text, on_request=True) for kind, text in content.items()], Dataset(
                table.name, table.title, table.description, table.columns, len(table.rows), examples,
                [Download(label, uri[kind], size[kind]) for kind, label in
                 (("csv", "CSV"), ("json", "JSON"), ("geojson", "GeoJSON")) if kind in uri],
                [Download(label, uri[kind], size[kind]) for kind, label in
                 (("table_schema", "Table Schema du CSV"), ("json_schema", "JSON Schema du JSON"),
                  ("geojson_schema", "JSON Schema du GeoJSON")) if kind in uri],
                {column.name: schemas.csv_kind(column) for column in table.columns},
            )

        # `mkdocs serve` keeps the files of the tables whose inputs did not change (tables.tables).
        datasets = []
        for table_files, dataset in tables(context.site, address, memo, context.now, then=made_of):
            yield from table_files
            datasets.append(dataset)
        yield RenderedFile(urls.open_data_file(PACKAGE), None, _json(package(datasets)), on_request=True)
        link = PageLinks(context.urls, urls.OPEN_DATA, context.site_url)
        page = context.templates.get_template("opendata.html").render(
            datasets=datasets, link=link, licence=schemas.LICENCE, separator=schemas.SEPARATOR,
            package=urls.open_data_file(PACKAGE),
        )
        yield RenderedFile(urls.OPEN_DATA, None, page, updated=site_changed(context.site))


def _header(table: Table, address) -> dict:
    return {"titre": table.title, "description": table.description, "licence": schemas.LICENCE,
            "page": address(urls.OPEN_DATA)}


def _json(value) -> str:
    """Schemas and the package: indented, read by people."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


# One encoder for the build's hundred thousand rows: json.dumps makes a new one at each call
# given options (a third of a row's serialising).
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _data(head: dict, key: str, table: Table, memo: Memo | NoMemo = NoMemo(), serialise=_compact) -> str:
    """Data files: compact, one row after the other (a large catalog weighs a third less). The
    object `head` with the table's rows last, under `key`, each serialised on its own so that
    `mkdocs serve` serialises again only runs of rows it made again (the same text as one dump)."""
    rows = ",".join(_runs(memo, f"json-{key}", table, lambda part: ",".join(map(serialise, part))))
    return _compact(head)[:-1] + ("," if head else "") + _compact(key) + ":[" + rows + "]}\n"


class _Line:
    """A file whose `write` gives back what it is given: csv.writer then returns each line."""

    def write(self, text: str) -> str:
        return text


def to_csv(table: Table, memo: Memo | NoMemo = NoMemo()) -> str:
    """UTF-8 text, comma-separated, one header row of column names, lines ended by CRLF (RFC 4180)."""
    kinds = [(column.name, schemas.csv_kind(column)) for column in table.columns]
    writer = csv.writer(_Line(), lineterminator="\r\n")
    head = writer.writerow([name for name, _ in kinds])
    return head + "".join(_runs(memo, "csv", table, lambda part: "".join(
        writer.writerow([schemas.cell(row[name], kind) for name, kind in kinds]) for row in part)))


def _runs(memo: Memo | NoMemo, name: str, table: Table, text: Callable[[list], str]) -> Iterator[str]:
    """`text(run)` of each run of the table's rows (tables.runs): `mkdocs serve` keeps the text of
    a run while its rows are the same objects (tables.py keeps the rows of entries not saved since).
    A one-off build keeps nothing: one run, its text made once (no run's text beside the whole)."""
    if not memo.active:
        yield text(table.rows)
        return
    for part in runs(table.rows, lambda row, key=table.key: str(row[key])):
        yield memo.get(name, tuple(part), lambda part=part: text(part))


def feature(row: dict, point: tuple | None, key: str) -> dict:
    """One place of an RFC 7946 FeatureCollection: longitude then latitude; no coordinates, no geometry."""
    return {"type": "Feature", "id": row[key],
            "geometry": {"type": "Point", "coordinates": list(point)} if point else None,
            "properties": row}


def package(items: list[Dataset]) -> dict:
    """A Frictionless Data Package: each CSV with its Table Schema, for validators and reusers."""
    return {
        "name": "deffinov-tiers-lieux",
        "title": "Appels à projets DEFFINOV Tiers-lieux et ressources mutualisées",
        "licenses": [schemas.LICENCE],
        "resources": [
            {"name": table.name, "title": table.title, "description": table.description,
             "path": f"{table.name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": f"{table.name}.tableschema.json"}
            for table in items
        ],
    }


OUTPUT = OpenData()
