from django import template

from offers.formatting import safe_description

register = template.Library()


@register.filter
def description(text: str):
    """`{{ service.description|description }}`: paragraphs, lists and links only."""
    return safe_description(text)


@register.simple_tag
def need_links() -> list[dict]:
    """Entry points by need, for pages outside the offers app (the home page)."""
    from offers.views import _need_links

    return _need_links()
