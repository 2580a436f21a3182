from django import template

from offers.formatting import safe_description
from offers.presenters import need_links

register = template.Library()


@register.filter
def description(text: str):
    """`{{ service.description|description }}`: paragraphs, lists and links only."""
    return safe_description(text)


@register.simple_tag(name="need_links")
def need_links_tag() -> list[dict]:
    """Entry points by need, for pages outside the offers app (the home page)."""
    return need_links()
