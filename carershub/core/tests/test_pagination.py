from django.core.paginator import Paginator

from carershub.core.pagination import pagination_params


def test_page_links_keep_every_value_of_a_repeated_filter():
    page = Paginator(list(range(100)), 25).get_page(2)
    params = pagination_params(
        page, [("status", "active"), ("status", "closed"), ("q", ""), ("page", "9")]
    )
    assert params["next"]["href"] == "?status=active&status=closed&page=3"
    assert params["previous"]["href"] == "?status=active&status=closed&page=1"


def test_page_links_accept_a_dict_with_a_list():
    page = Paginator(list(range(60)), 25).get_page(1)
    assert pagination_params(page, {"q": "smith", "type": ["young_carer", "parent_carer"]})["next"][
        "href"
    ] == ("?q=smith&type=young_carer&type=parent_carer&page=2")


def test_a_single_page_needs_no_pagination():
    assert pagination_params(Paginator([1, 2], 25).get_page(1), {"q": "x"}) is None
