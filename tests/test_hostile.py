"""Hostile content, as CI meets it: `deffinov check` and `mkdocs build` each refuse it with the same
French report, and the last good site stays as it was; what is accepted is made harmless.

The cases written as text live in tests/error_cases/ (see test_error_cases.py); those that need
bytes or links in the file system are written here. Each hostile case is run twice: through the
command editors and CI run (exit status and the whole report), and through a real build over a
site built before it.
"""

from __future__ import annotations

import hashlib
import html
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import CASES_DIR, VALID_CALL, Repo, copy_project, mkdocs_build, public_project, read_case, text_of
from generator.tools.cli import main as deffinov

CALL = "regions/bretagne/calls/appel.md"
NO_LINK = ("c'est un lien symbolique : le site ne lit que de vrais fichiers et dossiers du dépôt. Remplacez le lien "
           "par le fichier ou le dossier lui-même.")
INVISIBLE = ("caractère invisible non autorisé (code U+{code}). Supprimez-le : il vient souvent d'un copier-coller "
             "depuis un traitement de texte ou un PDF.")


def _write(root: Path, relative: str, content: str | bytes) -> Path:
    return Repo.write(SimpleNamespace(root=root), relative, content)


def _outside(root: Path) -> Path:
    """A folder beside the repository, that a link inside it could lead to."""
    folder = root.parent / "ailleurs"
    folder.mkdir(exist_ok=True)
    (folder / "secret.yml").write_text("name: MOT-DE-PASSE\n", encoding="utf-8")
    (folder / "appel.md").write_text(VALID_CALL, encoding="utf-8")
    return folder


def non_utf8(root):
    _write(root, CALL, VALID_CALL.replace("Appel de test", "Appel d'été").encode("latin-1"))


def invisible_character(root):
    _write(root, CALL, VALID_CALL.replace("Un appel pour", "Un appel\x07 pour").encode("utf-8"))


def nul_byte(root):
    _write(root, CALL, VALID_CALL.replace("Page de la région", "Page\x00 de la région").encode("utf-8"))


def several_megabytes(root):
    _write(root, CALL, VALID_CALL.encode("utf-8") + b"Un texte de pr\xc3\xa9sentation sans fin. " * 100_000)


def linked_call_folder(root):
    (root / "regions/bretagne/calls").symlink_to(_outside(root), target_is_directory=True)


def linked_region_file(root):
    (root / "regions/guyane/region.yml").unlink()
    (root / "regions/guyane/region.yml").symlink_to(_outside(root) / "secret.yml")


def linked_call_file(root):
    _write(root, "regions/bretagne/calls/.gitkeep", "")
    (root / CALL).symlink_to(_outside(root) / "appel.md")


def linked_region_folder(root):
    (root / "regions/normandie").symlink_to(root / "regions/bretagne", target_is_directory=True)


# name: (what it does to the repository, the messages expected, in order)
BYTE_CASES = {
    "non-utf8-bytes": (non_utf8, [
        f"{CALL}, ligne 2 : le fichier n'est pas encodé en UTF-8 (caractère illisible). Enregistrez-le en UTF-8 depuis "
        "votre éditeur."]),
    "invisible-control-character": (invisible_character, [f"{CALL}, ligne 3 : " + INVISIBLE.format(code="0007")]),
    "nul-byte": (nul_byte, [f"{CALL}, ligne 13 : " + INVISIBLE.format(code="0000")]),
    "file-of-several-megabytes": (several_megabytes, [
        f"{CALL} : le fichier fait 3515 Kio, au-delà de la limite de 512 Kio. Découpez-le ou retirez les contenus "
        "inutiles."]),
    "linked-call-folder": (linked_call_folder, [f"regions/bretagne/calls : {NO_LINK}"]),
    "linked-region-file": (linked_region_file, [f"regions/guyane/region.yml : {NO_LINK}"]),
    "linked-call-file": (linked_call_file, [f"{CALL} : {NO_LINK}"]),
    "linked-region-folder": (linked_region_folder, [f"regions/normandie : {NO_LINK}"]),
}

