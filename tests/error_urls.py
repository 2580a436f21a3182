"""The portal's URLs plus two views that fail, to see what people get when things break."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from startforlife.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


@login_not_required
def broken(request):
    raise RuntimeError("secret internals")


@login_not_required
def database_down(request):
    raise OperationalError('connection to server at "db.internal" failed: Connection refused')


urlpatterns = [*urlpatterns, path("broken/", broken), path("database-down/", database_down)]
