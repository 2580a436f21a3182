from django.contrib import admin

from offers.models import MandatedReview, Organization, SearchLog


@admin.register(MandatedReview)
class MandatedReviewAdmin(admin.ModelAdmin):
    list_display = ["name", "when", "anchor", "unit", "window_start", "window_end", "stage"]
    ordering = ["order"]


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    """Searches that found nothing: what parents look for and cannot find."""

    list_display = ["query", "searched_on"]
    list_filter = ["searched_on"]
    search_fields = ["query"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Who runs an imported service (`import_oruk`); the council itself has no row."""

    list_display = ["name", "website", "oruk_source"]
    search_fields = ["name"]
    readonly_fields = ["uuid", "oruk_source"]
