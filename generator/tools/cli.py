"""`deffinov check`: read and check all content without building, for editors and CI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import committed_files, forge_reports, scaffold
from ..build import gc_freeze, pipeline, stopping
from ..content.errors import ContentError, ContentErrors
from ..content.kinds import BY_NAME
from ..french import counted, of_which_examples
from ..settings import Project, ProjectError
from ..presentation.freshness import stale_calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="deffinov",
        description="Outils du site DEFFINOV Tiers-lieux.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="commande")
    check = commands.add_parser("check", help="vérifie tout le contenu (régions, appels) sans construire le site")
    check.add_argument("racine", nargs="?", default=".", type=Path, help="dossier du dépôt (par défaut : dossier courant)")
    check.add_argument("--all", action="store_true", dest="complete",
                       help="affiche chaque erreur et chaque fichier concerné, sans limite ni regroupement abrégé")
    check.add_argument("--codequality", metavar="FICHIER", type=Path,
                       help="écrit aussi les erreurs et avertissements dans FICHIER, au format Code Quality de GitLab")
    new = commands.add_parser("new", help="crée un fichier d'appel, de ressource ou de lieu à compléter")
    new.add_argument("nature", choices=list(scaffold.DEFAULT_IDS), metavar="call|resource|provider",
                     help="call (appel à projets), resource (ressource du catalogue) ou provider (lieu ou collectif)")
    new.add_argument("--region", required=True, help="dossier de la région dans regions/, par exemple bretagne")
    new.add_argument("--id", help="identifiant : le nom du fichier, qui devient l'adresse de la page")
    new.add_argument("--racine", default=".", type=Path, help="dossier du dépôt (par défaut : dossier courant)")
    generate = commands.add_parser(
        "generate", help="régénère les fichiers tirés du modèle : CONTRIBUTING.md et les schémas de schemas/")
    generate.add_argument("--check", action="store_true", help="vérifie seulement qu'ils sont à jour")
    generate.add_argument("racine", nargs="?", default=".", type=Path, help="dossier du dépôt (par défaut : dossier courant)")
    args = parser.parse_args(argv)
    # SIGTERM (CI cancelling) stops a check as Ctrl-C does, its workers with it; what a killed
    # build or check left (temporary folders) goes now.
    with stopping.stop_on_sigterm():
        stopping.remove_leftovers()
        if args.command == "new":
            return run_new(args.racine, args.nature, args.region, args.id)
        if args.command == "generate":
            return run_generate(args.racine, args.check)
        return run_check(args.racine, args.codequality, args.complete)


def run_new(root: Path, nature: str, region: str, identifier: str | None) -> int:
    try:
        created = scaffold.create(root, BY_NAME[nature], region, identifier)
    except scaffold.ScaffoldError as exc:
        print(f"Aucun fichier créé : {exc}", file=sys.stderr)
        return 1
    print(f"Fichier créé : {created.relative}\n"
          "Remplacez chaque « [à compléter : …] », décommentez les champs dont vous connaissez la valeur, "
          "puis lancez « deffinov check » : il signale tout ce qui reste à compléter.")
    return 0


def run_generate(root: Path, check_only: bool) -> int:
    stale = committed_files.stale(root) if check_only else committed_files.write(root)
    if check_only and stale:
        print("Fichiers tirés du modèle à régénérer avec « deffinov generate » : " + ", ".join(stale) + ".",
              file=sys.stderr)
        return 1
    if check_only:
        print("Les fichiers tirés du modèle sont à jour.")
    else:
        print("Fichiers régénérés : " + (", ".join(stale) if stale else "aucun, tout était à jour") + ".")
    return 0


def run_check(root: Path, codequality: Path | None = None, complete: bool = False) -> int:
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    try:
        project = Project.at(root)
        with gc_freeze.kept_for_the_build():
            plan = pipeline.check(project)
    except ProjectError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ContentErrors as exc:
        print(exc.report(site_kept=False, complete=complete), file=sys.stderr)
        errors = exc.errors
    else:
        site = plan.site
        examples = [sum(1 for entry in entries if entry.data.example) for entries in (site.providers, site.resources)]
        print(f"Contenu valide : {counted(len(site.regions), 'région ou territoire', 'régions et territoires')}, "
              f"{counted(len(site.calls), 'appel à projets', 'appels à projets')}, "
              f"{counted(len(site.providers), 'lieu ou collectif', 'lieux et collectifs')}{of_which_examples(examples[0])}, "
              f"{counted(len(site.resources), 'ressource', 'ressources')}{of_which_examples(examples[1])}.")
        months = project.stale_after_months
        warnings = [stale.warning(months) for stale in stale_calls(site, project.now(), months)]
        if warnings:
            print(warnings_report(warnings), file=sys.stderr)
    _annotate(errors, warnings, codequality)
    return 1 if errors else 0


def warnings_report(warnings: list[ContentError]) -> str:
    """Warnings, one a line: they do not stop the build."""
    count = len(warnings)
    heading = "1 avertissement" if count == 1 else f"{count} avertissements"
    lines = [f"{heading} (le site peut être construit) :"] + [f"  - {warning.format()}" for warning in warnings]
    return "\n".join(lines)


def _annotate(errors: list[ContentError], warnings: list[ContentError], codequality: Path | None) -> None:
    """The same findings for the forge: annotations in GitHub Actions, a Code Quality file for GitLab."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for command in forge_reports.github_commands(errors, warnings):
            print(command)
    if codequality:
        codequality.write_text(forge_reports.codequality(errors, warnings), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
