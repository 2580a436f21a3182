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
# Ids are those seed_demo gives in the fresh database the browser checks use: midwifery is
# service 1, Northgate Family Hub is hub 2, and the demo editor's waiting change is change 1.
STAFF_PAGES = {
    "staff dashboard": ("editor@brackenford.example", "/manage/"),
    "staff dashboard for a publisher": ("publisher@brackenford.example", "/manage/"),
    "service edit form": ("editor@brackenford.example", "/manage/offer/1/edit/"),
    "service staff page with history": ("editor@brackenford.example", "/manage/offer/1/"),
    "change diff": ("publisher@brackenford.example", "/manage/offer/changes/1/"),
    "hub edit form": ("editor@brackenford.example", "/manage/family-hubs/2/edit/"),
    "hub opening times form": ("editor@brackenford.example", "/manage/family-hubs/2/opening-times/"),
    "hub timetable sessions": ("editor@brackenford.example", "/manage/family-hubs/2/sessions/"),
    "session form": ("editor@brackenford.example", "/manage/family-hubs/2/sessions/new/"),
}
