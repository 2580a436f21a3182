"""Pages of a long list, laid out by GOV.UK's pagination component
(templates/includes/pagination.html)."""

from django.core.paginator import Page, Paginator


def page_number(value: str | None, pages: int) -> int:
    """The page asked for (`?page=`), within 1..pages: a number we cannot read is the first page."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), pages)


def page(paginator: Paginator, value: str | None) -> Page:
    """The page `value` asks for, or the nearest one, with the numbers GOV.UK pagination shows:
    the first, the last and those either side of this one, "⋯" between."""
    found = paginator.page(page_number(value, paginator.num_pages))
    found.elided_page_range = list(paginator.get_elided_page_range(found.number, on_each_side=1, on_ends=1))
    return found
