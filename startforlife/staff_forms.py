"""Forms shared by the staff pages of services and hubs.

`ItemForm` is a ModelForm that excludes the system fields rather than listing fields, so a
field the offers or hubs apps add to their model appears in the edit form (and flows through
approval, history and CSV) without a change here.
"""

import secrets
from pathlib import PurePath
from typing import Any

from crispy_forms_gds.layout import HTML, Field, Layout
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.html import format_html
from django.utils.text import capfirst

from startforlife import workflow
from startforlife.forms import BaseForm, BaseModelForm
from startforlife.models import User
from startforlife.permissions import MATRIX

DATETIME_HINT = "For example, 2026-12-01 09:00"


# Uploaded photos: anything bigger is almost certainly a camera original, not a web photo.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A choice field with this many options or fewer is shown as radios rather than a select.
MAX_RADIOS = 6


class PhotoInput(forms.ClearableFileInput):
    """A file input in GOV.UK markup: the current photo, a "remove" checkbox, the upload."""

    template_name = "startforlife/widgets/photo_input.html"

    def __init__(self, attrs=None):
        super().__init__({"class": "govuk-file-upload", "accept": "image/jpeg,image/png,image/webp", **(attrs or {})})


def staff_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """The form field staff get for a model field: checkboxes for lists of choices and links,
    radios for short choices, a plain date-and-time box, a GOV.UK photo upload."""
    if isinstance(db_field, ArrayField):
        if db_field.base_field.choices:
            return forms.MultipleChoiceField(
                choices=db_field.base_field.choices,
                widget=forms.CheckboxSelectMultiple,
                required=not db_field.blank,
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
            )
        field = db_field.formfield(**kwargs)
        field.help_text = f"{db_field.help_text} Separate them with commas.".strip()
        return field
    if db_field.many_to_many:
        kwargs["widget"] = forms.CheckboxSelectMultiple
    elif isinstance(db_field, models.DateTimeField):
        kwargs["widget"] = forms.DateTimeInput(format="%Y-%m-%d %H:%M", attrs={"class": "govuk-input--width-20"})
    elif isinstance(db_field, models.ImageField):
        kwargs["widget"] = PhotoInput
    elif isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # "www.example.org" means https (Django 6's default too)
    elif db_field.choices and len(db_field.choices) <= MAX_RADIOS and not db_field.blank:
        kwargs["widget"] = forms.RadioSelect
    return db_field.formfield(**kwargs)


