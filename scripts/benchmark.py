"""Measure the site at scale on a synthetic corpus: the figures and goals of issue 8.

Writes a copy of the project (content/, theme/, mkdocs.yml and the real regions' region.yml)
plus generated resources, providers and calls spread over every region, each valid for the
model, then measures `deffinov check`, a full `mkdocs build` (time, peak memory, pages a
second), how long `mkdocs serve` takes to show an edit, and what a browser downloads
(compressed) for the catalog, a resource page, the calls list and one faceted search.

Usage (from the repository, with its virtual environment):

    .venv/bin/python scripts/benchmark.py                       # 20,000 / 2,000 / 500
    .venv/bin/python scripts/benchmark.py --resources 2000 --providers 200 --calls 50
    .venv/bin/python scripts/benchmark.py --keep /tmp/corpus     # keep the corpus and its site

Figures go to stdout, one a line, in French; the build's own messages (and its progress) go
to stderr. Timings on a shared 2-core machine are noisy: compare runs, not single figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
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

from generator.content.geography import BOUNDS  # noqa: E402

KB = 1000  # "ko" as issue 8 counts them: 1 ko = 1,000 bytes
GIB = 1024**3

# Goals of issue 8 at 20,000 resources, 2,000 providers and 500 calls, on a 2-core machine.
GOAL_BUILD_SECONDS = 40
GOAL_MEMORY_BYTES = 1.5 * GIB
GOAL_SERVE_SECONDS = 5
GOAL_SEARCH_BYTES = 150 * KB
GOAL_LIST_BYTES = 100 * KB


# --- Figures, in French -------------------------------------------------------------------------

def number(value: float, decimals: int = 0) -> str:
    """`20 000`, `38,2`: French digit grouping and decimal comma."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def seconds(value: float) -> str:
    return f"{number(value, 1)} s"


def kilobytes(value: int) -> str:
    return f"{number(value / KB, 1)} ko"


def goal(met: bool | None, text: str) -> str:
    verdict = "non mesuré" if met is None else ("atteint" if met else "NON ATTEINT")
    return f" — objectif {text} : {verdict}"


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

    def __init__(self, root: Path, regions: list[Region], seed: int, today: dt.date):
        self.root = root
        self.rng = random.Random(seed)
        self.text = Writer(self.rng)
        self.today = today
        self.corpus = Corpus(regions)

    def spread(self, count: int) -> list[Region]:
        """`count` regions, every region used before any is used twice, then at random."""
        regions = self.corpus.regions
        chosen = [regions[i % len(regions)] for i in range(min(count, len(regions)))]
        chosen += self.rng.choices(regions, k=max(0, count - len(regions)))
        return chosen

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
        kind = r.choice(list(RESOURCE_TITLES))
        domain = r.choice(DOMAINS)
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
        text = "---\n" + "\n".join(lines) + "\n---\n" + self.text.body()
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
            for wave in range(1, r.randint(1, 3) + 1):
                deadline += dt.timedelta(days=r.randint(30, 120))
                lines += [f"    - label: Vague {wave}", f"      deadline: {deadline}", f"      time: {q(r.choice(['12:00', '23:59']))}"]
            last = deadline
        if r.random() < 0.05:
            lines += ["  state: suspended", f"  state_note: {q('Appel suspendu dans l’attente du vote du budget.')}"]
        checked = min(self.today, published + dt.timedelta(days=r.randint(0, 60)))
        if r.random() < 0.2 and checked > published:
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
        text = "---\n" + "\n".join(lines) + "\n---\n" + self.text.body()
        self.write(region, "calls", f"{ident}.md", text)
        self.corpus.calls.append((ident, region, title))

    def generate(self, resources: int, providers: int, calls: int) -> Corpus:
        # Calls first: resources point at them (funded_by); providers before their resources.
        for number, region in enumerate(self.spread(calls), 1):
            self.call(number, region)
        for number, region in enumerate(self.spread(providers), 1):
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
            while not done.wait(0.2):
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
    return Run(elapsed, process.returncode, max(usage.ru_maxrss * 1024, peak[0]))


