from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from startforlife import password_reset, two_factor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("contact/", views.contact, name="contact"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/two-factor/", two_factor.verify, name="two_factor_verify"),
    path("sign-in/two-factor/set-up/", two_factor.setup, name="two_factor_setup"),
    path("sign-in/two-factor/recovery-codes/", two_factor.recovery_codes, name="two_factor_recovery_codes"),
    path("sign-in/forgot-password/", password_reset.forgot_password, name="password_reset"),
    path("sign-in/forgot-password/check-your-email/", password_reset.forgot_password_sent, name="password_reset_sent"),
    path("sign-in/reset-password/<uidb64>/<token>/", password_reset.reset_password, name="password_reset_confirm"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("account/", views.account_home, name="account_home"),
    # Public pages, one namespace per app.
    path("offer/", include("offers.urls")),
    path("family-hubs/", include("hubs.urls")),
    path("panel/", include("panels.urls")),
    # Open data: the offer as an Open Referral UK API (docs/adr/0050).
    path("api/oruk/", include("offers.oruk.urls")),
    # The staff workspace.
    path("manage/", include("startforlife.staff_urls")),
    path("django-admin/", admin.site.urls),
    # Uploaded hub photos (MEDIA_ROOT or whatever storage is configured).
    path(settings.MEDIA_URL.strip("/") + "/<path:path>", views.media, name="media"),
]

handler400 = "startforlife.views.bad_request"
handler403 = "startforlife.views.permission_denied"
handler404 = "startforlife.views.page_not_found"
handler500 = "startforlife.views.server_error"