# The cases of tests/error_cases/ that are hostile (the others are the content rules of the model).
HOSTILE_FILES = [
    "yaml-colon-in-a-value", "yaml-unclosed-quotes", "yaml-unclosed-bracket", "yaml-text-after-brackets",
    "yaml-tab-indentation", "yaml-duplicate-key", "yaml-alias-bomb", "yaml-second-document",
    "empty-call-file", "empty-front-matter", "empty-region-file",
    "list-instead-of-text", "rolling-not-a-boolean", "amount-with-spaces-and-euro-sign",
    "misspelt-key-suggests-the-field", "key-with-a-capital-letter", "misspelt-value-suggests-the-value",
    "uncertain-date-with-a-misspelt-flag", "date-that-does-not-exist", "negative-amounts",
    "bad-email-and-web-addresses", "javascript-and-data-addresses",
    "unknown-region-suggests-the-closest", "resource-unknown-provider", "same-call-id-in-two-regions",
    "resource-duplicate-id", "page-and-call-at-one-address",
    "file-names-differing-by-case", "file-names-differing-by-accents", "region-folders-differing-by-case",
    "ids-that-leave-their-folder", "html-in-text-fields",
]
HOSTILE = HOSTILE_FILES + list(BYTE_CASES)


def apply_case(name: str, root: Path) -> list[str]:
    """Write hostile case `name` over the repository `root`; returns the messages it must produce."""
    if name in BYTE_CASES:
        change, expected = BYTE_CASES[name]
        change(root)
        return expected
    case = read_case(CASES_DIR / f"{name}.yml")
    for relative, text in case["files"].items():
        _write(root, relative, text)
    return case["expected"]


def report(messages: list[str], site_kept: bool) -> str:
    """The report `deffinov check` prints (site_kept=False) and the build prints (True), whole."""
    heading = "1 erreur dans le contenu :" if len(messages) == 1 else f"{len(messages)} erreurs dans le contenu :"
    closing = "Corrigez ces points puis relancez la commande" + (
        " ; le site publié n'a pas été modifié." if site_kept else ".")
    return "\n".join([heading, *(f"  - {message}" for message in messages), closing])


def test_every_hostile_case_exists():
    assert all((CASES_DIR / f"{name}.yml").is_file() for name in HOSTILE_FILES)


@pytest.mark.parametrize("name", HOSTILE)
def test_deffinov_check_refuses_hostile_content(name, repo, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # annotations are tested in test_annotations.py
    expected = apply_case(name, repo.root)
    status = deffinov(["check", str(repo.root)])
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err.rstrip("\n") == report(expected, site_kept=False)


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory) -> tuple[Path, str]:
    """A small project (the two regions of the test repository) built once; and its site's digest."""
    base = Repo(tmp_path_factory.mktemp("base") / "repo")
    project = copy_project(tmp_path_factory.mktemp("good"), base.root / "regions")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project, digest(project / "site")


def digest(folder: Path) -> str:
    """One fingerprint of every file of a folder: names and contents."""
    total = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        total.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            total.update(path.read_bytes())
    return total.hexdigest()


@pytest.mark.parametrize("name", HOSTILE)
def test_the_build_refuses_hostile_content_and_keeps_the_last_good_site(name, last_good_site, tmp_path):
    good, fingerprint = last_good_site
    project = tmp_path / "repo"
    shutil.copytree(good, project, symlinks=True)
    expected = apply_case(name, project)
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert report(expected, site_kept=True) in output
    assert "Le site précédent est conservé tel quel" in output
    assert digest(project / "site") == fingerprint
    assert not (project / "site.partiel").exists()


def test_a_byte_order_mark_is_accepted_harmlessly(repo, capsys):
    repo.write(CALL, ("\ufeff" + VALID_CALL).encode("utf-8"))
    repo.write("regions/guyane/region.yml", b"\xef\xbb\xbf" + (repo.root / "regions/guyane/region.yml").read_bytes())
    assert deffinov(["check", str(repo.root)]) == 0
    assert capsys.readouterr().out.startswith("Contenu valide : 2 régions et territoires, 1 appel à projets, 0 lieu ou collectif, 0 ressource.")


