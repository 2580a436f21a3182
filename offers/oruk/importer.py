"""Importing another publisher's Open Referral UK feed as pending changes (docs/adr/0050).

Records are fetched and validated first, then written in one transaction: a network or
parse failure, or `--dry-run`, leaves the database as it was. Every write goes through
`startforlife.workflow`: a new service or location is a draft, a change to a live one is a
pending change for a publisher; nothing imported is ever live without one.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from functools import cache
from pathlib import Path

import requests
from django.db import transaction
from django.utils.text import slugify
from jsonschema import Draft202012Validator, FormatChecker

from hubs.models import Hub, HubKind, OpeningPeriod
from offers.models import Category, Organization, Service, ServiceStatus
from offers.oruk import serialize
from startforlife import workflow
from startforlife.models import ChangeRequestSource

SCHEMA_DIR = Path(__file__).with_name("schema")
TIMEOUT_SECONDS = 30
STATUS = {"active": ServiceStatus.ACTIVE, "temporarily closed": ServiceStatus.TEMPORARILY_CLOSED}
CATEGORY_BY_TERM = {serialize.term_id(value): value for value in Category.values} | {
    Category(value).label.lower(): value for value in Category.values
}


class FeedError(Exception):
    """The feed could not be read: nothing was imported."""


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


def problems(record, schema: str = "service") -> list[str]:
    """Why a record is not valid against the profile's compiled schema ([] when it is)."""
    if not isinstance(record, dict):
        return ["it is not a JSON object"]
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(record)'}: {error.message}"
        for error in sorted(validator(schema).iter_errors(record), key=lambda e: list(e.absolute_path))
    ]


# --- Reading --------------------------------------------------------------------------


def _services_in(document) -> Iterator[dict]:
    """The services in any ORUK document: a page, a list, a service, a service at a
    location, or an organisation with its services. Anything else has none."""
    items = document.get("contents") if isinstance(document, dict) and "contents" in document else document
    for item in items if isinstance(items, list) else [items]:
        if not isinstance(item, dict):
            yield item  # reported as invalid
        elif isinstance(item.get("service"), dict):  # a service at a location
            service = dict(item["service"])
            service.setdefault("service_at_locations", [{k: v for k, v in item.items() if k != "service"}])
            yield service
        elif "status" in item:
            yield item
        elif isinstance(item.get("services"), list):  # an organisation
            org = {k: v for k, v in item.items() if k != "services"}
            for service in item["services"]:
                yield (
                    {**service, "organization": service.get("organization") or org}
                    if isinstance(service, dict)
                    else service
                )


