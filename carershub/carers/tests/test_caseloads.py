"""Caseloads: my carers, the team's carers, the filters, and changing a carer's key worker."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import caseloads, selectors
from carershub.carers.models import CaredForPerson, Carer, CaringRelationship, Contact
from carershub.carers.rules import CarerType, carer_types
from carershub.carers.tests.factories import CarerFactory

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def assessor(make_staff, hub):
    return make_staff(Role.ASSESSOR, hub, full_name="Ari Assessor")


def on_caseload(worker, **fields):
    return CarerFactory(
        holding_organisation=fields.pop(
            "holding_organisation", worker.memberships.first().organisation
        ),
        key_worker=worker,
        **fields,
    )


def overdue_follow_up(carer, worker, days_late=3):
    return Contact.unscoped.create(
        holding_organisation=carer.holding_organisation,
        carer=carer,
        kind="phone",
        purpose="Check in",
        happened_at=timezone.now() - dt.timedelta(days=10),
        follow_up_due=timezone.localdate() - dt.timedelta(days=days_late),
        recorded_by=worker,
    )


def cares_for_child(carer, born):
    child = CaredForPerson.unscoped.create(
        holding_organisation=carer.holding_organisation,
        given_name="Kit",
        family_name=carer.family_name,
        date_of_birth=born,
    )
    CaringRelationship.objects.create(
        carer=carer, cared_for=child, relationship="child", parental_responsibility=True
    )


def names(page):
    return [c.given_name for c in page]


# --- Selectors --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_my_caseload_is_the_carers_whose_key_worker_i_am(worker, assessor, actor_of, hub):
    on_caseload(worker, given_name="Ada")
    on_caseload(assessor, given_name="Bex")
    CarerFactory(holding_organisation=hub, given_name="Cai")
    page = selectors.caseload(actor_of(worker, hub), {}, key_worker=worker)
    assert names(page) == ["Ada"]


@pytest.mark.django_db
def test_the_team_caseload_is_everyone_the_organisation_holds(
    worker, assessor, manager, actor_of, hub, other_hub
):
    on_caseload(worker, given_name="Ada")
    on_caseload(assessor, given_name="Bex")
    CarerFactory(holding_organisation=hub, given_name="Cai")
    CarerFactory(holding_organisation=other_hub, given_name="Dee")
    page = selectors.caseload(actor_of(manager, hub), {})
    assert sorted(names(page)) == ["Ada", "Bex", "Cai"]


@pytest.mark.django_db
def test_merged_records_are_not_on_a_caseload(worker, actor_of, hub):
    survivor = on_caseload(worker, given_name="Ada")
    on_caseload(
        worker, given_name="Ada", merged_into=survivor, status="closed", closed_reason="duplicate"
    )
    assert [c.pk for c in selectors.caseload(actor_of(worker, hub), {}, key_worker=worker)] == [
        survivor.pk
    ]


@pytest.mark.django_db
def test_filter_by_status(worker, actor_of, hub):
    on_caseload(worker, given_name="Ada")
    on_caseload(worker, given_name="Bex", status="closed", closed_reason="moved_away")
    on_caseload(worker, given_name="Cai", status="ex_carer")
    actor = actor_of(worker, hub)
    assert names(selectors.caseload(actor, {"status": ["active"]}, key_worker=worker)) == ["Ada"]
    assert sorted(
        names(selectors.caseload(actor, {"status": ["closed", "ex_carer"]}, key_worker=worker))
    ) == ["Bex", "Cai"]


@pytest.mark.django_db
def test_filter_by_hours_band_including_not_known(worker, actor_of, hub):
    on_caseload(worker, given_name="Ada", hours_band="50_or_more")
    on_caseload(worker, given_name="Bex", hours_band="19_or_less")
    on_caseload(worker, given_name="Cai", hours_band="")
    actor = actor_of(worker, hub)
    assert names(selectors.caseload(actor, {"hours_band": ["50_or_more"]}, key_worker=worker)) == [
        "Ada"
    ]
    assert sorted(
        names(
            selectors.caseload(
                actor, {"hours_band": ["19_or_less", "not_known"]}, key_worker=worker
            )
        )
    ) == ["Bex", "Cai"]


@pytest.mark.django_db
def test_filter_by_overdue_follow_up(worker, actor_of, hub):
    late = on_caseload(worker, given_name="Ada")
    overdue_follow_up(late, worker)
    done = on_caseload(worker, given_name="Bex")
    Contact.unscoped.filter(pk=overdue_follow_up(done, worker).pk).update(
        follow_up_done_at=timezone.now()
    )
    due_today = on_caseload(worker, given_name="Cai")
    overdue_follow_up(due_today, worker, days_late=0)
    page = selectors.caseload(actor_of(worker, hub), {"overdue": True}, key_worker=worker)
    assert names(page) == ["Ada"]
    assert page[0].has_overdue_follow_up


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("carer_type", "expected"),
    [
        (CarerType.YOUNG_CARER, ["Young", "YoungAdult", "YoungParent"]),
        (CarerType.YOUNG_ADULT_CARER, ["Adult25", "YoungAdult", "YoungParent"]),
        (CarerType.ADULT_CARER, ["Adult25", "Older", "Parent"]),
        (CarerType.OLDER_CARER, ["Older"]),
        (CarerType.PARENT_CARER, ["Parent"]),
        (CarerType.AGE_NOT_KNOWN, ["NoBirthday"]),
        (CarerType.EX_CARER, ["Former"]),
    ],
)
def test_filter_by_kind_of_carer(worker, actor_of, hub, carer_type, expected):
    on_caseload(worker, given_name="Young", date_of_birth=dt.date(2015, 1, 1))
    on_caseload(
        worker, given_name="YoungAdult", date_of_birth=dt.date(2009, 1, 1)
    )  # 17: young and young adult
    on_caseload(worker, given_name="Adult25", date_of_birth=dt.date(2001, 1, 1))
    on_caseload(worker, given_name="Older", date_of_birth=dt.date(1950, 1, 1))
    on_caseload(worker, given_name="NoBirthday", date_of_birth=None)
    parent = on_caseload(worker, given_name="Parent", date_of_birth=dt.date(1980, 1, 1))
    cares_for_child(parent, dt.date(2016, 5, 5))
    young_parent = on_caseload(
        worker, given_name="YoungParent", date_of_birth=dt.date(2009, 6, 1)
    )  # 16
    cares_for_child(
        young_parent, dt.date(2025, 5, 5)
    )  # a young carer, not a parent carer (s17ZD is for 18+)
    grown_up = on_caseload(
        worker, given_name="Former", date_of_birth=dt.date(1980, 1, 1), status="ex_carer"
    )
    cares_for_child(grown_up, dt.date(2016, 5, 5))
    page = selectors.caseload(
        actor_of(worker, hub), {"carer_type": [carer_type]}, key_worker=worker, today=TODAY
    )
    assert sorted(names(page)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("today", [dt.date(2026, 3, 1), dt.date(2028, 2, 29), dt.date(2027, 2, 28)])
def test_the_kind_of_carer_filter_agrees_with_the_rules_on_birthdays(worker, actor_of, hub, today):
    """Around the 16th, 18th, 26th and 65th birthdays, and for a leap-day birthday."""
    carers = []
    for years in (16, 18, 26, 65):
        for offset in (-1, 0, 1):
            birthday = caseloads.years_before(today, years) + dt.timedelta(days=offset)
            carers.append(
                on_caseload(worker, given_name=f"Born{birthday:%Y%m%d}", date_of_birth=birthday)
            )
    carers.append(on_caseload(worker, given_name="Leap", date_of_birth=dt.date(2008, 2, 29)))
    actor = actor_of(worker, hub)
    for carer_type in [
        CarerType.YOUNG_CARER,
        CarerType.YOUNG_ADULT_CARER,
        CarerType.ADULT_CARER,
        CarerType.OLDER_CARER,
    ]:
        found = {
            c.pk
            for c in selectors.caseload(
                actor, {"carer_type": [carer_type]}, 1, key_worker=worker, today=today
            ).paginator.object_list
        }
        expected = {c.pk for c in carers if carer_type in carer_types(c.date_of_birth, today=today)}
        assert found == expected, (carer_type, today)


@pytest.mark.django_db
def test_the_team_caseload_filters_by_key_worker_or_nobody(
    worker, assessor, manager, actor_of, hub
):
    on_caseload(worker, given_name="Ada")
    on_caseload(assessor, given_name="Bex")
    CarerFactory(holding_organisation=hub, given_name="Cai")
    actor = actor_of(manager, hub)
    assert names(selectors.caseload(actor, {"worker": str(assessor.pk)})) == ["Bex"]
    assert names(selectors.caseload(actor, {"worker": "none"})) == ["Cai"]


@pytest.mark.django_db
def test_caseload_sizes_count_active_carers_and_overdue_follow_ups_per_worker(
    worker, assessor, manager, actor_of, hub
):
    for _ in range(3):
        on_caseload(worker)
    overdue_follow_up(on_caseload(worker), worker)
    on_caseload(worker, status="closed", closed_reason="declined")
    on_caseload(assessor)
    CarerFactory(holding_organisation=hub)
    sizes = selectors.caseload_sizes(actor_of(manager, hub))
    assert sizes == {worker.pk: (4, 1), assessor.pk: (1, 0), None: (1, 0)}


# --- Pages ------------------------------------------------------------------------------------

PAGES = ["carers:my_caseload", "carers:team_caseload"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "mine", "team"),
    [
        (Role.SUPPORT_WORKER, 200, 403),
        (Role.ASSESSOR, 200, 403),
        (Role.HUB_MANAGER, 200, 200),
        (Role.PARTNER_REFERRER, 403, 403),
        (Role.COMMISSIONER, 403, 403),
        (Role.SYSTEM_ADMIN, 403, 403),
    ],
)
def test_who_may_see_caseloads(make_staff, sign_in, hub, role, mine, team):
    client = sign_in(make_staff(role, hub), hub)
    assert client.get(reverse("carers:my_caseload")).status_code == mine
    assert client.get(reverse("carers:team_caseload")).status_code == team


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*PAGES, "carers:key_worker"])
def test_anonymous_visitors_are_sent_to_sign_in_from_caseload_pages(client, hub, name):
    args = [CarerFactory(holding_organisation=hub).reference] if name == "carers:key_worker" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302 and "sign-in" in response.url


@pytest.mark.django_db
def test_a_caseload_page_opens_showing_active_carers_and_can_show_every_status(
    worker, sign_in, hub
):
    on_caseload(worker, given_name="Ada", family_name="Active")
    on_caseload(
        worker, given_name="Bex", family_name="Closed", status="closed", closed_reason="declined"
    )
    client = sign_in(worker, hub)
    html = client.get(reverse("carers:my_caseload")).content.decode()
    assert "Ada Active" in html and "Bex Closed" not in html
    assert 'value="active" checked' in html
    html = client.get(reverse("carers:my_caseload"), {"filtered": "1"}).content.decode()
    assert "Ada Active" in html and "Bex Closed" in html


@pytest.mark.django_db
def test_a_caseload_page_shows_kinds_hours_and_overdue_follow_ups(worker, sign_in, hub):
    carer = on_caseload(
        worker,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(2012, 1, 1),
        hours_band="20_to_49",
    )
    overdue_follow_up(carer, worker)
    html = sign_in(worker, hub).get(reverse("carers:my_caseload")).content.decode()
    assert "1 carer" in html
    assert "Young carer (under 18)" in html
    assert "20 to 49 hours a week" in html
    assert "Follow-up overdue" in html


@pytest.mark.django_db
def test_the_team_caseload_shows_each_workers_caseload_size(worker, manager, sign_in, hub):
    for _ in range(2):
        on_caseload(worker)
    html = sign_in(manager, hub).get(reverse("carers:team_caseload")).content.decode()
    assert "Sam Worker" in html and "No key worker" in html
    assert f"worker={worker.pk}" in html


@pytest.mark.django_db
def test_caseload_pages_come_a_page_at_a_time_and_the_links_keep_the_filters(worker, sign_in, hub):
    for n in range(27):
        on_caseload(worker, given_name=f"Ada{n:02d}", hours_band="50_or_more")
    client = sign_in(worker, hub)
    query = {"filtered": "1", "status": ["active", "closed"], "hours_band": "50_or_more"}
    html = client.get(reverse("carers:my_caseload"), query).content.decode()
    assert "27 carers" in html and "Ada24" in html and "Ada25" not in html
    assert (
        "?filtered=1&amp;status=active&amp;status=closed&amp;hours_band=50_or_more&amp;page=2"
        in html
    )
    html = client.get(reverse("carers:my_caseload"), {**query, "page": 2}).content.decode()
    assert "Ada25" in html and "Ada26" in html and "Ada00" not in html


@pytest.mark.django_db
def test_a_filter_that_is_not_one_of_the_choices_is_an_error_not_a_crash(worker, sign_in, hub):
    on_caseload(worker, given_name="Ada")
    response = sign_in(worker, hub).get(reverse("carers:my_caseload"), {"status": "nonsense"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.django_db
def test_caseload_pages_write_one_audit_row_per_carer_shown(worker, sign_in, hub):
    shown = [on_caseload(worker), on_caseload(worker)]
    on_caseload(worker, status="closed", closed_reason="declined")
    sign_in(worker, hub).get(reverse("carers:my_caseload"))
    rows = AuditLog.objects.filter(operation=Operation.SEARCH, object_type="carers.carer")
    assert sorted(r.object_id for r in rows) == sorted(str(c.pk) for c in shown)
    assert rows[0].context == {"view": "carers:my_caseload", "filters": ["status"], "page": 1}
    assert "key_worker" in rows[0].fields


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_caseload_page_queries_do_not_grow_with_the_caseload(
    worker, manager, sign_in, hub, name, django_assert_max_num_queries
):
    client = sign_in(manager, hub)

    def add(n):
        for i in range(n):
            carer = on_caseload(manager if i % 2 else worker, date_of_birth=dt.date(1980, 1, 1))
            cares_for_child(carer, dt.date(2018, 1, 1))
            overdue_follow_up(carer, worker)

    add(2)
    filters = {"filtered": "1", "carer_type": ["parent_carer", "adult_carer"], "overdue": "on"}
    with django_assert_max_num_queries(40) as small:
        client.get(reverse(name), filters)
    add(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(name), filters)
    assert "carers" in response.content.decode()


# --- Changing the key worker ------------------------------------------------------------------


@pytest.mark.django_db
def test_set_key_worker_puts_the_carer_on_a_caseload_and_audits_it(worker, assessor, actor_of, hub):
    carer = CarerFactory(holding_organisation=hub)
    caseloads.set_key_worker(actor_of(worker, hub), carer, assessor)
    carer.refresh_from_db()
    assert carer.key_worker == assessor and carer.version == 2
    row = AuditLog.objects.get(operation=Operation.UPDATE, object_type="carers.carer")
    assert row.fields == ["key_worker"] and row.object_id == str(carer.pk)


@pytest.mark.django_db
def test_set_key_worker_refuses_someone_who_does_not_work_with_carers_there(
    worker, make_staff, actor_of, hub, other_hub
):
    carer = CarerFactory(holding_organisation=hub)
    for outsider in [make_staff(Role.HUB_MANAGER, other_hub), make_staff(Role.COMMISSIONER, hub)]:
        with pytest.raises(ValidationError):
            caseloads.set_key_worker(actor_of(worker, hub), carer, outsider)
    carer.refresh_from_db()
    assert carer.key_worker is None
    assert not AuditLog.objects.filter(operation=Operation.UPDATE).exists()


@pytest.mark.django_db
def test_setting_the_same_key_worker_again_changes_nothing(worker, actor_of, hub):
    carer = on_caseload(worker)
    caseloads.set_key_worker(actor_of(worker, hub), carer, worker)
    assert Carer.unscoped.get(pk=carer.pk).version == 1
    assert not AuditLog.objects.filter(operation=Operation.UPDATE).exists()


@pytest.mark.django_db
def test_the_record_links_to_change_the_key_worker(worker, sign_in, hub):
    carer = on_caseload(worker)
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert reverse("carers:key_worker", args=[carer.reference]) in html
    assert "Sam Worker" in html


@pytest.mark.django_db
def test_changing_the_key_worker_on_its_page(worker, assessor, sign_in, hub):
    carer = on_caseload(worker, given_name="Ada", family_name="Foxglove")
    client = sign_in(worker, hub)
    html = client.get(reverse("carers:key_worker", args=[carer.reference])).content.decode()
    assert "Who is Ada Foxglove’s key worker?" in html and "Ari Assessor" in html
    assert AuditLog.objects.filter(operation=Operation.READ, fields=["key_worker"]).exists()
    response = client.post(
        reverse("carers:key_worker", args=[carer.reference]), {"key_worker": str(assessor.pk)}
    )
    assert response.status_code == 302
    assert Carer.unscoped.get(pk=carer.pk).key_worker == assessor
    client.post(reverse("carers:key_worker", args=[carer.reference]), {"key_worker": "none"})
    assert Carer.unscoped.get(pk=carer.pk).key_worker is None


@pytest.mark.django_db
def test_the_key_worker_page_says_what_is_missing(worker, sign_in, hub):
    carer = on_caseload(worker)
    html = (
        sign_in(worker, hub)
        .post(reverse("carers:key_worker", args=[carer.reference]), {})
        .content.decode()
    )
    assert "There is a problem" in html
    assert "Select a key worker, or select no key worker" in html
    assert 'href="#id_key_worker"' in html
    assert Carer.unscoped.get(pk=carer.pk).key_worker == worker


@pytest.mark.django_db
def test_the_key_worker_page_refuses_someone_from_elsewhere(
    worker, make_staff, sign_in, hub, other_hub
):
    carer = on_caseload(worker)
    outsider = make_staff(Role.SUPPORT_WORKER, other_hub)
    response = sign_in(worker, hub).post(
        reverse("carers:key_worker", args=[carer.reference]), {"key_worker": str(outsider.pk)}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Carer.unscoped.get(pk=carer.pk).key_worker == worker


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("support_worker", 200),
        ("assessor", 200),
        ("hub_manager", 200),
        ("partner_referrer", 403),
        ("commissioner", 403),
        ("system_admin", 403),
        ("elsewhere", 404),
    ],
)
def test_who_may_change_a_key_worker(make_staff, hub, other_hub, who, status):
    carer = CarerFactory(holding_organisation=hub)
    user = (
        make_staff(Role.HUB_MANAGER, other_hub)
        if who == "elsewhere"
        else make_staff(Role(who), hub)
    )
    client = Client()
    client.force_login(user)
    assert client.get(reverse("carers:key_worker", args=[carer.reference])).status_code == status
    assert client.post(
        reverse("carers:key_worker", args=[carer.reference]), {"key_worker": "none"}
    ).status_code in ((302,) if status == 200 else (403, 404))
