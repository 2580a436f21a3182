from django.conf import settings


def portal(request):
    """The council's and programme's names and contacts, and which menu item is current."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespaces[0] if match and match.namespaces else ""
    return {
        "portal": settings.PORTAL,
        "nav_offers": namespace == "offers",
        "nav_hubs": namespace == "hubs",
        "nav_panels": namespace == "panels",
    }
