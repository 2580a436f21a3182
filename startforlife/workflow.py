"""Draft → approval → live, for any `Publishable` model (services and hubs).

Every write the staff workspace makes to a service or hub goes through these functions, so
the rules live in one place:

- A draft (or archived) item is not public: edits apply at once.
- A change to a live item becomes a pending `ChangeRequest`; parents keep seeing the live row
  until a publisher approves it. Publishers may approve their own change at once.
- Every write records who made it (django-simple-history keeps each version for ever) and
  bumps `lock_version`, so an edit based on an older version is refused (`StaleEdit`).

The code is driven by `model._meta`: a field the offers or hubs apps add later is edited,
proposed, diffed, approved, exported and restored without changes here.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber, TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from simple_history.utils import get_m2m_reverse_field_name

from startforlife.models import AuditEntry, ChangeRequest, ChangeRequestSource, ChangeRequestStatus
from startforlife.publishing import PublicationState

# Fields people never type in the edit form: identity, state (changed by publish/archive),
# dates the workflow sets, and the review settings (owner, interval: staff-only, no approval).
SYSTEM_FIELDS = (
    "uuid",
    "publication_state",
    "first_published_at",
    "last_published_at",
    "lock_version",
    "created_at",
    "updated_at",
    "last_reviewed",
    "owner",
    "review_interval_months",
)
REVIEW_DUE_SOON_DAYS = 30


class StaleEdit(Exception):
    """Someone else changed the item (or its waiting change) since this edit started."""


class ChangeNotPending(Exception):
    """The change was already approved, sent back or replaced."""


class Outcome(StrEnum):
    UNCHANGED = "unchanged"
    APPLIED = "applied"  # a draft or archived item, changed at once
    PROPOSED = "proposed"  # waiting for a publisher
    PUBLISHED = "published"  # a publisher's own change, approved at once


# --- Related rows carried as one more field ----------------------------------------------


class RelatedContent:
    """Rows in another table that parents read as part of an item (a hub's opening times).

    A change to them travels in the `ChangeRequest` like a field (ADR 0043): `read` gives the
    live rows as one JSON value, `write` replaces the rows with such a value (inside approval's
    transaction), `show` turns a value into the text a publisher reads in the diff.
    """

    name: str
    label: str

    def read(self, item) -> Any:
        raise NotImplementedError

    def write(self, item, value: Any) -> None:
        raise NotImplementedError

    def show(self, value: Any) -> str:
        raise NotImplementedError


# By model label; dotted paths so that this shared module does not import the apps.
RELATED_CONTENT = {"hubs.hub": ["hubs.staff_hours.OPENING_TIMES"]}


def related_content(model) -> dict[str, RelatedContent]:
    related = [import_string(path) for path in RELATED_CONTENT.get(model._meta.label_lower, [])]
    return {r.name: r for r in related}


# --- Fields and values ------------------------------------------------------------------


# Scheduling comes from the shared Publishable base; it reads best after the content.
LAST_FIELDS = ("visible_from", "visible_until")


def content_fields(model) -> list[models.Field]:
    """The fields staff edit (and publishers approve), in the model's order, scheduling last."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    fields = [f for f in fields if f.editable and not f.primary_key and f.name not in SYSTEM_FIELDS]
    return sorted(fields, key=lambda f: f.name in LAST_FIELDS)


def _field(model, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None  # a field removed since the change was proposed


def current_value(item, field: models.Field) -> Any:
    """A field's value in Python: many-to-many as a sorted list of primary keys, FK as its key."""
    if field.many_to_many:
        # .all() rather than values_list() so that a prefetch (CSV export) is used.
        return sorted(obj.pk for obj in getattr(item, field.name).all()) if item.pk else []
    value = field.value_from_object(item)
    if isinstance(field, models.FileField):
        return value.name or ""
    return value


def _decode(field: models.Field, value: Any) -> Any:
    if field.many_to_many:
        return sorted(value or [])
    if isinstance(field, models.ForeignKey):
        return field.target_field.to_python(value)
    return field.to_python(value)


def proposed_data(item, values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of `values` that differ from `item`, ready to store as JSON."""
    changes = {}
    related = related_content(type(item))
    for name, new in values.items():
        if name in related:
            if new != related[name].read(item):
                changes[name] = new
            continue
        field = _field(type(item), name)
        if field is None or field not in content_fields(type(item)):
            continue
        if field.many_to_many:
            new = sorted(new)
        if _decode(field, new) != current_value(item, field):
            changes[name] = new
    return changes


def values_with_change(item, change: ChangeRequest | None) -> dict[str, Any]:
    """The item's content as it would be with `change` applied: the starting point of an edit."""
    values = {f.name: current_value(item, f) for f in content_fields(type(item))}
    for name, related in related_content(type(item)).items():
        values[name] = related.read(item)
    if change is not None:
        for name, value in change.data.items():
            if name in related_content(type(item)):
                values[name] = value
                continue
            field = _field(type(item), name)
            if field is not None and name in values:
                values[name] = _decode(field, value)
    return values


# --- Showing values to people -----------------------------------------------------------


def display_value(model, name: str, value: Any) -> str:
    """A value as staff read it: choice labels, names of linked items, dates in words."""
    field = _field(model, name)
    if value in (None, "", []) or field is None:
        return "" if value in (None, "", []) else str(value)
    if field.many_to_many:
        names = field.related_model._default_manager.filter(pk__in=value).order_by("pk")
        return ", ".join(str(obj) for obj in names)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(deleted {field.related_model._meta.verbose_name})"
    value = _decode(field, value)
    if isinstance(field, ArrayField):  # stages, facilities, languages: labels in the given order
        labels = dict(field.base_field.flatchoices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j F Y \\a\\t H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


def field_label(model, name: str) -> str:
    field = _field(model, name)
    return str(field.verbose_name).capitalize() if field else name


def diff(item, data: Mapping[str, Any]) -> list[FieldChange]:
    """Field by field, live value → proposed value."""
    model = type(item)
    rows = []
    for field in content_fields(model):
        if field.name in data:
            rows.append(
                FieldChange(
                    name=field.name,
                    label=field_label(model, field.name),
                    old=display_value(model, field.name, current_value(item, field)),
                    new=display_value(model, field.name, data[field.name]),
                )
            )
    for name, related in related_content(model).items():
        if name in data:
            rows.append(FieldChange(name, related.label, related.show(related.read(item)), related.show(data[name])))
    return rows


# --- Optimistic locking -----------------------------------------------------------------


def pending_change(item) -> ChangeRequest | None:
    return ChangeRequest.objects.pending().for_item(item).select_related("proposed_by").first()


def edit_token(item, pending: ChangeRequest | None) -> str:
    """What an edit form was based on: the item's version and the change waiting on it."""
    return f"{item.lock_version}.{pending.pk if pending else 0}"


def _lock(item):
    return type(item)._default_manager.select_for_update().get(pk=item.pk)


# --- Writes -----------------------------------------------------------------------------


def _apply(item, data: Mapping[str, Any], *, by, reason: str, **extra) -> None:
    """Write `data` (and `extra` attributes) to the row, as one recorded version."""
    model = type(item)
    many = {}
    related = related_content(model)
    for name, value in data.items():
        field = _field(model, name)
        if field is None:
            continue
        if field.many_to_many:
            many[name] = value
        else:
            setattr(item, field.attname, _decode(field, value))
    for name, value in extra.items():
        setattr(item, name, value)
    # The slug (or another unique field) may have been taken since the change was proposed.
    item.validate_unique()
    item.validate_constraints()
    item.lock_version += 1
    item._history_user = by
    item._change_reason = reason
    # Many-to-many first, without history, so the save below records one version with all of it.
    item.skip_history_when_saving = True
    try:
        for name, pks in many.items():
            getattr(item, name).set(pks)
    finally:
        del item.skip_history_when_saving
    for name, value in data.items():
        if name in related:
            related[name].write(item, value)
    item.save()


def create_draft(*, model, values: Mapping[str, Any], by):
    """A new service or hub starts as a draft owned by whoever created it."""
    item = model(publication_state=PublicationState.DRAFT, owner=by)
    many = {}
    for name, value in values.items():
        field = _field(model, name)
        if field is None:
            continue
        if field.many_to_many:
            many[name] = value
        else:
            setattr(item, field.attname, _decode(field, value))
    item._history_user = by
    item._change_reason = "Created as a draft"
    with transaction.atomic():
        item.save()
        for name, pks in many.items():
            getattr(item, name).set(pks)
    return item


def save_edit(*, item, values: Mapping[str, Any], token: str, by, publish_now: bool = False) -> Outcome:
    """An edit from the form: applied to a draft, proposed for a live item.

    `token` is `edit_token()` as it was when the form was shown; if the item or its waiting
    change moved on since, the edit is refused rather than silently overwriting someone.
    """
    with transaction.atomic():
        live = _lock(item)
        pending = pending_change(live)
        if edit_token(live, pending) != token:
            raise StaleEdit
        if pending:
            # The hours page sends only the hours, the edit form only the fields: what this
            # edit does not cover stays as the waiting change proposed it.
            values = {**{k: v for k, v in pending.data.items() if k not in values}, **values}
        data = proposed_data(live, values)
        if not data:
            return Outcome.UNCHANGED
        if not live.is_published:
            _apply(live, data, by=by, reason=f"Edited ({live.get_publication_state_display().lower()})")
            return Outcome.APPLIED
        if pending:
            _supersede(pending)
        change = ChangeRequest.objects.create(
            content_type=_content_type(live), object_id=live.pk, data=data, proposed_by=by
        )
        if publish_now:
            approve(change=change, by=by)
            return Outcome.PUBLISHED
        return Outcome.PROPOSED


def propose(*, item, values: Mapping[str, Any], by, source: ChangeRequestSource) -> ChangeRequest | None:
    """A pending change from somewhere other than the edit form (restore, import).

    Refused with `StaleEdit` when a change already waits: replacing it would lose someone's work.
    """
    with transaction.atomic():
        live = _lock(item)
        if pending_change(live):
            raise StaleEdit
        data = proposed_data(live, values)
        if not data:
            return None
        return ChangeRequest.objects.create(
            content_type=_content_type(live), object_id=live.pk, data=data, proposed_by=by, source=source
        )


def approve(*, change: ChangeRequest, by, comment: str = "") -> None:
    with transaction.atomic():
        change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
        if not change.is_pending:
            raise ChangeNotPending
        live = _lock(change.item)
        now = timezone.now()
        extra = {"last_published_at": now} if live.is_published else {}
        proposer = change.proposed_by or "someone"
        _apply(live, change.data, by=by, reason=f"Approved change {change.pk} by {proposer}"[:100], **extra)
        _decide(change, ChangeRequestStatus.APPROVED, by=by, comment=comment, at=now)


def reject(*, change: ChangeRequest, by, comment: str) -> None:
    """Send a change back to the editors, saying why. The live row is untouched."""
    with transaction.atomic():
        change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
        if not change.is_pending:
            raise ChangeNotPending
        _decide(change, ChangeRequestStatus.REJECTED, by=by, comment=comment, at=timezone.now())


def publish(*, item, by) -> None:
    with transaction.atomic():
        live = _lock(item)
        now = timezone.now()
        _apply(
            live,
            {},
            by=by,
            reason="Published",
            publication_state=PublicationState.PUBLISHED,
            first_published_at=live.first_published_at or now,
            last_published_at=now,
        )


def archive(*, item, by) -> None:
    """Parents get a 410 Gone page instead; the history stays."""
    with transaction.atomic():
        live = _lock(item)
        _apply(live, {}, by=by, reason="Archived", publication_state=PublicationState.ARCHIVED)


def confirm_reviewed(*, item, by, today: date | None = None) -> None:
    """ "Confirm still accurate": moves the "checked on" date, changes no content.

    Not a content change, so `lock_version` stays: it must not refuse an edit in progress.
    """
    item.last_reviewed = today or timezone.localdate()
    item._history_user = by
    item._change_reason = "Confirmed still accurate"
    item.save(update_fields=["last_reviewed", "updated_at"])


def update_review_settings(*, item, owner, review_interval_months: int, by) -> None:
    item.owner = owner
    item.review_interval_months = review_interval_months
    item._history_user = by
    item._change_reason = "Review settings changed"
    item.save(update_fields=["owner", "review_interval_months", "updated_at"])


def _supersede(change: ChangeRequest) -> None:
    change.status = ChangeRequestStatus.SUPERSEDED
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_at"])
    transaction.on_commit(lambda: discard_unused_files(change))


def _decide(change: ChangeRequest, status: str, *, by, comment: str, at: datetime) -> None:
    change.status = status
    change.decided_by = by
    change.decided_at = at
    change.comment = comment
    change.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    if status == ChangeRequestStatus.REJECTED:
        transaction.on_commit(lambda: discard_unused_files(change))


def discard_unused_files(change: ChangeRequest) -> None:
    """Deletes the files (photos) a change that will never be applied stored for itself.

    Runs after the decision is committed. A file is kept while anything still names it: the
    live item, a change still waiting (a later edit carries the photo over), or a version in
    the history (a restore brings it back).
    """
    model = change.content_type.model_class()
    for name, value in change.data.items():
        field = _field(model, name)
        if not (isinstance(field, models.FileField) and value):
            continue
        in_use = (
            model._default_manager.filter(**{name: value}).exists()
            or ChangeRequest.objects.pending().for_model(model).filter(**{f"data__{name}": value}).exists()
            or model.history.filter(**{name: value}).exists()
        )
        if not in_use:
            field.storage.delete(value)


def _content_type(item) -> ContentType:
    return ContentType.objects.get_for_model(type(item))


# --- History ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    record: Any  # the simple-history record
    changes: list[FieldChange]

    @property
    def is_first(self) -> bool:
        return self.record.history_type == "+"


def _m2m_pks(model, name: str, rows: Iterable[dict]) -> list[int]:
    target = get_m2m_reverse_field_name(model._meta.get_field(name))
    return sorted(row[target] for row in rows)


def versions(item) -> list[Version]:
    """Every recorded version of the item, newest first, each with what changed from the one before."""
    model = type(item)
    records = list(item.history.select_related("history_user"))
    result = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                old, new = change.old, change.new
                field = _field(model, change.field)
                if field is not None and field.many_to_many:
                    old, new = _m2m_pks(model, change.field, old), _m2m_pks(model, change.field, new)
                changes.append(
                    FieldChange(
                        name=change.field,
                        label=field_label(model, change.field),
                        old=display_value(model, change.field, old),
                        new=display_value(model, change.field, new),
                    )
                )
        result.append(Version(record=record, changes=changes))
    return result


def values_of_version(item, record) -> dict[str, Any]:
    """The content of an earlier version, for restoring it (as a new pending change)."""
    model = type(item)
    tracked_m2m = {f.name for f in getattr(record, "_history_m2m_fields", [])}
    values = {}
    for field in content_fields(model):
        if field.many_to_many:
            if field.name in tracked_m2m:
                rows = getattr(record, field.name).values(*_through_fields(model, field.name))
                values[field.name] = _m2m_pks(model, field.name, rows)
        elif hasattr(record, field.attname):
            value = getattr(record, field.attname)
            values[field.name] = value.name if isinstance(field, models.FileField) and value else value
    return values


def _through_fields(model, name: str) -> list[str]:
    return [get_m2m_reverse_field_name(model._meta.get_field(name))]


# --- Reviews ----------------------------------------------------------------------------


def review_due_on(item) -> date:
    """When the item should next be confirmed accurate: the last check plus its interval."""
    base = item.last_reviewed or timezone.localdate(item.created_at)
    return base + relativedelta(months=item.review_interval_months)


@dataclass(frozen=True)
class ReviewDue:
    item: Any
    due_on: date

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def with_review_due_on(queryset: models.QuerySet) -> models.QuerySet:
    """`review_due_on` worked out by PostgreSQL, as `due_on`, so it can be filtered and sorted.

    Same rule: the last check (or the day it was created, in the council's time zone) plus
    its interval in months. PostgreSQL's `date + interval 'n months'` keeps to the month's
    last day as relativedelta does (31 January + 1 month = 28 or 29 February).
    """
    base = Coalesce("last_reviewed", TruncDate("created_at"))
    months = models.Func(
        "review_interval_months", template="make_interval(months => %(expressions)s)", output_field=DurationField()
    )
    return queryset.annotate(due_on=Cast(ExpressionWrapper(base + months, output_field=DateTimeField()), DateField()))


@dataclass(frozen=True)
class ReviewsDue:
    overdue: list[ReviewDue]
    overdue_count: int
    due_soon: list[ReviewDue]
    due_soon_count: int


def reviews_due(querysets: Iterable[models.QuerySet], *, limit: int, today: date | None = None) -> ReviewsDue:
    """The `limit` most urgent overdue reviews and those due within 30 days, soonest first, and
    how many there are of each: one query a model, whatever the number of items."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=REVIEW_DUE_SOON_DAYS)
    found: dict[bool, list[ReviewDue]] = {True: [], False: []}
    counts = {True: 0, False: 0}
    for queryset in querysets:
        due = with_review_due_on(queryset.only("pk", "name", "last_reviewed", "created_at", "review_interval_months"))
        late = Case(When(due_on__lt=today, then=True), default=False, output_field=BooleanField())
        rows = (
            due.filter(due_on__lte=soon)
            .annotate(
                late=late,
                rank=Window(RowNumber(), partition_by=[late], order_by=[F("due_on"), F("pk")]),
                total=Window(Count("pk"), partition_by=[late]),
            )
            .filter(rank__lte=limit)
        )
        for item in rows:
            found[item.late].append(ReviewDue(item, item.due_on))
            if item.rank == 1:  # every row carries its group's total
                counts[item.late] += item.total

    def most_urgent(late: bool) -> list[ReviewDue]:
        return sorted(found[late], key=lambda r: r.due_on)[:limit]

    return ReviewsDue(most_urgent(True), counts[True], most_urgent(False), counts[False])


# --- Direct edits with an audit trail ---------------------------------------------------


def log_action(*, obj, action: str, by, parent=None, changes: list[FieldChange] = ()) -> None:
    """Records a change made straight to the live site (ADR 0044). Call inside the write's transaction."""
    AuditEntry.objects.create(
        content_type=_content_type(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        parent_type=_content_type(parent) if parent is not None else None,
        parent_id=parent.pk if parent is not None else None,
        action=action,
        changes=[[c.label, c.old, c.new] for c in changes],
        by=by,
    )


def field_changes(before, after, fields: Iterable[str]) -> list[FieldChange]:
    """Old → new for each of `fields` that differs between two instances of the same model."""
    model = type(after)
    rows = []
    for name in fields:
        field = model._meta.get_field(name)
        old = field.value_from_object(before) if before is not None else None
        new = field.value_from_object(after)
        if old != new:
            rows.append(
                FieldChange(
                    name, field_label(model, name), display_value(model, name, old), display_value(model, name, new)
                )
            )
    return rows
