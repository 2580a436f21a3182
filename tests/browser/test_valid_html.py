"""Every public page type validates with the Nu Html Checker (vnu-jar) with zero errors."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request

from tests.browser.conftest import FIGURES, ROOT, missing, open_reset_link
from tests.browser.pages import PUBLIC_PAGES

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=10).read().decode()  # noqa: S310 (loopback only)
    except urllib.error.HTTPError as error:  # a styled 404 is a page too
        return error.read().decode()


def test_every_public_page_type_is_valid_html(portal, tmp_path):
    if not shutil.which("java"):
        missing("Java", "default-jre-headless")
    pages = {name: fetch(portal + path) for name, path in PUBLIC_PAGES.items()}
    assert validate(pages, tmp_path) == []


def test_choosing_a_new_password_is_valid_html(portal, page, tmp_path):
    """The page behind a reset link, and its error state: reached as a person would, through
    the link in the email the portal queued."""
    if not shutil.which("java"):
        missing("Java", "default-jre-headless")
    email = "admin@brackenford.example"  # no journey signs in with it; the password is not changed
    open_reset_link(portal, page, email)
    form = page.request.get(page.url).text()  # as served, with the browser's session
    page.get_by_label("New password", exact=True).fill("too-short")
    page.get_by_label("Type the new password again").fill("too-short")
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Change password").click()
    error_state = posted.value.text()

    assert "Choose a new password" in form and "govuk-error-summary" in error_state
    pages = {"choose a new password": form, "choose a new password with errors": error_state}
    assert validate(pages, tmp_path) == []


def validate(pages: dict[str, str], folder) -> list[str]:
    """Runs the Nu Html Checker over the pages' HTML; returns its errors, each naming the page."""
    files = {}
    for name, html in pages.items():
        file = folder / (name.replace(" ", "-") + ".html")
        file.write_text(html)
        files[str(file)] = name

    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    FIGURES["pages checked by vnu"] += len(files)
    FIGURES["vnu errors"] += len(messages)

    return [
        f"{files.get(m['url'].removeprefix('file:'), m['url'])}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