def tree_memory(root: int) -> int:
    """Bytes used by a process and its descendants now: the sum of their proportional set sizes
    (pages shared after a fork counted once overall, not once per process)."""
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
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
    return total


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


def measure_serve(project: Path, source: Path, address: str, timeout: float) -> float | None:
    """Seconds from saving a new title in `source` to `mkdocs serve` serving it at `address`."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(project / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
        cwd=project, env=child_env(), stdout=log, stderr=log, start_new_session=True,
    )
    try:
        marker = f"Titre modifié {random.randint(100_000, 999_999)}"
        if wait_until(lambda: fetch(base + address), timeout, 0.5) is None:
            return None
        set_title(source, marker)
        return wait_until(lambda: marker in fetch(base + address), timeout)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


# --- What a browser downloads ---------------------------------------------------------------------

@dataclass
class Download:
    compressed: int
    files: list[tuple[str, int]]  # (address, compressed bytes), largest first
    note: str = ""


def compressed_size(path: Path) -> int:
    """Bytes a server sends for `path` with gzip -9; Pagefind's files are compressed already."""
    raw = path.read_bytes()
    return min(len(raw), len(gzip.compress(raw, compresslevel=9)))


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

    def total(self, urls: list[str], note: str = "") -> Download:
        files = [f for f in dict.fromkeys(self.file_of(url) for url in urls) if f]
        sizes = sorted(((f"/{f.relative_to(self.site).as_posix()}", compressed_size(f)) for f in files),
                       key=lambda item: -item[1])
        return Download(sum(size for _, size in sizes), sizes, note)

    def open(self, address: str):
        """A fresh page (empty cache) and the list its responses are recorded into."""
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        seen: list[str] = []
        pending = set()
        page.on("request", lambda request: pending.add(request))
        page.on("requestfinished", lambda request: pending.discard(request))
        page.on("requestfailed", lambda request: pending.discard(request))
        page.on("response", lambda response: seen.append(response.url) if response.ok else None)
        page.goto(self.base + address, wait_until="networkidle")
        page.pending = pending
        return context, page, seen

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
        context, page, seen = self.open(address)
        self.settle(page)
        context.close()
        return self.total(seen)

    def faceted_search(self, catalog: str | None, query: str) -> Download:
        """One filter (or query) on the catalog page; Pagefind's search dialog of the home page without it."""
        if catalog is None:
            context, page, seen = self.open("")
            self.settle(page)
            before = len(seen)
            page.get_by_role("button", name="Rechercher").first.click()
            page.locator(".pagefind-ui__search-input").fill(query)
            page.locator(".pagefind-ui__result").first.wait_for(timeout=60_000)
            self.settle(page)
            context.close()
            return self.total(seen[before:], f"catalogue absent : recherche « {query} » dans la boîte de recherche de l'accueil")
        context, page, seen = self.open(catalog)
        self.settle(page)
        before = len(seen)
        action = self.apply_one_filter(page, query)
        self.settle(page)
        context.close()
        return self.total(seen[before:], action)

    @staticmethod
    def apply_one_filter(page, query: str) -> str:
        """Check the catalog's first facet, else choose in its first list, else search; say which."""
        main = page.locator("main")
        checkbox = main.locator("input[type=checkbox]:visible, input[type=radio]:visible")
        if checkbox.count():
            name = checkbox.first.evaluate("e => (e.labels && e.labels[0] ? e.labels[0].innerText : e.value) || ''")
            checkbox.first.check()
            return f"facette « {' '.join(name.split())} » du catalogue"
        select = main.locator("select:visible")
        if select.count() and select.first.locator("option").count() > 1:
            value = select.first.locator("option").nth(1).get_attribute("value") or ""
            select.first.select_option(index=1)
            return f"choix « {value} » dans une liste du catalogue"
        box = main.locator("input[type=search]:visible, input[type=text]:visible")
        if box.count():
            box.first.fill(query)
            return f"recherche « {query} » dans le catalogue"
        # No control to act on: what a facet asks of Pagefind, through its own API.
        page.evaluate(
            """async (query) => {
                const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
                const filters = await pagefind.filters();
                const [name, values] = Object.entries(filters)[0] || [null, {}];
                const value = Object.keys(values)[0];
                const result = await pagefind.search(query, name ? {filters: {[name]: value}} : {});
                await Promise.all(result.results.slice(0, 10).map((r) => r.data()));
            }""",
            query,
        )
        return f"aucune commande dans la page : filtre et recherche « {query} » par l'API de Pagefind"


