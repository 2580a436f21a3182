"""Staff editing of a hub's opening times: weekly hours and closures, approved like a field.

The hub's `OpeningPeriod` and `Closure` rows travel in a `ChangeRequest` as one value,
"opening_times" (ADR 0043), so an editor's change to a live hub's hours reaches parents only
when a publisher approves it, and the publisher reads it in the same diff as the fields.
"""

import datetime as dt

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html

from hubs.models import Closure, OpeningPeriod, Weekday
from hubs.times import format_time
from startforlife import workflow, workspace
from startforlife.forms import BaseForm

SLOTS = (1, 2)  # a day may close for lunch: two periods
BLANK_CLOSURES = 3
TIME_HINT = "Use the 24-hour clock, like 09:00 or 13:30."


class OpeningTimes(workflow.RelatedContent):
    name = "opening_times"
    label = "Opening times and closures"

    def read(self, hub) -> dict[str, list]:
        periods = OpeningPeriod.objects.filter(hub=hub).order_by("weekday", "opens")
        closures = Closure.objects.filter(hub=hub).order_by("starts_on", "ends_on")
        return {
            "periods": [[p.weekday, p.opens.strftime("%H:%M"), p.closes.strftime("%H:%M")] for p in periods],
            "closures": [[c.starts_on.isoformat(), c.ends_on.isoformat(), c.reason] for c in closures],
        }

    def write(self, hub, value: dict[str, list]) -> None:
        OpeningPeriod.objects.filter(hub=hub).delete()
        Closure.objects.filter(hub=hub).delete()
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(hub=hub, weekday=day, opens=dt.time.fromisoformat(o), closes=dt.time.fromisoformat(c))
            for day, o, c in value.get("periods", [])
        )
        Closure.objects.bulk_create(
            Closure(hub=hub, starts_on=dt.date.fromisoformat(s), ends_on=dt.date.fromisoformat(e), reason=reason)
            for s, e, reason in value.get("closures", [])
        )

    def show(self, value: dict[str, list]) -> str:
        lines = []
        for day in Weekday:
            times = [
                f"{format_time(dt.time.fromisoformat(o))} to {format_time(dt.time.fromisoformat(c))}"
                for d, o, c in value.get("periods", [])
                if d == day.value
            ]
            lines.append(f"{day.label}: {', '.join(times) if times else 'closed'}")
        for starts, ends, reason in value.get("closures", []):
            first, last = dt.date.fromisoformat(starts), dt.date.fromisoformat(ends)
            when = f"{first:%-d %B %Y}" if first == last else f"{first:%-d %B %Y} to {last:%-d %B %Y}"
            lines.append(f"Closed {when}: {reason}")
        return "\n".join(lines)


OPENING_TIMES = OpeningTimes()


