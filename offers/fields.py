from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """A list of choices (stages, needs, ...) stored as a PostgreSQL array.

    Filtered with `__contains` / `__overlap`, and edited in a ModelForm as checkboxes
    rather than ArrayField's comma-separated text box.
    """

    def formfield(self, **kwargs):
        return super(ArrayField, self).formfield(
            **{
                "form_class": forms.MultipleChoiceField,
                "choices": self.base_field.choices,
                "widget": forms.CheckboxSelectMultiple,
                "show_hidden_initial": False,
                **kwargs,
            }
        )
