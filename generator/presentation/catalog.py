"""The catalog as readers browse it: each resource with its provider and place, facets and pages.

The facets are the same at build time (counts on the no-script page, filters written into each
resource page for the search index) and in the browser (counts that follow a narrowed view).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.vocabulary import Delivery, Place
from ..content.geography import departements
from ..content.entries import ProviderEntry, ResourceEntry, SiteModel

PAGE_SIZE = 50  # entries on a plain list page: small pages, one idea each
RESULTS_SHOWN = 20  # results the catalog's search shows at once, and its page before any question


@dataclass(frozen=True)
class ResourceView:
    entry: ResourceEntry
    provider: ProviderEntry
    place: Place  # the resource's own place, else its provider's

    @property
    def data(self):
        return self.entry.data

    @property
    def place_of_use(self) -> Place | None:
        """Where one goes to use it; None for a resource used only at a distance: its provider's
        town is the provider's, and a point there would say the resource is there."""
        return None if self.data.delivery is Delivery.REMOTE else self.place

    def where(self, region_name: str) -> str:
        """`Rennes, Bretagne`, `à distance`, `Cayenne, Guyane, ou à distance`: where it is used, as a
        card says it."""
        if self.place_of_use is None:
            return Delivery.REMOTE.label
        here = f"{self.place.city}, {region_name}"
        return f"{here}, ou {Delivery.REMOTE.label}" if self.data.delivery is Delivery.BOTH else here

    def card_facts(self, region_name: str) -> str:
        """`Équipement · Rennes, Bretagne · gratuit`: the line of facts under a card's title, on
        the lists and in the catalog index's cards alike."""
        kind = self.data.type.label
        return " · ".join([kind[:1].upper() + kind[1:], self.where(region_name), self.data.fees.value])

    def how_to_ask(self) -> tuple[str, str] | None:
        """(address, words) of the first way to ask the card shows: the booking page, else the
        e-mail, the phone or the contact page of the resource's contact, else of its provider's."""
        booking = self.data.booking
        if booking.url:
            return str(booking.url), "réserver ou demander en ligne"
        contact = booking.contact or self.provider.data.contact
        if contact and contact.email:
            return f"mailto:{contact.email}", contact.email
        if contact and contact.phone:
            return "tel:" + "".join(c for c in contact.phone if c.isdigit() or c == "+"), contact.phone
        if contact and contact.url:
            return str(contact.url), "page de contact"
        return None

    def where_in_full(self, region_name: str) -> str:
        """`Rennes, Ille-et-Vilaine (35), Bretagne`: the same with its département or collectivity,
        named once when it bears the region's name (`Cayenne, Guyane (973)`)."""
        if self.place_of_use is None:
            return Delivery.REMOTE.label
        departement = departement_label(self.place)
        parts = [self.place.city]
        if departement:
            parts.append(departement)
        if not departement or not departement.startswith(region_name + " ("):
            parts.append(region_name)
        here = ", ".join(parts)
        return f"{here}, ou {Delivery.REMOTE.label}" if self.data.delivery is Delivery.BOTH else here


# Facet name (as in the address and the search index), its French label.
FACETS = {
    "type": "Type",
    "region": "Région",
    "departement": "Département ou collectivité",
    "public": "Public",
    "domaine": "Domaine de formation",
    "acces": "Conditions d'accès",
    "modalite": "Sur place ou à distance",
    "format": "Format",
    "accessibilite": "Accessibilité",
}


# Facets the catalog page shows folded: their counts are made, and their index files read, only
# when a reader opens them. The finer ones, whose files weigh most and are least asked.
FOLDED_FACETS = frozenset({"public", "modalite", "format", "accessibilite"})


def facet_values(view: ResourceView, region_names: dict[str, str]) -> dict[str, list[str]]:
    """Every facet value of a resource, as readers read them."""
    data = view.data
    return {
        "type": [data.type.label],
        "region": [region_names[view.entry.region]],
        "departement": [departement_label(view.place_of_use)] if view.place_of_use and view.place_of_use.departement else [],
        "public": [audience.label for audience in data.audiences],
        "domaine": [domain.label for domain in data.domains],
        "acces": [data.fees.value],
        "modalite": [data.delivery.label],
        "format": list(data.formats),
        "accessibilite": ["accès de plain-pied"] if data.accessibility.step_free else [],
    }


def departement_label(place: Place | None) -> str | None:
    """`Polynésie française (987)`, `Ille-et-Vilaine (35)`: the département or overseas collectivity
    of a place by its name and code (check refuses a code that names none)."""
    code = place.departement if place else None
    return departements()[code].label if code else None


def resource_views(site: SiteModel) -> list[ResourceView]:
    """Every resource whose provider is known, by title."""
    return site.derived(resource_views, lambda: _resource_views(site))


def _resource_views(site: SiteModel) -> list[ResourceView]:
    providers = {provider.id: provider for provider in site.providers}
    views = [
        ResourceView(entry, providers[entry.data.provider], entry.data.place or providers[entry.data.provider].data.place)
        for entry in site.resources if entry.data.provider in providers
    ]
    return sorted(views, key=lambda view: (view.data.title.lower(), view.entry.id))


def by_place(site: SiteModel) -> list[ResourceView]:
    """Every resource in the order the catalog's search numbers and shows them: by region, then
    département (those used only at a distance last), type and title. A page of results from one
    place is then a few neighbours in the index, and the facets that follow places are runs."""
    return site.derived(by_place, lambda: sorted(resource_views(site), key=_place_key))


def _place_key(view: ResourceView) -> tuple:
    departement = view.place_of_use.departement if view.place_of_use else None
    return (view.entry.region, departement is None, departement or "", view.data.type.label,
            view.data.title.lower(), view.entry.id)


def kept_facet_values(views: list[ResourceView], region_names: dict[str, str], memo) -> list[dict[str, list[str]]]:
    """Every resource's facet values; `memo` (`mkdocs serve`) keeps those of unchanged resources."""
    return [memo.get("facettes", (view.entry, view.provider, region_names[view.entry.region]),
                     lambda view=view: facet_values(view, region_names)) for view in views]


def facet_counts(values_of: list[dict[str, list[str]]], examples: list[bool] | None = None,
                 ) -> dict[str, list[tuple[str, int, int]]]:
    """For each facet, its values with how many resources have each and how many of those are
    example entries (`examples`, resource by resource), most frequent first."""
    counts = {facet: Counter() for facet in FACETS}
    of_examples = {facet: Counter() for facet in FACETS}
    for number, values_by_facet in enumerate(values_of):
        for facet, values in values_by_facet.items():
            counts[facet].update(set(values))
            if examples and examples[number]:
                of_examples[facet].update(set(values))
    return {facet: [(value, count, of_examples[facet][value])
                    for value, count in sorted(counter.items(), key=lambda item: (-item[1], item[0]))]
            for facet, counter in counts.items()}


def example_count(views) -> int:
    """How many of `views` (resources or providers) are example entries: every count of the
    catalog says how many of what it counts are not real offers."""
    return sum(1 for view in views if view.data.example)


def paginate(items: list, size: int = PAGE_SIZE) -> list[list]:
    """Pages of at most `size` items; one empty page when there is nothing, so the list exists."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [[]]
