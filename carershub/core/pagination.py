"""Paginated lists: one page size rule and the GOV.UK pagination component's parameters."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(queryset, page_number, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(page_number)


def pagination_params(page, query=None):
    """Parameters for govukPagination, keeping the other query-string values (filters, search)."""
    if not page.has_other_pages():
        return None
    query = {k: v for k, v in (query or {}).items() if k != "page" and v not in (None, "")}

    def href(number):
        return "?" + urlencode({**query, "page": number})

    items = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    params = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params
