"""Shared form plumbing: every form in the portal renders through crispy-forms-gds."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class GDSFormMixin:
    """Gives a form the GOV.UK helper: error summary, no <form> tag (templates own it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL


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
