from django.urls import path

from offers import views

app_name = "offers"
urlpatterns = [
    path("", views.offer, name="offer"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
    path("stage/<str:stage>/", views.stage, name="stage"),
]
