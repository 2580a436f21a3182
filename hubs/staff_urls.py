from django.urls import path

from hubs import staff_views

app_name = "hubs_staff"
urlpatterns = [
    path("", staff_views.hub_list, name="hub_list"),
    path("new/", staff_views.hub_create, name="hub_create"),
    path("export.csv", staff_views.hub_export, name="hub_export"),
    path("import/", staff_views.hub_import, name="hub_import"),
    path("<int:pk>/", staff_views.hub_detail, name="hub_detail"),
    path("<int:pk>/edit/", staff_views.hub_edit, name="hub_edit"),
    path("<int:pk>/publish/", staff_views.hub_publish, name="hub_publish"),
    path("<int:pk>/archive/", staff_views.hub_archive, name="hub_archive"),
    path("<int:pk>/confirm-accurate/", staff_views.hub_confirm_reviewed, name="hub_confirm_reviewed"),
    path("<int:pk>/review-settings/", staff_views.hub_review_settings, name="hub_review_settings"),
    path("<int:pk>/opening-times/", staff_views.hub_hours, name="hub_hours"),
    path("<int:pk>/sessions/", staff_views.hub_sessions, name="hub_sessions"),
    path("<int:pk>/sessions/new/", staff_views.session_create, name="session_create"),
    path("<int:pk>/sessions/<int:session_pk>/edit/", staff_views.session_edit, name="session_edit"),
    path("<int:pk>/sessions/<int:session_pk>/delete/", staff_views.session_delete, name="session_delete"),
    path(
        "<int:pk>/sessions/<int:session_pk>/cancelled-dates/",
        staff_views.session_cancellations,
        name="session_cancellations",
    ),
    path(
        "<int:pk>/sessions/<int:session_pk>/cancelled-dates/<int:cancellation_pk>/reinstate/",
        staff_views.session_reinstate,
        name="session_reinstate",
    ),
    path("<int:pk>/versions/<int:history_id>/restore/", staff_views.hub_restore, name="hub_restore"),
    path("changes/<int:pk>/", staff_views.change_detail, name="change_detail"),
    path("changes/<int:pk>/approve/", staff_views.change_approve, name="change_approve"),
    path("changes/<int:pk>/reject/", staff_views.change_reject, name="change_reject"),
]
