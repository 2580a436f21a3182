from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from startforlife import demo

# In dependency order: people, hubs, the offer that runs in them, the hubs' timetable of
# sessions (which link to services), then the panel (which gives feedback on both), then a
# change waiting in the staff workspace.
SEEDERS = [
    "startforlife.demo.seed",
    "hubs.demo.seed",
    "offers.demo.seed",
    "hubs.demo.seed_timetable",
    "panels.demo.seed",
    "startforlife.demo.seed_workspace",
]


class Command(BaseCommand):
    help = "Load the fictional Brackenford demo content. Safe to run again: it changes nothing the second time."

    def handle(self, *args, **options):
        with transaction.atomic():
            for path in SEEDERS:
                module, function = path.rsplit(".", 1)
                getattr(import_module(module), function)(log=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo sign-ins (password for all: {demo.DEMO_PASSWORD}):")
        for role, email in demo.logins():
            self.stdout.write(f"  {role:<26} {email}")
        self.stdout.write(
            f"Staff also give a 6-digit code: add this key to an authenticator app: {demo.authenticator_key()}"
        )
