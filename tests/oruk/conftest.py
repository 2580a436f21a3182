import json
from functools import cache
from pathlib import Path

import pytest
from django.core.cache import cache as django_cache
from django.core.management import call_command
from jsonschema import Draft202012Validator, FormatChecker

SCHEMAS = Path(__file__).resolve().parents[2] / "offers" / "oruk" / "schema"
PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / f"{name}.json").read_text()), format_checker=FormatChecker())


def assert_valid(data, schema: str) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(schema).iter_errors(data)]
    assert not errors, errors


def assert_page(data, item_schema: str) -> None:
    assert set(data) == PAGE_FIELDS
    for item in data["contents"]:
        assert_valid(item, item_schema)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    django_cache.clear()
    yield
    django_cache.clear()


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)
