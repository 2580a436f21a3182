from django.urls import include, path

from startforlife import staff_views

urlpatterns = [
    path("", staff_views.dashboard, name="manage_dashboard"),
    path("offer/", include("offers.staff_urls")),
    path("family-hubs/", include("hubs.staff_urls")),
    path("panel/", include("panels.staff_urls")),
]
