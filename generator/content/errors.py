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

    def report(self, site_kept: bool = True, complete: bool = False) -> str:
        """What editors read: every error with its place, the same error in many files said once
        with the places it stands, and at most MAX_SHOWN causes unless `complete` (`--all`).
        `site_kept` adds that the published site was left as it was."""
        count = len(self.errors)
        heading = (
            "1 erreur dans le contenu :" if count == 1 else f"{_number(count)} erreurs dans le contenu :"
        )
        groups = _by_cause(self.errors)
        shown = groups if complete else groups[:MAX_SHOWN]
        lines = [heading]
        for group in shown:
            lines += _group_lines(group, complete)
        if len(shown) < len(groups):
            rest = sum(len(group) for group in groups[len(shown):])
            lines.append(f"  … et {_number(rest)} autres erreurs, de {_number(len(groups) - len(shown))} autres sortes : "
                         "« deffinov check --all » les affiche toutes.")
        closing = "Corrigez ces points puis relancez la commande"
        lines.append(closing + (" ; le site publié n'a pas été modifié." if site_kept else "."))
        return "\n".join(lines)


# Beyond these, a report stops listing: 2,000 files with one error each would print 2,000 lines
# that nobody reads, and hide the one different error among them.
MAX_SHOWN = 40  # causes (one error, or one error repeated in many files)
MAX_PLACES = 5  # places listed under a cause repeated in many files


def _by_cause(errors: list[ContentError]) -> list[list[ContentError]]:
    """The errors grouped by field and message, in the order of their first occurrence."""
    groups: dict[tuple, list[ContentError]] = {}
    for error in errors:
        groups.setdefault((error.field, error.message), []).append(error)
    return list(groups.values())


def _group_lines(group: list[ContentError], complete: bool) -> list[str]:
    if len(group) == 1:
        return [f"  - {group[0].format()}"]
    first = group[0]
    where = f"champ « {first.field} »" if first.field else "fichier"
    lines = [f"  - la même erreur dans {_number(len(group))} fichiers, {where} : {first.message}"]
    places = group if complete else group[:MAX_PLACES]
    lines += [f"      {error.path}" + (f", ligne {error.line}" if error.line is not None else "") for error in places]
    if len(places) < len(group):
        lines.append(f"      … et {_number(len(group) - len(places))} autres fichiers.")
    return lines


def _number(count: int) -> str:
    """`2 004` with a narrow no-break space, as French writes numbers."""
    return f"{count:,}".replace(",", "\u202f")


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
