"""The subject access export lists each organisation's purposes and their history, with dates."""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine

from carershub.accounts.actor import actor_for
from carershub.carers import services as carer_services
from carershub.carers import tasks as carer_tasks
from carershub.carers.tests.factories import CarerFactory
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory
from carershub.privacy import services


def at(day):
    return time_machine.travel(dt.datetime(2027, 1, day, 12, 0, tzinfo=dt.UTC), tick=False)


@pytest.mark.django_db
def test_the_export_lists_each_organisations_purposes_given_changed_withdrawn_and_ended(
    worker, manager, hub, hospital, partnership
):
    carer = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    surgery = OrganisationFactory(
        partnership=partnership, name="Testshire Surgery", type=OrganisationType.GP_PRACTICE
    )
    council = OrganisationFactory(
        partnership=partnership,
        name="Testshire Council",
        type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE,
    )
    staff = actor_for(worker, hub.pk)

    def agree(organisation, purposes, **fields):
        return carer_services.record_consent(
            staff,
            carer,
            organisation=organisation,
            purposes=purposes,
            competence="adult",
            given_by="carer",
            given_on=dt.date(2027, 1, 4),
            **fields,
        )

    with at(4):
        ward = agree(hospital, ["hospital_discharge", "emergency"])
        gp = agree(surgery, ["gp_record"])
        agree(council, ["assessment"], ends_on=dt.date(2027, 1, 10))
    with at(6):
        carer_services.withdraw_purpose(staff, ward, "emergency")
    with at(8):
        carer_services.withdraw_consent(staff, gp)
    with at(12):
        carer_tasks.end_lapsed_consents.call()
        export = services.subject_access_export(actor_for(manager, hub.pk), carer)

    archive = zipfile.ZipFile(io.BytesIO(export.content))
    sharing = {
        entry["organisation"]: entry
        for entry in json.loads(archive.read("records.json"))["sharing"]
    }
    assert sharing["Testshire Hospital"]["purposes_now"] == [
        "Involving them in hospital admission and discharge"
    ]
    assert [
        (e["on"], e["what"], e["purposes"]) for e in sharing["Testshire Hospital"]["events"]
    ] == [
        (
            "4 January 2027",
            "Given on 4 January 2027",
            [
                "Involving them in hospital admission and discharge",
                "Using their emergency plan in an emergency",
            ],
        ),
        (
            "6 January 2027",
            "Changed: a purpose was withdrawn",
            ["Involving them in hospital admission and discharge"],
        ),
    ]
    assert sharing["Testshire Surgery"]["purposes_now"] == []
    assert [(e["on"], e["what"]) for e in sharing["Testshire Surgery"]["events"]] == [
        ("4 January 2027", "Given on 4 January 2027"),
        ("8 January 2027", "Withdrawn"),
    ]
    assert [(e["on"], e["what"]) for e in sharing["Testshire Council"]["events"]] == [
        ("4 January 2027", "Given on 4 January 2027, until 10 January 2027"),
        ("10 January 2027", "Ended on its end date"),
    ]
    assert all(
        e["by"] == "The carer, adult (18 or over) with capacity"
        for e in sharing["Testshire Council"]["events"]
    )

    summary = archive.read("summary.html").decode()
    assert "Who the record is shared with, and why" in summary
    assert "Changed: a purpose was withdrawn" in summary
    assert "Ended on its end date" in summary
