from django.urls import path

from panels import views

app_name = "panels"
urlpatterns = [
    path("", views.about, name="about"),
    # "Is anything wrong on this page?": ?service=<slug> or ?hub=<slug>.
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/received/", views.feedback_received, name="feedback_received"),
    path("feedback/worried-about-a-child/", views.feedback_worried, name="feedback_worried"),
    path("join/", views.join, name="join"),
    path("join/about-you/", views.join_equality, name="join_equality"),
    path("join/done/", views.join_done, name="join_done"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    # Members' own pages.
    path("me/", views.member_home, name="member_home"),
    path("asks/<int:pk>/", views.answer_ask, name="answer_ask"),
    path("me/my-data.json", views.member_data, name="member_data"),
    path("me/leave/", views.leave, name="leave"),
    path("me/leave/confirm/", views.leave_confirm, name="leave_confirm"),
]
