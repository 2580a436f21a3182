from django.conf import settings
from django.core.management.base import BaseCommand

from panels.services import apply_retention


class Command(BaseCommand):
    help = (
        "Remove contact details from old feedback and the identities of long-inactive or declined "
        "panel members (PANEL_RETENTION_MONTHS), and the bodies of emails sent over a week ago. "
        "Idempotent; meant for a daily cron job."
    )

    def handle(self, *args, **options):
        result = apply_retention()
        self.stdout.write(
            f"Retention ({settings.PANEL_RETENTION_MONTHS} months): contact details removed from "
            f"{result['feedback_contact_removed']} feedback items, {result['members_forgotten']} members forgotten, "
            f"{result['email_bodies_cleared']} sent email bodies cleared"
        )