class ItemForm(BaseModelForm):
    """Every content field of the model, laid out in the groups the app's form names.

    `groups` is a list of (heading, field names). A field no group names is still shown, in
    "Other details" at the end, so a field the app adds later is never left out of the form.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    groups: list[tuple[str, list[str]]] = []

    class Meta:
        exclude = workflow.SYSTEM_FIELDS
        formfield_callback = staff_formfield

    def __init__(self, *args, **kwargs):
        model = self._meta.model
        # Set before the crispy helper lays the fields out (in super().__init__).
        self.field_order = [f.name for f in workflow.content_fields(model)]
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == "version":
                continue
            _gds_messages(field, str(field.label or name))
            if isinstance(field.widget, forms.NumberInput):
                field.widget.attrs.setdefault("class", "govuk-input--width-5")
            if isinstance(field, forms.SlugField) and not field.help_text:
                field.help_text = "Part of the web address: lowercase letters, numbers and hyphens, like toy-library."
            if isinstance(field, forms.DateTimeField):
                field.help_text = f"{field.help_text} {DATETIME_HINT}".strip()
        # ModelForm takes the model's unique error from the form field's messages.
        for f in model._meta.concrete_fields:
            if f.unique and f.name in self.fields:
                self.fields[f.name].error_messages["unique"] = (
                    f"Another {model._meta.verbose_name} already uses this {f.verbose_name}"
                )
        self.helper.layout = self._layout()

    def _layout(self) -> Layout:
        parts: list = [Field("version")]
        placed = {"version"}
        leftover = [name for name in self.fields if name not in placed | {n for _, ns in self.groups for n in ns}]
        for heading, names in [*self.groups, ("Other details", leftover)]:
            names = [name for name in names if name in self.fields and name not in placed]
            if names:
                parts += [HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', heading)), *names]
                placed.update(names)
        return Layout(*parts)

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, UploadedFile) and value.size > MAX_UPLOAD_BYTES:
                self.add_error(name, "The selected file must be smaller than 5MB")
            elif isinstance(self.fields[name], forms.MultipleChoiceField) and isinstance(value, list):
                cleaned[name] = _keep_order(getattr(self.instance, name, None) or [], value)
        return cleaned

    def proposed_values(self) -> dict[str, Any]:
        """The model values this form would save, keyed by field name (many-to-many as keys)."""
        values = {}
        for field in workflow.content_fields(self._meta.model):
            if field.name not in self.fields:
                continue
            if field.many_to_many:
                values[field.name] = sorted(obj.pk for obj in self.cleaned_data[field.name])
            elif isinstance(field, models.FileField) and isinstance(self.cleaned_data.get(field.name), UploadedFile):
                values[field.name] = store_pending_file(self.instance, field, self.cleaned_data[field.name])
            else:
                values[field.name] = workflow.current_value(self.instance, field)
        return values


def _keep_order(before: list, ticked: list) -> list:
    """Checkboxes post in the order of the choices; a list keeps its own order ("the first
    need is the main one"), so ticked values already there stay where they were."""
    return [v for v in before if v in ticked] + [v for v in ticked if v not in before]


def store_pending_file(item, field: models.FileField, upload: UploadedFile) -> str:
    """Stores an uploaded file now, under a new unguessable name, and returns that name.

    A proposal must not touch the live row, so only the name waits in the change for approval
    (ADR 0043); parents keep seeing the old file until a publisher approves the new one.
    """
    suffix = PurePath(upload.name).suffix.lower()[:10]
    name = field.generate_filename(item, f"{secrets.token_urlsafe(12)}{suffix}")
    return field.storage.save(name, upload)


def _gds_messages(field: forms.Field, label: str) -> None:
    lower = label[:1].lower() + label[1:]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.ModelMultipleChoiceField):
        field.error_messages["required"] = f"Select {lower}"
        field.error_messages["invalid_choice"] = f"Select {lower} from the list"  # noqa: S608 (not SQL)
    else:
        field.error_messages["required"] = f"Enter {lower}"
    if isinstance(field, forms.CharField) and field.max_length:
        field.error_messages["max_length"] = f"{label} must be {field.max_length} characters or fewer"
    if isinstance(field, forms.ImageField):
        field.error_messages["invalid_image"] = "The selected file must be a JPG, PNG or WEBP photo"
        field.error_messages["empty"] = "The selected file is empty"
    if isinstance(field, forms.DateTimeField):
        field.error_messages["invalid"] = f"Enter {lower} as a date and time, like 2026-12-01 09:00"
    elif isinstance(field, forms.DateField):
        field.error_messages["invalid"] = f"Enter {lower} as a date, like 2026-12-01"
    elif isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        field.error_messages["invalid"] = f"Enter {lower} as a number"
    elif isinstance(field, forms.EmailField):
        field.error_messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.SlugField):
        field.error_messages["invalid"] = f"{label} must only include lowercase letters, numbers and hyphens"


def item_form_for(model) -> type[ItemForm]:
    """Fallback ModelForm for a model (the apps' staff_forms define their own)."""
    return forms.modelform_factory(model, form=ItemForm, exclude=workflow.SYSTEM_FIELDS)


class StaffForm(BaseForm):
    pass


class ReviewSettingsForm(StaffForm):
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        empty_label="No owner",
        label="Owner",
        help_text="The member of staff who keeps this accurate.",
    )
    review_interval_months = forms.IntegerField(
        min_value=1,
        max_value=24,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        label="Review every (months)",
        error_messages={
            "required": "Enter how often it is reviewed, in months",
            "invalid": "Enter how often it is reviewed as a whole number of months",
            "min_value": "Review it at least every 24 months and at most every month",
            "max_value": "Review it at least every 24 months and at most every month",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editors = [role.value for role in MATRIX["offers.edit"] | MATRIX["hubs.edit"]]
        self.fields["owner"].queryset = User.objects.filter(is_active=True, groups__name__in=editors).distinct()


class DecisionForm(StaffForm):
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you send it back: say what needs to change.",
        error_messages={"max_length": "Comment must be 2,000 characters or fewer"},
    )


class ImportForm(StaffForm):
    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text="A spreadsheet saved as CSV (UTF-8), with the same columns as the export.",
    )
    # After a preview, the same text comes back here so that nothing is stored between requests.
    content = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > 5 * 1024 * 1024:
                self.add_error("file", "The selected file must be smaller than 5MB")
                return cleaned
            try:
                cleaned["content"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", "The selected file must be a CSV saved as UTF-8")
        elif not cleaned.get("content"):
            self.add_error("file", "Select a CSV file")
        return cleaned