def measure_downloads(site: Path, resource: str | None, query: str) -> dict[str, Download | None]:
    """Compressed bytes per page kind; None where the page does not exist (yet)."""
    from playwright.sync_api import sync_playwright

    from browser import serve

    catalog = "catalogue/" if (site / "catalogue/index.html").is_file() else None
    results: dict[str, Download | None] = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = Browser(playwright, site, base)
        try:
            results["catalog"] = browser.page_load(catalog) if catalog else None
            results["resource"] = browser.page_load(resource) if resource else None
            results["calls"] = browser.page_load("appels/") if (site / "appels/index.html").is_file() else None
            results["search"] = browser.faceted_search(catalog, query)
        finally:
            browser.close()
    return results


# --- The run ----------------------------------------------------------------------------------------

def page_address(site: Path, kind: str, ident: str) -> str | None:
    address = f"{kind}/{ident}/"
    return address if (site / address / "index.html").is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure le site sur un corpus synthétique (ticket 8).")
    parser.add_argument("--resources", type=int, default=20_000, help="nombre de ressources (20 000 par défaut)")
    parser.add_argument("--providers", type=int, default=2_000, help="nombre de lieux et collectifs (2 000 par défaut)")
    parser.add_argument("--calls", type=int, default=500, help="nombre d'appels à projets (500 par défaut)")
    parser.add_argument("--keep", type=Path, metavar="DOSSIER", help="garder le corpus et le site construit dans ce dossier (vide ou absent)")
    parser.add_argument("--seed", type=int, default=1, help="graine du tirage au sort (1 par défaut)")
    parser.add_argument("--detail", action="store_true", help="lister chaque fichier téléchargé avec sa taille compressée")
    parser.add_argument("--corpus-only", action="store_true", help="écrire le corpus (avec --keep) sans rien mesurer")
    args = parser.parse_args(argv)
    if min(args.resources, args.providers, args.calls) < 0:
        parser.error("les nombres doivent être positifs")
    if args.corpus_only and not args.keep:
        parser.error("--corpus-only demande --keep DOSSIER")

    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"le dossier {args.keep} n'est pas vide")
        args.keep.mkdir(parents=True, exist_ok=True)
        project = args.keep.resolve()
    else:
        project = Path(tempfile.mkdtemp(prefix="deffinov-benchmark-"))
    try:
        return run(project, args)
    finally:
        if not args.keep:
            shutil.rmtree(project, ignore_errors=True)


