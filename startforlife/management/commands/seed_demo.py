from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from startforlife import demo

# In dependency order: people, then hubs, then the offer that runs in them, then the panel.
SEEDERS = ["startforlife.demo", "hubs.demo", "offers.demo", "panels.demo"]


class Command(BaseCommand):
    help = "Load the fictional Brackenford demo content. Safe to run again: it changes nothing the second time."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in SEEDERS:
                import_module(module).seed(log=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo sign-ins (password for all: {demo.DEMO_PASSWORD}):")
        for role, email in demo.logins():
            self.stdout.write(f"  {role:<26} {email}")
