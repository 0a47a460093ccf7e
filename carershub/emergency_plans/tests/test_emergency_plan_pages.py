"""The emergency plan pages as hub staff meet them, for every role."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import SESSION_KEY, actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services as carer_services
from carershub.carers.tests.factories import CarerFactory
from carershub.emergency_plans import services
from carershub.emergency_plans.models import EmergencyContact, EmergencyPlan, PlanStatus
from carershub.emergency_plans.tests.conftest import add_contact


def client_for(user, organisation):
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = organisation.pk
    session.save()
    return client


def page(response):
    return unescape(response.content.decode())


NEEDS = {
    "medication": "",
    "routines": "",
    "communication": "",
    "mobility": "",
    "other_needs": "",
    "replacement_care": "",
    "reviewed_on-day": "",
    "reviewed_on-month": "",
    "reviewed_on-year": "",
}
CONTACT = {
    "name": "Jo Foxglove",
    "relationship": "Granddaughter",
    "phone": "07700 900982",
    "alternative_phone": "",
    "can_hold_keys": "yes",
}


def current(plan):
    return EmergencyPlan.unscoped.get(pk=plan.pk)


# --- Who may see and change a plan -------------------------------------------------------------


@pytest.fixture
def people(make_staff, hub, hospital, other_hub, carer, worker):
    """Everyone who might try, acting for their organisation;
    the carer shares their record with the hospital.
    """
    carer_services.record_consent(
        actor_for(worker, hub.pk),
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    return {
        "worker": (make_staff(Role.SUPPORT_WORKER, hub), hub),
        "assessor": (make_staff(Role.ASSESSOR, hub), hub),
        "manager": (make_staff(Role.HUB_MANAGER, hub), hub),
        "admin": (make_staff(Role.SYSTEM_ADMIN, hub), hub),
        "ward": (make_staff(Role.PARTNER_REFERRER, hospital), hospital),
        "commissioner": (make_staff(Role.COMMISSIONER, hospital), hospital),
        "elsewhere": (make_staff(Role.HUB_MANAGER, other_hub), other_hub),
    }


HUB_STAFF = {"worker", "assessor", "manager"}


def plan_pages(plan, carer):
    contact = plan.contacts.first()
    return [
        reverse("emergency_plans:new", kwargs={"carer_reference": carer.reference}),
        reverse("emergency_plans:detail", kwargs={"reference": plan.reference}),
        reverse("emergency_plans:edit_needs", kwargs={"reference": plan.reference}),
        reverse("emergency_plans:add_contact", kwargs={"reference": plan.reference}),
        reverse(
            "emergency_plans:remove_contact",
            kwargs={"reference": plan.reference, "contact_id": contact.pk},
        ),
        reverse("emergency_plans:consent", kwargs={"reference": plan.reference}),
        reverse("emergency_plans:end", kwargs={"reference": plan.reference}),
    ]


@pytest.mark.django_db
def test_every_page_admits_the_hubs_carer_facing_staff_and_audits_what_they_read(
    ready_plan, carer, people
):
    problems = []
    for url in plan_pages(ready_plan, carer):
        for who in HUB_STAFF:
            user, organisation = people[who]
            # The audit log refuses deletes: look only at rows written after this point.
            before = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            status = client_for(user, organisation).get(url).status_code
            if status != 200:
                problems.append(f"{url}: {who} got {status}, expected 200")
            if not AuditLog.objects.filter(
                pk__gt=before, operation=Operation.READ, actor_user_id=user.pk
            ).exists():
                problems.append(f"{url}: {who} read it without an audit row")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_every_page_refuses_everyone_else_and_sends_the_signed_out_to_sign_in(
    ready_plan, carer, people
):
    activate = reverse("emergency_plans:activate", kwargs={"reference": ready_plan.reference})
    problems = []
    for url in [*plan_pages(ready_plan, carer), activate]:
        for method in ("get", "post"):
            anonymous = getattr(Client(), method)(url)
            if not (anonymous.status_code == 302 and "/sign-in/" in anonymous.url):
                problems.append(f"{method} {url}: anonymous got {anonymous.status_code}")
            for who in set(people) - HUB_STAFF:
                user, organisation = people[who]
                data = {
                    **NEEDS,
                    **CONTACT,
                    "agrees": "no",
                    "reason": "Not theirs to end",
                    "cared_for": "1",
                    "version": current(ready_plan).version,
                }
                status = getattr(client_for(user, organisation), method)(url, data).status_code
                refusals = (403, 404, 405) if url == activate and method == "get" else (403, 404)
                if status not in refusals:
                    problems.append(f"{method} {url}: {who} got {status}, expected refusal")
    assert not problems, "\n".join(problems)
    unchanged = current(ready_plan)
    assert unchanged.version == ready_plan.version and unchanged.status == PlanStatus.DRAFT
    assert unchanged.contacts.count() == 1 and EmergencyPlan.unscoped.count() == 1
    assert not AuditLog.objects.filter(
        operation=Operation.READ, object_type="emergency_plans.emergencyplan"
    ).exists()


@pytest.mark.django_db
def test_make_active_is_for_the_hubs_carer_facing_staff(ready_plan, people):
    url = reverse("emergency_plans:activate", kwargs={"reference": ready_plan.reference})
    for who in HUB_STAFF:
        response = client_for(*people[who]).get(url)
        assert response.status_code == 405, who  # a change, made only by the button's POST
    response = client_for(*people["assessor"]).post(url, {"version": ready_plan.version})
    assert response.status_code == 302
    assert current(ready_plan).status == PlanStatus.ACTIVE


# --- Starting a plan ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_starting_a_plan_offers_the_people_the_carer_looks_after(carer, bea, worker, hub):
    client = client_for(worker, hub)
    url = reverse("emergency_plans:new", kwargs={"carer_reference": carer.reference})
    html = page(client.get(url))
    assert "Start an emergency plan" in html and "Bea Foxglove (parent)" in html

    refused = client.post(url, {})
    assert refused.status_code == 200 and "Select whose care the plan covers" in page(refused)
    assert not EmergencyPlan.unscoped.exists()

    response = client.post(url, {"cared_for": str(bea.pk)})
    plan = EmergencyPlan.unscoped.get()
    assert response.status_code == 302
    assert response.url == reverse("emergency_plans:detail", kwargs={"reference": plan.reference})
    assert plan.cared_for == bea and plan.status == PlanStatus.DRAFT

    again = page(client.get(url))
    assert "Everyone Ada Foxglove looks after already has an emergency plan" in again
    assert "Already planned for" in again and plan.reference in again
    assert client.post(url, {"cared_for": str(bea.pk)}).status_code == 200
    assert EmergencyPlan.unscoped.count() == 1


@pytest.mark.django_db
def test_a_carer_who_looks_after_nobody_yet_is_told_what_to_do_first(hub, worker):
    alone = CarerFactory(holding_organisation=hub, given_name="Eve", family_name="Lone")
    html = page(
        client_for(worker, hub).get(
            reverse("emergency_plans:new", kwargs={"carer_reference": alone.reference})
        )
    )
    assert "Nobody is recorded as looked after by Eve Lone" in html


@pytest.mark.django_db
def test_a_person_from_another_carer_cannot_be_slipped_into_the_form(carer, hub, hub_actor, worker):
    other = CarerFactory(holding_organisation=hub)
    stranger = carer_services.add_cared_for_person(
        hub_actor,
        other,
        given_name="Cy",
        family_name="Stone",
        relationship="friend",
        lives_together=False,
    )
    response = client_for(worker, hub).post(
        reverse("emergency_plans:new", kwargs={"carer_reference": carer.reference}),
        {"cared_for": str(stranger.pk)},
    )
    assert response.status_code == 200 and "Select someone the carer looks after" in page(response)
    assert not EmergencyPlan.unscoped.exists()


# --- The plan page and its changes -------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_says_what_it_still_needs_and_offers_make_active_once_ready(
    plan, worker, hub, hub_actor
):
    client = client_for(worker, hub)
    url = reverse("emergency_plans:detail", kwargs={"reference": plan.reference})
    html = page(client.get(url))
    assert "Emergency plan for Bea Foxglove" in html and "Draft" in html
    assert "Record that the carer agrees the plan may be used in an emergency" in html
    assert "Add at least one emergency contact" in html and "No emergency contacts yet." in html
    assert "Make active" not in html

    add_contact(hub_actor, plan)
    services.record_consent(hub_actor, plan, agrees=True)
    html = page(client.get(url))
    assert "Make active" in html and "Jo Foxglove" in html and "07700 900982" in html
    read = AuditLog.objects.filter(
        operation=Operation.READ, object_type="emergency_plans.emergencyplan"
    ).first()
    assert (
        read.object_id == str(plan.pk)
        and "contacts" in read.fields
        and read.context == {"view": "emergency_plans:detail"}
    )


@pytest.mark.django_db
def test_make_active_without_consent_is_refused_with_the_reason(plan, worker, hub, hub_actor):
    add_contact(hub_actor, plan)
    client = client_for(worker, hub)
    response = client.post(
        reverse("emergency_plans:activate", kwargs={"reference": plan.reference}),
        {"version": current(plan).version},
        follow=True,
    )
    assert "The plan cannot be made active yet. Record that the carer agrees" in page(response)
    assert current(plan).status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_the_journey_contacts_consent_and_make_active(plan, worker, hub):
    client = client_for(worker, hub)
    ref = {"reference": plan.reference}

    refused = client.post(
        reverse("emergency_plans:add_contact", kwargs=ref),
        {**CONTACT, "name": "", "phone": "0770 090", "can_hold_keys": ""},
    )
    html = page(refused)
    assert refused.status_code == 200 and "There is a problem" in html
    assert "Enter the contact's name" in html
    assert "Enter a UK phone number, like 01632 960 001 or 07700 900 982" in html
    assert "Select yes if the contact can hold keys or let someone in" in html
    assert "Granddaughter" in html  # what was typed stays in the form
    assert not EmergencyContact.unscoped.exists()

    empty = page(
        client.post(reverse("emergency_plans:add_contact", kwargs=ref), {**CONTACT, "phone": ""})
    )
    assert "Enter the contact's phone number" in empty

    assert (
        client.post(reverse("emergency_plans:add_contact", kwargs=ref), CONTACT).status_code == 302
    )
    assert client.post(reverse("emergency_plans:consent", kwargs=ref), {}).status_code == 200
    assert (
        client.post(reverse("emergency_plans:consent", kwargs=ref), {"agrees": "yes"}).status_code
        == 302
    )
    response = client.post(
        reverse("emergency_plans:activate", kwargs=ref), {"version": current(plan).version}
    )
    assert response.status_code == 302
    html = page(client.get(response.url))
    assert (
        "The emergency plan is now active" in html
        and "Active" in html
        and "Make active" not in html
    )
    assert current(plan).status == PlanStatus.ACTIVE


@pytest.mark.django_db
def test_needs_and_replacement_care_are_saved_from_one_form(plan, worker, hub):
    client = client_for(worker, hub)
    url = reverse("emergency_plans:edit_needs", kwargs={"reference": plan.reference})
    assert 'name="version" value="1"' in page(client.get(url))
    today = timezone.localdate()
    response = client.post(
        url,
        {
            **NEEDS,
            "medication": "Donepezil 10mg at 8pm\nIn the blue box by the kettle",
            "replacement_care": "Her sister Di Hart, 01632 960001",
            "reviewed_on-day": today.day,
            "reviewed_on-month": today.month,
            "reviewed_on-year": today.year,
            "version": 1,
        },
    )
    assert response.status_code == 302
    saved = current(plan)
    assert saved.medication.endswith("In the blue box by the kettle") and saved.reviewed_on == today
    html = page(client.get(response.url))
    assert "Donepezil 10mg at 8pm<br>In the blue box by the kettle" in html
    assert "Her sister Di Hart" in html


@pytest.mark.django_db
def test_a_stale_save_is_refused_with_409_showing_theirs_and_keeping_mine(
    plan, worker, manager, hub
):
    url = reverse("emergency_plans:edit_needs", kwargs={"reference": plan.reference})
    opened = plan.version
    first = client_for(manager, hub).post(
        url, {**NEEDS, "medication": "Theirs: 5mg", "version": opened}
    )
    assert first.status_code == 302

    second = client_for(worker, hub)
    response = second.post(
        url, {**NEEDS, "medication": "Mine: 10mg", "mobility": "Uses a frame", "version": opened}
    )
    html = page(response)
    assert response.status_code == 409
    assert "This plan has changed since you opened it" in html
    assert "Theirs: 5mg" in html  # what the other person saved, beside
    assert (
        ">Mine: 10mg</textarea>" in html and ">Uses a frame</textarea>" in html
    )  # what this person typed, kept
    assert current(plan).medication == "Theirs: 5mg"
    assert f'name="version" value="{current(plan).version}"' in html

    again = second.post(
        url, {**NEEDS, "medication": "Mine: 10mg", "version": current(plan).version}
    )
    assert again.status_code == 302 and current(plan).medication == "Mine: 10mg"


@pytest.mark.django_db
def test_removing_a_contact_asks_first_and_an_active_plan_keeps_one(
    active_plan, worker, hub, hub_actor
):
    client = client_for(worker, hub)
    only = active_plan.contacts.get()
    url = reverse(
        "emergency_plans:remove_contact",
        kwargs={"reference": active_plan.reference, "contact_id": only.pk},
    )
    html = page(client.get(url))
    assert "Remove Jo Foxglove from the emergency contacts?" in html
    assert (
        "An active plan needs at least one emergency contact" in html and "Yes, remove" not in html
    )
    client.post(url)
    assert active_plan.contacts.count() == 1

    add_contact(hub_actor, active_plan, name="Di Hart")
    assert "Yes, remove Jo Foxglove" in page(client.get(url))
    response = client.post(url, follow=True)
    assert "Jo Foxglove removed from the emergency contacts" in page(response)
    assert [c.name for c in active_plan.contacts.all()] == ["Di Hart"]


@pytest.mark.django_db
def test_a_contact_of_another_plan_is_not_found_through_this_one(
    plan, carer, hub_actor, worker, hub
):
    other_carer = CarerFactory(holding_organisation=hub)
    person = carer_services.add_cared_for_person(
        hub_actor,
        other_carer,
        given_name="Di",
        family_name="Hart",
        relationship="partner",
        lives_together=True,
    )
    theirs = add_contact(hub_actor, services.start_plan(hub_actor, other_carer, cared_for=person))
    url = reverse(
        "emergency_plans:remove_contact",
        kwargs={"reference": plan.reference, "contact_id": theirs.pk},
    )
    client = client_for(worker, hub)
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert EmergencyContact.unscoped.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_withdrawing_consent_on_the_page_takes_the_plan_back_to_draft(active_plan, worker, hub):
    client = client_for(worker, hub)
    url = reverse("emergency_plans:consent", kwargs={"reference": active_plan.reference})
    assert 'value="yes" checked' in page(client.get(url))
    response = client.post(url, {"agrees": "no"}, follow=True)
    assert "The plan is back to draft" in page(response)
    assert current(active_plan).status == PlanStatus.DRAFT


@pytest.mark.django_db
def test_ending_a_plan_asks_why_and_leaves_it_unchangeable(active_plan, worker, hub):
    client = client_for(worker, hub)
    ref = {"reference": active_plan.reference}
    refused = client.post(reverse("emergency_plans:end", kwargs=ref), {"reason": ""})
    assert refused.status_code == 200 and "Enter why the plan is ending" in page(refused)
    response = client.post(
        reverse("emergency_plans:end", kwargs=ref), {"reason": "Bea moved into a care home"}
    )
    assert response.status_code == 302
    html = page(client.get(response.url))
    assert "Ended" in html and "Bea moved into a care home" in html
    assert (
        ">Change<" not in html
        and "Add an emergency contact" not in html
        and "End this plan" not in html
    )
    for name in ("edit_needs", "add_contact", "consent", "end"):
        assert client.get(reverse(f"emergency_plans:{name}", kwargs=ref)).status_code == 302, name
    assert current(active_plan).status == PlanStatus.ENDED


@pytest.mark.django_db
def test_the_plan_page_costs_the_same_queries_however_many_contacts(
    plan, worker, hub, hub_actor, django_assert_max_num_queries
):
    add_contact(hub_actor, plan)
    client = client_for(worker, hub)
    url = reverse("emergency_plans:detail", kwargs={"reference": plan.reference})
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    queries_with_one_contact = len(
        one.captured_queries
    )  # read now: each request clears the query log
    for n in range(8):
        add_contact(hub_actor, plan, name=f"Contact {n}", can_hold_keys=n % 2 == 0)
    with django_assert_max_num_queries(queries_with_one_contact):
        response = client.get(url)
    assert "Contact 7" in page(response)


@pytest.mark.django_db
def test_a_refused_save_is_an_error_page_whose_summary_links_to_the_field_that_differs(
    plan, worker, manager, hub
):
    url = reverse("emergency_plans:edit_needs", kwargs={"reference": plan.reference})
    opened = plan.version
    client_for(manager, hub).post(url, {**NEEDS, "medication": "Theirs: 5mg", "version": opened})
    response = client_for(worker, hub).post(
        url, {**NEEDS, "medication": "Mine: 10mg", "version": opened}
    )
    html = page(response)
    assert response.status_code == 409
    assert "<title>Error: " in html
    assert 'href="#id_medication"' in html.split("govuk-error-summary__list")[1]


@pytest.mark.django_db
def test_needs_corrected_after_a_mistake_are_still_refused_over_a_colleagues_save(
    plan, worker, manager, hub
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    response = save_after_a_colleague_and_a_mistake(
        client_for(worker, hub),
        reverse("emergency_plans:edit_needs", kwargs={"reference": plan.reference}),
        colleague_saves=lambda: services.update_needs(
            actor_for(manager, hub.pk),
            plan,
            expected_version=plan.version,
            medication="Theirs: 5mg",
        ),
        typed={"medication": "Mine: 10mg", "mobility": "Uses a frame"},
        mistake={"reviewed_on-day": "32", "reviewed_on-month": "3", "reviewed_on-year": "2020"},
        fix={"reviewed_on-day": "", "reviewed_on-month": "", "reviewed_on-year": ""},
        error="must be a real date",
    )
    html = page(response)
    assert response.status_code == 409
    assert "This plan has changed since you opened it" in html and "Theirs: 5mg" in html
    assert ">Mine: 10mg</textarea>" in html and ">Uses a frame</textarea>" in html
    assert current(plan).medication == "Theirs: 5mg" and current(plan).mobility == ""


@pytest.mark.django_db
def test_a_contacts_numbers_are_kept_in_e164_and_shown_in_national_format(plan, worker, hub):
    client = client_for(worker, hub)
    ref = {"reference": plan.reference}
    client.post(
        reverse("emergency_plans:add_contact", kwargs=ref),
        {**CONTACT, "phone": "+44 7700 900 982", "alternative_phone": "0113-496-0000"},
    )
    contact = EmergencyContact.unscoped.get()
    assert (contact.phone, contact.alternative_phone) == ("+447700900982", "+441134960000")
    html = page(client.get(reverse("emergency_plans:detail", kwargs=ref)))
    assert "07700 900982" in html and "0113 496 0000" in html and "+447700900982" not in html
    removing = page(
        client.get(
            reverse("emergency_plans:remove_contact", kwargs={**ref, "contact_id": contact.pk})
        )
    )
    assert "07700 900982" in removing
