"""Paginated lists: one page size rule and the GOV.UK pagination component's parameters."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

PAGE_SIZE = 25


def paginate(queryset, page_number, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(page_number)


def pagination_params(page, query=None):
    """Parameters for govukPagination, keeping the other query-string values (filters, search).

    ``query`` is a dict or a list of (name, value) pairs; a name may repeat, or a dict value be a
    list, for filters with several values ("status=active&status=closed").
    """
    if not page.has_other_pages():
        return None
    pairs = []
    for name, value in query.items() if isinstance(query, dict) else (query or []):
        for item in value if isinstance(value, list | tuple) else [value]:
            if name != "page" and item not in (None, ""):
                pairs.append((name, item))

    def href(number):
        return "?" + urlencode([*pairs, ("page", number)])

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