class OpeningTimesForm(BaseForm):
    """Two periods for each weekday and the closures not yet over, plus a few blank rows."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, value: dict[str, list], today: dt.date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        closures = [c for c in value.get("closures", []) if dt.date.fromisoformat(c[1]) >= self.today]
        # Closures already over are kept as they are; the form shows only those to come.
        self.past_closures = [c for c in value.get("closures", []) if dt.date.fromisoformat(c[1]) < self.today]
        self.closure_rows = len(closures) + BLANK_CLOSURES
        initial = kwargs.pop("initial", {})
        for day in Weekday:
            periods = [p for p in value.get("periods", []) if p[0] == day.value]
            for slot, (_, opens, closes) in zip(SLOTS, periods, strict=False):
                initial[f"{day.name.lower()}_{slot}_opens"] = opens
                initial[f"{day.name.lower()}_{slot}_closes"] = closes
        for row, (starts, ends, reason) in enumerate(closures):
            initial |= {
                f"closure_{row}_starts_on": starts,
                f"closure_{row}_ends_on": ends,
                f"closure_{row}_reason": reason,
            }
        super().__init__(*args, initial=initial, **kwargs)

        layout = [
            Field("version"),
            HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', "Weekly opening hours")),
            HTML(format_html('<p class="govuk-body">{}</p>', f"Leave a day empty if the hub is closed. {TIME_HINT}")),
        ]
        for day in Weekday:
            names = []
            for slot in SLOTS:
                again = "" if slot == 1 else " again (after a break)"
                for end in ("opens", "closes"):
                    name = f"{day.name.lower()}_{slot}_{end}"
                    self.fields[name] = _time_field(f"{end.capitalize()}{again}", day.label, end)
                    names.append(name)
            layout.append(Fieldset(*names, legend=day.label, legend_size=Size.SMALL))
        layout.append(HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', "Closures")))
        layout.append(
            HTML(
                format_html(
                    '<p class="govuk-body">{}</p>',
                    "Days the hub is closed although its weekly hours say open. Clear a closure's boxes to remove it.",
                )
            )
        )
        for row in range(self.closure_rows):
            self.fields[f"closure_{row}_starts_on"] = _date_field("First day closed", row)
            self.fields[f"closure_{row}_ends_on"] = _date_field("Last day closed", row)
            self.fields[f"closure_{row}_reason"] = forms.CharField(
                label="Reason parents see",
                required=False,
                max_length=200,
                help_text="Like Bank holiday or Staff training.",
                error_messages={"max_length": f"The reason for closure {row + 1} must be 200 characters or fewer"},
            )
            names = [f"closure_{row}_{part}" for part in ("starts_on", "ends_on", "reason")]
            layout.append(Fieldset(*names, legend=f"Closure {row + 1}", legend_size=Size.SMALL))
        self.helper.layout = Layout(*layout)

    def clean(self):
        cleaned = super().clean()
        for day in Weekday:
            key = day.name.lower()
            previous_close = None
            for slot in SLOTS:
                opens, closes = cleaned.get(f"{key}_{slot}_opens"), cleaned.get(f"{key}_{slot}_closes")
                if f"{key}_{slot}_opens" in self.errors or f"{key}_{slot}_closes" in self.errors:
                    continue
                if opens and not closes:
                    self.add_error(f"{key}_{slot}_closes", f"Enter the time it closes on {day.label}")
                elif closes and not opens:
                    self.add_error(f"{key}_{slot}_opens", f"Enter the time it opens on {day.label}")
                elif opens and closes and closes <= opens:
                    self.add_error(f"{key}_{slot}_closes", f"The closing time on {day.label} must be after it opens")
                elif opens and previous_close and opens < previous_close:
                    self.add_error(f"{key}_{slot}_opens", f"On {day.label}, it must open again after it first closes")
                if closes:
                    previous_close = closes
        for row in range(self.closure_rows):
            names = [f"closure_{row}_{part}" for part in ("starts_on", "ends_on", "reason")]
            if any(name in self.errors for name in names):
                continue
            starts, ends, reason = (cleaned.get(name) for name in names)
            if not (starts or ends or reason):
                continue
            number = row + 1
            if not starts:
                self.add_error(names[0], f"Enter the first day of closure {number}")
            if not ends:
                self.add_error(names[1], f"Enter the last day of closure {number}")
            if not reason:
                self.add_error(names[2], f"Enter the reason for closure {number}")
            if starts and ends and ends < starts:
                self.add_error(names[1], f"The last day of closure {number} must be the same as or after the first")
        return cleaned

    def value(self) -> dict[str, list]:
        """The opening times as `OpeningTimes` stores them in a change."""
        data = self.cleaned_data
        periods = []
        for day in Weekday:
            for slot in SLOTS:
                opens, closes = (
                    data.get(f"{day.name.lower()}_{slot}_opens"),
                    data.get(f"{day.name.lower()}_{slot}_closes"),
                )
                if opens and closes:
                    periods.append([day.value, opens.strftime("%H:%M"), closes.strftime("%H:%M")])
        closures = [*self.past_closures]
        for row in range(self.closure_rows):
            starts, ends = data.get(f"closure_{row}_starts_on"), data.get(f"closure_{row}_ends_on")
            if starts and ends:
                closures.append([starts.isoformat(), ends.isoformat(), data[f"closure_{row}_reason"]])
        return {"periods": sorted(periods), "closures": sorted(closures)}


def _time_field(label: str, day: str, end: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": f"Enter the time it {end} on {day} as a time, like 09:00 or 13:30"},
    )


def _date_field(label: str, row: int) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text="For example, 2026-12-25",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"class": "govuk-input--width-10"}),
        error_messages={"invalid": f"Enter the {label.lower()} of closure {row + 1} as a date, like 2026-12-25"},
    )


def current_value(hub, pending) -> dict[str, list]:
    """The opening times the form starts from: the waiting change's, or the live ones."""
    if pending and OPENING_TIMES.name in pending.data:
        return pending.data[OPENING_TIMES.name]
    return OPENING_TIMES.read(hub)


def edit(request, ws: "workspace.Workspace", pk: int):
    """The opening times page: shows the live (or waiting) times, saves like the edit form."""
    hub = get_object_or_404(ws.model._default_manager.all(), pk=pk)
    pending = workflow.pending_change(hub)
    form = OpeningTimesForm(request.POST or None, value=current_value(hub, pending))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = workflow.save_edit(
                item=hub,
                values={OPENING_TIMES.name: form.value()},
                token=form.cleaned_data["version"],
                by=request.user,
                publish_now="publish" in request.POST and ws.can(request.user, "publish"),
            )
        except workflow.StaleEdit:
            form.add_error(None, workspace.STALE_MESSAGE.format(noun=ws.noun))
        else:
            messages.success(request, workspace.outcome_message(outcome, ws))
            return redirect(ws.item_url("detail", hub))
    elif request.method != "POST":
        form.initial["version"] = workflow.edit_token(hub, pending)
    return render(request, "hubs/staff/hub_hours.html", ws.context(request, form=form, item=hub, pending=pending))
