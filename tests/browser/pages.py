"""The page types checked by axe-core and the Nu Html Checker. Add every new page type here."""

from datetime import date, timedelta

_due = date.today() + timedelta(weeks=10)
_TIMELINE = f"/offer/my-timeline/?born=pregnant&date_0={_due.day}&date_1={_due.month}&date_2={_due.year}"

# Public pages, one of each type, as paths on the demo content.
PUBLIC_PAGES = {
    "home": "/",
    "offer": "/offer/",
    "service": "/offer/services/infant-feeding/",
    "temporarily closed service": "/offer/services/baby-massage/",
    "printable service": "/offer/services/midwifery/print/",
    "stage": "/offer/stage/pregnancy/",
    "need": "/offer/need/feeding/",
    "search": "/offer/search/?q=breast+feeding",
    "search with filters": "/offer/search/?q=help&stage=baby&free=on",
    "search with no results": "/offer/search/?q=zzzzqqq",
    "timeline form": "/offer/my-timeline/",
    "timeline": _TIMELINE,
    "printed offer": "/offer/print/",
    "family hubs": "/family-hubs/",
    "hub": "/family-hubs/brackenford-central-family-hub/",
    "virtual hub": "/family-hubs/virtual-family-hub/",
    "nearest hubs": "/family-hubs/nearest/?postcode=BF1+1AA",
    "nearest hubs, out of area": "/family-hubs/nearest/?postcode=BF9+1AA",
    "what's on": "/family-hubs/whats-on/",
    "panel": "/panel/",
    "feedback form": "/panel/feedback/?service=infant-feeding",
    "join the panel": "/panel/join/",
    "you said, we did": "/panel/you-said-we-did/",
    "accessibility statement": "/accessibility/",
    "privacy notice": "/privacy/",
    "cookies": "/cookies/",
    "contact": "/contact/",
    "sign in": "/sign-in/",
    "forgot password": "/sign-in/forgot-password/",
    "check your email": "/sign-in/forgot-password/check-your-email/",
    "password reset link that does not work": "/sign-in/reset-password/MQ/made-up/",
    "not found": "/no-such-page/",
}

# Forms submitted empty to see their error state: (path, submit button name).
ERROR_STATES = {
    "sign in with errors": ("/sign-in/", "Sign in"),
    "timeline with errors": ("/offer/my-timeline/", "Show my timeline"),
    "nearest hubs with errors": ("/family-hubs/nearest/", "Find hubs near you"),
    "feedback with errors": ("/panel/feedback/?service=infant-feeding", "Send feedback"),
    "join with errors": ("/panel/join/", "Send application"),
    "forgot password with errors": ("/sign-in/forgot-password/", "Send the link"),
}

# Staff and member pages, as (demo account, path).
STAFF_PAGES = {
    "staff dashboard": ("editor@brackenford.example", "/manage/"),
    "coordinator dashboard": ("coordinator@brackenford.example", "/manage/panel/"),
    "feedback queue": ("coordinator@brackenford.example", "/manage/panel/feedback/"),
    "leader report": ("leader@brackenford.example", "/manage/panel/reports/"),
    "panel member home": ("member@brackenford.example", "/panel/me/"),
    # Ids are those seed_demo gives in the fresh database the browser checks use: midwifery is
    # service 1, Northgate Family Hub is hub 2, and the demo editor's waiting change is change 1.
    "staff dashboard for a publisher": ("publisher@brackenford.example", "/manage/"),
    "service edit form": ("editor@brackenford.example", "/manage/offer/1/edit/"),
    "service staff page with history": ("editor@brackenford.example", "/manage/offer/1/"),
    "change diff": ("publisher@brackenford.example", "/manage/offer/changes/1/"),
    "hub edit form": ("editor@brackenford.example", "/manage/family-hubs/2/edit/"),
    "hub opening times form": ("editor@brackenford.example", "/manage/family-hubs/2/opening-times/"),
    "hub timetable sessions": ("editor@brackenford.example", "/manage/family-hubs/2/sessions/"),
    "session form": ("editor@brackenford.example", "/manage/family-hubs/2/sessions/new/"),
    "session cancelled dates": ("editor@brackenford.example", "/manage/family-hubs/2/sessions/2/cancelled-dates/"),
}

