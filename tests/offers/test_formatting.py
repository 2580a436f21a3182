"""Staff-entered descriptions: paragraphs, lists and links only."""

import pytest

from offers.formatting import safe_description


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        '<p onclick="alert(1)">Hi</p>',
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">Click</a>',
        '<svg onload="alert(1)"></svg>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="position:fixed">Hi</p>',
        "<scr<script>ipt>alert(1)</script>",
    ],
)
def test_scripts_styles_and_event_handlers_are_removed(dangerous):
    html = str(safe_description(dangerous))

    for forbidden in ["<script", "onclick", "onerror", "onload", "javascript:", "<iframe", "style=", "<img", "<svg"]:
        assert forbidden not in html.lower()


def test_paragraphs_lists_and_links_are_kept():
    html = str(safe_description('<p>Hi</p><ul><li>One</li></ul><a href="https://nhs.example">NHS</a>'))

    assert "<p>Hi</p>" in html
    assert "<ul><li>One</li></ul>" in html
    assert 'href="https://nhs.example"' in html
    assert 'rel="noopener noreferrer"' in html


def test_plain_text_becomes_paragraphs_and_is_escaped():
    html = str(safe_description("First part.\n\nSecond part & for ages <2."))

    assert html == "<p>First part.</p><p>Second part &amp; for ages &lt;2.</p>"


def test_emoji_and_other_scripts_are_kept():
    assert str(safe_description("Croeso 👶 مرحبا")) == "<p>Croeso 👶 مرحبا</p>"


def test_nothing_gives_nothing():
    assert str(safe_description("")) == ""
