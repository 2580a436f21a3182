"""Entry points into the offer, as the pages show them: a label, a line under it, a link."""

from django.urls import reverse

from offers.models import NEED_HINTS, Need
from startforlife.stages import STAGE_ENTRY_POINTS


def stage_links() -> list[dict]:
    return [
        {"stage": stage, "label": label, "hint": hint, "url": reverse("offers:stage", kwargs={"stage": stage.value})}
        for stage, (label, hint) in STAGE_ENTRY_POINTS.items()
    ]


def need_links() -> list[dict]:
    return [
        {"need": need, "label": need.label, "hint": NEED_HINTS[need], "url": reverse("offers:need", args=[need.value])}
        for need in Need
    ]
