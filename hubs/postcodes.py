"""Postcodes: normalising what parents type, loading the ONS Postcode Directory, distances."""

import csv
import math
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from django.db import connection, transaction
from tqdm import tqdm

from hubs.models import Postcode

COMPACT_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")


def normalise_postcode(value: str) -> str | None:
    """ "sw1a1aa" → "SW1A 1AA"; None when it cannot be a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not COMPACT_POSTCODE.fullmatch(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def miles_between(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance (haversine). As the crow flies: close enough to rank hubs."""
    earth_radius_miles = 3958.8
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = math.radians(lat2 - lat1), math.radians(lng2 - lng1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * earth_radius_miles * math.asin(math.sqrt(a))


# --- Importing the ONS Postcode Directory ---

# The ONS marks postcodes without a grid reference (mostly non-geographic ones) this way.
NO_LOCATION_LATITUDE = 99.999999
# The ONSPD names its local authority column after the boundary vintage (lad25cd, ...);
# older releases call it oslaua.
LOCAL_AUTHORITY_COLUMN = re.compile(r"^(oslaua|lad\d{2}cd)$", re.IGNORECASE)


class PostcodeImportError(Exception):
    """The file is not what we expected. Nothing was imported."""


@dataclass
class ImportResult:
    rows_read: int
    rows_kept: int
    rows_changed: int


def _columns(header: list[str], la_column: str | None) -> tuple[int, int, int, int]:
    names = [name.strip().lower() for name in header]
    missing = [name for name in ("pcds", "lat", "long") if name not in names]
    if la_column:
        if la_column.lower() not in names:
            missing.append(la_column)
        la_index = names.index(la_column.lower()) if la_column.lower() in names else -1
    else:
        la_index = next((i for i, name in enumerate(names) if LOCAL_AUTHORITY_COLUMN.match(name)), -1)
        if la_index < 0:
            missing.append("oslaua (or ladNNcd)")
    if missing:
        raise PostcodeImportError(
            f"The file has no {', '.join(missing)} column. Is it the ONS Postcode Directory in CSV format?"
        )
    return names.index("pcds"), names.index("lat"), names.index("long"), la_index


def _number(value: str, column: str, line: int) -> float:
    try:
        number = float(value)
    except ValueError:
        raise PostcodeImportError(f"Line {line}: {column} is {value[:20]!r}, not a number.") from None
    if not math.isfinite(number):
        raise PostcodeImportError(f"Line {line}: {column} is {value[:20]!r}, not a number.")
    return number


def _clean_rows(
    rows: Iterator[list[str]], columns: tuple[int, int, int, int], width: int, only: set[str]
) -> Iterator[tuple[str, float, float, str] | None]:
    """Yields one checked row per input row (None for a row we skip on purpose), or raises."""
    pcds, lat, lng, la = columns
    for line, row in enumerate(rows, start=2):
        if len(row) != width:
            raise PostcodeImportError(f"Line {line} has {len(row)} values, but the header has {width}.")
        local_authority = row[la].strip()
        if only and local_authority not in only:
            yield None
            continue
        postcode = normalise_postcode(row[pcds])
        if postcode is None:
            raise PostcodeImportError(f"Line {line}: {row[pcds][:20]!r} is not a postcode.")
        latitude, longitude = _number(row[lat], "lat", line), _number(row[lng], "long", line)
        if latitude == NO_LOCATION_LATITUDE:
            yield None
            continue
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise PostcodeImportError(f"Line {line}: {latitude}, {longitude} is not a place on Earth.")
        yield postcode, latitude, longitude, local_authority[:9]


def _with_progress(lines: Iterable[str], total: int | None, show: bool) -> Iterator[str]:
    with tqdm(total=total, unit="B", unit_scale=True, desc="Reading", disable=not show) as bar:
        for line in lines:
            bar.update(len(line))
            yield line


def import_postcodes(
    file: TextIO,
    *,
    local_authorities: Iterable[str] = (),
    la_column: str | None = None,
    size: int | None = None,
    show_progress: bool = False,
) -> ImportResult:
    """Load or refresh postcodes from an ONS Postcode Directory CSV, all or nothing.

    The file is read and checked completely into a temporary file first, then loaded with
    PostgreSQL's COPY and merged with one INSERT ... ON CONFLICT in a single transaction:
    2.7 million rows take a minute or two, a bad file changes nothing, and loading the same
    file again changes nothing.
    """
    only = {code.strip().upper() for code in local_authorities if code.strip()}
    reader = csv.reader(_with_progress(file, size, show_progress))
    try:
        header = next(reader)
    except StopIteration:
        raise PostcodeImportError("The file is empty.") from None
    except csv.Error as error:
        raise PostcodeImportError(f"Line 1 is not valid CSV: {error}.") from None
    columns = _columns(header, la_column)

    rows_read = rows_kept = 0
    with tempfile.TemporaryFile("w+", newline="", encoding="utf-8") as checked:
        writer = csv.writer(checked)
        try:
            for row in _clean_rows(reader, columns, len(header), only):
                rows_read += 1
                if row is not None:
                    rows_kept += 1
                    writer.writerow(row)
        except csv.Error as error:
            raise PostcodeImportError(f"Line {reader.line_num} is not valid CSV: {error}.") from None
        checked.seek(0)
        if show_progress:
            tqdm.write(f"Checked {rows_read:,} rows. Saving {rows_kept:,} postcodes to the database…")
        rows_changed = _load(checked)
    return ImportResult(rows_read=rows_read, rows_kept=rows_kept, rows_changed=rows_changed)


def _load(checked: TextIO) -> int:
    table = Postcode._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE postcode_import "
            "(postcode varchar(8), latitude float8, longitude float8, local_authority varchar(9)) ON COMMIT DROP"
        )
        cursor.copy_expert("COPY postcode_import FROM STDIN WITH (FORMAT csv)", checked)
        # DISTINCT ON: a postcode listed twice must not make ON CONFLICT touch a row twice.
        # The WHERE keeps a second import of the same file from rewriting every row.
        cursor.execute(
            f"""
            INSERT INTO {table} (postcode, latitude, longitude, local_authority)
            SELECT DISTINCT ON (postcode) postcode, latitude, longitude, local_authority FROM postcode_import
            ON CONFLICT (postcode) DO UPDATE
            SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                local_authority = EXCLUDED.local_authority
            WHERE ({table}.latitude, {table}.longitude, {table}.local_authority)
                IS DISTINCT FROM (EXCLUDED.latitude, EXCLUDED.longitude, EXCLUDED.local_authority)
            """  # noqa: S608 (the table name is ours, not input)
        )
        changed = cursor.rowcount
        # Dropped now, not only at commit: the import may run inside a longer transaction.
        cursor.execute("DROP TABLE postcode_import")
        return changed
