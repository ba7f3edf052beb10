"""schema.org structured data (JSON-LD) of call and resource pages, from the model.

A call is a `MonetaryGrant`: what it offers is money, from funders (`funder`, the organisations
that run it), in an amount per project (`amount`, a `MonetaryAmount` whose `validFrom` and
`validThrough` are the opening and the last deadline). `GovernmentService` would say less: it
has no amount and no dates. A resource is a `Service` offered by its provider, used at a place
(`availableChannel.serviceLocation`) and meant for audiences.

Only what the sources give is said: no amount or date is guessed, and a date whose year or day
is unsure is left out (a search engine would read it as certain).
"""

from __future__ import annotations

from .. import french
from ..content.vocabulary import Place
from .catalog import ResourceView
from .views import CallView

CONTEXT = "https://schema.org"


def _clean(value):
    """Without empty values: JSON-LD readers take an empty string for a value."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (_clean(v) for v in value) if item not in (None, "", [], {})]
    return value


def call_data(view: CallView, page: str | None, region_names: list[str]) -> dict:
    """The call as a schema.org MonetaryGrant; `page` is its public address, when known."""
    data = view.data
    opening = data.calendar.opens
    last = view.schedule.last_deadline
    amount = {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "minValue": data.aid.min,
        "maxValue": data.aid.max,
        "validFrom": opening.date.isoformat() if opening and opening.certain else None,
        "validThrough": last.moment.isoformat() if last and last.date.certain else None,
    }
    area = [{"@type": "AdministrativeArea", "name": name} for name in region_names]
    return _clean({
        "@context": CONTEXT,
        "@type": "MonetaryGrant",
        "identifier": view.entry.id,
        "name": data.title,
        "description": data.summary,
        "url": page,
        "sameAs": str(data.official_page) if data.official_page else None,
        "funder": [{"@type": "GovernmentOrganization", "name": name, "areaServed": area} for name in data.run_by],
        "amount": amount if len(_clean(amount)) > 2 else None,  # more than its type and currency
    })


def _place(place: Place) -> dict:
    geo = None
    if place.latitude is not None and place.longitude is not None:
        geo = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    return {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "streetAddress": place.street, "postalCode": place.postal_code,
                    "addressLocality": place.city, "addressCountry": "FR"},
        "geo": geo,
    }


def resource_data(view: ResourceView, page: str | None, provider_page: str | None, region_name: str) -> dict:
    """The resource as a schema.org Service of its provider, at its place, for its audiences."""
    data, provider = view.data, view.provider.data
    return _clean({
        "@context": CONTEXT,
        "@type": "Service",
        "identifier": view.entry.id,
        "name": data.title,
        "description": data.summary,
        "url": page,
        "serviceType": data.type.label,
        "provider": {"@type": "Organization", "name": provider.name, "url": provider_page,
                     "address": _place(provider.place)["address"]},
        "areaServed": {"@type": "AdministrativeArea", "name": region_name},
        "audience": [{"@type": "Audience", "audienceType": audience.label} for audience in data.audiences],
        # Used only at a distance: no place, whose address would be the provider's.
        "availableChannel": {"@type": "ServiceChannel", "serviceLocation": _place(view.place_of_use) if view.place_of_use else None,
                             "serviceUrl": str(data.booking.url) if data.booking.url else None},
        "termsOfService": f"{data.fees.value}" + (f"{french.NBSP}: {data.fee_details}" if data.fee_details else ""),
    })
