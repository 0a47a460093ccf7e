import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from carershub.accounts.actor import ANONYMOUS, actor_for
from carershub.accounts.models import Role
from carershub.accounts.permissions import (
    can,
    hub_manager_required,
    hub_rules,
    record_or_404,
    staff_required,
    works_with_carers_required,
)
from carershub.accounts.tests.factories import MembershipFactory
from carershub.carers.models import HUB_RECORD, Carer
from carershub.carers.tests.factories import CarerFactory


@pytest.mark.django_db
def test_anonymous_actor_may_do_nothing():
    for permission in hub_rules:
        assert can(ANONYMOUS, permission) is False


@pytest.mark.django_db
def test_unknown_permission_is_a_programming_error(worker, hub):
    with pytest.raises(KeyError):
        can(actor_for(worker, hub.pk), "carers.fly_to_the_moon")


@pytest.mark.django_db
def test_a_carer_record_is_visible_only_to_the_organisation_holding_it(make_staff, hub, other_hub):
    carer = CarerFactory(holding_organisation=hub)
    mine = actor_for(make_staff(Role.SUPPORT_WORKER, hub), hub.pk)
    theirs = actor_for(make_staff(Role.SUPPORT_WORKER, other_hub), other_hub.pk)
    assert can(mine, "carers.view_carer", carer)
    assert not can(theirs, "carers.view_carer", carer)


@pytest.mark.django_db
def test_roles_apply_only_in_the_organisation_being_acted_for(make_staff, hub, hospital):
    user = make_staff(Role.HUB_MANAGER, hub)
    MembershipFactory(user=user, organisation=hospital, role=Role.PARTNER_REFERRER)
    assert can(actor_for(user, hub.pk), "accounts.manage_team")
    assert not can(actor_for(user, hospital.pk), "accounts.manage_team")
    # With two organisations and none chosen, the actor has no roles at all.
    assert actor_for(user).organisation is None
    assert not can(actor_for(user), "core.view_staff_home")


@pytest.mark.django_db
def test_actor_of_a_deactivated_user_is_anonymous(worker, hub):
    worker.is_active = False
    assert actor_for(worker, hub.pk) is ANONYMOUS


def _request_by(actor):
    request = RequestFactory().get("/staff/somewhere/")
    request.actor = actor
    return request


@pytest.mark.django_db
def test_record_or_404_finds_the_record_among_those_the_actor_may_see(worker, hub):
    carer = CarerFactory(holding_organisation=hub)
    actor = actor_for(worker, hub.pk)
    found = record_or_404(
        _request_by(actor),
        Carer.objects.visible_to(actor, HUB_RECORD),
        "carers.edit_carer",
        reference=carer.reference,
    )
    assert found == carer


@pytest.mark.django_db
def test_record_or_404_does_not_say_a_record_outside_the_actors_view_exists(
    make_staff, hub, other_hub
):
    carer = CarerFactory(holding_organisation=hub)
    elsewhere = actor_for(make_staff(Role.HUB_MANAGER, other_hub), other_hub.pk)
    with pytest.raises(Http404):
        record_or_404(
            _request_by(elsewhere),
            Carer.objects.visible_to(elsewhere, HUB_RECORD),
            "carers.view_carer",
            reference=carer.reference,
        )


@pytest.mark.django_db
def test_record_or_404_refuses_a_visible_record_the_actor_may_not_act_on(worker, hub):
    carer = CarerFactory(holding_organisation=hub)
    actor = actor_for(worker, hub.pk)
    with pytest.raises(PermissionDenied):
        record_or_404(
            _request_by(actor),
            Carer.objects.visible_to(actor, HUB_RECORD),
            "carers.merge",
            pk=carer.pk,
        )


def _gated(gate):
    return gate(lambda request: HttpResponse("let in"))


@pytest.mark.django_db
def test_gates_send_someone_signed_out_to_sign_in():
    for gate in (staff_required, works_with_carers_required, hub_manager_required):
        response = _gated(gate)(_request_by(ANONYMOUS))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign_in") + "?next=")


@pytest.mark.django_db
def test_gates_let_in_only_those_they_are_named_for(make_staff, hub, hospital):
    worker = actor_for(make_staff(Role.SUPPORT_WORKER, hub), hub.pk)
    manager = actor_for(make_staff(Role.HUB_MANAGER, hub), hub.pk)
    ward = actor_for(make_staff(Role.PARTNER_REFERRER, hospital), hospital.pk)
    assert _gated(staff_required)(_request_by(ward)).status_code == 200
    assert _gated(works_with_carers_required)(_request_by(worker)).status_code == 200
    with pytest.raises(PermissionDenied):
        _gated(works_with_carers_required)(_request_by(ward))
    assert _gated(hub_manager_required)(_request_by(manager)).status_code == 200
    with pytest.raises(PermissionDenied):
        _gated(hub_manager_required)(_request_by(worker))


@pytest.mark.django_db
def test_gates_ask_someone_in_two_organisations_which_they_act_for(make_staff, hub, hospital):
    user = make_staff(Role.SUPPORT_WORKER, hub)
    MembershipFactory(user=user, organisation=hospital, role=Role.PARTNER_REFERRER)
    response = _gated(staff_required)(_request_by(actor_for(user)))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:choose_organisation")


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        else:
            yield pattern.callback


def test_every_page_answers_to_a_permission_of_its_own_app_or_to_a_gate_named_for_its_check():
    borrowed = sorted(
        f"{view.__module__}.{view.__name__}: {view.permission}"
        for view in _views(get_resolver().url_patterns)
        if getattr(view, "permission", None)
        and view.permission.split(".")[0] != view.__module__.split(".")[1]
    )
    assert borrowed == []
