from django.core.management.base import BaseCommand

from panels.services import send_outbox


class Command(BaseCommand):
    help = "Send queued panel emails (safeguarding alerts first in the queue). Safe to run from cron every minute."

    def handle(self, *args, **options):
        sent, failed = send_outbox()
        self.stdout.write(f"Sent {sent}, failed {failed} (failed ones are retried later)")
