"""The subject access export: every record about the carer (found from the related-object graph),
their documents and the audit of their record, in one ZIP, itself audited."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models import Carer
from carershub.carers.models.cared_for import Relationship
from carershub.carers.tests.factories import CarerFactory
from carershub.core.tests.test_access_matrix import world  # noqa: F401  (a hub with one of everything)
from carershub.privacy import services
from carershub.privacy.holdings import label_of


def models_pointing_at_carer():
    """Every model with a foreign key (or one-to-one) straight to Carer, bar Carer's own."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.related_model is Carer
                and model is not Carer
            ):
                found.append((model, field))
    return found


def export_of(world):  # noqa: F811
    manager = actor_for(world.people["manager"][0], world.carer.holding_organisation_id)
    export = services.subject_access_export(manager, world.carer)
    return zipfile.ZipFile(io.BytesIO(export.content))


def test_every_model_with_a_foreign_key_to_carer_is_in_the_export(world):  # noqa: F811
    records = json.loads(export_of(world).read("records.json"))["records"]
    present = 0
    for model, field in models_pointing_at_carer():
        held = set(
            model._base_manager.filter(**{field.name: world.carer}).values_list("pk", flat=True)
        )
        exported = {
            tuple(row["id"]) if isinstance(row["id"], list) else row["id"]
            for row in records.get(label_of(model), [])
        }
        assert held <= exported, (
            f"{label_of(model)}.{field.name}: {held - exported} not in the export"
        )
        present += bool(held)
    assert present >= 10  # the world gives the carer records of most kinds, so this test has teeth


def test_the_export_holds_people_cared_for_the_audit_a_summary_and_the_assessment_copy(world):  # noqa: F811
    archive = export_of(world)
    data = json.loads(archive.read("records.json"))
    assert data["carer"] == world.carer.reference
    assert [row["given_name"] for row in data["records"]["carers.caredforperson"]] == ["Bea"]
    assert data["records"]["carers.carer"][0]["email"] == "ada@example.com"
    assert "token_hash" not in data["records"]["assessments.documentlink"][0]
    assert {"Created", "Changed"} <= {row["what"] for row in data["audit"]}
    summary = archive.read("summary.html").decode()
    assert "What the hub holds about Ada Foxglove" in summary and "Bea" in summary
    pdfs = [name for name in archive.namelist() if name.startswith("documents/")]
    assert pdfs == [f"documents/{world.completed.reference}-assessment-and-plan.pdf"]
    assert archive.read(pdfs[0]).startswith(b"%PDF")


def test_the_export_never_reaches_another_carers_records(world, hub, worker):  # noqa: F811
    from carershub.carers import services as carer_services

    # Bea has a second carer: his relationship and record are his, not Ada's.
    brother = CarerFactory(holding_organisation=hub, given_name="Ned", family_name="Foxglove")
    bea = world.carer.relationships.get().cared_for
    brother.relationships.create(cared_for=bea, relationship=Relationship.PARENT)
    carer_services.log_contact(
        actor_for(worker, hub.pk),
        brother,
        kind="phone",
        direction="out",
        happened_on=world.contact.happened_at.date(),
        purpose="Ned's call",
    )
    records = json.loads(export_of(world).read("records.json"))["records"]
    assert {row["id"] for row in records["carers.carer"]} == {world.carer.pk}
    assert {row["carer"] for row in records["carers.caringrelationship"]} == {world.carer.pk}
    assert {row["carer"] for row in records["carers.contact"]} == {world.carer.pk}


def test_the_export_is_audited_as_an_export_of_each_record(world):  # noqa: F811
    export_of(world)
    exports = AuditLog.objects.filter(operation=Operation.EXPORT)
    assert exports.filter(object_type="carers.carer", object_id=str(world.carer.pk)).exists()
    assert exports.filter(object_type="carers.contact", object_id=str(world.contact.pk)).exists()


def test_making_the_export_takes_as_many_queries_however_much_the_carer_has(world, hub, worker):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carershub.carers import services as carer_services

    manager = actor_for(world.people["manager"][0], hub.pk)
    staff = actor_for(worker, hub.pk)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            services.subject_access_export(manager, world.carer)
        return len(captured)

    before = queries()
    for n in range(5):
        carer_services.log_contact(
            staff,
            world.carer,
            kind="phone",
            direction="out",
            happened_on=world.contact.happened_at.date(),
            purpose=f"Call {n}",
        )
    assert queries() == before


# --- The page -------------------------------------------------------------------------------------


@pytest.fixture
def page_url(world):  # noqa: F811
    return reverse("privacy:subject_access", kwargs={"reference": world.carer.reference})


def test_a_manager_confirms_then_downloads_the_zip(world, sign_in, hub, page_url):  # noqa: F811
    client = sign_in(world.people["manager"][0], hub)
    page = client.get(page_url).content.decode()
    assert f"Create the subject access export for Ada Foxglove ({world.carer.reference})" in page
    assert "send it securely" in page
    response = client.post(page_url)
    assert response["Content-Type"] == "application/zip"
    assert (
        f'filename="{world.carer.reference}-subject-access.zip"' in response["Content-Disposition"]
    )
    assert "records.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


@pytest.mark.parametrize(
    "who, status", [("worker", 403), ("assessor", 403), ("admin", 403), ("ward", 403)]
)
def test_only_a_hub_manager_may_make_the_export(world, sign_in, page_url, who, status):  # noqa: F811
    user, organisation = world.people[who]
    client = sign_in(user, organisation)
    assert client.get(page_url).status_code == status
    assert client.post(page_url).status_code == status
    assert not AuditLog.objects.filter(operation=Operation.EXPORT).exists()


def test_a_manager_of_another_hub_gets_not_found(world, sign_in, page_url):  # noqa: F811
    user, organisation = world.people["elsewhere"]
    assert sign_in(user, organisation).post(page_url).status_code == 404


def test_someone_signed_out_is_sent_to_sign_in(world, client, page_url):  # noqa: F811
    assert client.get(page_url)["Location"].startswith("/sign-in/")


def test_the_manager_role_is_needed_at_the_holding_organisation(
    world,  # noqa: F811
    make_staff,
    sign_in,
    hospital,
):
    # A hub manager at the hospital, which the carer shares her record with, still cannot export it:
    # the export is the hub's own work, so for it the shared record is as unknown as any other
    # (ADR 36), where the record page is open to the hospital.
    user = make_staff(Role.HUB_MANAGER, hospital)
    client = sign_in(user, hospital)
    reference = world.carer.reference
    assert client.get(reverse("carers:detail", kwargs={"reference": reference})).status_code == 200
    assert (
        client.get(reverse("privacy:subject_access", kwargs={"reference": reference})).status_code
        == 404
    )


def test_the_export_holds_no_secret_link_even_of_a_message_not_yet_sent(world):  # noqa: F811
    """The carer's copy link waits, encrypted, for the transport (ADR 24): never in an export."""
    archive = export_of(world)
    messages = json.loads(archive.read("records.json"))["records"]["notifications.notification"]
    assert messages and all("secret_personalisation" not in row for row in messages)
    for name in archive.namelist():
        assert world.document_token.encode() not in archive.read(name), name
