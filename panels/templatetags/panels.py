from django import template
from django.conf import settings

from panels.models import Action, ActionStatus

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
