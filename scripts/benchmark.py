"""Measure the site at scale on synthetic corpora of several shapes: the figures and goals of
issues 8, 18 and 22.

Writes a copy of the project (content/, theme/, mkdocs.yml and the real regions' region.yml)
plus generated resources, providers and calls, each valid for the model, in one of several
shapes (`--shape`: spread evenly or not, short or long texts), then measures `deffinov check`, a
full `mkdocs build` (time, peak memory summed over the process tree, pages a second) beside stock
Material building as many plain Markdown pages (the peer), how long `mkdocs serve` takes to show
an edit of a resource and of a call and how its memory grows over many saves, the compressed
size of every HTML page and of the site-wide calendar, what a browser downloads for the
catalog, a resource page and the calls list, and what each catalog query adds as visitors make
them (facet values across frequencies, two facets together, words typed letter by letter).

Usage (from the repository, with its virtual environment):

    .venv/bin/python scripts/benchmark.py                       # 20,000 / 2,000 / 500, even
    .venv/bin/python scripts/benchmark.py --resources 1000 --providers 100 --calls 50 --saves 5
    .venv/bin/python scripts/benchmark.py --shape all            # every shape, one table row each
    .venv/bin/python scripts/benchmark.py --shape uneven,long --calls 2000
    .venv/bin/python scripts/benchmark.py --keep /tmp/corpus     # keep the corpus and its site
    .venv/bin/python scripts/benchmark.py --runs 3               # three paired builds: medians, spread

Figures go to stdout, one a line, in French; the build's own messages (and its progress) go
to stderr. Timings on a shared 2-core machine are noisy: compare runs, not single figures;
`--runs N` builds N times, each build followed by the peer's, and prints medians and their range.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "tests"))

from generator.build import publishing, stopping  # noqa: E402
from generator.content.geography import BOUNDS  # noqa: E402

KB = 1000  # "ko" as issue 8 counts them: 1 ko = 1,000 bytes
GIB = 1024**3

# Goals of DESIGN.md (section 4) and issue 18, at 20,000 resources, 2,000 providers and up to
# 2,000 calls, on every shape, on a 2-core machine.
GOAL_BUILD_SECONDS = 40
GOAL_PEER_RATIO = 0.5  # the full build at most half the time stock Material takes on as many pages
GOAL_MEMORY_BYTES = 1.2 * GIB  # summed over the build's process tree
GOAL_SERVE_SECONDS = 3  # an edit shown by `mkdocs serve`, for a resource and for a call
GOAL_PAGE_BYTES = 100 * KB  # every HTML page, compressed
GOAL_SEARCH_BYTES = 150 * KB  # each catalog query, compressed, after the page has loaded
GOAL_PREVIEW_GROWTH = 1024**2  # the preview's memory flat over many saves: at most 1 MiB a save
PREVIEW_MEMORY_CAP = 8 * GIB  # saves stop there: the machine is shared
GOAL_LIST_BYTES = 100 * KB
OLD_SITE_FOLDERS = f"{stopping.PREFIX}*-{publishing.OLD_SITE}-*"  # beside the site, being deleted
SAMPLE_SECONDS = 1.0  # between two samples of a build's memory (run_measured)


# --- Figures, in French -------------------------------------------------------------------------

def number(value: float, decimals: int = 0) -> str:
    """`20 000`, `38,2`: French digit grouping and decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def seconds(value: float) -> str:
    return f"{number(value, 1)} s"


def signed_mib(value: float) -> str:
    return f"{'+' if value >= 0 else '−'}{number(abs(value) / 1024**2)} Mio"


def kilobytes(value: int) -> str:
    return f"{number(value / KB, 1)} ko"


def goal(met: bool | None, text: str) -> str:
    verdict = "non mesuré" if met is None else ("atteint" if met else "NON ATTEINT")
    return f" — objectif {text} : {verdict}"


def spread(values: list[float], shown) -> str:
    """", médiane de 3 (de 41,2 s à 44,0 s)" after a median of several runs; nothing after one."""
    if len(values) < 2:
        return ""
    return f", médiane de {len(values)} (de {shown(min(values))} à {shown(max(values))})"


def say(line: str) -> None:
    print(line, flush=True)


# --- A synthetic corpus -------------------------------------------------------------------------

# Départements of each region (by official code): postal and INSEE codes start with them.
DEPARTEMENTS = {
    "84": "01 03 07 15 26 38 42 43 63 69 73 74", "27": "21 25 39 58 70 71 89 90", "53": "22 29 35 56",
    "24": "18 28 36 37 41 45", "94": "2A 2B", "44": "08 10 51 52 54 55 57 67 68 88", "32": "02 59 60 62 80",
    "11": "75 77 78 91 92 93 94 95", "28": "14 27 50 61 76", "75": "16 17 19 23 24 33 40 47 64 79 86 87",
    "76": "09 11 12 30 31 32 34 46 48 65 66 81 82", "52": "44 49 53 72 85", "93": "04 05 06 13 83 84",
    "01": "971", "02": "972", "03": "973", "04": "974", "06": "976",
    "975": "975", "977": "977", "978": "978", "986": "986", "987": "987", "988": "988",
}
# Territories with a single postal code of their own (their INSEE codes differ).
POSTAL_OF = {"975": "97500", "977": "97133", "978": "97150", "986": "98600"}

COMMON = (
    "le la les un une des du de au aux et ou mais donc car pour par avec sans sous sur dans entre vers chez "
    "qui que dont où ce cette ces son sa ses leur leurs notre nos votre vos chaque plusieurs tous toutes "
    "est sont peut peuvent doit doivent permet permettent propose proposent accueille accompagne "
    "facilite organise partage met relie ouvre réunit forme soutient adapte complète prolonge".split()
)
NOUNS = (
    "formation apprenant apprenante formateur formatrice tiers-lieu atelier fablab collectif territoire "
    "compétence métier parcours module séance équipement casque simulateur machine imprimante découpeuse "
    "logiciel plateforme espace salle cuisine jardin ressourcerie garage studio chantier réseau partenaire "
    "organisme entreprise association commune région habitant public jeune salarié demandeur emploi "
    "alternance apprentissage certification qualification diplôme titre bloc évaluation accompagnement "
    "tutorat mentorat projet prototype maquette outil méthode guide fiche tutoriel vidéo scénario "
    "réalité immersion environnement numérique donnée usage pratique geste sécurité soudure menuiserie "
    "électricité maraîchage restauration hôtellerie soin aide domicile logistique bâtiment rénovation "
    "énergie mobilité agriculture élevage artisanat couture céramique impression gravure robotique code "
    "programmation médiation inclusion accueil orientation emploi insertion quartier village bourg "
    "campagne montagne littoral vallée semaine mois trimestre année calendrier réservation convention "
    "adhésion cotisation tarif gratuité condition encadrement animation communauté coopération "
    "mutualisation prêt location mise disposition".split()
)
ADJECTIVES = (
    "partagé partagée collectif collective numérique immersif immersive pratique professionnel "
    "professionnelle rural rurale local locale régional régionale accessible adapté adaptée gratuit "
    "gratuite payant ouvert ouverte complet complète court courte long longue nouveau nouvelle "
    "innovant innovante solidaire coopératif coopérative mobile portable léger légère lourd lourde "
    "sécurisé sécurisée modulable autonome encadré encadrée certifiant certifiante qualifiant "
    "qualifiante hybride progressif progressive concret concrète simple exigeant exigeante".split()
)
ADVERBS = (
    "Depuis son ouverture", "Chaque semaine", "Sur réservation", "En lien avec les partenaires",
    "Au fil des saisons", "Dans la plupart des cas", "Après une courte prise en main", "Le plus souvent",
    "En petit groupe", "Pour les premiers pas", "À la demande des formateurs", "Hors des vacances scolaires",
    "Avec l'appui de la région", "Entre deux sessions", "Pendant toute l'année",
)
SYLLABLES = (
    "ma ré ten cor vil lan sau pré mon gra fil bou char dé tra pa lu ver cla sto bel gar mi nor pon "
    "ro sé tu cha bri fon lé vo quer mar sen don pi col rou gau ber tis ju fer lo man".split()
)
SUFFIXES = "tion ment age eur ique ité oire ance elle isme iste able ard ois ette ière erie ade ure on".split()
TOWNS_SUFFIX = ("-sur-Mer", "-les-Bains", "-en-Vallée", "-le-Bourg", "-la-Forêt", "", "", "", "")

