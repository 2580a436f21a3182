"""The journeys people make, in a real browser, at desktop and phone widths, and without
JavaScript where a page must work without it. Screenshots of each step go to test-artifacts/."""

import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from startforlife.demo import DEMO_PASSWORD
from tests.browser.conftest import FIGURES, PHONE, _new_page, sign_in, signed_in_page


@pytest.fixture(autouse=True)
def _count_journey(request):
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        FIGURES["journeys passed"] += 1


def test_a_pregnant_parent_finds_a_service_its_hub_and_prints_it(portal, public_page, screenshots):
    page = public_page
    page.goto(portal + "/")
    screenshots(page, "home")

    page.get_by_role("link", name="I'm pregnant").click()
    page.get_by_role("heading", level=1, name="I'm pregnant").wait_for()
    screenshots(page, "stage")
    page.get_by_role("link", name="Midwifery", exact=True).click()
    page.get_by_role("heading", level=1, name="Midwifery").wait_for()
    screenshots(page, "service")
    page.get_by_role("link", name="Brackenford Central Family Hub").first.click()
    page.get_by_role("heading", level=1, name="Brackenford Central Family Hub").wait_for()
    screenshots(page, "hub")
    page.go_back()
    page.get_by_role("link", name="Print this page").click()

    assert "/print/" in page.url
    assert page.get_by_role("heading", level=1, name="Midwifery").is_visible()
    screenshots(page, "print")


def test_a_parent_searches_in_their_own_words_and_gives_feedback(portal, public_page, screenshots):
    page = public_page
    page.goto(portal + "/")
    page.get_by_label("Search for help").fill("breast feeding help")
    page.get_by_role("button", name="Search").click()
    screenshots(page, "results")

    page.get_by_role("link", name="Infant feeding support").first.click()
    page.get_by_role("heading", level=1, name="Infant feeding support").wait_for()
    page.get_by_role("link", name="Tell us what you think").click()
    page.get_by_label("Tell us what you think").check()
    page.get_by_label("What worked well?").fill("The drop-in at the hub was friendly and I did not need to book.")
    page.get_by_label("Good", exact=True).check()
    screenshots(page, "feedback form")
    page.get_by_role("button", name=re.compile("^Send")).click()

    assert page.get_by_role("heading", level=1).inner_text() == "Feedback sent"
    screenshots(page, "thank you")


def test_a_parent_sees_their_timeline_and_downloads_it(portal, public_page, screenshots):
    page = public_page
    due = date.today() + timedelta(weeks=10)
    page.goto(portal + "/offer/my-timeline/")
    page.get_by_label("No, I'm pregnant (enter your due date)").check()
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Show my timeline").click()
    screenshots(page, "timeline")

    text = page.locator("main").inner_text()
    for review in ["antenatal", "new baby review", "6 to 8 week", "1 year", "2 to 2½ year"]:
        assert review.lower() in text.lower()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("calendar", re.I)).first.click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())

    assert len(calendar.walk("VEVENT")) >= 5


def test_a_parent_finds_their_nearest_hub_and_this_weeks_sessions(portal, public_page, screenshots):
    page = public_page
    page.goto(portal + "/family-hubs/nearest/")
    page.get_by_label(re.compile("postcode", re.I)).fill("bf11aa")
    page.get_by_role("button", name="Find hubs near you").click()
    screenshots(page, "nearest")

    assert "BF1 1AA" in page.locator("main").inner_text()
    assert re.search(r"\d+\.\d miles?", page.locator("main").inner_text())
    page.locator("main a[href^='/family-hubs/']").filter(has_text="Family Hub").first.click()
    screenshots(page, "hub")

    assert page.get_by_role("heading", name=re.compile("this week", re.I)).is_visible()


