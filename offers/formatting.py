"""Staff-entered descriptions, made safe to show to parents.

Editors may write paragraphs, lists and links; nothing else survives. nh3 (the Rust
`ammonia` sanitiser) parses the HTML like a browser does, so tricks that fool regular
expressions (broken tags, `javascript:` links, event-handler attributes) are removed too.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "a", "strong", "em"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
BLOCK_TAG = re.compile(r"<\s*(p|ul|ol)\b", re.IGNORECASE)


def safe_description(text: str) -> SafeString:
    """Blank lines make paragraphs; allowed HTML is kept; everything else is stripped."""
    if not BLOCK_TAG.search(text):
        # Typed into a textarea: a blank line starts a new paragraph.
        paragraphs = re.split(r"\n\s*\n", text.strip().replace("\r\n", "\n"))
        text = "".join(f"<p>{p.strip()}</p>" for p in paragraphs if p.strip())
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 just above)
