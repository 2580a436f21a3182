"""The offer as Open Referral UK (HSDS 3.0) JSON: small functions, one per object.

Every id is a stable UUID: the `uuid` of a service, hub or organisation, or derived from
one with `uuid5` (a service at a location, a schedule, a language...), so an id never
changes for an item and an export imported elsewhere comes back with the same ids.
"""

import uuid
from decimal import Decimal

from django.conf import settings

from hubs.models import HubKind
from offers.models import Category, ServiceStatus

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
# The namespace of every derived id. Fixed for ever: changing it changes every derived id.
NAMESPACE = uuid.UUID("7f3c8a52-5e1b-4d5e-9a57-4b8f5d0c2e61")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
STATUS = {ServiceStatus.ACTIVE: "active", ServiceStatus.TEMPORARILY_CLOSED: "temporarily closed"}


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


TAXONOMY_ID = derived_id("taxonomy", "category")


def term_id(category: str) -> str:
    return derived_id("taxonomy_term", "category", category)


def council_id() -> str:
    return derived_id("organization", settings.PORTAL["COUNCIL_WEBSITE"])


# --- Organisations and taxonomies -------------------------------------------------------


def council() -> dict:
    portal = settings.PORTAL
    return {
        "id": council_id(),
        "name": portal["COUNCIL_NAME"],
        "description": f"{portal['COUNCIL_NAME']}: the {portal['PROGRAMME_NAME']} offer for families.",
        "email": portal["COUNCIL_EMAIL"],
        "website": portal["COUNCIL_WEBSITE"],
    }


def organization(org) -> dict:
    """`org` is an `Organization`, or None for the council."""
    if org is None:
        return council()
    return _without_empty(
        {
            "id": str(org.uuid),
            "name": org.name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
        }
    )


def taxonomy() -> dict:
    return {
        "id": TAXONOMY_ID,
        "name": f"{settings.PORTAL['PROGRAMME_NAME']} service categories",
        "description": "The kinds of service in the offer, named after the national Start for Life terms.",
        "version": "1",
    }


def taxonomy_term(category: str, *, nested: bool = False) -> dict:
    label = Category(category).label
    term = {"id": term_id(category), "name": label, "description": label, "taxonomy_id": TAXONOMY_ID, "code": category}
    if nested:
        term["taxonomy"] = taxonomy()["name"]  # the profile gives the taxonomy's name here
    return term


def taxonomy_terms() -> list[dict]:
    return [taxonomy_term(value) for value in Category.values]


# --- Locations ----------------------------------------------------------------------------


def location(hub) -> dict:
    hub_id = str(hub.uuid)
    data = {
        "id": hub_id,
        "location_type": "virtual" if hub.kind == HubKind.VIRTUAL else "physical",
        "name": hub.name,
        "description": hub.description,
        "latitude": _number(hub.latitude),
        "longitude": _number(hub.longitude),
        "addresses": [],
    }
    lines = [line.strip() for line in hub.address.splitlines() if line.strip()]
    if lines or hub.postcode:
        data["addresses"].append(
            {
                "id": derived_id(hub_id, "address"),
                "location_id": hub_id,
                "address_1": lines[0] if lines else "",
                "address_2": ", ".join(lines[1:-1]),
                "city": lines[-1] if len(lines) > 1 else "",
                "state_province": "",
                "postal_code": hub.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        )
    return _without_empty(data, keep=("addresses",))


def opening_schedules(hub, service_at_location_id: str) -> list[dict]:
    """The hub's weekly opening hours, as RFC 5545-style weekly schedules."""
    return [
        {
            "id": derived_id(service_at_location_id, "opening", period.weekday, period.opens),
            "service_at_location_id": service_at_location_id,
            "freq": "WEEKLY",
            "byday": WEEKDAYS[period.weekday],
            "opens_at": period.opens.strftime("%H:%M"),
            "closes_at": period.closes.strftime("%H:%M"),
        }
        for period in hub.opening_periods.all()
    ]


def service_at_location_id(service, hub) -> str:
    return derived_id(service.uuid, hub.uuid)


def service_at_location(service, hub, *, full: bool = False) -> dict:
    sal_id = service_at_location_id(service, hub)
    data = {"id": sal_id, "service_id": str(service.uuid), "location_id": str(hub.uuid), "location": location(hub)}
    if full:
        data["service"] = service_summary(service)
        data["schedules"] = opening_schedules(hub, sal_id)
    return data


# --- Services -----------------------------------------------------------------------------


def service_summary(service) -> dict:
    """A service as listed: its own fields and its organisation (the `service_list` schema)."""
    org = organization(service.organization)
    data = {
        "id": str(service.uuid),
        "organization_id": org["id"],
        "name": service.name,
        "description": service.description or service.summary,
        "url": service.website,
        "email": service.email,
        "status": STATUS.get(service.status, "inactive"),
        "minimum_age": _years(service.min_age_months),
        "maximum_age": _years(service.max_age_months),
        "assured_date": service.last_reviewed.isoformat() if service.last_reviewed else None,
        "alert": service.status_message,
        "last_modified": service.updated_at.isoformat(timespec="milliseconds"),
        "organization": org,
    }
    return _without_empty(data)


def service(service) -> dict:
    """The full service. Reads `hubs` (with `opening_periods`) through `.all()`: prefetch them."""
    service_id = str(service.uuid)
    data = service_summary(service)
    hubs = list(service.hubs.all())
    schedules = [
        {"id": derived_id(service_id, "schedule", n), "service_id": service_id, "description": line.strip()}
        for n, line in enumerate(service.schedule.splitlines())
        if line.strip()
    ]
    for hub in hubs:
        schedules += opening_schedules(hub, service_at_location_id(service, hub))
    phones = [
        {"id": derived_id(service_id, "phone", kind), "service_id": service_id, "number": number, "type": kind}
        for kind, number in (("voice", service.phone), ("text", service.text_phone))
        if number
    ]
    cost_options = []
    if not service.is_free:
        cost_options.append(
            {"id": derived_id(service_id, "cost"), "service_id": service_id, "amount_description": service.cost_text}
        )
    data.update(
        {
            "schedules": schedules,
            "service_at_locations": [service_at_location(service, hub) for hub in hubs],
            "languages": [
                {"id": derived_id(service_id, "language", name), "service_id": service_id, "name": name}
                for name in service.languages
            ],
            "phones": phones,
            "contacts": [],
            "cost_options": cost_options,
            "attributes": [
                {
                    "id": derived_id(service_id, "attribute", service.category),
                    "link_id": service_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": term_id(service.category),
                    "taxonomy_term": taxonomy_term(service.category, nested=True),
                }
            ],
        }
    )
    return data


def _years(months: int | None) -> float | None:
    """Months → years, as the profile counts ages (a start in pregnancy is negative)."""
    if months is None:
        return None
    years = months / 12
    return int(years) if years == int(years) else round(years, 4)


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _without_empty(data: dict, keep=()) -> dict:
    """Leave out optional fields with no value (null and "" are not valid for most of them)."""
    return {k: v for k, v in data.items() if k in keep or v not in (None, "")}
