"""Two-factor sign-in with an authenticator app (TOTP) and one-time recovery codes (django-otp).

Mandatory for staff (OWASP ASVS L2 6.3.2); offered to panel members. After the password, a
person with no authenticator yet sets one up (a QR code and the key in text), gets 10
recovery codes once, and from then on gives a 6-digit code (or a recovery code) each time.
"""

import secrets

import segno
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from startforlife.forms import BaseForm
from startforlife.permissions import has_permission

RECOVERY_CODES = 10


def needs_two_factor(user) -> bool:
    if getattr(user, "_needs_two_factor", None) is None:
        user._needs_two_factor = (
            user.is_superuser
            or has_permission(user, "manage.enter")
            or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        )
    return user._needs_two_factor


def two_factor_exempt(view):
    view.two_factor_exempt = True
    return view


class CodeForm(BaseForm):
    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes",
        max_length=20,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").replace("-", "")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("account_home")


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def verify(request):
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "The code is not right. Check your authenticator app and try again")
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists() and not user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={_next_url(request)}")
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "Authenticator app"})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = _confirm(user, device)
            otp_login(request, device)
            request.session["recovery_codes"] = codes
            return redirect(f"{reverse('two_factor_recovery_codes')}?next={_next_url(request)}")
        form.add_error("code", "The code is not right. Check your authenticator app and try again")
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg_uri": qr.svg_data_uri(scale=5, dark="#0b0c0c"),
            "key": _base32(device),
        },
    )


@two_factor_exempt
@require_http_methods(["GET"])
def recovery_codes(request):
    codes = request.session.pop("recovery_codes", None)
    if not codes:
        messages.info(request, "Your recovery codes were shown once, when you set up your authenticator app.")
        return redirect(_next_url(request))
    return render(request, "registration/two_factor_recovery_codes.html", {"codes": codes, "next": _next_url(request)})


@transaction.atomic
def _confirm(user, device) -> list[str]:
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    static, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    static.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def _base32(device) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
