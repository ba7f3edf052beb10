"""`deffinov check`: read and check all content without building, for editors and CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentErrors
from .loader import load_site
from .pages import generated_uris, url_conflicts

# Where editorial pages live: mkdocs.yml's docs_dir.
CONTENT_DIR = "content"


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
    root = root.resolve()
    try:
        site = load_site(root)
        conflicts = url_conflicts(generated_uris(site), root / CONTENT_DIR, root)
        if conflicts:
            raise ContentErrors(conflicts)
    except ContentErrors as exc:
        print(exc.report().replace(" ; le site publié n'a pas été modifié", ""), file=sys.stderr)
        return 1
    print(f"Contenu valide : {len(site.regions)} régions et territoires, {len(site.calls)} appels à projets.")
    return 0



if __name__ == "__main__":
    sys.exit(main())