# Staff and coordinator forms sent empty or wrong, to see their error state:
# name: (demo account, path, submit button, {CSS selector: value to type, True to tick, False to untick all}).
# Each must come back with a GOV.UK error summary (so nothing in the demo data changes).
_EDITOR, _PUBLISHER = "editor@brackenford.example", "publisher@brackenford.example"
_COORDINATOR, _LEADER = "coordinator@brackenford.example", "leader@brackenford.example"
STAFF_ERROR_STATES = {
    "new service with errors": (_EDITOR, "/manage/offer/new/", "Save", {}),
    "service edit with errors": (_EDITOR, "/manage/offer/1/edit/", "Send for approval", {"#id_name": ""}),
    "service import with errors": (_EDITOR, "/manage/offer/import/", "Check the file", {}),
    "new hub with errors": (_EDITOR, "/manage/family-hubs/new/", "Save", {}),
    "hub edit with errors": (_EDITOR, "/manage/family-hubs/2/edit/", "Send for approval", {"#id_name": ""}),
    "opening times with errors": (
        _EDITOR,
        "/manage/family-hubs/2/opening-times/",
        "Send for approval",
        {"#id_monday_1_opens": "25:99"},
    ),
    "closures with errors": (
        _EDITOR,
        "/manage/family-hubs/2/opening-times/",
        "Send for approval",
        {"#id_closure_0_starts_on": "2026-12-25", "#id_closure_0_ends_on": "2026-12-24"},
    ),
    "new session with errors": (_EDITOR, "/manage/family-hubs/2/sessions/new/", "Save", {}),
    "session edit with errors": (_EDITOR, "/manage/family-hubs/2/sessions/2/edit/", "Save", {"#id_title": ""}),
    "session date cancelled with errors": (
        _EDITOR,
        "/manage/family-hubs/2/sessions/2/cancelled-dates/",
        "Cancel this date",
        {},
    ),
    "change sent back without a comment": (_PUBLISHER, "/manage/offer/changes/1/", "Send back", {}),
    "review settings with errors": (
        _PUBLISHER,
        "/manage/offer/1/review-settings/",
        "Save review settings",
        {"#id_review_interval_months": ""},
    ),
    "new question with errors": (_COORDINATOR, "/manage/panel/asks/new/", "Save", {}),
    "new meeting with errors": (_COORDINATOR, "/manage/panel/meetings/new/", "Save", {}),
    "new you said we did with errors": (_COORDINATOR, "/manage/panel/you-said-we-did/new/", "Save", {}),
    "population figure with errors": (_COORDINATOR, "/manage/panel/population/", "Save figure", {}),
    "new theme with errors": (_COORDINATOR, "/manage/panel/themes/", "Add theme", {}),
    "new safeguarding phrase with errors": (_COORDINATOR, "/manage/panel/safeguarding-phrases/", "Add phrase", {}),
    # Seed ids: Kofi Mensah's application is member 24, the flagged feedback is feedback 8.
    "application decision with errors": (_COORDINATOR, "/manage/panel/members/24/", "Save decision", {}),
    "feedback moderation with errors": (
        _COORDINATOR,
        "/manage/panel/feedback/8/",
        "Save",
        {"input[name=status][value=hidden]": True, "#id_hidden_reason": ""},
    ),
    "panel member's answer with errors": (
        "member@brackenford.example",
        "/panel/asks/1/",
        "Save answer",
        {"input[name=selected]": False},
    ),
    "safeguarding sign-off with errors": (_LEADER, "/manage/panel/safeguarding/8/sign-off/", "Sign off", {}),
}
