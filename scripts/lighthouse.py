"""Lighthouse on every page kind of the site (tests/page_kinds.json), mobile and desktop presets, in
Debian's Chromium; the site served by nginx with the README's own block (gzip on, cache and
security headers), as a host would serve it. Prints the four scores per page and preset, and the
audits that cost points; exits 1 when a page is under the bar (accessibility, best practices and
SEO 100, performance 95).

    .venv/bin/python scripts/lighthouse.py                          # builds the site, every page kind
    .venv/bin/python scripts/lighthouse.py --site site/ --pages accueil,appels --presets desktop
    .venv/bin/python scripts/lighthouse.py --reports /tmp/lighthouse  # keeps each JSON report
    .venv/bin/python scripts/lighthouse.py --runs 3 --presets mobile  # the median run of three

About 20 s a run: the whole set (22 page kinds, 2 presets) takes a quarter of an hour. Mobile
performance is simulated (a slow 4G network, a CPU four times slower) and varies from run to run
on a busy machine: `--runs 3` keeps, for each page and preset, the run of median performance.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM_PATH  # noqa: E402
from hosting import nginx  # noqa: E402

LIGHTHOUSE = REPO / "node_modules/lighthouse/cli/index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BAR = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
               "--disable-component-update --disable-sync"
PAGE_KINDS = json.loads((REPO / "tests/page_kinds.json").read_text(encoding="utf-8"))


def run(url: str, preset: str) -> dict:
    """One Lighthouse run: its JSON report."""
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "CHROME_PATH": CHROMIUM_PATH})
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse a échoué sur {url} ({preset}) :\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def scores(report: dict) -> tuple[dict[str, int], bool]:
    """The four scores; and whether SEO leaves out `is-crawlable`, for a page the site keeps out of
    search engines on purpose (`<meta name="robots" content="noindex">`: the catalog's examples,
    the maintenance page): Lighthouse counts that as a fault, the site means it."""
    got = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
    crawlable = report["audits"]["is-crawlable"]
    directives = [item["source"].get("snippet", "") for item in (crawlable.get("details") or {}).get("items", [])
                  if isinstance(item.get("source"), dict)]
    on_purpose = crawlable["score"] == 0 and directives and all('name="robots"' in d and "noindex" in d for d in directives)
    if on_purpose:
        counted = [(reference["weight"], report["audits"][reference["id"]]["score"])
                   for reference in report["categories"]["seo"]["auditRefs"]
                   if reference.get("weight") and reference["id"] != "is-crawlable"
                   and report["audits"][reference["id"]]["score"] is not None]
        got["seo"] = round(100 * sum(weight * score for weight, score in counted) / sum(weight for weight, _ in counted))
    return got, bool(on_purpose)


def lost_points(report: dict) -> list[str]:
    """The audits under full marks that count in a category's score, with what they measured (not
    `is-crawlable` on a page kept out of search engines on purpose)."""
    on_purpose = scores(report)[1]
    lines = []
    for category in CATEGORIES:
        for reference in report["categories"][category]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference.get("weight") and audit["score"] is not None and audit["score"] < 1 \
                    and not (on_purpose and reference["id"] == "is-crawlable"):
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"{category} : {audit['id']} {audit['score']:.2f}{shown}")
    return lines


def build(destination: Path) -> Path:
    site = destination / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        raise SystemExit("La construction du site a échoué.")
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="un site déjà construit (par défaut : construit ici)")
    parser.add_argument("--pages", default=",".join(PAGE_KINDS),
                        help="types de page de tests/page_kinds.json, séparés par des virgules")
    parser.add_argument("--presets", default="mobile,desktop", help="mobile, desktop ou les deux")
    parser.add_argument("--reports", type=Path, help="dossier où garder chaque rapport JSON")
    parser.add_argument("--runs", type=int, default=1,
                        help="mesures par page et réglage ; la médiane (performance) est gardée")
    options = parser.parse_args()
    kinds = [kind.strip() for kind in options.pages.split(",")]
    unknown = [kind for kind in kinds if kind not in PAGE_KINDS]
    if unknown:
        parser.error(f"type de page inconnu : {', '.join(unknown)} (voir tests/page_kinds.json)")
    presets = [preset.strip() for preset in options.presets.split(",")]
    with tempfile.TemporaryDirectory(prefix="deffinov-lighthouse-") as folder:
        site = options.site or build(Path(folder))
        under_bar = 0
        print(f"{'page':<26} {'preset':<8} {'perf.':>5} {'acc.':>5} {'prat.':>5} {'SEO':>5}")
        with nginx(site) as (base, _):
            for kind in kinds:
                for preset in presets:
                    runs = sorted((run(base + PAGE_KINDS[kind], preset) for _ in range(options.runs)),
                                  key=lambda report: report["categories"]["performance"]["score"])
                    report = runs[len(runs) // 2]
                    if options.reports:
                        options.reports.mkdir(parents=True, exist_ok=True)
                        name = (PAGE_KINDS[kind].strip("/").replace("/", "_") or "accueil") + f"-{preset}.json"
                        (options.reports / name).write_text(json.dumps(report), encoding="utf-8")
                    got, noindex = scores(report)
                    print(f"{kind:<26} {preset:<8} " + " ".join(f"{got[c]:>5}" for c in CATEGORIES)
                          + ("  (non indexée à dessein : SEO sans is-crawlable)" if noindex else ""), flush=True)
                    if any(got[category] < BAR[category] for category in CATEGORIES):
                        under_bar += 1
                        for line in lost_points(report):
                            print(f"    {line}", flush=True)
    print(f"{under_bar} mesure(s) sous le seuil (performance {BAR['performance']}, les autres 100)."
          if under_bar else "Toutes les mesures atteignent le seuil.")
    return 1 if under_bar else 0


if __name__ == "__main__":
    sys.exit(main())
