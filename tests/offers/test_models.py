"""Service fields that the staff workspace edits."""

import pytest
from django import forms

from offers.models import Service
from tests.offers.factories import ServiceFactory

pytestmark = pytest.mark.django_db


class StagesForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["stages", "needs"]


def test_lists_of_choices_edit_as_checkboxes_and_save_as_lists():
    service = ServiceFactory(stages=["baby"], needs=[])

    form = StagesForm({"stages": ["pregnancy", "newborn"], "needs": ["money"]}, instance=service)

    assert isinstance(form.fields["stages"].widget, forms.CheckboxSelectMultiple)
    assert form.is_valid(), form.errors
    form.save()
    service.refresh_from_db()
    assert service.stages == ["pregnancy", "newborn"]
    assert service.needs == ["money"]


def test_an_unknown_choice_is_refused():
    form = StagesForm({"stages": ["teenager"]}, instance=ServiceFactory())

    assert not form.is_valid()
    assert "stages" in form.errors


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (-9, 24, "From pregnancy to 2 years"),
        (0, 12, "From birth to 1 year"),
        (6, 36, "From 6 months to 3 years"),
        (1, None, "From 1 month"),
        (None, None, ""),
    ],
)
def test_the_age_range_reads_in_words(start, end, words):
    assert ServiceFactory.build(min_age_months=start, max_age_months=end).age_range == words
