"""`deffinov check`: read and check all content without building, for editors and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import pipeline
from .content.errors import ContentErrors
from .project import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="deffinov",
        description="Outils du site DEFFINOV Tiers-lieux.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="commande")
    check = commands.add_parser("check", help="vérifie tout le contenu (régions, appels) sans construire le site")
    check.add_argument("racine", nargs="?", default=".", type=Path, help="dossier du dépôt (par défaut : dossier courant)")
    args = parser.parse_args(argv)
    return run_check(args.racine)


def run_check(root: Path) -> int:
    try:
        plan = pipeline.check(Project.at(root))
    except ContentErrors as exc:
        print(exc.report(site_kept=False), file=sys.stderr)
        return 1
    site = plan.site
    print(f"Contenu valide : {len(site.regions)} régions et territoires, {len(site.calls)} appels à projets, "
          f"{len(site.providers)} lieux et collectifs, {len(site.resources)} ressources.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
