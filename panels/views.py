"""Public pages of the panel (anyone) and the members' own pages (signed-in members)."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubs.models import Hub
from offers.models import Service
from panels.forms import AnswerForm, ApplicationForm, EqualityForm, FeedbackForm
from panels.models import Action, ActionStatus, Answer, Ask, AskKind, EqualityResponse, Meeting, Member, MemberStatus
from panels.services import forget_member, log_action, save_answer, submit_feedback
from startforlife.net import client_ip, over_hourly_limit
from startforlife.permissions import permission_required


def rate_limited(request, scope: str) -> bool:
    """Count this submission against the visitor's address; True once it is over the hourly limit."""
    return over_hourly_limit(f"panels:{scope}", client_ip(request), settings.PANEL_RATE_LIMIT_PER_HOUR)


def _current_member(user) -> Member | None:
    if not user.is_authenticated:
        return None
    return Member.objects.filter(user=user, status=MemberStatus.ACTIVE).first()


@login_not_required
@require_GET
def about(request):
    return render(request, "panels/about.html", {"member": _current_member(request.user)})


@login_not_required
@require_http_methods(["GET", "POST"])
def feedback(request):
    # What the feedback is about comes from the link on a published page; unknown → general.
    about = None
    if slug := request.GET.get("service"):
        about = Service.objects.published().filter(slug=slug).first()
    elif slug := request.GET.get("hub"):
        about = Hub.objects.published().filter(slug=slug).first()

    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam():
            # Look like success to the bot; save nothing.
            return redirect("panels:feedback_received")
        if form.is_valid():
            if rate_limited(request, "feedback"):
                return render(request, "panels/rate_limited.html", status=429)
            data = form.feedback_data()
            data["service" if isinstance(about, Service) else "hub"] = about
            result = submit_feedback(
                submission_token=form.cleaned_data["submission_token"],
                data=data,
                member=_current_member(request.user),
            )
            request.session["panel_feedback_reference"] = result.feedback.reference
            if result.feedback.safeguarding_flag:
                return redirect("panels:feedback_worried")
            return redirect("panels:feedback_received")
    return render(request, "panels/feedback.html", {"form": form, "about": about})


@login_not_required
@require_GET
def feedback_received(request):
    return render(
        request, "panels/feedback_received.html", {"reference": request.session.get("panel_feedback_reference")}
    )


@login_not_required
@require_GET
def feedback_worried(request):
    return render(
        request, "panels/feedback_worried.html", {"reference": request.session.get("panel_feedback_reference")}
    )


# --- Joining ----------------------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam():
            return redirect("panels:join_done")
        if form.is_valid():
            if rate_limited(request, "join"):
                return render(request, "panels/rate_limited.html", status=429)
            token = str(form.cleaned_data["submission_token"])
            if request.session.get("panel_join_submission") == token:
                # The same form sent twice: the first one already made the application.
                return redirect("panels:join_equality")
            with transaction.atomic():
                member = form.save(commit=False)
                member.privacy_notice_version = settings.PANEL_PRIVACY_NOTICE_VERSION
                member.consented_at = timezone.now()
                member.save()
                log_action(by=None, action="applied", obj=member)
            request.session["panel_join_submission"] = token
            request.session["panel_equality_token"] = member.equality_token
            return redirect("panels:join_equality")
    return render(request, "panels/join.html", {"form": form, "privacy_version": settings.PANEL_PRIVACY_NOTICE_VERSION})


@login_not_required
@require_http_methods(["GET", "POST"])
def join_equality(request):
    """Optional, after applying: the only way in is the token kept in this browser's session."""
    token = request.session.get("panel_equality_token")
    if not token:
        return redirect("panels:join")
    instance = EqualityResponse.objects.filter(token=token).first() or EqualityResponse(token=token)
    form = EqualityForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        del request.session["panel_equality_token"]
        return redirect("panels:join_done")
    return render(request, "panels/join_equality.html", {"form": form})


