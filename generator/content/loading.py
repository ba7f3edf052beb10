"""Read `regions/` into the site model, collecting every error: per file, then across files.

Cross-file rules run on every file that loaded, even when others failed, so that an editor
sees all the problems of a change in one round.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .call import Call
from ..build.cache import Memo, NoMemo, text_digest
from ..build.workers import map_pages
from .checks import check_site
from .entries import CallEntry, ProgrammeEntry, ProviderEntry, RegionEntry, ResourceEntry, SiteModel
from .errors import ContentError, ContentErrors, field_path, relative
from .fields import SLUG_RE
from . import placeholders
from .checks.markup import markup_errors
from .messages import BODY_PLACEHOLDER, closest, french_message, placeholder_message, slug_of
from .text import body_problem
from .reading import Positioned, SourceError, kept_positions, parse_yaml, read_text, split_front_matter
from .programme import Programme
from .provider import Provider
from .region import Region
from .resource import Resource

REGIONS_DIR = "regions"
REGION_FILE = "region.yml"
CALLS_DIR = "calls"
PROVIDERS_DIR = "providers"
RESOURCES_DIR = "resources"
CONTENT_DIR = "content"  # MkDocs' docs_dir unless mkdocs.yml says otherwise
PROGRAMME_FILE = "programme.yml"  # in the content folder: the programme page's sourced statements


@dataclass
class LoadedContent:
    """Everything that loaded, and every error found on the way (empty when all is well)."""

    site: SiteModel
    errors: list[ContentError]


def load_content(root: Path, today: dt.date | None = None, examples: bool = True,
                 content_dir: Path | None = None, cache: Memo | NoMemo | None = None) -> LoadedContent:
    """Load and check all content under `root`, keeping going after errors; `today` defaults to now.
    `content_dir` is the editorial pages' folder (by default `root/content`), where the programme is.
    `cache` (`mkdocs serve`): what the last build read of the files not saved since."""
    root = Path(root)
    errors: list[ContentError] = []
    regions: list[RegionEntry] = []
    calls: list[CallEntry] = []
    providers: list[ProviderEntry] = []
    resources: list[ResourceEntry] = []
    regions_dir = root / REGIONS_DIR
    if regions_dir.is_symlink():
        raise ContentErrors([ContentError(f"{REGIONS_DIR}/", None, None, NO_LINK)])
    if not regions_dir.is_dir():
        raise ContentErrors([ContentError(f"{REGIONS_DIR}/", None, None, "le dossier des régions est introuvable.")])

    region_slugs = set()
    jobs: list[tuple[str, Path]] = []  # (kind of file, its path), in reading order
    for folder in sorted(p for p in regions_dir.iterdir() if not p.name.startswith(".")):
        if folder.is_symlink():
            errors.append(ContentError(relative(folder, root), None, None, NO_LINK))
            continue
        if not folder.is_dir():
            errors.append(ContentError(relative(folder, root), None, None,
                "seuls des dossiers de région sont attendus ici (un dossier par région)."))
            continue
        if not SLUG_RE.match(folder.name):
            errors.append(ContentError(relative(folder, root), None, None,
                f"nom de dossier « {folder.name} » non valide : minuscules sans accent, chiffres et tirets, "
                f"par exemple {slug_of(folder.name) or 'pays-de-la-loire'}.{_twin(folder, '')}"))
            continue
        region_slugs.add(folder.name)
        if region_file := _region_file(folder, root, errors):
            jobs.append((REGION_FILE, region_file))
        for subdir in (CALLS_DIR, PROVIDERS_DIR, RESOURCES_DIR):
            jobs += [(subdir, path) for path in _content_files(folder, subdir, root, errors)]
    found = _load_files(jobs, root, cache or NoMemo())
    entries = {REGION_FILE: regions, CALLS_DIR: calls, PROVIDERS_DIR: providers, RESOURCES_DIR: resources}
    refused: dict[str, set[str]] = {CALLS_DIR: set(), PROVIDERS_DIR: set()}
    for (subdir, path), (entry, problems) in zip(jobs, found):
        errors.extend(problems)
        if entry:
            entries[subdir].append(entry)
        elif subdir in refused:
            refused[subdir].add(path.stem)

    if not examples:
        # Example entries disappear as if never written; real ones may not rely on them.
        providers = [entry for entry in providers if not entry.data.example]
        resources = [entry for entry in resources if not entry.data.example]
    programme = _read_programme(Path(content_dir) if content_dir else root / CONTENT_DIR, root, errors)
    site = SiteModel(regions=regions, calls=calls, providers=providers, resources=resources, programme=programme)
    # A file refused for one of its fields still exists: what refers to it is not wrong as well.
    errors.extend(check_site(site, region_slugs, today or dt.date.today(),
                             refused_calls=refused[CALLS_DIR], refused_providers=refused[PROVIDERS_DIR]))
    return LoadedContent(site, errors)


def load_site(root: Path, today: dt.date | None = None) -> SiteModel:
    """The checked site model of `root`, or ContentErrors listing every problem."""
    loaded = load_content(root, today)
    if loaded.errors:
        raise ContentErrors(loaded.errors)
    return loaded.site


def _region_file(folder: Path, root: Path, errors: list[ContentError]) -> Path | None:
    """The region's region.yml, or None (and why) if there is none to read."""
    path = folder / REGION_FILE
    rel = relative(path, root)
    if path.is_symlink():
        errors.append(ContentError(rel, None, None, NO_LINK))
        return None
    if not path.is_file():
        errors.append(ContentError(rel, None, None,
            "fichier de région manquant : créez-le avec au moins name, insee_code, category, timezone et call_owner."))
        return None
    return path