# Accepted by the checks (no tag), and dangerous wherever text became Markdown or an attribute.
TEXT_PAYLOAD = (
    "Texte [lien](javascript:alert(1)) ![image](data:text/html;base64,PHNjcmlwdD4=) \" onmouseover=\"alert(1)\" "
    "' onfocus='alert(1)' {: onclick=\"alert(1)\" } <javascript:alert(1)> &lt;script&gt;alert(1)&lt;/script&gt; "
    "[[lien]](vbscript:alert(1)) {{ 7 * 7 }}"
)
BODY_PAYLOAD = """
<script>alert(1)</script>

<img src="x" onerror="alert(2)">

[lien](javascript:alert(3)) [Lien](JaVaScRiPt:alert(3)) [entités](&#106;avascript:alert(3)) <javascript:alert(3)>

[données](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) ![image](data:image/svg+xml;base64,PHN2Zz4=)

<a href="  javascript:alert(5)">espace</a> <a href="data:text/html,x">data</a> <a href="vbscript:alert(5)">vb</a>

<iframe src="https://exemple.fr"></iframe><object data="x.swf"></object><embed src="x.swf">

<svg onload="alert(6)"><circle r="1"/></svg> <details open ontoggle="alert(6)">détails</details>

<form action="javascript:alert(7)"><button formaction="javascript:alert(7)">envoyer</button></form>

<style>body { display: none }</style> <base href="https://exemple.fr/"> <meta http-equiv="refresh" content="0;url=https://exemple.fr">

<p style="background:url(javascript:alert(8))" onclick="alert(8)">paragraphe</p>
{: onclick="alert(9)" }

Fin du texte.
"""
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc", "background"}


def plain_text_fields(model) -> dict:
    """A value for `model` that fills every plain text field (and list of texts) with TEXT_PAYLOAD,
    nested blocks included, and gives required fields of other kinds a harmless value."""
    import datetime as dt
    import typing
    from enum import Enum

    from pydantic import BaseModel, HttpUrl

    def unwrap(annotation, metadata):
        metadata = list(metadata)
        while True:
            origin = typing.get_origin(annotation)
            if origin is typing.Annotated:
                annotation, *extra = typing.get_args(annotation)
                metadata += extra
            elif origin in (typing.Union, __import__("types").UnionType):
                annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
            else:
                return annotation, metadata

    from generator.content.fields import ONE_LINE
    from generator.content.text import LINE, PARAGRAPHS

    def plain(metadata) -> bool:
        constraints = [m for item in metadata for m in ([item] + list(getattr(item, "metadata", [])))
                       if m is not LINE and m is not PARAGRAPHS]  # the text rule, which every text field has
        return not any(getattr(m, "pattern", None) not in (None, ONE_LINE) or type(m).__name__.endswith("Validator")
                       for m in constraints)

    def value(annotation, metadata, required):
        annotation, metadata = unwrap(annotation, metadata)
        if typing.get_origin(annotation) is list:
            item = value(typing.get_args(annotation)[0], [], True)
            return [item] if item is not None else ([] if not required else None)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return plain_text_fields(annotation)
        if annotation is str:
            return TEXT_PAYLOAD if plain(metadata) else None
        if not required:
            return None
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return next(iter(annotation)).value
        return {dt.date: "2025-01-10", int: "100", float: "1", bool: "false", HttpUrl: "https://exemple.fr/"}[annotation]

    filled = {}
    for name, info in model.model_fields.items():
        found = value(info.annotation, info.metadata, info.is_required())
        if found is not None:
            filled[name] = found
    return filled


DATA_BLOCKS = ("application/ld+json", "application/json")


