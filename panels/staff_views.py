"""The panel workspace under /manage/panel/: coordinators, the leader, and page owners."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from panels import reports
from panels.forms import (
    ActionForm,
    AskForm,
    DecisionForm,
    MeetingForm,
    ModerationForm,
    PhraseForm,
    PopulationFigureForm,
    SignOffForm,
    ThemeForm,
    equality_label,
)
from panels.models import (
    Action,
    Ask,
    Feedback,
    FeedbackStatus,
    Meeting,
    Member,
    MemberStatus,
    OutboxMessage,
    PopulationFigure,
    SafeguardingPhrase,
    Theme,
)
from panels.services import (
    decide_application,
    delete_feedback,
    log_action,
    moderate_feedback,
    resend_sign_in_link,
    set_member_active,
    sign_off_safeguarding,
)
from startforlife.permissions import has_permission, permission_required


@require_GET
@permission_required("panels.coordinate")
def dashboard(request):
    feedback = Feedback.objects.aggregate(
        new=Count("pk", filter=Q(status=FeedbackStatus.NEW)),
        flagged=Count("pk", filter=Q(safeguarding_flag=True, safeguarding_signed_off_at__isnull=True)),
    )
    context = {
        "feedback": feedback,
        "applications": Member.objects.applications().count(),
        "members": Member.objects.active().count(),
        # Shown loudly: an alert that has not gone is a safeguarding report nobody has read.
        "unsent": OutboxMessage.objects.unsent().select_related("feedback").order_by("created_at"),
    }
    return render(request, "panels/staff/dashboard.html", context)


# --- Feedback ---------------------------------------------------------------------------------


@require_GET
@permission_required("panels.coordinate")
def feedback_queue(request):
    status = request.GET.get("status", FeedbackStatus.NEW)
    items = Feedback.objects.select_related("service", "hub").prefetch_related("themes").queue()
    if status in FeedbackStatus.values:
        items = items.filter(Q(status=status) | Q(safeguarding_flag=True, safeguarding_signed_off_at__isnull=True))
    return render(
        request,
        "panels/staff/feedback_queue.html",
        {"items": items[:200], "status": status, "statuses": FeedbackStatus.choices},
    )


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def feedback_detail(request, pk: int):
    feedback = get_object_or_404(Feedback.objects.select_related("service", "hub"), pk=pk)
    form = ModerationForm(request.POST or None, instance=feedback, initial={"themes": list(feedback.themes.all())})
    if request.method == "POST" and form.is_valid():
        moderate_feedback(feedback=feedback, by=request.user, cleaned=form.cleaned_data)
        messages.success(request, f"Feedback {feedback.reference} saved")
        return redirect("panels_staff:feedback_queue")
    context = {
        "feedback": feedback,
        "form": form,
        "alerts": feedback.outbox.all(),
        "can_sign_off": has_permission(request.user, "panels.sign_off_safeguarding"),
    }
    return render(request, "panels/staff/feedback_detail.html", context)


@require_POST
@permission_required("panels.coordinate")
def feedback_delete(request, pk: int):
    feedback = get_object_or_404(Feedback, pk=pk)
    if not feedback.can_be_deleted:
        raise PermissionDenied("Feedback flagged for safeguarding cannot be deleted")
    delete_feedback(feedback=feedback, by=request.user)
    messages.success(request, f"Feedback {feedback.reference} deleted")
    return redirect("panels_staff:feedback_queue")


@require_http_methods(["GET", "POST"])
@permission_required("panels.sign_off_safeguarding")
def safeguarding_sign_off(request, pk: int):
    feedback = get_object_or_404(Feedback.objects.awaiting_sign_off(), pk=pk)
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sign_off_safeguarding(feedback=feedback, by=request.user, outcome=form.cleaned_data["outcome"])
        messages.success(request, f"Safeguarding concern {feedback.reference} signed off")
        return redirect("panels_staff:safeguarding_list")
    return render(request, "panels/staff/safeguarding_sign_off.html", {"feedback": feedback, "form": form})


@require_GET
@permission_required("panels.sign_off_safeguarding")
def safeguarding_list(request):
    items = Feedback.objects.awaiting_sign_off().select_related("service", "hub").order_by("created_at")
    return render(request, "panels/staff/safeguarding_list.html", {"items": items})


@require_GET
@permission_required("panels.view_feedback_redacted")
def my_feedback(request):
    """Page owners: feedback about what they keep accurate, personal details taken out."""
    items = Feedback.objects.visible_to_editor(request.user).select_related("service", "hub")[:200]
    waiting = Feedback.objects.about_pages_owned_by(request.user).filter(status=FeedbackStatus.NEW).count()
    return render(request, "panels/staff/my_feedback.html", {"items": items, "waiting": waiting})


# --- Managed lists ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def themes(request):
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            theme = form.save()
            log_action(by=request.user, action="added theme", obj=theme, changes={"name": theme.name})
        messages.success(request, f"Theme “{theme.name}” added")
        return redirect("panels_staff:themes")
    items = Theme.objects.annotate(uses=Count("feedback"))
    return render(request, "panels/staff/themes.html", {"form": form, "items": items})


@require_POST
@permission_required("panels.coordinate")
def theme_toggle(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk)
    with transaction.atomic():
        theme.is_active = not theme.is_active
        theme.save(update_fields=["is_active"])
        log_action(by=request.user, action="changed theme", obj=theme, changes={"is_active": theme.is_active})
    return redirect("panels_staff:themes")


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def phrases(request):
    form = PhraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = " ".join(form.cleaned_data["phrase"].casefold().split())
        with transaction.atomic():
            phrase, _ = SafeguardingPhrase.objects.update_or_create(phrase=text, defaults={"is_active": True})
            log_action(by=request.user, action="added safeguarding phrase", obj=phrase, changes={"phrase": text})
        messages.success(request, f"Phrase “{text}” added")
        return redirect("panels_staff:phrases")
    return render(request, "panels/staff/phrases.html", {"form": form, "items": SafeguardingPhrase.objects.all()})


@require_POST
@permission_required("panels.coordinate")
def phrase_toggle(request, pk: int):
    phrase = get_object_or_404(SafeguardingPhrase, pk=pk)
    with transaction.atomic():
        phrase.is_active = not phrase.is_active
        phrase.save(update_fields=["is_active"])
        log_action(
            by=request.user, action="changed safeguarding phrase", obj=phrase, changes={"is_active": phrase.is_active}
        )
    return redirect("panels_staff:phrases")


# --- Members ------------------------------------------------------------------------------------


@require_GET
@permission_required("panels.coordinate")
def applications(request):
    items = Member.objects.applications().order_by("status", "applied_at")
    return render(request, "panels/staff/applications.html", {"items": items})


@require_GET
@permission_required("panels.coordinate")
def roster(request):
    items = Member.objects.roster().order_by("status", "full_name")
    return render(request, "panels/staff/roster.html", {"items": items})


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def member_detail(request, pk: int):
    member = get_object_or_404(Member.objects.exclude(status=MemberStatus.LEFT), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if member.status not in (MemberStatus.APPLIED, MemberStatus.WAITLISTED):
            raise PermissionDenied("This application has been decided")
        if form.is_valid():
            decision = MemberStatus(form.cleaned_data["decision"])
            decide_application(member=member, by=request.user, status=decision, reason=form.cleaned_data["reason"])
            messages.success(request, f"{member.full_name}: {decision.label.lower()}")
            return redirect("panels_staff:applications")
    return render(request, "panels/staff/member_detail.html", {"member": member, "form": form})


@require_POST
@permission_required("panels.coordinate")
def member_set_active(request, pk: int):
    member = get_object_or_404(Member.objects.roster(), pk=pk)
    active = request.POST.get("active") == "yes"
    set_member_active(member=member, by=request.user, active=active)
    messages.success(request, f"{member.full_name} is now {'active' if active else 'inactive'}")
    return redirect("panels_staff:roster")


# --- Asks, meetings and actions: the coordinator's records ------------------------------------


def _edit(request, *, form_class, instance, template: str, success, what: str):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = form.instance.pk is None
            obj = form.save()
            changes = {name: str(form.cleaned_data.get(name)) for name in form.changed_data}
            log_action(by=request.user, action=f"{'added' if created else 'changed'} {what}", obj=obj, changes=changes)
        messages.success(request, f"{what.capitalize()} saved")
        return redirect(success)
    return render(request, template, {"form": form, "object": instance})


@require_GET
@permission_required("panels.coordinate")
def asks(request):
    items = Ask.objects.annotate(answer_count=Count("answers")).order_by("-opens_at")
    return render(request, "panels/staff/asks.html", {"items": items, "members": Member.objects.active().count()})


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def ask_edit(request, pk: int | None = None):
    ask = get_object_or_404(Ask, pk=pk) if pk else Ask()
    return _edit(
        request,
        form_class=AskForm,
        instance=ask,
        template="panels/staff/ask_edit.html",
        success="panels_staff:asks",
        what="question",
    )


@require_GET
@permission_required("panels.coordinate")
def ask_results(request, pk: int):
    ask = get_object_or_404(Ask, pk=pk)
    answers = list(ask.answers.select_related("member").order_by("-safeguarding_flag", "-updated_at"))
    tally = {}
    for answer in answers:
        for choice in answer.selected:
            tally[choice] = tally.get(choice, 0) + 1
        if answer.rating:
            tally[f"{answer.rating} out of 5"] = tally.get(f"{answer.rating} out of 5", 0) + 1
    return render(
        request, "panels/staff/ask_results.html", {"ask": ask, "answers": answers, "tally": sorted(tally.items())}
    )


@require_GET
@permission_required("panels.coordinate")
def meetings(request):
    items = Meeting.objects.annotate(attendance=Count("attendees")).order_by("-starts_at")
    return render(request, "panels/staff/meetings.html", {"items": items})


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def meeting_edit(request, pk: int | None = None):
    meeting = get_object_or_404(Meeting, pk=pk) if pk else Meeting()
    return _edit(
        request,
        form_class=MeetingForm,
        instance=meeting,
        template="panels/staff/meeting_edit.html",
        success="panels_staff:meetings",
        what="meeting",
    )


@require_GET
@permission_required("panels.coordinate")
def actions(request):
    items = Action.objects.select_related("service", "hub").prefetch_related("themes").order_by("status", "-created_at")
    return render(request, "panels/staff/actions.html", {"items": items})


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def action_edit(request, pk: int | None = None):
    action = get_object_or_404(Action, pk=pk) if pk else Action()
    return _edit(
        request,
        form_class=ActionForm,
        instance=action,
        template="panels/staff/action_edit.html",
        success="panels_staff:actions",
        what="action",
    )


@require_http_methods(["GET", "POST"])
@permission_required("panels.coordinate")
def population(request):
    form = PopulationFigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            figure, _ = PopulationFigure.objects.update_or_create(
                question=data["question"],
                answer=data["answer"],
                defaults={"percentage": data["percentage"], "source": data["source"]},
            )
            log_action(by=request.user, action="set population figure", obj=figure, changes={"figure": str(figure)})
        messages.success(request, "Population figure saved")
        return redirect("panels_staff:population")
    figures = [(equality_label(f.question, f.answer), f) for f in PopulationFigure.objects.all()]
    return render(request, "panels/staff/population.html", {"form": form, "figures": figures})


# --- Reports for the Start for Life leader ------------------------------------------------------


def _report_data() -> dict:
    representation, panel_total = reports.representativeness()
    return {
        "by_month": reports.chart(reports.feedback_by_month()),
        "by_service": reports.feedback_by("service__name"),
        "by_hub": reports.feedback_by("hub__name"),
        "by_theme": reports.feedback_by("themes__name"),
        "actions": reports.actions_summary(),
        "asks": reports.ask_response_rates(),
        "representation": representation,
        "panel_total": panel_total,
    }


@require_GET
@permission_required("panels.view_reports")
def reports_page(request):
    return render(request, "panels/staff/reports.html", _report_data())


@require_GET
@permission_required("panels.view_reports")
def reports_csv(request):
    """Aggregates only: no names, no contact details, no individual answers."""
    data = _report_data()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="panel-report.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "item", "count", "average rating or per cent", "local population per cent"])
    for bar in data["by_month"]["bars"]:
        writer.writerow(["feedback by month", bar.label, bar.value, bar.average_rating or "", ""])
    for section, key in (
        ("feedback by service", "by_service"),
        ("feedback by hub", "by_hub"),
        ("by theme", "by_theme"),
    ):
        for bar in data[key]:
            writer.writerow([section, _csv_safe(bar.label), bar.value, bar.average_rating or "", ""])
    for label, count in data["actions"]["rows"]:
        writer.writerow(["you said, we did", label, count, "", ""])
    for ask in data["asks"]:
        writer.writerow(["question response rate", _csv_safe(ask["title"]), ask["answers"], ask["rate"] or "", ""])
    for section in data["representation"]:
        for row in section["rows"]:
            writer.writerow(
                [
                    "panel make-up: " + section["question"],
                    row["label"],
                    row["count"],
                    row["percent"] or "",
                    row["population"] or "",
                ]
            )
    return response


def _csv_safe(value: str) -> str:
    # Spreadsheets run cells that start with these as formulas (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_POST
@permission_required("panels.coordinate")
def member_send_link(request, pk: int):
    member = get_object_or_404(Member.objects.active().filter(user__isnull=False), pk=pk)
    resend_sign_in_link(member=member, by=request.user)
    messages.success(request, f"A new link to set a password is on its way to {member.email}")
    return redirect("panels_staff:member_detail", pk=member.pk)
