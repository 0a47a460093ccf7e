"""Paging past the end of any list gives its last page (or a 404), never a server error, on both
databases: every page the hub serves is asked for ``page=10**20`` and other page numbers that
are not pages, as the access matrix walks them."""

import pytest

from carershub.core.tests.test_access_matrix import (  # noqa: F401 (world is a fixture)
    MATRIX,
    VISITORS,
    Visitor,
    urls_of,
    world,
)

NOT_PAGES = ["1" + "0" * 20, "-" + "9" * 20, "9" * 5000, "1e999"]
# Lists that page differently once something is searched for or filtered (the carer search ranks
# its matches in the database): each is walked with these too.
SEARCHES = {
    "carers:list": ["q=Ada", "q=Ada+Foxglove", "q=27/3/1961", "q=ZZ1+1AA"],
    "carers:my_caseload": ["status=active&overdue=on"],
    "carers:team_caseload": ["worker=none&carer_type=young_carer"],
    "referrals:queue": ["view=all", "view=closed"],
    "advice:search": ["q=money"],
    "directory:find": ["q=carers", "postcode=ZZ1+1AA"],
    "directory:staff_services": ["q=carers&status=active"],
}


@pytest.mark.django_db
def test_every_page_asked_for_a_page_past_the_end_answers_without_a_server_error(world):  # noqa: F811
    visitors = {name: Visitor(name, world) for name in VISITORS}
    problems = []
    walked = 0
    for name, entry in sorted(MATRIX.items()):
        if entry.method != "get" or entry.answer != "page" or entry.check is not None:
            continue
        visitor = visitors[next(v for v in VISITORS if v in entry.allowed)]
        urls = urls_of(name, entry, world)
        urls += [f"{url}?{query}" for url in urls[:1] for query in SEARCHES.get(name, [])]
        for url in urls:
            walked += 1
            for number in NOT_PAGES:
                joined = "&" if "?" in url else "?"
                try:
                    response = visitor.send("get", f"{url}{joined}page={number}")
                except Exception as exc:  # noqa: BLE001 (one broken page should not hide the rest)
                    problems.append(f"{name} page={number[:25]} as {visitor.name}: raised {exc!r}")
                    continue
                if response.status_code not in (200, 400, 404):
                    problems.append(
                        f"{name} page={number[:25]} as {visitor.name}: got {response.status_code}"
                    )
    assert walked > 100 and not set(SEARCHES) - set(MATRIX)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