class _Tags(HTMLParser):
    """Every element and attribute of a page that could run a script or load another document."""

    def __init__(self):
        super().__init__()
        self.found, self.in_script, self.in_data = [], False, False

    def handle_starttag(self, tag, attrs):
        # A data block (JSON-LD, the status rule) is never run: its text must only stay inside it.
        self.in_script = tag == "script" and dict(attrs).get("type") not in DATA_BLOCKS
        self.in_data = tag == "script" and not self.in_script
        if tag in ("iframe", "object", "embed", "base") or (tag == "meta" and ("http-equiv", "refresh") in attrs):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            squeezed = "".join(html.unescape(value or "").split()).lower()
            if name.startswith("on") or (name in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES)):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "javascript:" in squeezed:
                self.found.append(f"<{tag} style={value!r}>")

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")
        if self.in_data and "<" in data:
            self.found.append(f"<script> data block holding a < {data[:40]}")

    def handle_endtag(self, tag):
        self.in_script = self.in_data = False


def dangerous_markup(site: Path) -> list[str]:
    """What in a built site could run a script: elements and attributes of pages; in calendars and
    feeds, links that are not web addresses and text marked as HTML."""
    import xml.etree.ElementTree as ElementTree

    import icalendar

    found = []
    for path in sorted(site.rglob("*")):
        where = path.relative_to(site)
        if path.suffix == ".html":
            parser = _Tags()
            parser.feed(path.read_text(encoding="utf-8"))
            found += [f"{where}: {item}" for item in parser.found]
        elif path.suffix == ".ics":
            for component in icalendar.Calendar.from_ical(path.read_bytes()).walk():
                for name in ("URL", "ATTACH"):
                    if name in component and not str(component[name]).startswith(("https://", "http://")):
                        found.append(f"{where}: {name}:{component[name]}")
            if "<script" in path.read_text(encoding="utf-8").lower():
                found.append(f"{where}: <script")
        elif path.suffix in (".atom", ".xml"):
            for element in ElementTree.parse(path).iter():
                href = "".join((element.get("href") or element.text or "").split()).lower()
                if element.tag.endswith(("}link", "}loc")) and href.startswith(DANGEROUS_SCHEMES):
                    found.append(f"{where}: {element.tag} {href}")
                if element.get("type") in ("html", "xhtml"):
                    found.append(f"{where}: {element.tag} type={element.get('type')}")
    return found


def test_markup_in_bodies_and_text_fields_is_made_harmless_on_every_page_calendar_and_feed(tmp_path):
    import yaml

    from generator.content.call import Call
    from generator.content.provider import Provider
    from generator.content.region import Region
    from generator.content.resource import Resource

    base = Repo(tmp_path / "base")
    region = plain_text_fields(Region) | {"insee_code": "53", "timezone": "Europe/Paris", "category": "metropole"}
    base.write("regions/bretagne/region.yml", yaml.safe_dump(region, allow_unicode=True))
    call = plain_text_fields(Call) | {"other_regions": ["guyane"]}
    call["calendar"] |= {"rolling": "true", "closes": "2099-01-10", "opens": "2025-01-10"}
    base.write("regions/bretagne/calls/appel-hostile.md", "---\n" + yaml.safe_dump(call, allow_unicode=True) + "---\n" + BODY_PAYLOAD)
    provider = plain_text_fields(Provider) | {"kind": "tiers-lieu"}
    base.write("regions/bretagne/providers/lieu-hostile.yml", yaml.safe_dump(provider, allow_unicode=True))
    resource = plain_text_fields(Resource) | {"provider": "lieu-hostile", "funded_by": "appel-hostile", "fees": "Gratuit"}
    base.write("regions/bretagne/resources/ressource-hostile.md",
               "---\n" + yaml.safe_dump(resource, allow_unicode=True) + "---\n" + BODY_PAYLOAD)
    project = public_project(tmp_path / "project", base.root / "regions", "2025-03-01")

    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert dangerous_markup(site) == []
    # Shown as the editor wrote it, as text: not a link, not an attribute, not a template.
    shown = text_of(site / "appels/appel-hostile/index.html").replace("\u202f", " ").replace("\u00a0", " ")
    assert " ".join(TEXT_PAYLOAD.split()) in shown
    assert "Fin du texte." in shown and "paragraphe" in shown
    for output in ("appels/appel-hostile/calendrier.ics", "appels/flux.atom", "catalogue/ressource-hostile/index.html",
                   "lieux/lieu-hostile/index.html", "regions/bretagne/index.html"):
        assert (site / output).is_file(), output