def _read_region(path: Path, root: Path, text: str) -> tuple[RegionEntry | None, list[ContentError]]:
    rel = relative(path, root)
    try:
        positions = parse_yaml(text)
    except SourceError as exc:
        return None, [ContentError(rel, exc.line, None, exc.message)]
    errors: list[ContentError] = []
    data = _validate(Region, positions, rel, errors, placeholders.may_hold(text))
    return (RegionEntry(path.parent.name, rel, data, kept_positions(positions)) if data else None), errors


def _read_programme(content_dir: Path, root: Path, errors: list[ContentError]) -> ProgrammeEntry | None:
    """The programme page's statements, if the repository has them (a bare test repository may not)."""
    path = content_dir / PROGRAMME_FILE
    if not path.exists() and not path.is_symlink():
        return None
    rel = relative(path, root)
    if path.is_symlink() or not path.is_file():
        errors.append(ContentError(rel, None, None, NO_LINK if path.is_symlink() else
                                   "un fichier YAML est attendu ici, pas un dossier."))
        return None
    try:
        text = read_text(path)
        positions = parse_yaml(text)
    except SourceError as exc:
        errors.append(ContentError(rel, exc.line, None, exc.message))
        return None
    data = _validate(Programme, positions, rel, errors, placeholders.may_hold(text))
    return ProgrammeEntry(rel, data, kept_positions(positions)) if data else None


# A link could make the build read (and quote in its messages) a file outside the repository.
NO_LINK = ("c'est un lien symbolique : le site ne lit que de vrais fichiers et dossiers du dépôt. "
           "Remplacez le lien par le fichier ou le dossier lui-même.")
ENTRY_NAMES = {CALLS_DIR: "d'appel", PROVIDERS_DIR: "de lieu ou de collectif", RESOURCES_DIR: "de ressource"}


# Per kind of file: its extension, its model and the entry it makes.
FILE_KINDS = {
    CALLS_DIR: (".md", Call, CallEntry),
    PROVIDERS_DIR: (".yml", Provider, ProviderEntry),
    RESOURCES_DIR: (".md", Resource, ResourceEntry),
}


def _content_files(folder: Path, subdir: str, root: Path, errors: list[ContentError]) -> list[Path]:
    """Every well-named `<folder>/<subdir>/<id><suffix>`; anything else there is an error."""
    suffix = FILE_KINDS[subdir][0]
    directory = folder / subdir
    if directory.is_symlink():
        errors.append(ContentError(relative(directory, root), None, None, NO_LINK))
        return []
    if not directory.is_dir():
        return []
    paths = []
    # scandir knows each entry's kind without asking the file system again: 20,000 files are
    # listed in a tenth of the time.
    with os.scandir(directory) as listing:
        found = sorted(listing, key=lambda item: item.name)
    folder_rel = relative(directory, root)
    for item in found:
        path = directory / item.name
        if item.name.startswith("."):
            continue
        rel = f"{folder_rel}/{item.name}"
        if item.is_symlink():
            errors.append(ContentError(rel, None, None, NO_LINK))
            continue
        if path.suffix != suffix or not item.is_file(follow_symlinks=False):
            errors.append(ContentError(rel, None, None,
                f"seuls des fichiers {ENTRY_NAMES[subdir]} « {suffix} » sont attendus dans ce dossier. Renommez ou déplacez ce fichier."))
            continue
        if not SLUG_RE.match(path.stem) or len(path.stem) > 80:
            example = slug_of(path.stem)[:80].strip("-") or "deffinov-2023"
            errors.append(ContentError(rel, None, None,
                f"nom de fichier « {path.name} » non valide : il devient l'adresse de la page. Utilisez des "
                f"minuscules sans accent, des chiffres et des tirets, par exemple {example}{suffix}."
                f"{_twin(path, suffix)}"))
            continue
        paths.append(path)
    return paths


def _load_files(jobs: list[tuple[str, Path]], root: Path, cache: Memo | NoMemo) -> list[tuple[object | None, list[ContentError]]]:
    """`_load_file` of every job; with the cache of `mkdocs serve`, only of files saved since they
    were last read (build/cache.py says when a file is trusted to be unchanged)."""
    paths = [os.path.join(root, path) for _, path in jobs]  # strings: quick to hash
    # Reading and validating tens of thousands of files is most of a large check: on every core.
    return cache.files(paths, lambda stale: map_pages(lambda number: _load_file(*jobs[stale[number]], root), len(stale)),
                       _digest_of)


