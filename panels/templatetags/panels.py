from django import template
from django.conf import settings
from django.urls import reverse

from panels.models import Action, ActionStatus
from startforlife.permissions import has_permission

register = template.Library()


@register.simple_tag
def safeguarding_contacts() -> dict:
    return {
        "mash_phone": settings.PANEL_MASH_PHONE,
        "mash_hours": settings.PANEL_MASH_HOURS,
        "emergency_duty_phone": settings.PANEL_EMERGENCY_DUTY_PHONE,
    }


@register.simple_tag
def changes_after_feedback(service, limit: int = 5) -> list:
    """Public "you said, we did" entries that changed this service: one query."""
    return list(
        Action.objects.public()
        .filter(service=service)
        .exclude(status=ActionStatus.NOT_POSSIBLE)
        .order_by("-changed_on", "-created_at")[:limit]
    )


@register.simple_tag
def panel_workspace_links(user) -> list[tuple[str, str]]:
    """The panel links a member of staff may follow, for the staff dashboard."""
    links = [
        ("panels.coordinate", "Run the Parent and Carer Panel", "panels_staff:dashboard"),
        ("panels.view_reports", "Parent and Carer Panel report", "panels_staff:reports"),
        ("panels.sign_off_safeguarding", "Safeguarding concerns to sign off", "panels_staff:safeguarding_list"),
        ("panels.view_feedback_redacted", "Feedback about your pages", "panels_staff:my_feedback"),
    ]
    return [(label, reverse(name)) for permission, label, name in links if has_permission(user, permission)]
