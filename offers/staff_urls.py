from django.urls import path

from offers import staff_views

app_name = "offers_staff"
urlpatterns = [
    path("", staff_views.service_list, name="service_list"),
    path("new/", staff_views.service_create, name="service_create"),
    path("export.csv", staff_views.service_export, name="service_export"),
    path("import/", staff_views.service_import, name="service_import"),
    path("<int:pk>/", staff_views.service_detail, name="service_detail"),
    path("<int:pk>/edit/", staff_views.service_edit, name="service_edit"),
    path("<int:pk>/publish/", staff_views.service_publish, name="service_publish"),
    path("<int:pk>/archive/", staff_views.service_archive, name="service_archive"),
    path("<int:pk>/confirm-accurate/", staff_views.service_confirm_reviewed, name="service_confirm_reviewed"),
    path("<int:pk>/review-settings/", staff_views.service_review_settings, name="service_review_settings"),
    path("<int:pk>/versions/<int:history_id>/restore/", staff_views.service_restore, name="service_restore"),
    path("changes/<int:pk>/", staff_views.change_detail, name="change_detail"),
    path("changes/<int:pk>/approve/", staff_views.change_approve, name="change_approve"),
    path("changes/<int:pk>/reject/", staff_views.change_reject, name="change_reject"),
]