def read_file(path: str) -> list:
    try:
        return list(_services_in(json.loads(Path(path).read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"Could not read {path}: {error}") from None


def _get(session: requests.Session, url: str, **params):
    try:
        response = session.get(url, params=params, timeout=TIMEOUT_SECONDS, headers={"Accept": "application/json"})
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise FeedError(f"Could not read {url}: {error}") from None


def read_api(base_url: str, progress: Callable = iter) -> list:
    """Every service of an ORUK 3.0 API, in full: walks `/services` page by page, then
    fetches each `/services/{id}` (the list holds no locations)."""
    base = base_url.rstrip("/")
    session = requests.Session()
    listed, page = [], 1
    while True:
        data = _get(session, f"{base}/services", page=page, per_page=100)
        if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
            raise FeedError(f"{base}/services is not an ORUK page of services.")
        listed += data["contents"]
        if data.get("last_page", True) or not data["contents"] or page >= data.get("total_pages", page):
            break
        page += 1
    records = []
    for item in progress(listed):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            records.append(_get(session, f"{base}/services/{item['id']}"))
        else:
            records.append(item)
    return records


# --- Mapping ORUK → our fields --------------------------------------------------------


def _objects(value) -> list[dict]:
    """The objects of an array the schema leaves open (a feed may put anything there)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _months(years) -> int | None:
    return round(years * 12) if isinstance(years, int | float) else None


def _text(value, limit: int | None = None) -> str:
    text = value.strip() if isinstance(value, str) else ""
    return text[:limit] if limit else text


def service_values(record: dict) -> dict:
    description = _text(record.get("description"))
    phones = {_text(p.get("type")): _text(p.get("number"), 40) for p in _objects(record.get("phones"))}
    category = next(
        (
            CATEGORY_BY_TERM[key]
            for attribute in _objects(record.get("attributes"))
            for key in (
                attribute.get("taxonomy_term_id"),
                _text(_dict(attribute.get("taxonomy_term")).get("name")).lower(),
            )
            if key in CATEGORY_BY_TERM
        ),
        None,
    )
    costs = _objects(record.get("cost_options"))
    values = {
        "name": _text(record["name"], 200),
        "summary": (description.split("\n")[0] or _text(record["name"]))[:300],
        "description": description,
        "website": _text(record.get("url"), 200),
        "email": _text(record.get("email"), 254),
        "status": STATUS.get(record["status"], ServiceStatus.CLOSED),
        "status_message": _text(record.get("alert"), 300),
        "min_age_months": _months(record.get("minimum_age")),
        "max_age_months": _months(record.get("maximum_age")),
        "languages": [
            _text(lang.get("name"), 50) for lang in _objects(record.get("languages")) if _text(lang.get("name"))
        ],
        "phone": phones.get("voice") or next((number for kind, number in phones.items() if kind != "text"), ""),
        "text_phone": phones.get("text", ""),
        "is_free": not costs,
        "cost": _cost(costs[0]) if costs else "",
        "schedule": "\n".join(
            _text(s.get("description"))
            for s in _objects(record.get("schedules"))
            if not s.get("service_at_location_id") and _text(s.get("description"))
        ),
    }
    if values["max_age_months"] is not None:
        values["max_age_months"] = max(values["max_age_months"], 0)
    if category:
        values["category"] = category
    return values


def _cost(option: dict) -> str:
    if _text(option.get("amount_description")):
        return _text(option["amount_description"], 200)
    if isinstance(option.get("amount"), int | float):
        return f"£{option['amount']:.2f} {_text(option.get('option'))}".strip()[:200]
    return _text(option.get("option"), 200) or "There is a cost"


def hub_values(location: dict) -> dict:
    address = next(iter(_objects(location.get("addresses"))), {})
    lines = [_text(address.get("address_1"))]
    lines += [line.strip() for line in _text(address.get("address_2")).split(",") if line.strip()]
    lines.append(_text(address.get("city")))
    return {
        "name": _text(location.get("name"), 200) or "Unnamed location",
        "description": _text(location.get("description")),
        "address": "\n".join(line for line in lines if line),
        "postcode": _text(address.get("postal_code"), 10),
        "latitude": _coordinate(location.get("latitude")),
        "longitude": _coordinate(location.get("longitude")),
    }


def _coordinate(value) -> Decimal | None:
    return round(Decimal(str(value)), 6) if isinstance(value, int | float) else None


def _opening_periods(record: dict, sal_id: str) -> list[tuple[int, time, time]]:
    periods = []
    for schedule in _objects(record.get("schedules")):
        if schedule.get("service_at_location_id") != sal_id:
            continue
        try:
            opens, closes = time.fromisoformat(schedule["opens_at"]), time.fromisoformat(schedule["closes_at"])
            days = [serialize.WEEKDAYS.index(day.strip()) for day in schedule.get("byday", "").split(",")]
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
        periods += [(day, opens, closes) for day in days if opens < closes]
    return periods


# --- Writing --------------------------------------------------------------------------


@dataclass
class Report:
    created: int = 0
    proposed: int = 0
    unchanged: int = 0
    invalid: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _unique_slug(model, name: str) -> str:
    base = slugify(name)[:180] or "imported"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save(model, uuid: str, values: dict, *, source: str, by, report: Report, label: str, new_extra=None):
    """Create a draft, or propose the changes to an existing item: never live directly."""
    item = model.objects.filter(uuid=uuid).first()
    if item is None:
        extra = {"uuid": uuid, "oruk_source": source, "slug": _unique_slug(model, values["name"]), **(new_extra or {})}
        item = workflow.create_draft(model=model, values={**values, **extra}, by=by)
        report.created += 1
        return item
    pending = workflow.pending_change(item)
    if not workflow.proposed_data(item, values):
        report.unchanged += 1
    elif not item.is_published:
        workflow.save_edit(item=item, values=values, token=workflow.edit_token(item, pending), by=by)
        report.proposed += 1
    elif pending:
        if workflow.values_with_change(item, pending) | values == workflow.values_with_change(item, pending):
            report.unchanged += 1
        else:
            report.skipped.append(f"{label}: a change is already waiting for a publisher, so this one was not added.")
    else:
        workflow.propose(item=item, values=values, by=by, source=ChangeRequestSource.OPEN_DATA)
        report.proposed += 1
    return item


def _organization(record: dict, source: str) -> Organization | None:
    org = _dict(record.get("organization"))
    org_id = org.get("id") or record.get("organization_id")
    if not org_id or org_id == serialize.council_id():
        return None
    found = Organization.objects.filter(uuid=org_id).first()
    if found or not org:
        return found
    return Organization.objects.create(
        uuid=org_id,
        name=_text(org.get("name"), 200),
        description=_text(org.get("description")),
        email=_text(org.get("email"), 254),
        website=_text(org.get("website"), 200),
        oruk_source=source,
    )


def import_services(records: list, *, source: str, by=None, dry_run: bool = False, progress: Callable = iter) -> Report:
    report = Report()
    valid = []
    for n, record in enumerate(records, start=1):
        reasons = problems(record)
        if reasons:
            name = record.get("id") if isinstance(record, dict) else None
            report.invalid.append(f"Record {n} ({name or 'no id'}): " + "; ".join(reasons))
        else:
            valid.append(record)
    with transaction.atomic():
        for record in progress(valid):
            _import_service(record, source=source, by=by, report=report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_service(record: dict, *, source: str, by, report: Report) -> None:
    hubs = []
    for sal in _objects(record.get("service_at_locations")):
        location = sal.get("location")
        if not isinstance(location, dict) or not location.get("id"):
            continue
        existed = Hub.objects.filter(uuid=location["id"]).exists()
        kind = HubKind.VIRTUAL if location.get("location_type") == "virtual" else HubKind.SATELLITE
        hub = _save(
            Hub,
            location["id"],
            hub_values(location),
            source=source,
            by=by,
            report=report,
            label=_text(location.get("name")),
            new_extra={"kind": kind},
        )
        if not existed:
            # A new draft hub: its opening hours come with it (nobody sees it until published).
            OpeningPeriod.objects.bulk_create(
                OpeningPeriod(hub=hub, weekday=day, opens=opens, closes=closes)
                for day, opens, closes in sorted(set(_opening_periods(record, sal.get("id"))))
            )
        hubs.append(hub.pk)
    values = service_values(record) | {"hubs": sorted(hubs)}
    existing = Service.objects.filter(uuid=record["id"]).first()
    if existing:
        # The feed has no summary: keep ours. A service without a description was published
        # with its summary as the description, which is no change.
        del values["summary"]
        if not existing.description and values["description"] == existing.summary:
            del values["description"]
    org = _organization(record, source)
    new_extra = {"organization": org.pk if org else None}
    if record.get("assured_date"):
        try:
            new_extra["last_reviewed"] = date.fromisoformat(record["assured_date"])
        except ValueError:
            pass
    _save(Service, record["id"], values, source=source, by=by, report=report, label=record["name"], new_extra=new_extra)
