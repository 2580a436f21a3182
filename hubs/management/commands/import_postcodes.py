import os

from django.core.management.base import BaseCommand, CommandError

from hubs.postcodes import PostcodeImportError, import_postcodes


class Command(BaseCommand):
    help = (
        "Load postcode locations from the ONS Postcode Directory CSV (columns pcds, lat, long and the local "
        "authority code). Safe to run again; a file with an error changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The ONSPD CSV file (the full one is about 2.7 million rows).")
        parser.add_argument(
            "--local-authority",
            action="append",
            default=[],
            metavar="CODE",
            help="Load only postcodes in this local authority (like E06000016). Repeat for neighbours.",
        )
        parser.add_argument(
            "--la-column", help="The local authority code column, if not oslaua or ladNNcd (like lad25cd)."
        )

    def handle(self, *args, file, local_authority, la_column, **options):
        codes = [code for value in local_authority for code in value.split(",")]
        try:
            with open(file, newline="", encoding="utf-8-sig") as csv_file:
                result = import_postcodes(
                    csv_file,
                    local_authorities=codes,
                    la_column=la_column,
                    size=os.path.getsize(file),
                    show_progress=options["verbosity"] > 0,
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not a UTF-8 text file. Nothing was imported.") from None
        except PostcodeImportError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Read {result.rows_read:,} postcodes, kept {result.rows_kept:,}, "
                f"added or changed {result.rows_changed:,}."
            )
        )
