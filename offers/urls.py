from django.urls import path

from offers import views

app_name = "offers"
urlpatterns = [
    path("", views.offer, name="offer"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
    path("services/<slug:slug>/print/", views.service_print, name="service_print"),
    path("stage/<str:stage>/", views.stage, name="stage"),
    path("need/<str:need>/", views.need, name="need"),
    path("search/", views.search, name="search"),
    path("my-timeline/", views.timeline, name="timeline"),
    path("my-timeline/reviews.ics", views.timeline_calendar, name="timeline_calendar"),
    path("print/", views.offer_print, name="offer_print"),
    path("print/offer.pdf", views.offer_pdf, name="offer_pdf"),
]
