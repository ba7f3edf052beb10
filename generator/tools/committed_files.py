"""Files committed to the repository but generated from the models: `deffinov generate` writes them.

- `CONTRIBUTING.md`, the contributor guide as forges show it, from the guide page;
- `content/admin/config.yml`, the browser editor's configuration (Decap CMS), from the models and
  the `editor` section of mkdocs.yml; like the schemas, it knows the regions but not the providers
  or calls, which the one the site publishes lists;
- `schemas/<kind>.schema.json` (and `schemas/programme.schema.json`), the JSON Schemas that editors' YAML language server reads
  (`.vscode/settings.json`, and the first line of the files `deffinov new` writes). They list the
  region slugs, which almost never change, but not the provider or call ids, which change with
  every contribution: the schemas published on the site list those too.

A test checks that the committed copies are up to date.
"""

from __future__ import annotations

from pathlib import Path

from . import guide
from ..content import editorconfig
from ..content.jsonschemas import Known, as_json, content_schema
from ..content.kinds import KINDS, PROGRAMME
from ..content.loading import load_content
from ..settings import Project

CONTRIBUTING = "CONTRIBUTING.md"


def expected(root: Path) -> dict[str, str]:
    """Every generated file of the repository at `root`, by repository-relative path."""
    project = Project.at(root)
    docs_dir = project.content_dir.relative_to(project.root).as_posix()
    page = (project.content_dir / guide.GUIDE_PAGE).read_text(encoding="utf-8")
    files = {CONTRIBUTING: guide.contributing(page, docs_dir)}
    known = Known.of_site(load_content(project.root).site, catalog=False)
    for kind in (*KINDS, PROGRAMME):
        files[kind.schema_path] = as_json(content_schema(kind, known))
    files[f"{docs_dir}/{editorconfig.CONFIG_URI}"] = editorconfig.as_yaml(
        editorconfig.editor_config(known, project.editor_settings))
    return files


def stale(root: Path) -> list[str]:
    """The generated files that are missing or differ from what the models give."""
    return _differing(Path(root), expected(root))


def write(root: Path) -> list[str]:
    """Write the stale files; returns their paths."""
    root = Path(root)
    files = expected(root)
    changed = _differing(root, files)
    for path in changed:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(files[path], encoding="utf-8")
    return changed


def _differing(root: Path, files: dict[str, str]) -> list[str]:
    return [path for path, text in files.items()
            if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text]