RESOURCE_TITLES = {
    "equipement": ["Casque de réalité virtuelle", "Découpeuse laser", "Imprimante 3D", "Simulateur de soudure",
                   "Mallette de mesure électrique", "Brodeuse numérique", "Four à céramique", "Kit de robotique"],
    "module-immersif": ["Module immersif", "Visite virtuelle", "Simulation de chantier", "Parcours en réalité mixte"],
    "module-numerique": ["Module en ligne", "Parcours numérique", "Capsules vidéo", "Quiz interactif"],
    "logiciel": ["Logiciel de conception", "Plateforme de formation", "Logiciel de planification", "Outil de modélisation"],
    "espace": ["Salle de formation", "Cuisine pédagogique", "Atelier partagé", "Studio d'enregistrement", "Jardin-école"],
    "expertise": ["Accompagnement à la certification", "Appui à l'ingénierie de formation", "Conseil en pédagogie"],
    "methode": ["Guide de l'accueil des apprenants", "Méthode de tutorat", "Fiches pratiques", "Kit d'animation"],
}
DIGITAL = {"module-immersif", "module-numerique", "logiciel", "methode"}
DOMAINS = [
    ("Soudure", "22454"), ("Menuiserie", "22682"), ("Électricité", "24054"), ("Maraîchage", "21046"),
    ("Restauration", "42752"), ("Aide à domicile", "44051"), ("Logistique", "31812"), ("Rénovation énergétique", None),
    ("Numérique", "70354"), ("Couture", None), ("Céramique", None), ("Accueil", "34502"), ("Médiation numérique", None),
]
AUDIENCES = ["tous-publics", "demandeurs-emploi", "jeunes-16-26", "etudiants", "alternants", "salaries", "formateurs",
             "personnes-en-situation-de-handicap", "beneficiaires-rsa", "faible-niveau-de-qualification", "seniors-65"]
FEES = ["Gratuit", "Gratuit sous condition", "Payant", "Sous convention", "Réservé aux membres"]
DELIVERIES = ["sur-place", "a-distance", "sur-place-et-a-distance"]
FORMATS = ["SCORM", "HTML5", "PDF", "MP4", "xAPI", "ODT"]
AMENDMENTS = ["La date limite est précisée.", "La date limite de la dernière vague est reportée d'un mois.",
              "Le cahier des charges est complété.", "L'enveloppe est augmentée.", "Une vague supplémentaire est ouverte."]
LICENCES = ["CC BY-SA 4.0", "CC BY 4.0", "Licence ouverte 2.0", "Propriétaire", "GPL-3.0"]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def q(value: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class Writer:
    """French-looking text: common words, the domain's words and a long tail of made-up words."""

    def __init__(self, rng: random.Random, tail_size: int = 40_000):
        self.rng = rng
        tail = {self._made_up() for _ in range(tail_size)}
        self.tail = sorted(tail)
        rng.shuffle(self.tail)
        # Zipf's law: the n-th word of the tail is n times rarer than the first.
        total, weights = 0.0, []
        for rank in range(1, len(self.tail) + 1):
            total += 1 / rank
            weights.append(total)
        self.tail_weights = weights

    def _made_up(self) -> str:
        parts = [self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(1, 3))]
        return "".join(parts) + self.rng.choice(SUFFIXES)

    def rare(self, count: int) -> list[str]:
        return self.rng.choices(self.tail, cum_weights=self.tail_weights, k=count)

    def town(self) -> str:
        return self.rare(1)[0].capitalize() + self.rng.choice(TOWNS_SUFFIX)

    def sentence(self) -> str:
        r = self.rng
        words = [r.choice(COMMON), r.choice(NOUNS), r.choice(ADJECTIVES), r.choice(COMMON), r.choice(COMMON),
                 r.choice(NOUNS), *self.rare(r.randint(1, 3)), r.choice(COMMON), r.choice(NOUNS), r.choice(ADJECTIVES)]
        extra = r.randint(0, 6)
        words += [r.choice(NOUNS if i % 2 else COMMON) for i in range(extra)]
        if r.random() < 0.3:
            return f"{r.choice(ADVERBS)}, {' '.join(words)}."
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(self, words: int) -> tuple[str, int]:
        sentences, count = [], 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences), count

    def body(self, words: int = 400) -> str:
        """About `words` words of Markdown: paragraphs, a heading, a list, emphasis and a link."""
        r = self.rng
        parts, count = [], 0
        heading_at = r.randint(1, 2)
        while count < words:
            if len(parts) == heading_at:
                parts.append(f"## {r.choice(NOUNS).capitalize()} et {r.choice(NOUNS)}")
            paragraph, size = self.paragraph(min(90, words - count + 10))
            if r.random() < 0.4:
                first, rest = paragraph.split(" ", 1)
                paragraph = f"**{first}** {rest}"
            parts.append(paragraph)
            count += size
            if len(parts) == 3:
                items = [f"- {r.choice(NOUNS)} {r.choice(ADJECTIVES)} {' '.join(self.rare(2))}" for _ in range(4)]
                parts.append("\n".join(items))
                count += 16
        parts.append(f"En savoir plus : [la page du {r.choice(NOUNS)}](https://exemple.fr/{slugify(self.rare(1)[0])}).")
        return "\n\n".join(parts) + "\n"

    def link(self) -> str:
        r = self.rng
        return f"[{r.choice(NOUNS)} {r.choice(ADJECTIVES)}](https://{slugify(self.rare(1)[0])}.exemple.fr/{slugify(r.choice(NOUNS))})"

    def structured_body(self, words: int) -> str:
        """About `words` words of Markdown with more structure: headings every few paragraphs,
        bulleted, numbered and nested lists, links inside paragraphs and list items."""
        r = self.rng
        parts, count = [], 0
        while count < words:
            if parts and r.random() < 0.25:
                parts.append(f"## {r.choice(NOUNS).capitalize()} {r.choice(ADJECTIVES)}")
            paragraph, size = self.paragraph(min(r.randint(30, 120), max(10, words - count)))
            if r.random() < 0.5:
                sentences = paragraph.split(". ")
                sentences.insert(r.randrange(len(sentences)), f"Voir {self.link()}")
                paragraph = ". ".join(sentences)
            parts.append(paragraph)
            count += size
            if count < words and r.random() < 0.45:
                numbered = r.random() < 0.4
                items = []
                for n in range(1, r.randint(3, 8) + 1):
                    mark = f"{n}." if numbered else "-"
                    item = f"{mark} {r.choice(NOUNS).capitalize()} {r.choice(ADJECTIVES)} {' '.join(self.rare(r.randint(1, 4)))}"
                    if r.random() < 0.3:
                        item += f", {self.link()}"
                    items.append(item)
                    if r.random() < 0.15:
                        items.append(f"    - {r.choice(NOUNS)} {' '.join(self.rare(2))}")
                parts.append("\n".join(items))
                count += 5 * len(items)
        parts.append(f"En savoir plus : {self.link()}.")
        return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Shape:
    """How a corpus is spread and written: `even` is the corpus of issue 8, kept byte for byte
    for a seed so that past figures stay comparable."""

    name: str
    description: str  # in French, printed with the corpus
    spread: str = "even"  # "even", "uneven" (40 % in three regions, some empty) or "concentrated"
    long_texts: bool = False  # bodies of 50 to 1,500 words with lists and links, instead of about 400
    busy_calls: bool = False  # calls with more waves and amendments


SHAPES = {
    shape.name: shape for shape in (
        Shape("even", "répartition égale entre régions et types, textes d'environ 400 mots"),
        Shape("uneven", "40 % des ressources dans trois régions, des régions vides, quelques types et domaines "
              "dominants, appels à plusieurs vagues et modifications, textes d'environ 400 mots",
              spread="uneven", busy_calls=True),
        Shape("long", "répartition égale, textes de 50 à 1 500 mots avec titres, listes et liens", long_texts=True),
        Shape("concentrated", "toutes les ressources et tous les lieux dans une région, un seul type de ressource",
              spread="concentrated"),
        Shape("mixed", "répartition inégale (comme uneven) et textes de 50 à 1 500 mots (comme long)",
              spread="uneven", long_texts=True, busy_calls=True),
    )
}
# Resource types and domains when a few dominate (uneven shapes): relative weights.
TYPE_WEIGHTS = {"equipement": 40, "espace": 25, "module-numerique": 15, "expertise": 8, "methode": 6,
                "logiciel": 4, "module-immersif": 2}


@dataclass
class Region:
    slug: str
    name: str
    code: str


@dataclass
class Corpus:
    regions: list[Region]
    providers: list[tuple[str, Region]] = field(default_factory=list)  # (id, region)
    resources: list[tuple[str, Region, str]] = field(default_factory=list)  # (id, region, title)
    calls: list[tuple[str, Region, str]] = field(default_factory=list)  # (id, region, title)


