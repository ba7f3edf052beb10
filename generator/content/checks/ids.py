"""Two files may not have the same name in one kind of content: the name becomes the address."""

from __future__ import annotations

from collections import defaultdict

from ..errors import ContentError


def unique_ids(entries: list, of_what: str, two: str, fix: str) -> list[ContentError]:
    """One error on each file whose id another file of the same kind also has."""
    by_id = defaultdict(list)
    for entry in entries:
        by_id[entry.id].append(entry)
    errors = []
    for entry_id, same in by_id.items():
        for entry in same if len(same) > 1 else []:
            others = ", ".join(other.path for other in same if other is not entry)
            errors.append(ContentError(entry.path, None, None,
                f"identifiant {of_what} « {entry_id} » déjà utilisé par {others} : {two} auraient la même "
                f"adresse. {fix}"))
    return errors
