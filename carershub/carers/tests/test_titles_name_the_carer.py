"""Every page about one carer names them in its title, so a worker with many tabs open (or a
screen reader announcing the page) knows whose record it is.

Walks the access matrix's pages about a carer as the hub manager, who may open all of them
(restricted contact details hide the carer's address and phone, never their name, ADR 19), and as
the partner who may see the record. A new page of these apps must be listed below as about one
carer or not, so the walk cannot miss it.
"""

import html
import re

from carershub.core.tests.test_access_matrix import (
    MATRIX,
    Visitor,
    let_in,
    urls_of,
    world,  # noqa: F401  (a hub with one of everything)
)

APPS = ("carers", "assessments", "emergency_plans", "safeguarding", "groups", "privacy")


def _carer(w):
    return w.carer


def _of(name):
    return lambda w: getattr(w, name).carer


# Each page about one carer, and which of the world's carers it is about.
ABOUT_ONE_CARER = {
    "carers:activity": _carer,
    "carers:add_cared_for": _carer,
    "carers:detail": _carer,
    "carers:edit": _carer,
    "carers:key_worker": _carer,
    "carers:lift_restriction": lambda w: w.restricted_carer,
    "carers:log_contact": _carer,
    "carers:merge": _carer,
    "carers:record_consent": _carer,
    "carers:relationship_council": _carer,
    "carers:restrict": _carer,
    "carers:timeline": _carer,
    "carers:withdraw_consent": _carer,
    "assessments:add_action": _of("plan"),
    "assessments:add_service": _of("plan"),
    "assessments:breakdown_risk": _carer,
    "assessments:cancel": _of("in_progress"),
    "assessments:check": _of("in_progress"),
    "assessments:detail": _of("completed"),
    "assessments:edit_plan": _of("plan"),
    "assessments:plan": _of("plan"),
    "assessments:section": _of("in_progress"),
    "assessments:send_copy": _of("completed"),
    "assessments:start": _carer,
    "emergency_plans:add_contact": _of("emergency_plan"),
    "emergency_plans:consent": _of("emergency_plan"),
    "emergency_plans:detail": _of("emergency_plan"),
    "emergency_plans:edit_needs": _of("emergency_plan"),
    "emergency_plans:end": _of("emergency_plan"),
    "emergency_plans:new": _carer,
    "emergency_plans:remove_contact": _of("emergency_plan"),
    "groups:cancel_booking": _of("group_booking"),
    "groups:carer_availability": _carer,
    "groups:carer_bookings": _carer,
    "privacy:legal_hold": lambda w: w.held_carer,
    "privacy:lift_hold": lambda w: w.held_carer,
    "privacy:subject_access": _carer,
    "safeguarding:decide": _of("concern"),
    "safeguarding:detail": _of("concern"),
    "safeguarding:raise": _carer,
}

# Pages of these apps with an address of their own that are about no one carer, or are no HTML
# page: a group, a session, a calendar feed, the PDF of an assessment.
NOT_ABOUT_ONE_CARER = {
    "assessments:copy_pdf",
    "groups:book",
    "groups:cancel_session",
    "groups:carer_feed",
    "groups:edit_group",
    "groups:edit_session",
    "groups:group",
    "groups:group_feed",
    "groups:new_sessions",
    "groups:register",
    "groups:session",
    "groups:session_bookings",
}


def _title(body):
    found = re.search(r"<title[^>]*>(.*?)</title>", body, re.S)
    return html.unescape(re.sub(r"\s+", " ", found.group(1))).strip() if found else ""


def test_every_page_with_an_address_of_its_own_in_these_apps_is_listed():
    unlisted = [
        name
        for name, entry in MATRIX.items()
        if entry.method == "get"
        and name.split(":")[0] in APPS
        and entry.kwargs.__name__ != "no_kwargs"
        and name not in ABOUT_ONE_CARER
        and name not in NOT_ABOUT_ONE_CARER
    ]
    assert not unlisted, f"say whether these pages are about one carer: {unlisted}"


def test_every_page_about_a_carer_names_them_in_its_title(world):  # noqa: F811
    manager = Visitor("manager", world)
    problems = []
    opened = 0
    for name, carer_of in sorted(ABOUT_ONE_CARER.items()):
        entry = MATRIX[name]
        carer = carer_of(world)
        for url in urls_of(name, entry, world):
            response = manager.send("get", url)
            if not let_in(entry, response) or response.status_code != 200:
                problems.append(f"{name} ({url}) did not open: {response.status_code}")
                continue
            opened += 1
            title = _title(response.content.decode())
            if carer.full_name not in title:
                problems.append(f"{name} ({url}): {title!r} does not name {carer.full_name}")
    assert opened >= len(ABOUT_ONE_CARER)
    assert not problems, "\n".join(problems)


def test_a_partner_who_may_see_the_record_sees_the_name_in_its_title(world):  # noqa: F811
    ward = Visitor("ward", world)
    response = ward.send("get", urls_of("carers:detail", MATRIX["carers:detail"], world)[0])
    assert response.status_code == 200
    assert world.carer.full_name in _title(response.content.decode())
