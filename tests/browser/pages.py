"""The page types checked by axe-core and the Nu Html Checker. Add every new page type here."""

# Public pages, one of each type, as paths on the demo content.
PUBLIC_PAGES = {
    "home": "/",
    "offer": "/offer/",
    "stage": "/offer/stage/pregnancy/",
    "family hubs": "/family-hubs/",
    "panel": "/panel/",
    "feedback form": "/panel/feedback/",
    "accessibility statement": "/accessibility/",
    "privacy notice": "/privacy/",
    "cookies": "/cookies/",
    "contact": "/contact/",
    "sign in": "/sign-in/",
    "not found": "/no-such-page/",
}

# Forms submitted empty to see their error state: (path, submit button name).
ERROR_STATES = {
    "sign in with errors": ("/sign-in/", "Sign in"),
}

# Staff pages, as (demo account, path).
STAFF_PAGES = {
    "staff dashboard": ("editor@brackenford.example", "/manage/"),
}