def test_a_worried_parent_is_signposted_and_the_coordinator_sees_it_flagged(portal, chromium, public_page, screenshots):
    page = public_page
    page.goto(portal + "/panel/feedback/?service=health-visiting")
    page.get_by_label("Something else").check()
    page.get_by_label("I'm worried about a child's safety").check()
    page.get_by_label("What could be better?").fill("Browser journey: my neighbour's baby cries for hours alone.")
    page.get_by_role("button", name=re.compile("^Send")).click()
    screenshots(page, "signposting")

    assert "999" in page.locator("main").inner_text()
    coordinator = _new_page(chromium, PHONE if page.viewport_size["width"] < 500 else {"width": 1280, "height": 900})
    sign_in(coordinator, portal, "coordinator@brackenford.example")
    coordinator.goto(portal + "/manage/panel/feedback/")
    screenshots(coordinator, "coordinator queue")
    rows = coordinator.locator("main table tbody tr").all_inner_texts()
    coordinator.context.close()

    ours = next(i for i, row in enumerate(rows) if "Browser journey" in row)
    assert all("Safeguarding" in row for row in rows[: ours + 1])  # flagged, and only flagged items above it


def test_reading_pages_works_without_javascript(portal, no_js_page, screenshots):
    page = no_js_page
    for path, heading in [
        ("/", "Support for your family"),
        ("/offer/", "offer"),
        ("/offer/services/infant-feeding/", "Infant feeding support"),
        ("/family-hubs/", "Family hubs"),
        ("/family-hubs/riverside-family-hub/", "Riverside Family Hub"),
        ("/family-hubs/whats-on/", "What"),
    ]:
        page.goto(portal + path)
        assert heading.lower() in page.get_by_role("heading", level=1).inner_text().lower()
        screenshots(page, path.strip("/").replace("/", "-") or "home")
    page.goto(portal + "/family-hubs/nearest/")
    page.get_by_label(re.compile("postcode", re.I)).fill("BF1 1AA")
    page.get_by_role("button", name="Find hubs near you").click()

    assert re.search(r"\d+\.\d miles?", page.locator("main").inner_text())


def test_a_panel_member_answers_the_coordinator_sees_it_and_the_leader_sees_no_names(
    portal, chromium, any_page, screenshots
):
    page = any_page
    viewport = page.viewport_size
    sign_in(page, portal, "member@brackenford.example")
    page.goto(portal + "/panel/me/")
    screenshots(page, "member home")
    page.get_by_role("link", name="When could you come to sessions?").first.click()
    screenshots(page, "ask")
    answer = f"Browser journey answer at {viewport['width']}px: evening sessions would help working parents."
    page.get_by_role("heading", level=1, name="When could you come to sessions?").wait_for()
    page.get_by_label("Weekday evenings").check()
    page.get_by_label("Anything to add? (optional)").fill(answer)
    page.get_by_role("button", name="Save answer").click()
    screenshots(page, "answered")
    assert page.locator(".govuk-error-summary").count() == 0

    coordinator = _new_page(chromium, viewport)
    sign_in(coordinator, portal, "coordinator@brackenford.example")
    coordinator.goto(portal + "/manage/panel/asks/")
    coordinator.locator("main tr", has_text="When could you come to sessions?").locator("a[href$='/answers/']").click()
    screenshots(coordinator, "coordinator sees answers")
    coordinator_text = coordinator.locator("main").inner_text()
    coordinator.context.close()

    leader = _new_page(chromium, viewport)
    sign_in(leader, portal, "leader@brackenford.example")
    leader.goto(portal + "/manage/panel/reports/")
    screenshots(leader, "leader report")
    report = leader.locator("main").inner_text()
    leader.context.close()

    assert answer in coordinator_text
    assert "response" in report.lower()
    for name in ["Jordan Lee", "member@brackenford.example"]:
        assert name not in report


# --- Keyboard only: Tab, Shift+Tab, Enter, Space, the arrow keys inside a radio group, and typing.

FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  const shows = s => (s.boxShadow && s.boxShadow !== 'none')
    || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)');
  if (shows(getComputedStyle(el))) return true;
  // GOV.UK radios and checkboxes hide the input and draw the focus ring on the label's ::before/::after.
  const label = el.labels && el.labels[0];
  return !!label && (shows(getComputedStyle(label, '::before')) || shows(getComputedStyle(label, '::after')));
}"""


def tab_to(page, selector: str, text: str | None = None, presses: int = 150) -> None:
    """Presses Tab until the element matching `selector` (and containing `text`) has focus, as a
    keyboard user would, and checks the focus can be seen there."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        found = page.evaluate(
            "([s, t]) => { const e = document.activeElement;"
            " return !!e && e.matches(s) && (!t || e.textContent.includes(t)); }",
            [selector, text],
        )
        if found:
            description = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
            assert page.evaluate(FOCUS_IS_VISIBLE), f"Focus cannot be seen on {description}"
            return
    raise AssertionError(f"Could not reach {selector} {text or ''} with the Tab key")


