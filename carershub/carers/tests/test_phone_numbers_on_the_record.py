"""The register takes phone numbers by the hub's one rule,
keeps them in E.164 and shows them nationally.
"""

import pytest
from django.urls import reverse

from carershub.carers.tests.factories import CarerFactory

CONTACT = {"preferred_format": "standard", "language": "English", "town": "Leeds"}


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", phone="", mobile=""
    )


def edit_contact(client, carer, **fields):
    return client.post(
        reverse("carers:edit", args=[carer.reference, "contact"]),
        {**CONTACT, "version": carer.version, **fields},
    )


@pytest.mark.django_db
def test_the_register_keeps_a_carers_numbers_in_e164_and_shows_them_in_national_format(
    worker, sign_in, hub, carer
):
    client = sign_in(worker, hub)
    response = edit_contact(client, carer, phone="0113 496 0000", mobile="+44 7700 900123")
    assert response.status_code == 302
    carer.refresh_from_db()
    assert (carer.phone, carer.mobile) == ("+441134960000", "+447700900123")
    record = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert "0113 496 0000, 07700 900123" in record
    form = client.get(reverse("carers:edit", args=[carer.reference, "contact"])).content.decode()
    assert 'value="07700 900123"' in form and "+447700900123" not in form


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["phone", "mobile"])
def test_a_number_that_is_not_real_is_refused_and_what_was_typed_is_kept(
    worker, sign_in, hub, carer, field
):
    response = edit_contact(sign_in(worker, hub), carer, **{field: "0770 090"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Enter a UK phone number, like 01632 960 001 or 07700 900 982, or an international "
        "number starting with +" in html
    )
    assert 'value="0770 090"' in html
    carer.refresh_from_db()
    assert getattr(carer, field) == ""


@pytest.mark.django_db
def test_an_old_number_the_rule_refuses_does_not_block_changing_something_else(
    worker, sign_in, hub
):
    carer = CarerFactory(holding_organisation=hub, phone="0770 090", mobile="")
    client = sign_in(worker, hub)
    response = edit_contact(client, carer, phone="0770 090", town="York")
    assert response.status_code == 302
    carer.refresh_from_db()
    assert (carer.phone, carer.town) == ("0770 090", "York")
    # Changing the number itself is checked by the rule.
    response = edit_contact(client, carer, phone="0770 091")
    assert "Enter a UK phone number" in response.content.decode()
    carer.refresh_from_db()
    assert carer.phone == "0770 090"


@pytest.mark.django_db
def test_numbers_stored_before_the_rule_are_rewritten_in_e164_and_unreadable_ones_left_as_written(
    hub,
):
    import importlib

    from django.apps import apps

    from carershub.carers.models import Carer

    migration = importlib.import_module("carershub.carers.migrations.0013_phone_numbers_in_e164")
    readable = CarerFactory(holding_organisation=hub)
    unreadable = CarerFactory(holding_organisation=hub)
    Carer.unscoped.filter(pk=readable.pk).update(phone="0113 496 0000", mobile="07700-900-123")
    Carer.unscoped.filter(pk=unreadable.pk).update(phone="ring after 6", mobile="")

    migration.Migration.operations[0].code(apps, None)  # the migration's own forward step

    assert Carer.unscoped.values_list("phone", "mobile").get(pk=readable.pk) == (
        "+441134960000",
        "+447700900123",
    )
    assert Carer.unscoped.values_list("phone", "mobile").get(pk=unreadable.pk) == (
        "ring after 6",
        "",
    )
