"""The portal's URLs plus the benchmark's bare reference page (only with BENCH_REFERENCE on)."""

from django.urls import path

from bench import views
from startforlife.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [path("bench/reference/", views.reference, name="bench_reference"), *urlpatterns]