def read_regions(regions_dir: Path) -> list[Region]:
    import yaml

    regions = []
    for path in sorted(regions_dir.glob("*/region.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        regions.append(Region(path.parent.name, str(data["name"]), str(data["insee_code"])))
    return regions


class Generator:
    """Writes providers, resources and calls, valid for the model, into `root/regions/`."""

    def __init__(self, root: Path, regions: list[Region], seed: int, today: dt.date, shape: Shape = SHAPES["even"]):
        self.root = root
        self.rng = random.Random(seed)
        self.text = Writer(self.rng)
        self.today = today
        self.corpus = Corpus(regions)
        self.shape = shape
        # Draws for the other shapes come after the even shape's, which stays as it was.
        self.region_weights: list[float] | None = None
        if shape.spread == "uneven":
            order = list(regions)
            self.rng.shuffle(order)
            heavy, empty, rest = order[:3], order[3:8], order[8:]
            weights = {region.slug: share for region, share in zip(heavy, (0.16, 0.13, 0.11))}
            weights |= {region.slug: 0.0 for region in empty}
            zipf = [1 / rank for rank in range(1, len(rest) + 1)]
            weights |= {region.slug: 0.60 * w / sum(zipf) for region, w in zip(rest, zipf)}
            self.region_weights = [weights[region.slug] for region in regions]
        elif shape.spread == "concentrated":
            # The largest metropolitan region (Auvergne-Rhône-Alpes) when there, else the first.
            codes = [region.code for region in regions]
            self.concentrated_on = regions[codes.index("84") if "84" in codes else 0]
        self.domain_weights = [1 / rank for rank in range(1, len(DOMAINS) + 1)]

    def spread(self, count: int, kind: str = "resources") -> list[Region]:
        """`count` regions for entries of `kind`: in the even shape every region is used before
        any is used twice, then at random; otherwise by the shape's weights."""
        regions = self.corpus.regions
        if self.region_weights is not None:
            return self.rng.choices(regions, weights=self.region_weights, k=count)
        if self.shape.spread == "concentrated" and kind != "calls":
            return [self.concentrated_on] * count
        chosen = [regions[i % len(regions)] for i in range(min(count, len(regions)))]
        chosen += self.rng.choices(regions, k=max(0, count - len(regions)))
        return chosen

    def body(self) -> str:
        if not self.shape.long_texts:
            return self.text.body()
        # Log-uniform between 50 and 1,500 words: many short texts, a long tail of long ones.
        words = round(math.exp(self.rng.uniform(math.log(50), math.log(1500))))
        return self.text.structured_body(words)

    def day_before_today(self, most: int, least: int = 0) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(least, most))

    def place(self, region: Region, street: bool = True) -> str:
        r = self.rng
        south, west, north, east = BOUNDS[region.code]
        departement = r.choice(DEPARTEMENTS[region.code].split())
        if region.code in POSTAL_OF:
            postal, insee = POSTAL_OF[region.code], f"{departement}{r.randint(1, 99):02d}"
        elif len(departement) == 3:
            postal = insee = f"{departement}{r.randint(1, 99):02d}"
        elif departement in ("2A", "2B"):
            postal, insee = f"20{r.randint(0, 299):03d}", f"{departement}{r.randint(1, 366):03d}"
        else:
            postal, insee = f"{departement}{r.randint(0, 999):03d}", f"{departement}{r.randint(1, 999):03d}"
        lines = [
            f"  city: {q(self.text.town())}",
            f"  postal_code: {q(postal)}",
            f"  insee_code: {q(insee)}",
            f"  latitude: {r.uniform(south, north):.5f}",
            f"  longitude: {r.uniform(west, east):.5f}",
        ]
        if street:
            lines.insert(0, f"  street: {q(f'{r.randint(1, 120)} rue des {r.choice(NOUNS).capitalize()}s')}")
        return "\n".join(lines)

    def write(self, region: Region, folder: str, name: str, text: str) -> None:
        path = self.root / "regions" / region.slug / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # Providers: YAML files ----------------------------------------------------------------

    def provider(self, number: int, region: Region) -> None:
        r = self.rng
        kind = "tiers-lieu" if r.random() < 0.8 else "collectif"
        name = f"{r.choice(['La Fabrique', 'Le Hangar', 'La Ruche', 'Le Moulin', 'La Coopérative', 'Les Ateliers'])} " \
               f"de {self.text.town()}"
        ident = f"{slugify(name)[:50].strip('-')}-{number}"
        lines = [
            f"name: {q(name)}",
            f"kind: {kind}",
            f"summary: {q(self.text.paragraph(40)[0])}",
            "place:",
            self.place(region),
            f"opening_hours: {q(r.choice(['Mo-Fr 09:00-18:00', 'Tu-Sa 10:00-19:00', 'Mo-Th 08:30-17:30']))}",
            f"website: https://{ident}.exemple.fr/",
            "contact:",
            f"  email: contact@{ident}.exemple.fr",
            f"  phone: {q(f'0{r.randint(1, 9)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}')}",
            f"last_updated: {self.day_before_today(700)}",
        ]
        self.write(region, "providers", f"{ident}.yml", "\n".join(lines) + "\n")
        self.corpus.providers.append((ident, region))

    # Resources: Markdown with front matter --------------------------------------------------

    def resource(self, number: int, region: Region) -> None:
        r = self.rng
        if self.shape.spread == "even":
            kind = r.choice(list(RESOURCE_TITLES))
            domain = r.choice(DOMAINS)
        elif self.shape.spread == "concentrated":
            kind, domain = "equipement", r.choice(DOMAINS)
        else:
            kind = r.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
            domain = r.choices(DOMAINS, weights=self.domain_weights)[0]
        title = f"{r.choice(RESOURCE_TITLES[kind])} – {domain[0].lower()} à {self.text.town()}"
        ident = f"{slugify(title)[:60].strip('-')}-{number}"
        # Most resources are offered by a provider of their own region.
        nearby = [p for p in self.corpus.providers[-200:] if p[1] is region]
        provider = r.choice(nearby) if nearby and r.random() < 0.8 else r.choice(self.corpus.providers)
        lines = [
            f"title: {q(title)}",
            f"type: {kind}",
            f"provider: {provider[0]}",
            f"summary: {q(self.text.paragraph(35)[0])}",
        ]
        if r.random() < 0.7:
            lines += ["place:", self.place(region, street=r.random() < 0.5)]
        lines += ["audiences:"] + [f"  - {a}" for a in r.sample(AUDIENCES, r.randint(1, 3))]
        lines += ["domains:", f"  - label: {q(domain[0])}"] + ([f"    formacode: {q(domain[1])}"] if domain[1] else [])
        fees = r.choice(FEES)
        lines.append(f"fees: {q(fees)}")
        if fees != "Gratuit":
            lines.append(f"fee_details: {q(f'{r.randint(5, 90) * 10} € la journée, ou sur convention.')}")
        lines.append(f"delivery: {r.choice(DELIVERIES)}")
        lines += ["booking:", f"  url: https://{provider[0]}.exemple.fr/reserver",
                  f"  note: {q('Réservation au moins deux semaines à l’avance.')}"]
        if kind in DIGITAL:
            lines += ["formats:"] + [f"  - {f}" for f in r.sample(FORMATS, r.randint(1, 2))]
            lines.append(f"licence: {q(r.choice(LICENCES))}")
        lines += ["accessibility:", f"  step_free: {str(r.random() < 0.6).lower()}"]
        if self.corpus.calls and r.random() < 0.15:
            lines.append(f"funded_by: {r.choice(self.corpus.calls)[0]}")
        lines.append(f"last_updated: {self.day_before_today(500)}")
        text = "---\n" + "\n".join(lines) + "\n---\n" + self.body()
        self.write(region, "resources", f"{ident}.md", text)
        self.corpus.resources.append((ident, region, title))

    # Calls: Markdown with front matter -----------------------------------------------------

    def call(self, number: int, region: Region) -> None:
        r = self.rng
        title = f"Appel à projets {r.choice(['Tiers-lieux et compétences', 'Former dans les tiers-lieux', 'DEFFINOV', 'Lieux apprenants'])} " \
                f"{region.name} n° {number}"
        ident = f"appel-{region.slug}-{number}"
        published = self.day_before_today(1000, -30)  # some are announced for the coming month
        opens = published + dt.timedelta(days=r.randint(0, 20))
        minimum = r.randint(2, 10) * 10_000
        lines = [
            f"title: {q(title)}",
            f"summary: {q(self.text.paragraph(40)[0])}",
            f"official_page: https://{region.slug}.exemple.fr/appels/{ident}",
            "run_by:",
            f"  - {q(f'Conseil régional – {region.name}')}",
            "contacts:",
            f"  - name: {q('Service formation')}",
            f"    email: formation@{region.slug}.exemple.fr",
            f"budget: {r.randint(5, 60) * 100_000}",
            "aid:",
            f"  min: {minimum}",
            f"  max: {minimum * r.randint(2, 5)}",
            f"  min_cofinancing: {r.choice([20, 30, 40])}",
            "duration:",
            f"  max_months: {r.choice([12, 24, 36])}",
            "eligibility:",
            "  applicants:",
            "    - Organismes de formation",
            "    - Tiers-lieux",
            f"  lead_partner: {q(self.text.paragraph(12)[0])}",
            "priorities:",
            *[f"  - {q(self.text.paragraph(14)[0])}" for _ in range(2)],
            "documents:",
            f"  - title: {q('Cahier des charges')}",
            f"    url: https://{region.slug}.exemple.fr/appels/{ident}/cahier-des-charges.pdf",
            "    kind: framework",
            "application:",
            "  channels:",
            "    - channel: platform",
            f"      url: https://depot.{region.slug}.exemple.fr/",
            f"  proof: {q('date et heure d’horodatage du dépôt en ligne')}",
            "calendar:",
            f"  published: {published}",
            f"  opens: {opens}",
        ]
        last = opens
        if r.random() < 0.2:
            last = opens + dt.timedelta(days=r.randint(180, 400))
            lines += ["  rolling: true", f"  closes: {last}"]
        else:
            lines.append("  waves:")
            deadline = opens
            for wave in range(1, r.randint(1, 5 if self.shape.busy_calls else 3) + 1):
                deadline += dt.timedelta(days=r.randint(30, 120))
                lines += [f"    - label: Vague {wave}", f"      deadline: {deadline}", f"      time: {q(r.choice(['12:00', '23:59']))}"]
            last = deadline
        if r.random() < 0.05:
            lines += ["  state: suspended", f"  state_note: {q('Appel suspendu dans l’attente du vote du budget.')}"]
        checked = min(self.today, published + dt.timedelta(days=r.randint(0, 60)))
        if self.shape.busy_calls:
            if r.random() < 0.6 and checked > published:
                span = (checked - published).days
                dates = sorted({published + dt.timedelta(days=r.randint(1, span)) for _ in range(r.randint(1, 3))})
                lines.append("amendments:")
                for date in dates:
                    lines += [f"  - date: {date}", f"    text: {q(r.choice(AMENDMENTS))}"]
        elif r.random() < 0.2 and checked > published:
            lines += ["amendments:", f"  - date: {checked}", f"    text: {q('La date limite est précisée.')}"]
        if last + dt.timedelta(days=60) < self.today:
            lines += ["results:", f"  announced: {last + dt.timedelta(days=45)}", f"  winners_count: {r.randint(2, 20)}"]
        lines += [
            "sources:",
            f"  - title: {q(f'Page officielle – {title}')}",
            f"    publisher: {region.slug}.exemple.fr",
            f"    url: https://{region.slug}.exemple.fr/appels/{ident}",
            f"last_checked: {checked}",
        ]
        text = "---\n" + "\n".join(lines) + "\n---\n" + self.body()
        self.write(region, "calls", f"{ident}.md", text)
        self.corpus.calls.append((ident, region, title))

    def generate(self, resources: int, providers: int, calls: int) -> Corpus:
        # Calls first: resources point at them (funded_by); providers before their resources.
        for number, region in enumerate(self.spread(calls, "calls"), 1):
            self.call(number, region)
        for number, region in enumerate(self.spread(providers, "providers"), 1):
            self.provider(number, region)
        if resources and not self.corpus.providers:
            raise SystemExit("Il faut au moins un lieu (--providers) pour proposer des ressources.")
        for number, region in enumerate(self.spread(resources), 1):
            self.resource(number, region)
        return self.corpus


def copy_project(destination: Path) -> None:
    """The project as the site is built from it, without its regions' calls and catalog."""
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, destination / name)
    shutil.copy2(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    for region_file in sorted((REPO / "regions").glob("*/region.yml")):
        target = destination / "regions" / region_file.parent.name / "region.yml"
        target.parent.mkdir(parents=True)
        shutil.copy2(region_file, target)


# --- Measures -------------------------------------------------------------------------------------

def child_env() -> dict[str, str]:
    """This repository's generator first, whatever the virtual environment has installed."""
    paths = [str(REPO), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(paths), NO_MKDOCS_2_WARNING="1")


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_bytes: int  # largest resident set of the process or any of its children
    # Processor time (user and system) of the process and of the children it waited for (its
    # workers, Pagefind): on a shared machine, steadier from run to run than the elapsed time.
    cpu_seconds: float = 0.0


def run_measured(command: list[str], cwd: Path, log: Path | None = None) -> Run:
    """Run `command`, timing it; its peak memory is the larger of wait4's (the largest single
    process) and the sum over the process and its workers, sampled (see `tree_memory`)."""
    out = open(log, "w", encoding="utf-8") if log else None  # noqa: SIM115 - closed below
    try:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=child_env(), stdout=out or sys.stderr, stderr=out or sys.stderr)
        peak = [0]
        done = threading.Event()

        def sample():
            # Each sample makes the kernel walk the memory of every process (smaps_rollup): about
            # 50 ms at 1 GiB. Five a second took a quarter of a core from the build they measured
            # (6 s of a 50 s build); one a second still finds the plateau its peak is.
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], tree_memory(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if out:
            out.close()
    return Run(elapsed, process.returncode, max(usage.ru_maxrss * 1024, peak[0]), usage.ru_utime + usage.ru_stime)


def process_tree(root: int) -> set[int]:
    """A process and its descendants now."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, added = {root}, True
    while added:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        added = bool(found)
    return tree


def tree_memory(root: int) -> int:
    """Bytes used by a process and its descendants now: the sum of their proportional set sizes
    (pages shared after a fork counted once overall, not once per process)."""
    total = 0
    for pid in process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
    return total


def processor_ticks(pids: set[int]) -> int:
    """Processor time (user and system, in clock ticks) the processes `pids` have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total


def idle_memory(server: int, timeout: float = 120, quiet: float = 2.0) -> int:
    """`tree_memory` of `mkdocs serve` once idle, or after `timeout`: what it does in the background
    after each build done (the pages the search index reads written, then the index, a Pagefind
    process), seen as `quiet` seconds with no child process and hardly any processor time (5 % of
    a core: the server's own watching). Taken at any point of that work, the figure swung by
    hundreds of MiB from one save to the next."""
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    start = time.perf_counter()
    last, since = None, start
    while time.perf_counter() - start < timeout:
        tree = process_tree(server)
        ticks = processor_ticks(tree)
        now = time.perf_counter()
        if tree == {server} and last is not None and ticks - last <= 0.05 * ticks_per_second * (now - since):
            if now - since >= quiet:
                break
        else:
            last, since = ticks, now
        time.sleep(0.2)
    return tree_memory(server)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def wait_until(condition, timeout: float, step: float = 0.05) -> float | None:
    """Seconds until `condition()` holds, or None after `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", lambda _: f"title: {q(title)}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def set_deadline(path: Path, absent) -> dt.date | None:
    """Move the last wave's deadline of the call in `path` later, to a day for which `absent(day)`
    holds, and record the move as an amendment dated today: what an editor does when a deadline
    moves. Returns the new deadline, or None when the call has no wave."""
    text = path.read_text(encoding="utf-8")
    deadlines = list(re.finditer(r"^      deadline: (\d{4}-\d{2}-\d{2})$", text, flags=re.M))
    if not deadlines:
        return None
    last = deadlines[-1]
    new = dt.date.fromisoformat(last[1]) + dt.timedelta(days=17)
    while not absent(new):
        new += dt.timedelta(days=1)
    text = text[:last.start(1)] + new.isoformat() + text[last.end(1):]
    amendment = f"  - date: {dt.date.today()}\n    text: {q(f'Date limite de la dernière vague reportée au {new}.')}\n"
    if re.search(r"^amendments:$", text, flags=re.M):
        text = re.sub(r"^amendments:\n", lambda m: m[0] + amendment, text, count=1, flags=re.M)
    else:
        text = re.sub(r"^sources:$", lambda m: "amendments:\n" + amendment + m[0], text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return new


@dataclass
class Edit:
    source: Path
    address: str
    region: str = ""


@dataclass
class Preview:
    """What `mkdocs serve` does with saves: the seconds until each edit is served, and the memory
    of its process tree (summed proportional set sizes) once the search index made in the
    background is done (`idle_memory`): after the first save, then every `MEMORY_EVERY` title
    saves from the first one after the call's, and after the last."""

    resource: float | None = None  # a resource's new title (or a call's, without resource pages)
    resource_what: str = ""
    call: float | None = None  # a call's new deadline, on its page, its calendars and its feed
    call_what: str = ""
    call_missing: list[str] = field(default_factory=list)  # what still showed the old deadline
    saves: int = 0
    memory_first: int = 0
    # (save's number, bytes) from the first title save after the call's: the calendars and the
    # feed the call's check opened are rendered then and kept (a one-time step, not a growth).
    memory_points: list[tuple[int, int]] = field(default_factory=list)
    title_times: list[float] = field(default_factory=list)
    stopped: bool = False  # saves stopped early: the preview's memory passed PREVIEW_MEMORY_CAP

    @property
    def memory_last(self) -> int:
        return self.memory_points[-1][1] if self.memory_points else self.memory_first

    @property
    def growth_points(self) -> list[tuple[int, int]]:
        """The measures the growth is worked out from: those from the first title save after the
        call's, or, with too few saves for two of them, the first save's and the last."""
        if len(self.memory_points) >= 2:
            return self.memory_points
        return [(1, self.memory_first)] + self.memory_points if self.saves > 1 else []

    @property
    def growth(self) -> float | None:
        """Bytes a save: the least-squares slope over `growth_points`, each measured once idle. Two
        measures alone swing with what the allocator happens to hold at either moment."""
        points = self.growth_points
        if len(points) < 2:
            return None
        saves, sizes = zip(*points)
        return statistics.linear_regression(saves, sizes).slope


MEMORY_EVERY = 8  # title saves between two measures of the preview's memory


def pick_edits(project: Path, corpus: Corpus, site: Path) -> tuple[Edit | None, Edit | None]:
    """The resource whose title is edited (the first with a page) and the call whose deadline is
    moved (the first with waves and a deadline to come, so that calendars show it)."""
    resource = None
    if corpus.resources:
        ident, region, _ = corpus.resources[0]
        address = page_address(site, "catalogue", ident)
        if address:
            resource = Edit(project / "regions" / region.slug / "resources" / f"{ident}.md", address, region.slug)
    call, fallback = None, None
    today = dt.date.today().isoformat()
    for ident, region, _ in corpus.calls:
        source = project / "regions" / region.slug / "calls" / f"{ident}.md"
        address = page_address(site, "appels", ident)
        deadlines = re.findall(r"^      deadline: (\d{4}-\d{2}-\d{2})$", source.read_text(encoding="utf-8"), flags=re.M)
        if not address or not deadlines:
            continue
        fallback = fallback or Edit(source, address, region.slug)
        if deadlines[-1] > today:
            call = Edit(source, address, region.slug)
            break
    return resource, call or fallback


def measure_preview(project: Path, corpus: Corpus, site: Path, saves: int, timeout: float) -> Preview:
    """Save 1: a resource's title; save 2: a call's deadline; then titles again up to `saves`,
    each waited for until served."""
    figures = Preview()
    resource, call = pick_edits(project, corpus, site)
    title_edit = resource or call
    if title_edit is None:
        return figures
    figures.resource_what = f"titre d'une ressource, /{resource.address}" if resource else \
        f"titre d'un appel, les ressources n'ayant pas de page, /{call.address}"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(project / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=child_env(), stdout=log, stderr=log, start_new_session=True,
    )
    markers = random.Random()

    def edit_title() -> float | None:
        marker = f"Titre modifié {markers.randint(100_000, 999_999)}"
        set_title(title_edit.source, marker)
        return wait_until(lambda: marker in fetch(base + title_edit.address), timeout)

    try:
        if wait_until(lambda: fetch(base + title_edit.address), timeout, 0.5) is None:
            return figures
        figures.resource = edit_title()
        if figures.resource is None:
            return figures
        figures.saves = 1
        figures.memory_first = idle_memory(server.pid)
        if call and saves >= 2:
            # The call's page, its own calendar, its region's calendar and its region's feed.
            checks = {
                "page": (call.address, lambda day: day.isoformat()),
                "calendrier de l'appel": (f"{call.address}calendrier.ics", lambda day: day.strftime("%Y%m%d")),
                "calendrier de la région": (f"regions/{call.region}/calendrier.ics", lambda day: day.strftime("%Y%m%d")),
                "flux de la région": (f"regions/{call.region}/flux.atom", lambda day: f"reportée au {day}"),
            }
            checks = {name: check for name, check in checks.items() if fetch(base + check[0])}
            before = {name: fetch(base + address) for name, (address, _) in checks.items()}
            new = set_deadline(call.source, lambda day: not any(text(day) in before[name] for name, (_, text) in checks.items()))
            shown = {name: False for name in checks}

            def all_shown() -> bool:
                for name, (address, text) in checks.items():
                    shown[name] = shown[name] or text(new) in fetch(base + address)
                return all(shown.values())

            figures.call = wait_until(all_shown, timeout)
            figures.call_missing = [name for name, done in shown.items() if not done]
            figures.call_what = f"date limite d'un appel, /{call.address} : {', '.join(checks)}"
            figures.saves = 2
        first_title = figures.saves + 1
        while figures.saves < saves:
            if tree_memory(server.pid) > PREVIEW_MEMORY_CAP:
                figures.stopped = True
                break
            shown_after = edit_title()
            if shown_after is None:
                break
            figures.title_times.append(shown_after)
            figures.saves += 1
            if (figures.saves - first_title) % MEMORY_EVERY == 0 and figures.saves < saves:
                figures.memory_points.append((figures.saves, idle_memory(server.pid)))
        if figures.saves > 1 and (not figures.memory_points or figures.memory_points[-1][0] != figures.saves):
            figures.memory_points.append((figures.saves, idle_memory(server.pid)))
        return figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


# --- The peer: stock Material on as many plain pages ------------------------------------------------

PEER_SECTIONS = 6


def build_peer(folder: Path, pages: int, sources: list[Path]) -> Run:
    """Stock Material (no custom theme, no deffinov plugin, its own search) building `pages` plain
    Markdown pages whose texts are the corpus's own bodies, with a navigation of six entries."""
    docs = folder / "docs"
    nav = []
    for number in range(max(pages, PEER_SECTIONS)):
        section = f"rubrique-{number % PEER_SECTIONS + 1}"
        name = "index.md" if number < PEER_SECTIONS else f"page-{number}.md"
        path = docs / section / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = ""
        if sources:
            text = sources[number % len(sources)].read_text(encoding="utf-8")
            body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        path.write_text(f"# Page n° {number + 1}\n\n{body}", encoding="utf-8")
        if number < PEER_SECTIONS:
            nav.append(f"  - Rubrique {number + 1}: {section}/index.md")
    (folder / "mkdocs.yml").write_text("\n".join([
        "site_name: Pair de comparaison (Material seul)",
        "docs_dir: docs",
        "site_dir: site",
        "theme:",
        "  name: material",
        "  language: fr",
        "plugins:",
        "  - search:",
        "      lang: fr",
        "nav:",
        *nav,
    ]) + "\n", encoding="utf-8")
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml")], folder,
                        folder / "build.log")