@login_not_required
@require_GET
def join_done(request):
    request.session.pop("panel_equality_token", None)
    return render(request, "panels/join_done.html")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The one-time link a new member gets by email (ADR 0033)."""

    template_name = "panels/set_password.html"
    success_url = reverse_lazy("sign_in")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, "Your password is set. Sign in with your email address and new password.")
        return super().form_valid(form)


set_password = login_not_required(SetPasswordView.as_view())


# --- "You said, we did" -------------------------------------------------------------------------


@login_not_required
@require_GET
def you_said_we_did(request):
    actions = (
        Action.objects.public()
        .select_related("service", "hub")
        .prefetch_related("themes")
        .order_by("status", "-changed_on", "-created_at")
    )
    groups = [(status.label, [a for a in actions if a.status == status]) for status in ActionStatus]
    return render(request, "panels/you_said_we_did.html", {"groups": [g for g in groups if g[1]]})


# --- Members' own pages -----------------------------------------------------------------------


def _member_or_404(request) -> Member:
    member = _current_member(request.user)
    if member is None:
        raise Http404("No active panel membership")
    return member


@require_GET
@permission_required("panels.take_part")
def member_home(request):
    member = _member_or_404(request)
    now = timezone.now()
    answered = set(member.answers.values_list("ask_id", flat=True))
    context = {
        "member": member,
        "asks": [(ask, ask.pk in answered) for ask in Ask.objects.open(now).order_by("closes_at")],
        "meetings": Meeting.objects.filter(starts_at__gte=now).order_by("starts_at")[:5],
        "past_meetings": Meeting.objects.filter(starts_at__lt=now).exclude(minutes="").order_by("-starts_at")[:3],
    }
    return render(request, "panels/member_home.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("panels.take_part")
def answer_ask(request, pk: int):
    member = _member_or_404(request)
    # Only open asks: once closed, answers can no longer change.
    ask = get_object_or_404(Ask.objects.open().select_related("service", "hub"), pk=pk)
    answer = Answer.objects.filter(ask=ask, member=member).first()
    initial = {}
    if answer:
        initial = {"text": answer.text, "rating": answer.rating}
        initial["selected"] = answer.selected[0] if ask.kind == AskKind.SINGLE and answer.selected else answer.selected
    form = AnswerForm(request.POST or None, ask=ask, initial=initial)
    if request.method == "POST" and form.is_valid():
        answer = save_answer(
            ask=ask, member=member, values=form.answer_values(), worried=form.cleaned_data["worried_about_child"]
        )
        if answer.safeguarding_flag:
            request.session.pop("panel_feedback_reference", None)
            return redirect("panels:feedback_worried")
        messages.success(request, f"Your answer to “{ask.title}” is saved. You can change it until it closes.")
        return redirect("panels:member_home")
    return render(request, "panels/answer_ask.html", {"ask": ask, "form": form, "answered": answer is not None})


@require_GET
@permission_required("panels.take_part")
def member_data(request):
    """Everything we hold that identifies this member, as JSON (their right of access).

    Equality answers are included: they are this person's own, even though no one else
    may see them individually.
    """
    member = _member_or_404(request)
    equality = EqualityResponse.objects.filter(token=member.equality_token).values(
        "parent_role", "age_band", "ethnicity", "disability", "lgbt", "first_language"
    )
    data = {
        "member": {
            "full_name": member.full_name,
            "email": member.email,
            "phone": member.phone,
            "connection": member.get_connection_display(),
            "area": member.get_area_display(),
            "access_needs": member.access_need_labels(),
            "access_needs_other": member.access_needs_other,
            "preferred_language": member.preferred_language,
            "status": member.get_status_display(),
            "applied_at": member.applied_at.isoformat(),
            "privacy_notice_version": member.privacy_notice_version,
            "consented_at": member.consented_at.isoformat(),
        },
        "equality_monitoring": list(equality),
        "answers": [
            {"ask": a.ask.title, "text": a.text, "selected": a.selected, "rating": a.rating}
            for a in member.answers.select_related("ask")
        ],
        "feedback": [
            {
                "reference": f.reference,
                "created_at": f.created_at.isoformat(),
                "text": f.full_text(),
                "rating": f.rating,
            }
            for f in member.feedback.all()
        ],
        "meetings_attended": [m.title for m in member.meetings_attended.all()],
    }
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-panel-data.json"'
    return response


@require_GET
@permission_required("panels.take_part")
def leave(request):
    return render(request, "panels/leave.html", {"member": _member_or_404(request)})


@require_POST
@permission_required("panels.take_part")
def leave_confirm(request):
    member = _member_or_404(request)
    forget_member(member=member, by=None, reason="left the panel")
    logout(request)
    messages.success(request, "You have left the panel. We have deleted your details. Thank you for taking part.")
    return redirect(reverse("panels:about"))