def run(project: Path, args) -> int:
    start = time.perf_counter()
    copy_project(project)
    generator = Generator(project, read_regions(project / "regions"), args.seed, dt.date.today())
    corpus = generator.generate(args.resources, args.providers, args.calls)
    say(f"Corpus : {number(len(corpus.resources))} ressources, {number(len(corpus.providers))} lieux et "
        f"{number(len(corpus.calls))} appels répartis sur {len(corpus.regions)} régions, textes d'environ 400 mots "
        f"(écrit en {seconds(time.perf_counter() - start)}) dans {project}")
    if args.corpus_only:
        return 0

    check = run_measured([sys.executable, "-m", "generator.tools.cli", "check", str(project)], project, project / "check.log")
    if check.returncode != 0:
        sys.stderr.write((project / "check.log").read_text(encoding="utf-8"))
        say("Le corpus généré est refusé par deffinov check : voir les erreurs ci-dessus.")
        return 1
    say(f"Vérification du contenu (deffinov check) : {seconds(check.seconds)}")

    build = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")], project)
    if build.returncode != 0:
        say("La construction (mkdocs build) a échoué : voir ses messages ci-dessus.")
        return 1
    site = project / "site"
    pages = sum(1 for path in site.rglob("*.html") if "pagefind" not in path.parts)
    say(f"Construction complète (mkdocs build, index de recherche compris) : {seconds(build.seconds)}"
        + goal(build.seconds <= GOAL_BUILD_SECONDS, f"≤ {GOAL_BUILD_SECONDS} s"))
    say(f"Mémoire maximale de la construction : {number(build.peak_bytes / GIB, 2)} Gio "
        f"({number(build.peak_bytes / 1024**2)} Mio)" + goal(build.peak_bytes <= GOAL_MEMORY_BYTES, "≤ 1,5 Gio"))
    say(f"Pages construites par seconde : {number(pages / build.seconds, 1)} pages/s "
        f"({number(pages)} pages en {seconds(build.seconds)})")

    # The edit: one resource's title when resources have pages, else one call's.
    resource_id, resource_region, _ = corpus.resources[0] if corpus.resources else (None, None, None)
    resource = page_address(site, "catalogue", resource_id) if resource_id else None
    if resource:
        source, address, what = (project / "regions" / resource_region.slug / "resources" / f"{resource_id}.md",
                                 resource, "titre d'une ressource")
    elif corpus.calls:
        call_id, call_region, _ = corpus.calls[0]
        source, address, what = (project / "regions" / call_region.slug / "calls" / f"{call_id}.md",
                                 f"appels/{call_id}/", "titre d'un appel, les ressources n'ayant pas encore de page")
    else:
        source = None
    if source is None:
        say("Modification affichée par mkdocs serve : non mesuré (ni ressource ni appel)" + goal(None, f"≤ {GOAL_SERVE_SECONDS} s"))
    else:
        shown = measure_serve(project, source, address, timeout=120 + 4 * build.seconds)
        figure = seconds(shown) if shown is not None else "non mesuré (délai dépassé, voir serve.log)"
        say(f"Modification affichée par mkdocs serve : {figure} ({what}, /{address})"
            + goal(None if shown is None else shown <= GOAL_SERVE_SECONDS, f"≤ {GOAL_SERVE_SECONDS} s"))

    downloads = measure_downloads(site, resource, "formation")
    lines = [
        ("catalog", "Téléchargement de la page du catalogue (/catalogue/)", GOAL_LIST_BYTES, "< 100 ko"),
        ("resource", f"Téléchargement d'une page de ressource ({'/' + resource if resource else 'aucune'})", None, ""),
        ("calls", "Téléchargement de la liste des appels (/appels/)", GOAL_LIST_BYTES, "< 100 ko"),
        ("search", "Téléchargement d'une recherche à facettes", GOAL_SEARCH_BYTES, "< 150 ko"),
    ]
    for key, label, limit, limit_text in lines:
        result = downloads[key]
        if result is None:
            text, met = "absent", None
        else:
            text = f"{kilobytes(result.compressed)} compressés, {len(result.files)} fichiers"
            text += f" ; {result.note}" if result.note else ""
            met = result.compressed < limit if limit else None
        say(f"{label} : {text}" + (goal(met, limit_text) if limit else ""))
        if args.detail and result:
            for address, size in result.files:
                say(f"    {kilobytes(size):>10}  {address}")
    say(f"Durée totale du banc d'essai : {seconds(time.perf_counter() - start)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