# --- Sizes of what was built ------------------------------------------------------------------------

def compressed_size(path: Path) -> int:
    """Bytes a server sends for `path` with gzip -9; Pagefind's files are compressed already."""
    raw = path.read_bytes()
    return min(len(raw), len(gzip.compress(raw, compresslevel=9)))


@dataclass
class PageSizes:
    count: int  # HTML pages
    biggest: list[tuple[int, str]]  # (compressed bytes, address), the three largest
    over: int  # pages over the goal, compressed


def measure_pages(site: Path) -> PageSizes:
    """Every HTML page of the site gzipped; largest raw size first, stopping once no page left
    can be over the goal or among the three largest (a page never compresses to more than itself)."""
    files = sorted(((path.stat().st_size, path) for path in site.rglob("*.html")), key=lambda item: -item[0])
    biggest: list[tuple[int, str]] = []
    over = 0
    for raw, path in files:
        if raw <= GOAL_PAGE_BYTES and len(biggest) == 3 and raw <= biggest[-1][0]:
            break
        size = compressed_size(path)
        over += size > GOAL_PAGE_BYTES
        address = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
        biggest = sorted([*biggest, (size, address)], key=lambda item: -item[0])[:3]
    return PageSizes(len(files), biggest, over)


# --- What a browser downloads ---------------------------------------------------------------------

