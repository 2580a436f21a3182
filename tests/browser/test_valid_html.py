"""Every public page type validates with the Nu Html Checker (vnu-jar) with zero errors."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request

from tests.browser.conftest import FIGURES, ROOT, missing
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
    files = {}
    for name, path in PUBLIC_PAGES.items():
        file = tmp_path / (name.replace(" ", "-") + ".html")
        file.write_text(fetch(portal + path))
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

    errors = [
        f"{files.get(m['url'].removeprefix('file:'), m['url'])}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
