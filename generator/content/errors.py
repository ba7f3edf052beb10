"""Content errors: what went wrong, where, and how to fix it, in French for editors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, located as precisely as we can."""

    path: str
    line: int | None
    field: str | None
    message: str

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", ligne {self.line}"
        if self.field:
            where += f", champ « {self.field} »"
        return f"{where} : {self.message}"


class ContentErrors(Exception):
    """Raised when content cannot be loaded; carries every error found in the run."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line or 0, e.field or "", e.message))
        super().__init__(self.report())

    def report(self, site_kept: bool = True) -> str:
        """Every error, one a line; `site_kept` adds that the published site was left as it was."""
        count = len(self.errors)
        heading = (
            "1 erreur dans le contenu :" if count == 1 else f"{count} erreurs dans le contenu :"
        )
        lines = [heading] + [f"  - {error.format()}" for error in self.errors]
        closing = "Corrigez ces points puis relancez la commande"
        lines.append(closing + (" ; le site publié n'a pas été modifié." if site_kept else "."))
        return "\n".join(lines)


def field_path(loc: tuple) -> str:
    """Render a location tuple as editors read it: `calendar.waves[2].deadline` (1-based)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def relative(path, root) -> str:
    """A path as editors see it in the repository, with forward slashes."""
    try:
        return str(PurePosixPath(path.relative_to(root).as_posix()))
    except ValueError:
        return path.as_posix()
