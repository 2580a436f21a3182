from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.http import urlencode

from offers.models import Category, DeliveryWay, Tier
from offers.timeline import LATEST_DUE_DATE, OLDEST_CHILD, OVERDUE_ALLOWANCE
from startforlife.forms import BaseForm
from startforlife.stages import Stage


class GOVUKDateField(DateInputField):
    """A GOV.UK date input whose messages say what is wrong in plain words."""

    def __init__(self, *, name: str, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.error_messages["required"] = f"Enter {name}"
        self.error_messages["incomplete"] = f"Enter {name}"
        for part, sub in zip(("day", "month", "year"), self.fields, strict=True):
            sub.error_messages["incomplete"] = f"{name.capitalize()} must include a {part}"
            sub.validators = []
            sub.max_length = 4
        self.name = name

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            value = [str(v).strip() if v is not None else v for v in value]
            if any(v and not v.isdigit() for v in value):
                raise ValidationError(f"{self.name.capitalize()} must be a real date", code="invalid")
        return super().clean(value)

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.name.capitalize()} must be a real date", code="invalid") from None


class GetForm(BaseForm):
    """A form sent with GET: no CSRF token (it would end up in URLs and logs)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True

    @property
    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the GOV.UK error summary: each links to its field's first input."""
        links = []
        for name, errors in self.errors.items():
            field = self[name] if name in self.fields else None
            anchor = field.auto_id if field else ""
            if field is not None and isinstance(field.field.widget, forms.MultiWidget):
                anchor += "_0"
            elif field is not None and isinstance(field.field.widget, forms.RadioSelect):
                anchor += "_1"  # crispy-forms-gds numbers radios from 1
            links.extend((anchor, error) for error in errors)
        return links


class TimelineForm(GetForm):
    """A due date or a date of birth. Nothing else, and nothing is stored."""

    PREGNANT = "pregnant"
    BORN = "born"

    born = forms.ChoiceField(
        label="Has your baby been born?",
        choices=[(PREGNANT, "No, I'm pregnant (enter your due date)"), (BORN, "Yes (enter their date of birth)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select if your baby has been born"},
    )
    date = GOVUKDateField(
        name="the date",
        label="Due date or date of birth",
        help_text="For example, 27 3 2026",
    )

    def clean(self):
        cleaned = super().clean()
        born, when = cleaned.get("born"), cleaned.get("date")
        if not born or not when:
            return cleaned
        today = timezone.localdate()
        if born == self.PREGNANT:
            if when > today + LATEST_DUE_DATE:
                self.add_error("date", "Due date must be within the next 42 weeks")
            elif when < today - OVERDUE_ALLOWANCE:
                self.add_error(
                    "date", "Due date must be in the future. If your baby has been born, enter their date of birth"
                )
        else:
            if when > today:
                self.add_error("date", "Date of birth must be today or in the past")
            elif when < today - OLDEST_CHILD:
                self.add_error("date", "Date of birth must be within the last 3 years")
        return cleaned

    def dates(self) -> dict[str, date]:
        key = "due_date" if self.cleaned_data["born"] == self.PREGNANT else "birth_date"
        return {key: self.cleaned_data["date"]}


class ManyChoiceField(forms.ChoiceField):
    """A choice among many (300 hubs): checked against a set, and the choices laid out for the
    `<select>` only if it is rendered (the search page keeps it in a cached fragment)."""

    def set_choices(self, empty_label: str, pairs: list[tuple[str, str]]) -> None:
        self.allowed = {value for value, _label in pairs}
        self.choices = lambda: [("", empty_label), *pairs]

    def valid_value(self, value) -> bool:
        return str(value) in self.allowed


class SearchForm(GetForm):
    """The search box and its filters. Every field is optional and they all combine."""

    q = forms.CharField(label="What do you need help with?", required=False, max_length=200)
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "Any stage"), *Stage.choices])
    category = forms.ChoiceField(label="Type of support", required=False, choices=[("", "Any"), *Category.choices])
    tier = forms.ChoiceField(
        label="Who gets it",
        required=False,
        choices=[("", "Any"), (Tier.UNIVERSAL, "Every family (Universal)"), (Tier.UNIVERSAL_PLUS, "Universal+")],
    )
    way = forms.ChoiceField(label="How it is offered", required=False, choices=[("", "Any way"), *DeliveryWay.choices])
    hub = ManyChoiceField(label="Family hub", required=False)
    language = forms.ChoiceField(label="Language", required=False)
    free = forms.BooleanField(label="Free only", required=False)

    FILTERS = ("stage", "category", "tier", "way", "hub", "language", "free")

    def __init__(self, *args, hubs=(), languages=(), **kwargs):
        """`hubs`: (slug, name) pairs; `languages`: names."""
        super().__init__(*args, **kwargs)
        # Rendered field by field (|as_crispy_field), which passes the helper's size as-is.
        self.helper.label_size = Size.for_label(Size.SMALL)
        self.fields["hub"].set_choices("Any hub", list(hubs))
        self.fields["language"].choices = [("", "Any language"), *[(lang, lang) for lang in languages]]
        self.fields["q"].error_messages["max_length"] = "Search must be 200 characters or fewer"

    @property
    def has_filters(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in self.FILTERS)

    @property
    def filter_errors(self) -> bool:
        return any(name in self.errors for name in self.FILTERS) if self.is_bound else False

    def filter_values(self) -> list[str]:
        """The filters chosen (only valid ones), in order: part of the cached fragments' keys."""
        data = getattr(self, "cleaned_data", {})
        return [f"{name}={data[name]}" for name in self.FILTERS if data.get(name)]

    def query_string(self) -> str:
        """The search and valid filters as a query string, for links (pagination)."""
        data = getattr(self, "cleaned_data", {})
        return urlencode([(name, "on" if data[name] is True else data[name]) for name in self.fields if data.get(name)])

    def filter(self, services):
        data = self.cleaned_data
        if data.get("stage"):
            services = services.filter(stages__contains=[data["stage"]])
        if data.get("category"):
            services = services.filter(category=data["category"])
        if data.get("tier"):
            services = services.filter(tier=data["tier"])
        if data.get("way"):
            services = services.filter(delivery_ways__contains=[data["way"]])
        if data.get("hub"):
            services = services.filter(hubs__slug=data["hub"])
        if data.get("language"):
            services = services.filter(languages__contains=[data["language"]])
        if data.get("free"):
            services = services.filter(is_free=True)
        return services
