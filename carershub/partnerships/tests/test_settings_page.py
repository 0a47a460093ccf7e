"""A hub manager or system administrator sets the helpline's numbers and hours, the referral clocks
and the plan and review targets on a page; a save over a colleague's is refused; every change is
audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.core.tests.refused_saves import form_data, save_after_a_colleague_and_a_mistake
from carershub.core.working_days import add_working_days
from carershub.partnerships import services
from carershub.partnerships.models import HelplineHours, Partnership
from carershub.referrals.services import clocks_for
from carershub.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

URL = "/partnership/settings/"


@pytest.fixture
def manager_page(manager, hub, sign_in):
    return sign_in(manager, hub)


def filled(client, **changes):
    data = form_data(client.get(URL))
    data.update(changes)
    return data


def test_settings_page_lives_at_partnership_settings():
    assert reverse("partnerships:settings") == URL


@pytest.mark.parametrize("role", [Role.HUB_MANAGER, Role.SYSTEM_ADMIN])
def test_managers_open_the_settings_of_their_own_partnership(
    make_staff, hub, sign_in, role, partnership
):
    response = sign_in(make_staff(role, hub), hub).get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Partnership settings" in page
    assert partnership.name in page
    assert 'value="9am to 5pm"' in page  # Monday, from the fixture's opening hours


@pytest.mark.parametrize(
    "role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.PARTNER_REFERRER, Role.COMMISSIONER]
)
def test_other_roles_are_refused_the_settings_page(make_staff, hub, sign_in, role):
    client = sign_in(make_staff(role, hub), hub)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"version": 1, "helpline_phone": "0800 000 0000"}).status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_manager_sets_the_helpline_numbers_hours_and_targets(manager_page, partnership, manager):
    data = filled(
        manager_page,
        helpline_phone="0808 157 0192",
        helpline_email="help@testshire.example",
        hours_0="9am to 1pm, 2pm to 5pm",
        hours_1="",
        hours_5="10:00-12:00",
        first_contact_working_days="3",
        assessment_start_days="21",
        plan_within_days="10",
        review_within_months="6",
    )

    response = manager_page.post(URL, data)

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.helpline_phone, partnership.helpline_email) == (
        "0808 157 0192",
        "help@testshire.example",
    )
    assert (
        partnership.first_contact_working_days,
        partnership.assessment_start_days,
        partnership.plan_within_days,
        partnership.review_within_months,
    ) == (3, 21, 10, 6)
    assert [(h.day, h.opens, h.closes) for h in partnership.helpline_hours.all()] == [
        (0, dt.time(9), dt.time(13)),
        (0, dt.time(14), dt.time(17)),
        (5, dt.time(10), dt.time(12)),
    ]
    assert "Partnership settings saved" in manager_page.get(URL).content.decode()


def test_the_start_page_shows_the_hours_saved(manager_page, client):
    manager_page.post(URL, filled(manager_page, hours_0="8am to 8pm", hours_1="8am to 8pm"))

    manager_page.logout()
    page = client.get("/").content.decode()

    assert "Monday to Tuesday" in page
    assert "8am to 8pm" in page


def test_every_change_is_audited_by_field_name_with_who_made_it(manager_page, partnership, manager):
    manager_page.post(URL, filled(manager_page, plan_within_days="10", hours_2="9am to 5pm"))

    updated = AuditLog.objects.get(
        operation=Operation.UPDATE, object_type="partnerships.partnership"
    )
    assert updated.object_id == str(partnership.pk)
    assert updated.actor_user_id == manager.pk
    assert updated.fields == ["plan_within_days"]
    assert updated.context == {"targets": {"plan_within_days": {"from": 7, "to": 10}}}
    created = AuditLog.objects.get(
        operation=Operation.CREATE, object_type="partnerships.helplinehours"
    )
    assert created.actor_user_id == manager.pk


def test_a_new_referral_takes_its_clock_from_the_new_target_and_an_old_one_keeps_its_own(
    manager_page, partnership, hub
):
    before = ReferralFactory(holding_organisation=hub)
    old_due = before.first_contact_due

    manager_page.post(
        URL, filled(manager_page, first_contact_working_days="1", assessment_start_days="30")
    )

    before.refresh_from_db()
    assert before.first_contact_due == old_due
    now = timezone.now()
    received = timezone.localdate(now)
    first_contact_due, assessment_due = clocks_for(Partnership.objects.get(pk=partnership.pk), now)
    assert assessment_due == received + dt.timedelta(days=30)
    assert first_contact_due == add_working_days(received, 1)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"hours_0": "nine till five"}, "Enter Monday&#39;s hours as times, like 9am to 5pm"),
        ({"hours_3": "5pm to 9am"}, "Thursday&#39;s closing time must be after its opening time"),
        ({"hours_4": "9am to 1pm, 12pm to 5pm"}, "Friday&#39;s opening periods overlap"),
        (
            {"first_contact_working_days": ""},
            "Enter working days to first contact with a referred carer",
        ),
        ({"assessment_start_days": "fourteen"}, "must be a whole number of days between 1 and 365"),
        ({"review_within_months": "0"}, "must be a whole number of months between 1 and 24"),
        (
            {"helpline_email": "help at example"},
            "Enter the helpline email address in the correct format",
        ),
    ],
)
def test_a_mistake_is_explained_in_plain_english_and_nothing_typed_is_lost(
    manager_page, partnership, changes, error
):
    data = filled(manager_page, helpline_phone="0800 111 2222", **changes)

    response = manager_page.post(URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "There is a problem" in page
    assert form_data(response)["helpline_phone"] == "0800 111 2222"
    partnership.refresh_from_db()
    assert partnership.helpline_phone != "0800 111 2222"


def test_a_save_over_a_colleagues_is_refused_after_a_mistake_is_corrected(
    manager_page, partnership, manager
):
    def colleague_saves():
        services.update_settings(
            None,
            Partnership.objects.get(pk=partnership.pk),
            expected_version=None,
            hours={day: [] for day in range(7)},
            assessment_start_days=20,
        )

    response = save_after_a_colleague_and_a_mistake(
        manager_page,
        URL,
        colleague_saves=colleague_saves,
        typed={"assessment_start_days": "10", "helpline_phone": "0800 333 4444"},
        mistake={"plan_within_days": "many"},
        error="must be a whole number of days",
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "has changed since you opened it" in page
    assert form_data(response)["assessment_start_days"] == "10"
    partnership.refresh_from_db()
    assert partnership.assessment_start_days == 20
    assert partnership.helpline_phone != "0800 333 4444"
    assert not partnership.helpline_hours.exists()  # the colleague's closing of the helpline stands


def test_saving_again_after_a_refusal_keeps_the_managers_choice(manager_page, partnership):
    opened = form_data(manager_page.get(URL))
    services.update_settings(
        None,
        Partnership.objects.get(pk=partnership.pk),
        expected_version=None,
        hours={0: [(dt.time(9), dt.time(17))]},
        plan_within_days=9,
    )
    refused = manager_page.post(URL, {**opened, "plan_within_days": "5"})
    assert refused.status_code == 409

    saved = manager_page.post(URL, form_data(refused))

    assert saved.status_code == 302
    partnership.refresh_from_db()
    assert partnership.plan_within_days == 5


def test_a_manager_elsewhere_changes_only_their_own_partnership(
    make_staff, other_hub, sign_in, partnership
):
    elsewhere = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)

    elsewhere.post(URL, filled(elsewhere, helpline_phone="0800 999 9999"))

    partnership.refresh_from_db()
    assert partnership.helpline_phone != "0800 999 9999"
    assert Partnership.objects.get(pk=other_hub.partnership_id).helpline_phone == "0800 999 9999"


def test_staff_home_links_managers_to_the_settings(manager_page):
    assert URL in manager_page.get(reverse("home:staff_home")).content.decode()


def test_the_update_refuses_what_is_not_a_setting(partnership):
    with pytest.raises(TypeError):
        services.update_settings(None, partnership, expected_version=None, hours={}, slug="taken")
    assert HelplineHours.objects.filter(partnership=partnership).exists()