@dataclass
class Download:
    compressed: int
    files: list[tuple[str, int]]  # (address, compressed bytes), largest first
    note: str = ""
    requests: int = 0
    failed: list[str] = field(default_factory=list)  # requests that failed or got a status >= 400


@dataclass
class Query:
    label: str  # what the visitor did, in French
    download: Download
    short: str = ""  # the same, without the counts


# Facets whose values the benchmark ticks, by their checkbox name (generator/presentation/catalog.py).
QUERY_FACETS = {"region": "région", "departement": "département", "type": "type", "domaine": "domaine"}
QUERY_WORDS = ("formation", "collectif")


class Browser:
    """Headless Chromium on the built site; counts the files each page load or action requests."""

    def __init__(self, playwright, site: Path, base: str):
        from browser import CHROMIUM_ARGS, CHROMIUM_PATH

        self.browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        self.site, self.base = site, base

    def close(self):
        self.browser.close()

    def file_of(self, url: str) -> Path | None:
        if not url.startswith(self.base):
            return None
        path = self.site / urlsplit(url).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def total(self, urls: list[str], note: str = "", requests: int = 0, failed: list[str] = ()) -> Download:
        files = [f for f in dict.fromkeys(self.file_of(url) for url in urls) if f]
        sizes = sorted(((f"/{f.relative_to(self.site).as_posix()}", compressed_size(f)) for f in files),
                       key=lambda item: -item[1])
        return Download(sum(size for _, size in sizes), sizes, note, requests, list(failed))

    def open(self, address: str):
        """A fresh page (empty cache) and the record of its requests: `seen` (addresses answered
        OK), `asked` (every request) and `failed` (failed, or answered with a status >= 400)."""
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        record = {"seen": [], "asked": [], "failed": []}
        pending = set()

        def requested(request):
            pending.add(request)
            record["asked"].append(request.url)

        def failed(request):
            pending.discard(request)
            record["failed"].append(f"{request.url} ({request.failure})")

        def answered(response):
            if response.status >= 400:
                record["failed"].append(f"{response.url} ({response.status})")
            else:
                record["seen"].append(response.url)

        page.on("request", requested)
        page.on("requestfinished", lambda request: pending.discard(request))
        page.on("requestfailed", failed)
        page.on("response", answered)
        page.goto(self.base + address, wait_until="networkidle")
        page.pending = pending
        return context, page, record

    @staticmethod
    def settle(page, quiet: float = 1.0, timeout: float = 30.0) -> None:
        """Wait until no request has been in flight for `quiet` seconds."""
        start = last_busy = time.perf_counter()
        while time.perf_counter() - start < timeout:
            page.wait_for_timeout(100)
            if page.pending:
                last_busy = time.perf_counter()
            elif time.perf_counter() - last_busy >= quiet:
                return

    def page_load(self, address: str) -> Download:
        context, page, record = self.open(address)
        self.settle(page)
        context.close()
        return self.total(record["seen"], requests=len(record["asked"]), failed=record["failed"])

    def facet_values(self, catalog: str) -> dict[str, list[tuple[str, int]]]:
        """The checkboxes of the catalog page by name: (value, count its label shows), most
        frequent first (the page's order where a label shows no count)."""
        context, page, _ = self.open(catalog)
        boxes = page.locator("main input[type=checkbox][name]").evaluate_all(
            """boxes => boxes.map(box => {
                const label = box.closest("label");
                const count = label && (label.querySelector("[data-count]") || label);
                return [box.name, box.value, count ? count.textContent : ""];
            })"""
        )
        context.close()
        values: dict[str, list[tuple[str, int]]] = {}
        for position, (name, value, text) in enumerate(boxes):
            counts = re.findall(r"\((\d[\d\s\u00a0\u202f]*)", text)
            count = int(re.sub(r"\D", "", counts[-1])) if counts else -position
            values.setdefault(name, []).append((value, count))
        return {name: sorted(items, key=lambda item: -item[1]) for name, items in values.items()}

    def query(self, catalog: str, label: str, ticks: list[tuple[str, str]] = (), word: str = "",
              near: dict | None = None) -> Query:
        """What one visitor's query adds once the catalog page has loaded: boxes ticked one after
        the other, or a word typed letter by letter in the search field; then, `near`, a place
        typed letter by letter in « Près de » (`typed`), chosen with Enter or from its button
        (`choose`), and a radius (`radius`, its option's value)."""
        context, page, record = self.open(catalog)
        try:
            page.wait_for_selector("[data-deffinov-catalog]:not([data-pending])", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page without the marker: settling is the wait
            pass
        self.settle(page)
        seen, asked, failed = (len(record[key]) for key in ("seen", "asked", "failed"))
        for name, value in ticks:
            page.locator(f"main input[type=checkbox][name={css_string(name)}][value={css_string(value)}]").first.check()
        if word:
            box = page.locator("main input[name=q], main input[type=search]").first
            box.click()
            box.press_sequentially(word, delay=150)
        if near:
            self.settle(page)
            place = page.locator("main input[name=pres]").first
            place.click()
            place.press_sequentially(near["typed"], delay=150)
            if near.get("choose"):
                page.get_by_role("button", name=near["choose"], exact=True).click()
            else:
                place.press("Enter")
            if near.get("radius") is not None:
                self.settle(page)
                page.locator("main select[name=rayon]").select_option(near["radius"])
        self.settle(page)
        if near and not page.locator(".deffinov-card__distance").count():
            record["failed"].append(f"près de « {near['typed']} » : aucune distance affichée")
        context.close()
        return Query(label, self.total(record["seen"][seen:], requests=len(record["asked"]) - asked,
                                       failed=record["failed"][failed:]))


def css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


# Searches near a place (the « Près de » field): label, then what Browser.query types and chooses.
NEAR_QUERIES = (
    ("près de « Caen » (commune tapée lettre à lettre, Entrée)", {"typed": "Caen"}),
    ("mot « formation » près de « Lyon », toute la France", {"typed": "Lyon", "radius": "", "word": "formation"}),
    ("près de « 13001 » (code postal), 10 km", {"typed": "13001", "radius": "10"}),
    ("près de « Saint-Denis » (choisie : Seine-Saint-Denis)", {"typed": "Saint-Denis", "choose": "Saint-Denis, Seine-Saint-Denis (93)"}),
)


def plan_queries(values: dict[str, list[tuple[str, int]]], town: str | None,
                 everywhere: dict[str, list[str]], few: bool = False) -> list[tuple[str, str, list, str, dict | None]]:
    """(label, short label, boxes to tick, word to type, place to search near) for each query a
    visitor makes: for each facet the most frequent value, a median one and the rarest of those
    the page offers, two pairs of facets, words typed letter by letter: common words, a town, and
    the catalog's rarest value of a facet when the page offers no box for it (`everywhere`: every
    value, most frequent first), and searches near a place (NEAR_QUERIES).
    `few`: the most frequent value of each facet, one pair, one word and one place (a quick look)."""
    queries = []
    picked: dict[str, dict[str, tuple[str, int]]] = {}
    for name, facet in QUERY_FACETS.items():
        items = values.get(name, [])
        if not items:
            continue
        chosen = {"la plus fréquente": items[0], "médiane": items[len(items) // 2], "la plus rare": items[-1]}
        picked[name] = chosen
        if few:
            chosen = {"la plus fréquente": items[0]}
        done = set()
        for rank, (value, count) in chosen.items():
            if value in done:
                continue
            done.add(value)
            resources = f", {number(count)} ressource{'s' if count > 1 else ''}" if count >= 0 else ""
            queries.append((f"{facet} « {value} » ({rank} des cases{resources})", f"{facet} « {value} »", [(name, value)], "", None))
    pairs = [("region", "médiane", "type", "la plus fréquente"), ("departement", "la plus rare", "domaine", "médiane")]
    for first, first_rank, second, second_rank in pairs[:1] if few else pairs:
        if first in picked and second in picked:
            a, b = picked[first][first_rank][0], picked[second][second_rank][0]
            label = f"{QUERY_FACETS[first]} « {a} » puis {QUERY_FACETS[second]} « {b} »"
            queries.append((label, label, [(first, a), (second, b)], "", None))
    for word in QUERY_WORDS[:1] if few else [*QUERY_WORDS, *([town] if town else [])]:
        queries.append((f"mot « {word} » tapé lettre à lettre", f"mot « {word} »", [], word, None))
    for label, near in NEAR_QUERIES[:1] if few else NEAR_QUERIES:
        queries.append((label, label, [], near.get("word", ""), near))
    if few:
        return queries
    # A value the page offers no box for (it shows the most frequent only) is found by its words.
    for name, facet in QUERY_FACETS.items():
        offered = {value for value, _ in values.get(name, [])}
        rarest = next((value for value in reversed(everywhere.get(name, [])) if value not in offered), None)
        words = re.sub(r"\s*\([^)]*\)$", "", rarest or "").strip()
        if words:
            queries.append((f"mot « {words} » tapé lettre à lettre (valeur de {facet} la plus rare du catalogue, sans case à cocher)",
                            f"mot « {words} »", [], words, None))
    return queries


def catalog_facets(site: Path) -> dict[str, list[str]]:
    """Every value of each facet, most frequent first, as the catalog's index lists them
    (generator/outputs/catalog_index.py); nothing when the index is laid out otherwise."""
    try:
        data = json.loads((site / "catalogue/index/facettes.json").read_text(encoding="utf-8"))
        return {name: [str(value) for value in facet["values"]] for name, facet in data["facets"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def measure_downloads(site: Path, resource: str | None, town: str | None, few: bool = False) -> dict:
    """Compressed bytes per page kind (None where the page does not exist) and the catalog's
    queries, each from a fresh page (empty cache)."""
    from playwright.sync_api import sync_playwright

    from browser import serve

    catalog = "catalogue/" if (site / "catalogue/index.html").is_file() else None
    results: dict = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = Browser(playwright, site, base)
        try:
            results["catalog"] = browser.page_load(catalog) if catalog else None
            results["resource"] = browser.page_load(resource) if resource else None
            results["calls"] = browser.page_load("appels/") if (site / "appels/index.html").is_file() else None
            results["queries"] = []
            if catalog:
                for label, short, ticks, word, near in plan_queries(browser.facet_values(catalog), town, catalog_facets(site), few):
                    query = browser.query(catalog, label, ticks, word, near)
                    query.short = short
                    results["queries"].append(query)
        finally:
            browser.close()
    return results


# --- The run ----------------------------------------------------------------------------------------

def page_address(site: Path, kind: str, ident: str) -> str | None:
    address = f"{kind}/{ident}/"
    return address if (site / address / "index.html").is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure le site sur des corpus synthétiques de plusieurs formes (tickets 8, 18 et 22).")
    parser.add_argument("--resources", type=int, default=20_000, help="nombre de ressources (20 000 par défaut)")
    parser.add_argument("--providers", type=int, default=2_000, help="nombre de lieux et collectifs (2 000 par défaut)")
    parser.add_argument("--calls", type=int, default=500, help="nombre d'appels à projets (500 par défaut, jusqu'à 2 000)")
    parser.add_argument("--shape", default="even", metavar="FORME",
                        help=f"forme du corpus : {', '.join(SHAPES)} (even par défaut), plusieurs séparées par des "
                             "virgules, ou all pour toutes ; une ligne du tableau final par forme")
    parser.add_argument("--no-peer", action="store_true", help="ne pas construire le pair (Material seul sur autant de pages)")
    parser.add_argument("--queries", choices=("all", "few"), default="all",
                        help="requêtes du catalogue : all (par défaut : pour chaque facette la valeur la plus fréquente, une "
                             "médiane et la plus rare, deux paires, des mots tapés lettre à lettre) ou few (un aperçu rapide)")
    parser.add_argument("--runs", type=int, default=1, help="paires de constructions (la nôtre puis le pair) : médiane et écart de chaque mesure (1 par défaut)")
    parser.add_argument("--saves", type=int, default=50, help="enregistrements successifs dans mkdocs serve (50 par défaut)")
    parser.add_argument("--keep", type=Path, metavar="DOSSIER", help="garder le corpus et le site construit dans ce dossier (vide ou absent) ; un sous-dossier par forme s'il y en a plusieurs")
    parser.add_argument("--seed", type=int, default=1, help="graine du tirage au sort (1 par défaut)")
    parser.add_argument("--detail", action="store_true", help="lister chaque fichier téléchargé avec sa taille compressée")
    parser.add_argument("--corpus-only", action="store_true", help="écrire le corpus (avec --keep) sans rien mesurer")
    args = parser.parse_args(argv)
    if min(args.resources, args.providers, args.calls) < 0:
        parser.error("les nombres doivent être positifs")
    if args.runs < 1:
        parser.error("--runs demande au moins 1 construction")
    if args.saves < 1:
        parser.error("--saves demande au moins 1 enregistrement")
    if args.corpus_only and not args.keep:
        parser.error("--corpus-only demande --keep DOSSIER")
    names = list(SHAPES) if args.shape == "all" else [name.strip() for name in args.shape.split(",") if name.strip()]
    unknown = [name for name in names if name not in SHAPES]
    if unknown or not names:
        parser.error(f"forme inconnue : {', '.join(unknown) or args.shape} (formes : {', '.join(SHAPES)}, all)")
    shapes = [SHAPES[name] for name in dict.fromkeys(names)]

    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"le dossier {args.keep} n'est pas vide")
        args.keep.mkdir(parents=True, exist_ok=True)
        root = args.keep.resolve()
    else:
        root = Path(tempfile.mkdtemp(prefix="deffinov-benchmark-"))
    start = time.perf_counter()
    rows = []
    status = 0
    try:
        for shape in shapes:
            project = root / shape.name if len(shapes) > 1 else root
            project.mkdir(parents=True, exist_ok=True)
            if len(shapes) > 1:
                say(f"=== Forme « {shape.name} » ===")
            row = {"forme": shape.name}
            rows.append(row)
            status = max(status, run(project, args, shape, row))
            if not args.keep:
                shutil.rmtree(project, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if not args.corpus_only:
        summary(rows)
        say(f"Durée totale du banc d'essai : {seconds(time.perf_counter() - start)}")
    return status


SUMMARY_COLUMNS = [
    ("forme", "forme"), ("build", "construction"), ("peer", "pair"), ("ratio", "rapport"), ("memory", "mémoire"),
    ("serve_resource", "serve ressource"), ("serve_call", "serve appel"), ("growth", "serve mémoire/enreg."),
    ("page", "plus grosse page"), ("over", "pages > 100 ko"), ("ics", ".ics du site"),
    ("query_worst", "pire requête"), ("query_median", "requête médiane"), ("failed", "requêtes en échec"),
]


def summary(rows: list[dict]) -> None:
    """One line a shape, columns aligned; a dash where a figure was not measured."""
    table = [[label for _, label in SUMMARY_COLUMNS]]
    table += [[row.get(key, "–") for key, _ in SUMMARY_COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(SUMMARY_COLUMNS))]
    say("Résumé par forme :")
    for line in table:
        say(" | ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())


def run(project: Path, args, shape: Shape, row: dict) -> int:
    start = time.perf_counter()
    copy_project(project)
    generator = Generator(project, read_regions(project / "regions"), args.seed, dt.date.today(), shape)
    corpus = generator.generate(args.resources, args.providers, args.calls)
    used = {region.slug for _, region, _ in corpus.resources} | {region.slug for _, region in corpus.providers} \
        | {region.slug for _, region, _ in corpus.calls}
    regions = f"{len(used)} régions" + ("" if len(used) == len(corpus.regions) else f" sur {len(corpus.regions)}")
    say(f"Corpus : {number(len(corpus.resources))} ressources, {number(len(corpus.providers))} lieux et "
        f"{number(len(corpus.calls))} appels répartis sur {regions}, forme « {shape.name} » : {shape.description} "
        f"(écrit en {seconds(time.perf_counter() - start)}) dans {project}")
    if args.corpus_only:
        return 0

    check = run_measured([sys.executable, "-m", "generator.tools.cli", "check", str(project)], project, project / "check.log")
    if check.returncode != 0:
        sys.stderr.write((project / "check.log").read_text(encoding="utf-8"))
        say("Le corpus généré est refusé par deffinov check : voir les erreurs ci-dessus.")
        return 1
    say(f"Vérification du contenu (deffinov check) : {seconds(check.seconds)}")

    # Our build and the peer, one right after the other on the same machine, `--runs` times.
    peer_goal = f"≤ {number(GOAL_PEER_RATIO, 1)} fois le temps du pair"
    builds, peers, removals = [], [], []
    folder = Path(tempfile.mkdtemp(prefix="deffinov-peer-"))
    try:
        for _ in range(args.runs):
            build = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")], project)
            if build.returncode != 0:
                say("La construction (mkdocs build) a échoué : voir ses messages ci-dessus.")
                return 1
            builds.append(build)
            # The old site, deleted by another process after the build: done before the next
            # measure, which it would slow down.
            removals.append(wait_until(lambda: not any(project.glob(OLD_SITE_FOLDERS)), 300) or 0.0)
            site = project / "site"
            pages = sum(1 for path in site.rglob("*.html") if "pagefind" not in path.parts)
            if args.no_peer:
                continue
            if not peers:  # the peer's pages, written once: stock Material on as many plain pages
                sources = sorted((project / "regions").glob("*/resources/*.md")) + sorted((project / "regions").glob("*/calls/*.md"))
                peer = build_peer(folder, pages, sources)
            else:
                peer = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml")], folder,
                                    folder / "build.log")
            if peer.returncode != 0:
                sys.stderr.write((folder / "build.log").read_text(encoding="utf-8")[-5000:])
                say("Pair (Material seul sur autant de pages) : la construction a échoué, voir ses messages ci-dessus"
                    + goal(None, peer_goal))
                break
            peers.append(peer)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    times, memories = [run.seconds for run in builds], [run.peak_bytes for run in builds]
    build_seconds, build_memory = statistics.median(times), statistics.median(memories)
    row["build"], row["memory"] = seconds(build_seconds), f"{number(build_memory / GIB, 2)} Gio"
    say(f"Construction complète (mkdocs build, index de recherche compris) : {seconds(build_seconds)}{spread(times, seconds)}"
        + goal(build_seconds <= GOAL_BUILD_SECONDS, f"≤ {GOAL_BUILD_SECONDS} s"))
    replaced = removals[1:]  # the first build had no site to replace
    if replaced:
        say(f"Suppression de l'ancien site, en arrière-plan après la construction : {seconds(statistics.median(replaced))}"
            f"{spread(replaced, seconds)}")
    say(f"Mémoire maximale de la construction (somme sur l'arbre de processus) : {number(build_memory / GIB, 2)} Gio "
        f"({number(build_memory / 1024**2)} Mio){spread(memories, lambda value: number(value / GIB, 2) + ' Gio')}"
        + goal(build_memory <= GOAL_MEMORY_BYTES, f"≤ {number(GOAL_MEMORY_BYTES / GIB, 1)} Gio"))
    cpu_times = [run.cpu_seconds for run in builds]
    say(f"Temps processeur de la construction (utilisateur et système, processus et ses ouvriers) : "
        f"{seconds(statistics.median(cpu_times))}{spread(cpu_times, seconds)}")
    say(f"Pages construites par seconde : {number(pages / build_seconds, 1)} pages/s "
        f"({number(pages)} pages en {seconds(build_seconds)})")
    if args.no_peer:
        say("Pair (Material seul sur autant de pages) : non mesuré (--no-peer)" + goal(None, peer_goal))
    elif peers:
        # Each build against the peer built right after it: the pair shares the machine's state.
        ratios = [build.seconds / peer.seconds for build, peer in zip(builds, peers)]
        peer_seconds, ratio = statistics.median([peer.seconds for peer in peers]), statistics.median(ratios)
        row["peer"], row["ratio"] = seconds(peer_seconds), number(ratio, 2)
        say(f"Pair (Material seul, {number(max(pages, PEER_SECTIONS))} pages Markdown, navigation de six entrées, "
            f"sa recherche) : {seconds(peer_seconds)}{spread([peer.seconds for peer in peers], seconds)}, "
            f"{number(statistics.median([peer.peak_bytes for peer in peers]) / GIB, 2)} Gio ; "
            f"rapport construction/pair {number(ratio, 2)}{spread(ratios, lambda value: number(value, 2))}"
            + goal(ratio <= GOAL_PEER_RATIO, peer_goal))
        cpu_ratios = [build.cpu_seconds / peer.cpu_seconds for build, peer in zip(builds, peers) if peer.cpu_seconds]
        if cpu_ratios:
            say(f"Temps processeur du pair : {seconds(statistics.median([peer.cpu_seconds for peer in peers]))} ; "
                f"rapport des temps processeur construction/pair {number(statistics.median(cpu_ratios), 2)}"
                f"{spread(cpu_ratios, lambda value: number(value, 2))} (deux cœurs pour la construction, un pour le pair)")

    sizes = measure_pages(site)
    if sizes.biggest:
        row["page"], row["over"] = kilobytes(sizes.biggest[0][0]), number(sizes.over)
        biggest = ", ".join(f"{kilobytes(size)} ({address})" for size, address in sizes.biggest)
        say(f"Pages HTML compressées : les plus grosses {biggest} ; {number(sizes.over)} sur {number(sizes.count)} "
            f"au-delà de 100 ko" + goal(sizes.over == 0, "< 100 ko chacune"))
    calendar = site / "calendrier" / "deffinov-tiers-lieux.ics"
    if calendar.is_file():
        row["ics"] = kilobytes(calendar.stat().st_size)
        say(f"Calendrier de tout le site (/calendrier/deffinov-tiers-lieux.ics) : {kilobytes(calendar.stat().st_size)}, "
            f"{kilobytes(compressed_size(calendar))} compressés")
    else:
        say("Calendrier de tout le site (/calendrier/deffinov-tiers-lieux.ics) : absent")

    resource = page_address(site, "catalogue", corpus.resources[0][0]) if corpus.resources else None
    town = next((title.rsplit(" à ", 1)[1] for _, _, title in corpus.resources[1:] + corpus.resources[:1]
                 if " à " in title), None)
    downloads = measure_downloads(site, resource, town, args.queries == "few")
    lines = [
        ("catalog", "Téléchargement de la page du catalogue (/catalogue/)", GOAL_LIST_BYTES, "< 100 ko"),
        ("resource", f"Téléchargement d'une page de ressource ({'/' + resource if resource else 'aucune'})", None, ""),
        ("calls", "Téléchargement de la liste des appels (/appels/)", GOAL_LIST_BYTES, "< 100 ko"),
    ]
    for key, label, limit, limit_text in lines:
        result = downloads[key]
        if result is None:
            text, met = "absent", None
        else:
            text = f"{kilobytes(result.compressed)} compressés, {len(result.files)} fichiers"
            met = result.compressed < limit if limit else None
        say(f"{label} : {text}" + (goal(met, limit_text) if limit else ""))
        if args.detail and result:
            for address, size in result.files:
                say(f"    {kilobytes(size):>10}  {address}")
    report_queries(downloads["queries"], row, args.detail)

    preview = measure_preview(project, corpus, site, args.saves, timeout=120 + 4 * build_seconds)
    serve_goal = f"≤ {GOAL_SERVE_SECONDS} s"
    if preview.resource is None:
        say("Modification affichée par mkdocs serve, titre : non mesuré (délai dépassé ou rien à modifier, voir serve.log)"
            + goal(None, serve_goal))
    else:
        row["serve_resource"] = seconds(preview.resource)
        say(f"Modification affichée par mkdocs serve, titre : {seconds(preview.resource)} ({preview.resource_what})"
            + goal(preview.resource <= GOAL_SERVE_SECONDS, serve_goal))
    if preview.call is None:
        missing = f" ; toujours l'ancienne date : {', '.join(preview.call_missing)}" if preview.call_missing else ""
        say(f"Modification affichée par mkdocs serve, date limite d'un appel : non mesuré "
            f"({preview.call_what or 'aucun appel à vagues, ou --saves 1'}{missing})" + goal(None, serve_goal))
    else:
        row["serve_call"] = seconds(preview.call)
        say(f"Modification affichée par mkdocs serve, date limite d'un appel : {seconds(preview.call)} ({preview.call_what})"
            + goal(preview.call <= GOAL_SERVE_SECONDS, serve_goal))
    if preview.saves:
        growth = preview.growth
        if growth is not None:
            row["growth"] = f"{number(growth / 1024**2, 1)} Mio"
        median = f" ; titres suivants montrés en {seconds(statistics.median(preview.title_times))} (médiane)" \
            if preview.title_times else ""
        points = preview.growth_points
        if growth is None:
            last = "un seul enregistrement"
        elif points[0][0] == 1:  # too few saves for a measure after the call's
            last = (f"{number(preview.memory_last / GIB, 2)} Gio après le {preview.saves}e, "
                    f"{number(growth / 1024**2, 1)} Mio de plus par enregistrement")
        else:
            since, at_since = points[0]
            between = ("l'appel enregistré, ses calendriers et son flux ouverts puis gardés" if preview.call is not None
                       else "un titre de plus")
            last = (f"{number(at_since / GIB, 2)} Gio après le {since}e ({between} : "
                    f"{signed_mib(at_since - preview.memory_first)}), "
                    f"{number(preview.memory_last / GIB, 2)} Gio après le {preview.saves}e ; "
                    f"{number(growth / 1024**2, 1)} Mio de plus par enregistrement du {since}e au {preview.saves}e "
                    f"(pente des moindres carrés sur {len(points)} mesures : "
                    + ", ".join(f"{number(size / 1024**2)} Mio au {save}e" for save, size in points) + ")")
        say(f"Mémoire de mkdocs serve (somme sur l'arbre de processus) : {number(preview.memory_first / GIB, 2)} Gio "
            f"après le 1er enregistrement, " + last
            + median + (f" ; arrêté : plus de {number(PREVIEW_MEMORY_CAP / GIB)} Gio" if preview.stopped else "")
            + goal(None if growth is None else growth <= GOAL_PREVIEW_GROWTH,
                             f"mémoire stable (≤ {number(GOAL_PREVIEW_GROWTH / 1024**2)} Mio par enregistrement)"))
    say(f"Durée pour la forme « {shape.name} » : {seconds(time.perf_counter() - start)}")
    return 0


def report_queries(queries: list[Query], row: dict, detail: bool) -> None:
    """One line a query, then the worst and the median beside the goal, and the failed requests."""
    if not queries:
        say("Requêtes du catalogue : non mesuré (pas de page /catalogue/)" + goal(None, "≤ 150 ko chacune"))
        return
    for query in queries:
        download = query.download
        say(f"Requête du catalogue, {query.label} : {kilobytes(download.compressed)} compressés, "
            f"{download.requests} requête{'s' if download.requests > 1 else ''}, {len(download.failed)} en échec"
            + goal(download.compressed <= GOAL_SEARCH_BYTES and not download.failed, "≤ 150 ko"))
        if detail:
            for address, size in download.files:
                say(f"    {kilobytes(size):>10}  {address}")
    worst = max(queries, key=lambda query: query.download.compressed)
    median = statistics.median(query.download.compressed for query in queries)
    failed = [failure for query in queries for failure in query.download.failed]
    row["query_worst"], row["query_median"], row["failed"] = kilobytes(worst.download.compressed), kilobytes(median), number(len(failed))
    say(f"Requêtes du catalogue ({len(queries)}) : la pire {kilobytes(worst.download.compressed)} ({worst.short or worst.label}), "
        f"la médiane {kilobytes(median)}"
        + goal(worst.download.compressed <= GOAL_SEARCH_BYTES and not failed, "≤ 150 ko chacune, sans requête en échec"))
    say(f"Requêtes en échec pendant les requêtes du catalogue : {len(failed)}"
        + (" (" + " ; ".join(failed[:5]) + (" ; …" if len(failed) > 5 else "") + ")" if failed else ""))


if __name__ == "__main__":
    sys.exit(main())
