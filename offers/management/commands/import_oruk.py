from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from offers.oruk.importer import FeedError, import_services, read_api, read_file


class Command(BaseCommand):
    help = (
        "Import services, organisations and locations from an Open Referral UK 3.0 feed (the base URL of its "
        "API, or a JSON file of services). New items become drafts and changes to live ones wait for a "
        "publisher. Safe to run again; a feed that cannot be read changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Like https://example.org/api/oruk or services.json.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, but save nothing.")
        parser.add_argument("--by", metavar="EMAIL", help="The staff account the changes are recorded against.")

    def handle(self, *args, source, dry_run, by, **options):
        user = None
        if by:
            user = get_user_model().objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(f"There is no account for {by}.")
        quiet = options["verbosity"] == 0

        def progress(items, desc="Importing"):
            return tqdm(items, desc=desc, unit="service", disable=quiet, file=self.stderr._out)

        try:
            if source.startswith(("http://", "https://")):
                records = read_api(source, progress=lambda items: progress(items, "Fetching"))
            else:
                records = read_file(source)
        except FeedError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        report = import_services(records, source=source, by=user, dry_run=dry_run, progress=progress)
        for line in report.invalid:
            self.stderr.write(f"Invalid: {line}")
        for line in report.skipped:
            self.stderr.write(f"Skipped: {line}")
        done = "Would have created" if dry_run else "Created"
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {len(records)} services. {done} {report.created} drafts (services and locations), "
                f"proposed {report.proposed} changes, {report.unchanged} unchanged, "
                f"{len(report.invalid)} invalid, {len(report.skipped)} skipped."
            )
        )
