"""The checked site model: every region and call, with where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from .call import Call
from .reading import Positioned
from .region import Region


@dataclass(frozen=True)
class RegionEntry:
    slug: str
    path: str  # repository-relative path of region.yml
    data: Region
    positions: Positioned = field(repr=False, compare=False)


@dataclass(frozen=True)
class CallEntry:
    id: str
    region: str  # slug of the folder the call lives in
    path: str  # repository-relative path of the call file
    data: Call
    body: str  # editor's Markdown, untrusted
    positions: Positioned = field(repr=False, compare=False)

    @property
    def regions(self) -> list[str]:
        """Every region the call covers, its own first."""
        return [self.region, *self.data.other_regions]


@dataclass
class SiteModel:
    regions: list[RegionEntry]
    calls: list[CallEntry]

    def __post_init__(self):
        self._regions = {region.slug: region for region in self.regions}

    def region(self, slug: str) -> RegionEntry:
        return self._regions[slug]

    def timezone_of(self, call: CallEntry) -> str:
        return call.data.calendar.timezone or self.region(call.region).data.timezone
