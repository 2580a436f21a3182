"""Forgot your password: for staff and panel members (ADR 0051).

Django's own reset views and signed tokens, with the portal's GOV.UK templates. The page
after asking is the same whether or not the address has an account; the email goes through
the outbox (ADR 0031), so the answer takes the same time too. A reset ends every session of
that person and does not sign them in: they sign in again, second factor and all.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm, _unicode_ci_compare
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.http import base36_to_int

from startforlife.forms import GDSFormMixin
from startforlife.models import User
from startforlife.net import client_ip, over_hourly_limit

LINK_MINUTES = 60
# Asking from one connection, and emails to one address: enough for someone who mistypes,
# too few to flood an inbox or to walk a list of addresses.
REQUESTS_PER_CONNECTION_PER_HOUR = 10
EMAILS_PER_ADDRESS_PER_HOUR = 3


class ResetTokens(PasswordResetTokenGenerator):
    """Django's reset token (void once the password changes or the person signs in), valid for
    an hour rather than the 3 days a new member's welcome link has, and not interchangeable with it."""

    key_salt = "startforlife.password_reset.ResetTokens"

    def check_token(self, user, token):
        if not super().check_token(user, token):
            return False
        issued = base36_to_int(token.split("-")[0])
        return self._num_seconds(self._now()) - issued <= LINK_MINUTES * 60


reset_tokens = ResetTokens()


class ForgotPasswordForm(GDSFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The address you sign in with"
        email.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        email.error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
                "max_length": "Email address must be 254 characters or fewer",
            }
        )

    def get_users(self, email):
        # Active accounts only. Unlike Django's default, an account with no password yet (a
        # new panel member whose welcome link ran out) may set one this way.
        # The email goes to the address as stored, and only on a true Unicode match (as Django's
        # own form does; CVE-2019-19844).
        return (
            user
            for user in User.objects.filter(email__iexact=email, is_active=True)
            if _unicode_ci_compare(email, user.email)
        )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from panels.models import OutboxMessage  # the outbox lives with the panel's emails

        link = settings.SITE_URL + reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        body = render_to_string(
            email_template_name,
            {"user": context["user"], "link": link, "minutes": LINK_MINUTES, "portal": settings.PORTAL},
        )
        OutboxMessage.objects.create(
            kind=OutboxMessage.Kind.PASSWORD_RESET,
            to=to_email,
            subject=f"Reset your {settings.PORTAL['PROGRAMME_NAME']} password",
            body=body,
        )


class NewPasswordForm(GDSFormMixin, SetPasswordForm):
    """Django's form, so the portal's password rules apply (Argon2, 12 characters or more,
    not a common password); no composition rules and pasting is allowed (WCAG 3.3.8)."""

    error_messages = {"password_mismatch": "The passwords do not match. Type the same password twice"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "New password"
        first.help_text = "Use at least 12 characters. Three random words work well."
        first.error_messages["required"] = "Enter a new password"
        second.label = "Type the new password again"
        second.help_text = ""
        second.error_messages["required"] = "Type the new password again"
        for field in (first, second):
            field.widget = forms.PasswordInput(attrs={"autocomplete": "new-password"})


class ForgotPasswordView(auth_views.PasswordResetView):
    template_name = "registration/forgot_password.html"
    email_template_name = "registration/emails/password_reset.txt"
    form_class = ForgotPasswordForm
    token_generator = reset_tokens
    success_url = reverse_lazy("password_reset_sent")

    def form_valid(self, form):
        if over_hourly_limit("password_reset:connection", client_ip(self.request), REQUESTS_PER_CONNECTION_PER_HOUR):
            return render(self.request, "registration/forgot_password_limited.html", status=429)
        if over_hourly_limit("password_reset:email", form.cleaned_data["email"].lower(), EMAILS_PER_ADDRESS_PER_HOUR):
            # The usual answer, and no email: whoever is asking cannot flood that inbox.
            return redirect(self.success_url)
        return super().form_valid(form)


class ResetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "registration/reset_password.html"
    form_class = NewPasswordForm
    token_generator = reset_tokens
    success_url = reverse_lazy("sign_in")
    post_reset_login = False  # signing in again asks for the second factor, as it always does

    def form_valid(self, form):
        response = super().form_valid(form)
        # The new password already voids other sessions; this says so in one place, as sign-out does.
        form.user.end_all_sessions()
        messages.success(self.request, "Your password is changed. Sign in with your email address and new password.")
        return response


forgot_password = login_not_required(ForgotPasswordView.as_view())
forgot_password_sent = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/forgot_password_sent.html")
)
reset_password = login_not_required(ResetPasswordView.as_view())
