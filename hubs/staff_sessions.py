"""Staff editing of a hub's timetable sessions: straight to the live timetable, with an audit
trail (ADR 0044). Sessions change weekly and are not an item's accountable content the way a
service or a hub's hours are, so they do not wait for approval."""

import copy
import datetime as dt

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format

from hubs.models import Frequency, Hub, Session, SessionCancellation
from startforlife import workflow
from startforlife.forms import BaseForm, BaseModelForm
from startforlife.models import AuditEntry
from startforlife.staff_forms import _gds_messages, staff_formfield

FIELDS = [
    "title",
    "kind",
    "description",
    "online",
    "service",
    "frequency",
    "week_of_month",
    "starts_on",
    "ends_on",
    "start_time",
    "end_time",
    "stages",
    "audience",
    "booking",
    "booking_details",
    "cost",
]


class SessionForm(BaseModelForm):
    class Meta:
        model = Session
        fields = FIELDS
        formfield_callback = staff_formfield
        labels = {"online": "It happens online (video call)", "service": "Part of a service"}
        widgets = {
            "starts_on": forms.DateInput(format="%Y-%m-%d", attrs={"class": "govuk-input--width-10"}),
            "ends_on": forms.DateInput(format="%Y-%m-%d", attrs={"class": "govuk-input--width-10"}),
            "start_time": forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
            "end_time": forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        }

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.hub = hub
        for name, field in self.fields.items():
            _gds_messages(field, str(field.label or name))
        self.fields["online"].help_text = ""
        self.fields["service"].empty_label = "Not part of a service"
        for name in ("starts_on", "ends_on"):
            self.fields[name].help_text = f"{self.fields[name].help_text} For example, 2026-12-01".strip()
            self.fields[name].error_messages["invalid"] = (
                f"Enter {self.fields[name].label.lower()} as a date, like 2026-12-01"
            )
        for name in ("start_time", "end_time"):
            self.fields[name].help_text = "Use the 24-hour clock, like 09:30 or 13:00."
            self.fields[name].error_messages["invalid"] = (
                f"Enter {self.fields[name].label.lower()} as a time, like 09:30"
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", "The last date must be the same as or after the first date")
        if cleaned.get("frequency") == Frequency.MONTHLY and not cleaned.get("week_of_month"):
            self.add_error("week_of_month", "Select which week of the month")
        return cleaned


def _hub(ws, pk: int) -> Hub:
    return get_object_or_404(ws.model._default_manager.all(), pk=pk)


def session_list(request, ws, pk: int):
    hub = _hub(ws, pk)
    sessions = Session.objects.filter(hub=hub).select_related("service").order_by("starts_on", "start_time")
    audit = (
        AuditEntry.objects.filter(parent_type=workflow._content_type(hub), parent_id=hub.pk)
        .select_related("by")
        .order_by("-at", "-pk")[:50]
    )
    return render(
        request, "hubs/staff/hub_sessions.html", ws.context(request, item=hub, sessions=sessions, audit=audit)
    )


def session_form(request, ws, pk: int, session_pk: int | None = None):
    hub = _hub(ws, pk)
    session = get_object_or_404(Session.objects.filter(hub=hub), pk=session_pk) if session_pk else Session(hub=hub)
    before = copy.copy(session) if session.pk else None
    form = SessionForm(request.POST or None, instance=session, hub=hub)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            changes = workflow.field_changes(before, saved, FIELDS)
            if changes:
                action = "changed" if before else "added"
                workflow.log_action(obj=saved, action=action, by=request.user, parent=hub, changes=changes)
        messages.success(request, f"{saved} saved. Parents see it in the timetable now.")
        return redirect(ws.url("hub_sessions", hub.pk))
    # The heading names the session as saved: a refused form has already changed `session` in memory.
    context = ws.context(request, item=hub, form=form, session=before)
    return render(request, "hubs/staff/session_form.html", context)


def session_delete(request, ws, pk: int, session_pk: int):
    hub = _hub(ws, pk)
    session = get_object_or_404(Session.objects.filter(hub=hub), pk=session_pk)
    with transaction.atomic():
        workflow.log_action(obj=session, action="deleted", by=request.user, parent=hub)
        session.delete()
    messages.success(request, f"{session} deleted. It is no longer in the timetable.")
    return redirect(ws.url("hub_sessions", hub.pk))


# --- Cancelling one date ------------------------------------------------------------------

# Far enough ahead for a planned closure (a bank holiday, the summer), short enough to read.
CANCELLABLE_DAYS = 120


class CancellationForm(BaseForm):
    """Which upcoming date does not run, and why: a choice of the session's own dates, so no
    date can be typed that the session does not have."""

    date = forms.TypedChoiceField(label="Which date is cancelled?", coerce=dt.date.fromisoformat)
    reason = forms.CharField(
        label="Reason parents see",
        max_length=SessionCancellation._meta.get_field("reason").max_length,
        required=False,
        help_text="Optional. For example, 'The hall is being decorated'.",
    )

    def __init__(self, *args, dates: list[dt.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [("", "Choose a date")] + [
            (day.isoformat(), date_format(day, "l j F Y")) for day in dates
        ]
        for name, field in self.fields.items():
            _gds_messages(field, str(field.label or name))
        self.fields["date"].error_messages["required"] = "Select the date that is cancelled"
        self.fields["date"].error_messages["invalid_choice"] = "Select one of the session's upcoming dates"


def _session(ws, pk: int, session_pk: int) -> tuple[Hub, Session]:
    hub = _hub(ws, pk)
    return hub, get_object_or_404(Session.objects.filter(hub=hub), pk=session_pk)


def session_cancellations(request, ws, pk: int, session_pk: int):
    """The session's cancelled dates to come, and a form to cancel one more."""
    hub, session = _session(ws, pk, session_pk)
    today = timezone.localdate()
    cancelled = list(session.cancellations.filter(date__gte=today))
    taken = {c.date for c in cancelled}
    ahead = session.dates_between(today, today + dt.timedelta(days=CANCELLABLE_DAYS))
    dates = [day for day in ahead if day not in taken]
    form = CancellationForm(request.POST or None, dates=dates)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["date"]
        with transaction.atomic():
            cancellation, created = SessionCancellation.objects.get_or_create(
                session=session, date=day, defaults={"reason": form.cleaned_data["reason"]}
            )
            if created:
                when = date_format(day, "j F Y")
                changes = [workflow.FieldChange("cancelled", "Cancelled date", "", f"{when}: {cancellation.reason}")]
                workflow.log_action(obj=session, action="changed", by=request.user, parent=hub, changes=changes)
        messages.success(request, f"{session} on {date_format(day, 'j F Y')} is cancelled. Parents see it now.")
        return redirect(ws.url("session_cancellations", hub.pk, session.pk))
    context = ws.context(request, item=hub, session=session, cancelled=cancelled, form=form)
    return render(request, "hubs/staff/session_cancellations.html", context)


def session_reinstate(request, ws, pk: int, session_pk: int, cancellation_pk: int):
    """Takes a cancellation back: the date runs after all."""
    hub, session = _session(ws, pk, session_pk)
    cancellation = get_object_or_404(session.cancellations.all(), pk=cancellation_pk)
    when = date_format(cancellation.date, "j F Y")
    with transaction.atomic():
        changes = [workflow.FieldChange("cancelled", "Cancelled date", f"{when}: {cancellation.reason}", "")]
        workflow.log_action(obj=session, action="changed", by=request.user, parent=hub, changes=changes)
        cancellation.delete()
    messages.success(request, f"{session} on {when} runs after all. Parents see it now.")
    return redirect(ws.url("session_cancellations", hub.pk, session.pk))
