"""axe-core on every page type, including error states and staff pages: zero WCAG 2.x A/AA violations."""

import json

import pytest

from startforlife.demo import DEMO_PASSWORD
from tests.browser.conftest import FIGURES, ROOT, open_reset_link, signed_in_page
from tests.browser.pages import ERROR_STATES, PUBLIC_PAGES, STAFF_ERROR_STATES, STAFF_PAGES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text() + "; undefined"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    # Evaluated through DevTools: the portal's Content-Security-Policy rightly blocks injected <script>s.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    FIGURES["pages checked by axe"] += 1
    FIGURES["axe violations"] += len(result["violations"])
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_accessibility_violations(portal, any_page, path):
    any_page.goto(portal + path)

    violations = axe_violations(any_page)

    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize(("path", "button"), ERROR_STATES.values(), ids=ERROR_STATES.keys())
def test_form_error_state_has_no_accessibility_violations(portal, page, path, button):
    page.goto(portal + path)
    page.get_by_role("button", name=button).click()
    page.wait_for_selector(".govuk-error-summary")

    violations = axe_violations(page)

    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize(("email", "path"), STAFF_PAGES.values(), ids=STAFF_PAGES.keys())
def test_staff_page_has_no_accessibility_violations(portal, chromium, email, path):
    page = signed_in_page(chromium, portal, email)
    page.goto(portal + path)

    violations = axe_violations(page)
    page.context.close()

    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize(
    ("email", "path", "button", "fill"), STAFF_ERROR_STATES.values(), ids=STAFF_ERROR_STATES.keys()
)
def test_staff_form_error_state_has_no_accessibility_violations(portal, chromium, email, path, button, fill):
    page = signed_in_page(chromium, portal, email)
    page.goto(portal + path)
    for selector, value in fill.items():
        if value is True:
            page.locator(selector).check()
        elif value is False:
            for box in page.locator(selector).all():
                box.uncheck()
        else:
            page.locator(selector).fill(value)
    page.locator("main").get_by_role("button", name=button, exact=True).click()
    page.wait_for_selector(".govuk-error-summary")

    violations = axe_violations(page)
    page.context.close()

    assert violations == [], json.dumps(violations, indent=1)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(portal, page):
    page.goto(portal + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")

    assert focused == "Skip to main content"
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_keyboard_focus_is_visible(portal, page):
    page.goto(portal + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link, to the council's name

    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.backgroundColor, s.boxShadow]; })()"
    )

    # GOV.UK focus style: a yellow background and a thick underline (box-shadow), or an outline.
    assert outline[0] != "none" or outline[2] != "none"


def test_choosing_a_new_password_has_no_accessibility_violations(portal, page):
    # The demo administrator: no journey signs in with it, so changing its password back is safe.
    email = "admin@brackenford.example"
    open_reset_link(portal, page, email)
    form_violations = axe_violations(page)
    page.get_by_label("New password", exact=True).fill("too-short")
    page.get_by_label("Type the new password again").fill("too-short")
    page.get_by_role("button", name="Change password").click()
    page.wait_for_selector(".govuk-error-summary")
    error_violations = axe_violations(page)
    page.get_by_label("New password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_label("Type the new password again").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Change password").click()

    assert form_violations == [], json.dumps(form_violations, indent=1)
    assert error_violations == [], json.dumps(error_violations, indent=1)
    assert "Your password is changed" in page.locator("main").inner_text()
