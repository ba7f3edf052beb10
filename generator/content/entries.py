"""The checked site model: every region, call, provider and resource, and the programme page's
statements, with where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Hashable, TypeVar

from .call import Call
from .programme import Programme
from .provider import Provider
from .reading import Positioned
from .region import Region
from .resource import Resource

T = TypeVar("T")


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

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute` works out from this call alone (its schedule, its events in a time zone),
        once. Kept with the entry: `mkdocs serve` loads an entry again only when its file changed,
        so a call's dates are not worked out again at every save, whatever was saved. Not in a
        forked worker (`keep_derived(False)`): writing into what it inherited copies its pages."""
        kept = self.__dict__.get("_derived")
        if not _KEEPING:
            return kept[key] if kept is not None and key in kept else compute()
        if kept is None:
            kept = {}
            object.__setattr__(self, "_derived", kept)  # frozen: not a field, never compared
        try:
            return kept[key]
        except KeyError:
            made = kept[key] = compute()
            return made


_KEEPING = True  # whether entries keep what is derived from them (CallEntry.derived)


def keep_derived(keeping: bool) -> None:
    """Whether entries keep what is worked out from them: not in a forked worker, which would copy
    the pages of its parent's memory it writes into (a few MiB a worker at 2,000 calls)."""
    global _KEEPING
    _KEEPING = keeping


@dataclass(frozen=True)
class ProviderEntry:
    id: str
    region: str  # slug of the folder the provider lives in
    path: str
    data: Provider
    positions: Positioned = field(repr=False, compare=False)


@dataclass(frozen=True)
class ResourceEntry:
    id: str
    region: str  # slug of the region where the resource is used or borrowed
    path: str
    data: Resource
    body: str  # editor's Markdown, untrusted
    positions: Positioned = field(repr=False, compare=False)


@dataclass(frozen=True)
class ProgrammeEntry:
    path: str  # repository-relative path of content/programme.yml
    data: Programme
    positions: Positioned = field(repr=False, compare=False)


@dataclass
class SiteModel:
    regions: list[RegionEntry]
    calls: list[CallEntry]
    providers: list[ProviderEntry] = field(default_factory=list)
    resources: list[ResourceEntry] = field(default_factory=list)
    programme: ProgrammeEntry | None = None  # None when the repository has no programme file

    def __post_init__(self):
        self._regions = {region.slug: region for region in self.regions}
        self._derived: dict = {}

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute` works out from this site (its views, its pages' changes…), once: several
        outputs of a build ask for it. Kept with the site, it goes with it: a build that lets go
        of its site lets go of all that was made from it."""
        try:
            return self._derived[key]
        except KeyError:
            made = self._derived[key] = compute()
            return made

    def region(self, slug: str) -> RegionEntry:
        return self._regions[slug]

    def timezone_of(self, call: CallEntry) -> str:
        return call.data.calendar.timezone or self.region(call.region).data.timezone

    def coherent(self) -> SiteModel:
        """The site without the resources whose region, provider or funding call did not load:
        what can be planned while other files are in error (a region or provider file refused), so
        that check still reports every address conflict in the same round instead of failing."""
        regions = set(self._regions)
        call_ids, provider_ids = {call.id for call in self.calls}, {provider.id for provider in self.providers}
        resources = [resource for resource in self.resources if resource.region in regions
                     and resource.data.provider in provider_ids
                     and (resource.data.funded_by is None or resource.data.funded_by in call_ids)]
        return SiteModel(self.regions, self.calls, self.providers, resources, self.programme)
