"""Rules on regions that span several files."""

from __future__ import annotations

from ..entries import RegionEntry
from ..errors import ContentError


def check_unique_insee(regions: list[RegionEntry]) -> list[ContentError]:
    seen = {}
    errors = []
    for region in regions:
        code = region.data.insee_code
        if code in seen:
            errors.append(ContentError(region.path, region.positions.line_of(("insee_code",)), "insee_code",
                f"code INSEE « {code} » déjà utilisé par {seen[code]}."))
        else:
            seen[code] = region.path
    return errors