def choose_radio(page, name: str, value: str) -> None:
    """Tabs into a radio group and moves to `value` with the arrow keys, as keyboard users do."""
    tab_to(page, f"input[type=radio][name={name}]")
    for _ in range(20):
        if page.evaluate("document.activeElement.value") == value:
            page.keyboard.press("Space")
            assert page.evaluate(FOCUS_IS_VISIBLE)
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"No {value} choice in {name}")


def follow(page, selector: str, text: str | None = None) -> None:
    tab_to(page, selector, text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_parent_can_search_and_give_feedback_with_the_keyboard_alone(portal, page, screenshots):
    page.goto(portal + "/")
    tab_to(page, "#home-search")
    page.keyboard.type("tongue tie")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    tab_to(page, "main a[href='/offer/services/infant-feeding/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/infant-feeding/")
    tab_to(page, "main a[href^='/panel/feedback/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/panel/feedback/**")
    tab_to(page, "input[name=topic]")
    page.keyboard.press("Space")
    tab_to(page, "#id_what_worked")
    page.keyboard.type("Keyboard only: the cafe staff were kind.")
    tab_to(page, "button[type=submit]")
    screenshots(page, "feedback by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/received/**")

    assert page.get_by_role("heading", level=1).inner_text() == "Feedback sent"


def test_an_editors_change_reaches_parents_only_after_a_publisher_approves_it(portal, chromium, any_page, screenshots):
    viewport = any_page.viewport_size
    summary = f"Play, sing and meet other families: changed in a {viewport['width']}px browser."
    editor = any_page
    sign_in(editor, portal, "editor@brackenford.example")
    editor.goto(portal + "/manage/offer/")
    editor.get_by_role("link", name="Stay and play", exact=True).first.click()
    editor.locator("main a[href$='/edit/']").first.click()
    editor.get_by_label("Summary", exact=True).fill(summary)
    screenshots(editor, "editor changes the summary")
    editor.get_by_role("button", name="Send for approval").click()
    screenshots(editor, "sent for approval")

    parent = _new_page(chromium, viewport)
    parent.goto(portal + "/offer/services/stay-and-play/")
    before = parent.locator("main").inner_text()

    publisher = _new_page(chromium, viewport)
    sign_in(publisher, portal, "publisher@brackenford.example")
    publisher.goto(portal + "/manage/")
    publisher.locator("main a[href*='/manage/offer/changes/']", has_text="Stay and play").first.click()
    screenshots(publisher, "publisher sees the difference")
    diff = publisher.locator("main").inner_text()
    publisher.get_by_role("button", name="Approve").click()
    screenshots(publisher, "approved")
    publisher.context.close()

    parent.reload()
    after = parent.locator("main").inner_text()
    screenshots(parent, "parents see the change")
    parent.context.close()

    assert summary not in before
    assert summary in diff
    assert summary in after


def test_a_pregnant_parent_finds_a_service_its_hub_and_prints_it_with_the_keyboard_alone(portal, page, screenshots):
    page.goto(portal + "/")
    follow(page, "main a[href='/offer/stage/pregnancy/']")
    follow(page, "main a[href='/offer/services/midwifery/']")
    assert page.get_by_role("heading", level=1).inner_text() == "Midwifery"
    follow(page, "main a[href^='/family-hubs/brackenford-central']")
    assert page.get_by_role("heading", level=1).inner_text() == "Brackenford Central Family Hub"
    screenshots(page, "hub by keyboard")
    follow(page, "main a[href='/offer/services/midwifery/']")
    follow(page, "main a[href$='/print/']", "Print this page")
    screenshots(page, "print by keyboard")

    assert page.url.endswith("/offer/services/midwifery/print/")


def test_a_parent_gets_their_timeline_and_calendar_with_the_keyboard_alone(portal, page, screenshots):
    due = date.today() + timedelta(weeks=10)
    page.goto(portal + "/offer/my-timeline/")
    choose_radio(page, "born", "pregnant")
    for part, value in [("#id_date_0", due.day), ("#id_date_1", due.month), ("#id_date_2", due.year)]:
        tab_to(page, part)
        page.keyboard.type(str(value))
    tab_to(page, "main button[type=submit]", "Show my timeline")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshots(page, "timeline by keyboard")
    assert "new baby review" in page.locator("main").inner_text().lower()
    tab_to(page, "main a[href*='.ics']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")

    assert len(Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")) >= 5


def test_a_parent_finds_their_nearest_hub_with_the_keyboard_alone(portal, page, screenshots):
    page.goto(portal + "/family-hubs/nearest/")
    tab_to(page, "main input[name=postcode]")
    page.keyboard.type("BF1 1AA")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"\d+\.\d miles?", page.locator("main").inner_text())
    follow(page, "main a[href$='-hub/']", "Family Hub")
    screenshots(page, "hub by keyboard")

    assert page.get_by_role("heading", name=re.compile("this week", re.I)).is_visible()


def test_an_editors_change_is_approved_with_the_keyboard_alone(portal, chromium, screenshots):
    summary = "Play, sing and meet other families: changed with the keyboard alone."
    editor = signed_in_page(chromium, portal, "editor@brackenford.example")
    editor.goto(portal + "/manage/offer/")
    follow(editor, "main a", "Stay and play")
    follow(editor, "main a[href$='/edit/']")
    tab_to(editor, "#id_summary")
    editor.keyboard.press("Control+A")
    editor.keyboard.type(summary)
    tab_to(editor, "main button[type=submit]", "Send for approval")
    with editor.expect_navigation():
        editor.keyboard.press("Enter")
    screenshots(editor, "sent for approval by keyboard")
    editor.context.close()

    publisher = signed_in_page(chromium, portal, "publisher@brackenford.example")
    publisher.goto(portal + "/manage/")
    follow(publisher, "main a[href*='/manage/offer/changes/']", "Stay and play")
    tab_to(publisher, "main button[type=submit]", "Approve")
    with publisher.expect_navigation():
        publisher.keyboard.press("Enter")
    screenshots(publisher, "approved by keyboard")
    publisher.context.close()
    page = _new_page(chromium, {"width": 1280, "height": 900})
    page.goto(portal + "/offer/services/stay-and-play/")
    text = page.locator("main").inner_text()
    page.context.close()

    assert summary in text


def test_a_panel_member_answers_and_the_coordinator_sees_it_with_the_keyboard_alone(
    portal, chromium, page, screenshots
):
    answer = "Keyboard only: Saturday mornings suit us best."
    page.goto(portal + "/sign-in/")
    tab_to(page, "#id_username")
    page.keyboard.type("member@brackenford.example")
    tab_to(page, "#id_password")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(portal + "/panel/me/")
    follow(page, "main a", "When could you come to sessions?")
    tab_to(page, "main input[type=checkbox][name=selected]")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    tab_to(page, "main textarea")
    page.keyboard.press("Control+A")
    page.keyboard.type(answer)
    tab_to(page, "main button[type=submit]", "Save answer")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshots(page, "answered by keyboard")
    assert page.locator(".govuk-error-summary").count() == 0

    coordinator = signed_in_page(chromium, portal, "coordinator@brackenford.example")
    coordinator.goto(portal + "/manage/panel/asks/")
    follow(coordinator, "main a[href$='/answers/']", "When could you come to sessions?")
    text = coordinator.locator("main").inner_text()
    coordinator.context.close()

    assert answer in text


def test_a_worried_parent_is_signposted_with_the_keyboard_alone(portal, chromium, page, screenshots):
    page.goto(portal + "/panel/feedback/?service=health-visiting")
    choose_radio(page, "topic", "something_else")
    tab_to(page, "input[name=worried_about_child]")
    page.keyboard.press("Space")
    tab_to(page, "#id_could_be_better")
    page.keyboard.type("Keyboard journey: a child next door is often left alone.")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    screenshots(page, "signposting by keyboard")
    assert "999" in page.locator("main").inner_text()

    coordinator = signed_in_page(chromium, portal, "coordinator@brackenford.example")
    coordinator.goto(portal + "/manage/panel/feedback/")
    rows = coordinator.locator("main table tbody tr").all_inner_texts()
    coordinator.context.close()

    ours = next(i for i, row in enumerate(rows) if "Keyboard journey" in row)
    assert all("Safeguarding" in row for row in rows[: ours + 1])
