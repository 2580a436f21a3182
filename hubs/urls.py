from django.urls import path

from hubs import views

app_name = "hubs"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.hub_detail, name="hub_detail"),
]
