from django.urls import path

from panels import views

app_name = "panels"
urlpatterns = [
    path("", views.about, name="about"),
    # "Is anything wrong on this page?": ?service=<slug> or ?hub=<slug>.
    path("feedback/", views.feedback, name="feedback"),
]