def _digest_of(path: str) -> bytes | None:
    """The digest of a content file's text as `_load_file` reads it (None if it cannot be read)."""
    try:
        return text_digest(read_text(Path(path)))
    except (SourceError, OSError):
        return None


def _load_file(subdir: str, path: Path, root: Path) -> tuple[tuple[object | None, list[ContentError]], bytes | None]:
    """One content file as its entry (None if it is refused) and the errors found in it, with the
    digest of the text they were made from (None if the file could not be read as text)."""
    try:
        text = read_text(path)
    except SourceError as exc:
        return (None, [ContentError(relative(path, root), exc.line, None, exc.message)]), None
    read = _read_region if subdir == REGION_FILE else functools.partial(_read_entry, subdir)
    return read(path, root, text), text_digest(text)


def _read_entry(subdir: str, path: Path, root: Path, text: str) -> tuple[object | None, list[ContentError]]:
    """A call, a provider or a resource from its file's text: YAML, or Markdown with YAML front matter."""
    suffix, model, entry = FILE_KINDS[subdir]
    rel = relative(path, root)
    errors: list[ContentError] = []
    try:
        if suffix == ".md":
            front, body, offset = split_front_matter(text)
            positions = parse_yaml(front, line_offset=offset)
        else:
            body, positions = None, parse_yaml(text)
    except SourceError as exc:
        return None, [ContentError(rel, exc.line, None, exc.message)]
    unfilled = placeholders.may_hold(text)
    if body is not None:
        body_start = offset + front.count("\n") + 1  # the body follows the front matter's closing `---`
        if unfilled and (line := placeholders.line_in(body)):
            errors.append(ContentError(rel, body_start + line, None, BODY_PLACEHOLDER))
        if found := body_problem(body):
            errors.append(ContentError(rel, body_start + found[0], None, found[1]))
    data = _validate(model, positions, rel, errors, unfilled)
    if not data:
        return None, errors
    extra = (body,) if body is not None else ()
    return entry(path.stem, path.parent.parent.name, rel, data, *extra, kept_positions(positions)), errors


def _twin(path: Path, suffix: str) -> str:
    """What to add when a badly named file or folder has a well-named neighbour it would be confused with."""
    twin = path.with_name(slug_of(path.stem if suffix else path.name) + suffix)
    if twin == path or not twin.exists():
        return ""
    return (f" Le dépôt contient déjà {twin.name}, dont le nom ne diffère que par les majuscules, les accents ou la "
            "ponctuation : certains ordinateurs (Windows, macOS) les confondraient. Gardez-en un seul.")


def _validate(model: type[BaseModel], positions: Positioned, rel: str, errors: list[ContentError], unfilled: bool = True):
    if positions.data is None:
        required = ", ".join(name for name, info in model.model_fields.items() if info.is_required())
        errors.append(ContentError(rel, 1, None,
            f"aucun champ n'est écrit. Ajoutez au moins les champs obligatoires, un par ligne « nom: valeur » : {required}."))
        return None
    if not isinstance(positions.data, dict):
        errors.append(ContentError(rel, 1, None,
            "le contenu doit être une liste de champs « nom: valeur », un par ligne."))
        return None
    # Values left as `deffinov new` wrote them: said once, as such, not as a wrong date or type.
    holes = placeholders.locations(positions.data) if unfilled else []
    for loc in holes:
        errors.append(ContentError(rel, positions.line_of(loc), field_path(loc), placeholder_message(model, loc)))
    try:
        data = model.model_validate(positions.data)
    except ValidationError as exc:
        data, found = None, [error for error in _without_typo_echoes(exc.errors(), model)
                             if not any(tuple(error["loc"])[:len(hole)] == hole for hole in holes)]
    else:
        found = []
    for error in found:
        loc = tuple(error["loc"])
        errors.append(ContentError(rel, positions.line_of(loc), field_path(loc), french_message(model, error)))
    # Markup in a text field is refused even where a value is also wrong: one round shows all.
    markup = markup_errors(positions, rel, skip={tuple(error["loc"]) for error in found} | set(holes))
    errors.extend(markup)
    return None if markup else data


def _without_typo_echoes(found: list[dict], model: type[BaseModel]) -> list[dict]:
    """A misspelt key (`sumary`) also makes its field missing: report the typo only, with its fix."""
    typos = set()
    for error in found:
        if error["type"] == "extra_forbidden":
            parent = tuple(error["loc"][:-1])
            siblings = [tuple(e["loc"])[-1] for e in found if e["type"] == "missing" and tuple(e["loc"][:-1]) == parent]
            match = closest(str(error["loc"][-1]), [str(name) for name in siblings])
            if match:
                typos.add((*parent, match))
    return [error for error in found if not (error["type"] == "missing" and tuple(error["loc"]) in typos)]
