from django.urls import path

from hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("nearest/", views.nearest, name="nearest"),
    path("whats-on/", views.whats_on, name="whats_on"),
    path("whats-on.ics", views.timetable_ics, name="timetable_ics"),
    path("<slug:slug>/", views.hub_detail, name="hub_detail"),
    path("<slug:slug>/whats-on.ics", views.hub_ics, name="hub_ics"),
]
