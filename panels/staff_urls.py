from django.urls import path

from panels import staff_views

app_name = "panels_staff"
urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    path("feedback/", staff_views.feedback_queue, name="feedback_queue"),
    path("feedback/<int:pk>/", staff_views.feedback_detail, name="feedback_detail"),
    path("feedback/<int:pk>/delete/", staff_views.feedback_delete, name="feedback_delete"),
    path("safeguarding/", staff_views.safeguarding_list, name="safeguarding_list"),
    path("safeguarding/<int:pk>/sign-off/", staff_views.safeguarding_sign_off, name="safeguarding_sign_off"),
    path("my-feedback/", staff_views.my_feedback, name="my_feedback"),
    path("themes/", staff_views.themes, name="themes"),
    path("themes/<int:pk>/toggle/", staff_views.theme_toggle, name="theme_toggle"),
    path("safeguarding-phrases/", staff_views.phrases, name="phrases"),
    path("safeguarding-phrases/<int:pk>/toggle/", staff_views.phrase_toggle, name="phrase_toggle"),
    path("applications/", staff_views.applications, name="applications"),
    path("members/", staff_views.roster, name="roster"),
    path("members/<int:pk>/", staff_views.member_detail, name="member_detail"),
    path("members/<int:pk>/send-link/", staff_views.member_send_link, name="member_send_link"),
    path("members/<int:pk>/active/", staff_views.member_set_active, name="member_set_active"),
    path("asks/", staff_views.asks, name="asks"),
    path("asks/new/", staff_views.ask_edit, name="ask_add"),
    path("asks/<int:pk>/", staff_views.ask_edit, name="ask_edit"),
    path("asks/<int:pk>/answers/", staff_views.ask_results, name="ask_results"),
    path("meetings/", staff_views.meetings, name="meetings"),
    path("meetings/new/", staff_views.meeting_edit, name="meeting_add"),
    path("meetings/<int:pk>/", staff_views.meeting_edit, name="meeting_edit"),
    path("you-said-we-did/", staff_views.actions, name="actions"),
    path("you-said-we-did/new/", staff_views.action_edit, name="action_add"),
    path("you-said-we-did/<int:pk>/", staff_views.action_edit, name="action_edit"),
    path("population/", staff_views.population, name="population"),
    path("reports/", staff_views.reports_page, name="reports"),
    path("reports/panel-report.csv", staff_views.reports_csv, name="reports_csv"),
]
