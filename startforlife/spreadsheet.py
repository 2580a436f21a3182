"""CSV export and import of services and hubs, driven by the edit form's fields.

Import is two steps: `check_import()` reads every row through the same ModelForm the edit
page uses and lists every problem by row and column; `apply_import()` saves all rows in one
transaction, or none. Rows for existing items become pending changes like any other edit;
rows with a new slug become drafts.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models, transaction
from django.utils import timezone

from startforlife import workflow
from startforlife.models import ChangeRequestSource

KEY = "slug"
STATE_COLUMN = "publication_state"  # exported for information, ignored on import
LIST_SEPARATOR = ";"
# A cell starting with one of these runs as a formula in spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(form_class) -> list[str]:
    """Every field of the edit form except files (photos are uploaded on the edit page)."""
    names = [
        f.name
        for f in workflow.content_fields(form_class._meta.model)
        if f.name in form_class.base_fields and not isinstance(f, models.FileField)
    ]
    return [KEY, *[n for n in names if n != KEY], STATE_COLUMN]


def _cell(model, name: str, value: Any) -> str:
    field = model._meta.get_field(name)
    if value is None:
        return ""
    if field.many_to_many:  # the related objects themselves (prefetched by the caller)
        return LIST_SEPARATOR.join(sorted(str(getattr(obj, KEY, obj.pk)) for obj in value))
    if isinstance(value, list):  # an array field: stages, languages, ...
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_csv(form_class, items) -> str:
    model = form_class._meta.model
    names = columns(form_class)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for item in items:
        row = []
        for name in names:
            if name == STATE_COLUMN:
                row.append(item.publication_state)
            elif model._meta.get_field(name).many_to_many:
                row.append(_cell(model, name, getattr(item, name).all()))
            else:
                row.append(_cell(model, name, workflow.current_value(item, model._meta.get_field(name))))
        writer.writerow(row)
    return out.getvalue()


@dataclass
class ImportRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    slug: str
    item: Any = None  # the existing item, or None for a new draft
    values: dict = field(default_factory=dict)
    changes: list = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.item is None:
            return "New draft"
        return (
            f"{len(self.changes)} field{'s' if len(self.changes) != 1 else ''} to approve"
            if self.changes
            else "No change"
        )


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass
class ImportCheck:
    rows: list[ImportRow]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _uncell(text: str) -> str:
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _form_data(form) -> dict[str, Any]:
    """An item's current values in the shape a bound form expects."""
    data = {}
    for name in form.fields:
        if name == "version":
            continue
        value = form[name].value()
        data[name] = "" if value is None else value
    return data


def check_import(form_class, content: str) -> ImportCheck:
    model = form_class._meta.model
    known = columns(form_class)
    reader = csv.DictReader(io.StringIO(content))
    problems: list[Problem] = []
    header = reader.fieldnames or []
    if KEY not in header:
        return ImportCheck([], [Problem(1, KEY, f"Add a column called {KEY}")])
    for name in header:
        if name not in known:
            problems.append(
                Problem(1, name or "(blank)", f"Remove the column {name!r}: it is not one of {', '.join(known)}")
            )
    if problems:
        return ImportCheck([], problems)

    rows: list[ImportRow] = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            problems.append(Problem(number, "(extra cells)", "Remove the cells after the last column"))
            continue
        cells = {name: _uncell(value or "") for name, value in raw.items() if name != STATE_COLUMN}
        slug = cells[KEY]
        if slug in seen:
            problems.append(Problem(number, KEY, f"Use each {KEY} once: {slug!r} is in an earlier row"))
            continue
        seen.add(slug)
        item = model._default_manager.filter(**{KEY: slug}).first() if slug else None
        if item is not None and workflow.pending_change(item):
            problems.append(
                Problem(number, KEY, f"{item} has a change waiting for approval: approve it or send it back first")
            )
            continue
        # Columns left out keep the item's values (a new item's defaults).
        data = _form_data(form_class(instance=item or model()))
        for name, value in cells.items():
            field_ = model._meta.get_field(name)
            if field_.many_to_many:
                wanted = [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
                found = dict(
                    field_.related_model._default_manager.filter(**{f"{KEY}__in": wanted}).values_list(KEY, "pk")
                )
                for missing in [w for w in wanted if w not in found]:
                    problems.append(
                        Problem(number, name, f"There is no {field_.related_model._meta.verbose_name} {missing!r}")
                    )
                data[name] = [found[w] for w in wanted if w in found]
            elif isinstance(field_, ArrayField):
                parts = [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
                form_field = form_class.base_fields[name]
                data[name] = parts if isinstance(form_field, forms.MultipleChoiceField) else ",".join(parts)
            else:
                data[name] = value
        form = form_class(data, instance=item or model())
        if not form.is_valid():
            for name, errors in form.errors.items():
                for error in errors:
                    problems.append(Problem(number, name if name != "__all__" else "(row)", error))
            continue
        values = form.proposed_values()
        row = ImportRow(number=number, slug=slug, item=item, values=values)
        if item is not None:
            row.changes = workflow.diff(item, workflow.proposed_data(item, values))
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(2, KEY, "The file has no rows to import"))
    return ImportCheck(rows, problems)


def apply_import(form_class, content: str, *, by) -> int:
    """Saves every row, in one transaction, or nothing.

    Raises `workflow.StaleEdit` if the file is no longer valid (someone changed an item since).
    """
    model = form_class._meta.model
    with transaction.atomic():
        check = check_import(form_class, content)
        if not check.ok:  # something changed since the preview (another import, an edit)
            raise workflow.StaleEdit
        saved = 0
        for row in check.rows:
            if row.item is None:
                workflow.create_draft(model=model, values=row.values, by=by)
                saved += 1
            elif workflow.propose(item=row.item, values=row.values, by=by, source=ChangeRequestSource.IMPORT):
                saved += 1
        return saved
