"""Shared form plumbing: every form in the portal renders through crispy-forms-gds."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

# Inputs crispy-forms-gds gives no error border itself (it only marks text inputs, selects
# and text areas); the CSS class each gets when its field has an error.
ERROR_CLASSES = {
    forms.NumberInput: "govuk-input--error",
    forms.EmailInput: "govuk-input--error",
    forms.URLInput: "govuk-input--error",
    forms.DateInput: "govuk-input--error",
    forms.DateTimeInput: "govuk-input--error",
    forms.TimeInput: "govuk-input--error",
    forms.FileInput: "govuk-file-upload--error",
}


class GDSFormMixin:
    """Gives a form the GOV.UK helper: error summary, no <form> tag and no CSRF token
    (templates own the <form> and render its `{% csrf_token %}`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            widget = self.fields[name].widget if name in self.fields else None
            error_class = next((c for w, c in ERROR_CLASSES.items() if isinstance(widget, w)), None)
            if error_class and error_class not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_class}".strip()


class BaseForm(GDSFormMixin, forms.Form):
    pass


class BaseModelForm(GDSFormMixin, forms.ModelForm):
    pass


class SignInForm(GDSFormMixin, AuthenticationForm):
    error_messages = {
        # The same words whether the email or the password is wrong: no user enumeration.
        "invalid_login": "Enter a correct email address and password",
        "inactive": "Enter a correct email address and password",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        self.fields["username"].error_messages["required"] = "Enter your email address"
        # AuthenticationForm sets max_length after the field is built, so without this the
        # limit is never checked and an over-long address reaches authentication.
        self.fields["username"].validators.append(
            MaxLengthValidator(254, "Email address must be 254 characters or fewer")
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
