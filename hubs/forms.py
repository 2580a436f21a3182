from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hubs.models import SessionKind
from hubs.postcodes import normalise_postcode
from startforlife.forms import BaseForm
from startforlife.stages import Stage


class PostcodeForm(BaseForm):
    postcode = forms.CharField(
        label="Enter your postcode",
        help_text="For example, BF1 1AA",
        max_length=20,
        error_messages={
            "required": "Enter your postcode",
            "max_length": "Enter a real postcode",
            "null_characters_not_allowed": "Enter a real postcode",
        },
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a search (GET): no token in the address
        self.helper.layout = Layout(Field.text("postcode", field_width=10, label_size=Size.MEDIUM))

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode is None:
            raise forms.ValidationError("Enter a real postcode")
        return postcode


class WhatsOnFilterForm(BaseForm):
    """Filters on a GET page: a value we do not know is ignored rather than an error."""

    hub = forms.ChoiceField(label="Family hub", required=False)
    stage = forms.ChoiceField(label="Stage", required=False, choices=[("", "All stages"), *Stage.choices])
    type = forms.ChoiceField(label="Type of session", required=False, choices=[("", "All types"), *SessionKind.choices])

    def __init__(self, *args, hubs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True
        self.fields["hub"].choices = [("", "All hubs and online"), ("online", "Online"), *hubs]
