"""Encryption at rest (ADR 21): what the database holds, what the hub shows, keyed hashes for the
NHS number, key rotation by a command, and what happens when a key is missing."""

import datetime as dt
import hashlib
import hmac

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.test import override_settings
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog
from carershub.carers import services as carer_services
from carershub.carers.models import CaredForPerson, Carer, Contact
from carershub.carers.selectors import find_carers
from carershub.carers.tests.factories import CarerFactory
from carershub.core import encryption
from carershub.core.encrypted_fields import encrypt_existing, encrypted_fields, matches_encrypted
from carershub.search.services import index_carers

OLD_KEY, NEW_KEY = encryption.make_field_key(), encryption.make_field_key()
OLD_HASH_KEY, NEW_HASH_KEY = encryption.make_hash_key(), encryption.make_hash_key()
NOTE = "Mum's dementia is worse; she fell twice this week and I am not sleeping."


def stored(model, pk, column):
    """What the database itself holds in ``column`` (no decryption)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {model._meta.db_table} WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def actor(make_staff, actor_of, hub):
    return actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)


@pytest.fixture
def carer(hub):
    carer = CarerFactory(holding_organisation=hub, nhs_number="9434765919")
    index_carers([carer.pk])
    return carer


def a_contact(actor, carer, notes=NOTE):
    return carer_services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="in",
        happened_on=dt.date(2026, 11, 2),
        purpose="Check-in",
        notes=notes,
    )


# --- The pieces -----------------------------------------------------------------------------------


@override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY])
def test_a_value_comes_back_as_written_and_is_never_the_same_token_twice():
    first, second = encryption.encrypt(NOTE), encryption.encrypt(NOTE)
    assert first != second and NOTE not in first
    assert encryption.decrypt(first) == encryption.decrypt(second) == NOTE


def test_a_value_changed_in_the_database_or_under_a_removed_key_is_refused_in_plain_english():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        token = encryption.encrypt(NOTE)
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]),
        pytest.raises(encryption.UnreadableValue) as refused,
    ):
        encryption.decrypt(token)
    assert "rotate_encryption_keys" in str(refused.value)
    with (
        override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]),
        pytest.raises(encryption.UnreadableValue),
    ):
        encryption.decrypt(token[:-6] + "AAAAAA")


def test_the_nhs_number_hash_is_keyed_so_it_cannot_be_reversed_by_trying_every_number():
    with override_settings(LOOKUP_HASH_KEYS=[OLD_HASH_KEY]):
        hashed = encryption.lookup_hash("9434765919")
    assert hashed != hashlib.sha256(b"9434765919").hexdigest()
    assert hashed == hmac.new(OLD_HASH_KEY.encode(), b"9434765919", hashlib.sha256).hexdigest()
    with override_settings(LOOKUP_HASH_KEYS=[NEW_HASH_KEY]):
        assert encryption.lookup_hash("9434765919") != hashed
        assert encryption.lookup_hash("") == "" and encryption.lookup_hashes("") == []


# --- In the database ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_case_notes_are_stored_encrypted_and_shown_as_written(actor, carer, sign_in, hub):
    contact = a_contact(actor, carer)
    raw = stored(Contact, contact.pk, "notes")
    assert raw and "dementia" not in raw and raw != NOTE
    assert Contact.unscoped.get(pk=contact.pk).notes == NOTE
    assert Contact.unscoped.filter(pk=contact.pk).values_list("notes", flat=True).get() == NOTE
    page = sign_in(actor.user, hub).get(reverse("carers:timeline", args=[carer.reference]))
    assert page.status_code == 200 and "not sleeping" in page.content.decode()


@pytest.mark.django_db
def test_a_blank_note_stays_blank_and_is_the_only_comparison_allowed(actor, carer):
    blank, written = a_contact(actor, carer, notes=""), a_contact(actor, carer)
    assert stored(Contact, blank.pk, "notes") == ""
    assert list(Contact.unscoped.filter(notes="").values_list("pk", flat=True)) == [blank.pk]
    assert list(Contact.unscoped.exclude(notes="").values_list("pk", flat=True)) == [written.pk]
    with pytest.raises(FieldError, match="stored encrypted"):
        list(Contact.unscoped.filter(notes=NOTE))
    with pytest.raises(FieldError):
        list(Contact.unscoped.filter(notes__icontains="dementia"))


@pytest.mark.django_db
def test_the_nhs_number_is_stored_encrypted_with_a_keyed_hash_and_is_still_found(actor, carer):
    raw = stored(Carer, carer.pk, "nhs_number")
    assert "9434765919" not in raw
    assert stored(Carer, carer.pk, "nhs_number_lookup") == encryption.lookup_hash("9434765919")
    assert [c.pk for c in find_carers(actor, "943 476 5919")] == [carer.pk]
    assert list(Carer.unscoped.filter(matches_encrypted("nhs_number", "9434765919"))) == [carer]


@pytest.mark.django_db
def test_changing_or_clearing_the_nhs_number_moves_its_hash(actor, carer):
    carer = carer_services.update_carer(
        actor, carer, expected_version=carer.version, changes={"nhs_number": "4857773456"}
    )
    assert stored(Carer, carer.pk, "nhs_number_lookup") == encryption.lookup_hash("4857773456")
    assert [c.pk for c in find_carers(actor, "4857773456")] == [carer.pk]
    assert list(find_carers(actor, "9434765919")) == []
    carer = carer_services.update_carer(
        actor, carer, expected_version=carer.version, changes={"nhs_number": ""}
    )
    assert stored(Carer, carer.pk, "nhs_number_lookup") == ""


@pytest.mark.django_db
def test_a_person_cared_for_is_found_by_nhs_number_through_the_hash(actor, carer):
    person = carer_services.add_cared_for_person(
        actor,
        carer,
        given_name="Rose",
        family_name="Hale",
        relationship="parent",
        lives_together=True,
        nhs_number="4857773456",
    )
    assert "4857773456" not in stored(CaredForPerson, person.pk, "nhs_number")
    assert list(CaredForPerson.unscoped.filter(matches_encrypted("nhs_number", "4857773456"))) == [
        person
    ]


# Free text in the apps that hold a person's record is encrypted,
# unless it is listed here with why not.
NOT_ENCRYPTED = {
    "carers.Carer": "names, contact details and the register's coded answers: searched and "
    "sorted on",
    "carers.ConsentToShare": "coded purposes",
    "carers.Contact.given": "coded list of what was given",
    "carers.CaredForPerson.conditions": "coded condition categories counted in returns",
    "assessments.Assessment.sections_done": "section names",
    "assessments.Assessment.sections_from_carer": "section names",
    "assessments.EligibilityDetermination.suggestion_reasons": "coded reasons",
    "assessments.BreakdownRisk.triggers": "coded triggers",
    "assessments.BreakdownRisk.suggested_triggers": "coded triggers",
    "carers.Merge.changes": "ids of the records a merge moved",
    "assessments.Question.answers": "the published questionnaire's wording",
    "assessments.QualityOfLifeScore.answers": "answer positions (numbers)",
}


def _free_text_fields():
    for label in ["carers", "referrals", "safeguarding", "assessments", "emergency_plans"]:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, (models.TextField, models.JSONField)) and not getattr(
                    field, "encrypted", False
                ):
                    yield model, field


def test_free_text_about_a_person_is_encrypted_unless_listed_with_a_reason():
    left = [
        f"{m._meta.label}.{f.name}"
        for m, f in _free_text_fields()
        if f"{m._meta.label}.{f.name}" not in NOT_ENCRYPTED and m._meta.label not in NOT_ENCRYPTED
    ]
    assert left == []
    expected = {
        "carers.Contact": {"notes"},
        "carers.Carer": {"nhs_number"},
        "carers.CaredForPerson": {"nhs_number"},
        "referrals.Referral": {"cares_for"},
        "safeguarding.Concern": {"what_happened"},
        "safeguarding.ConcernDecision": {"reasons"},
        "assessments.Assessment": {"answers"},
        "assessments.SupportPlan": {"outcomes", "contingency"},
        "assessments.BreakdownRisk": {"notes"},
        "assessments.EligibilityDetermination": {"reasons", "information_and_advice"},
        "emergency_plans.EmergencyPlan": {
            "medication",
            "routines",
            "communication",
            "mobility",
            "other_needs",
            "replacement_care",
        },
    }
    for label, names in expected.items():
        assert {f.name for f in encrypted_fields(apps.get_model(label))} == names, label


# --- Existing values and key rotation -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_values_already_stored_and_its_reverse_decrypts_them(actor, carer):
    contact = a_contact(actor, carer)
    with connection.cursor() as cursor:  # as a hub holds them before the migration
        cursor.execute("UPDATE carers_contact SET notes = %s WHERE id = %s", [NOTE, contact.pk])
        cursor.execute(
            "UPDATE carers_carer SET nhs_number = %s, nhs_number_lookup = '' WHERE id = %s",
            ["9434765919", carer.pk],
        )
    operations = [
        encrypt_existing("carers.Contact", ["notes"]),
        encrypt_existing(
            "carers.Carer", ["nhs_number"], hashes={"nhs_number_lookup": "nhs_number"}
        ),
    ]
    with connection.schema_editor() as editor:
        for operation in operations:
            operation.code(apps, editor)
    assert "dementia" not in stored(Contact, contact.pk, "notes")
    assert Contact.unscoped.get(pk=contact.pk).notes == NOTE
    assert Carer.unscoped.get(pk=carer.pk).nhs_number == "9434765919"
    assert stored(Carer, carer.pk, "nhs_number_lookup") == encryption.lookup_hash("9434765919")
    with connection.schema_editor() as editor:
        for operation in operations:
            operation.reverse_code(apps, editor)
    assert stored(Contact, contact.pk, "notes") == NOTE
    assert stored(Carer, carer.pk, "nhs_number") == "9434765919"


@pytest.mark.django_db
def test_rotation_moves_every_value_and_hash_to_the_new_keys_so_the_old_ones_can_go(
    actor, carer, capsys
):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY], LOOKUP_HASH_KEYS=[OLD_HASH_KEY]):
        contact = a_contact(actor, carer)
        carer.save()  # its NHS number and hash under the old keys
        before = stored(Contact, contact.pk, "notes")

    with override_settings(
        FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY], LOOKUP_HASH_KEYS=[NEW_HASH_KEY, OLD_HASH_KEY]
    ):
        # Before the command: still read, still found.
        assert Contact.unscoped.get(pk=contact.pk).notes == NOTE
        assert list(Carer.unscoped.filter(matches_encrypted("nhs_number", "9434765919"))) == [carer]
        with pytest.raises(CommandError, match="still on an older key"):
            call_command("rotate_encryption_keys", "--check")
        call_command("rotate_encryption_keys")
        out = capsys.readouterr().out
        assert (
            "carers.Contact: 1 values" in out
            and "carers.Carer: 1 values and 1 lookup hashes" in out
        )
        call_command("rotate_encryption_keys", "--check")
        assert "every value is on the newest keys" in capsys.readouterr().out
        audit = AuditLog.objects.filter(object_type="core.encryptionkeys").get()
        assert audit.context["values_rewritten"] == 2 and audit.context["hashes_rewritten"] == 1

    assert stored(Contact, contact.pk, "notes") != before
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY], LOOKUP_HASH_KEYS=[NEW_HASH_KEY]):
        assert Contact.unscoped.get(pk=contact.pk).notes == NOTE
        assert Carer.unscoped.get(pk=carer.pk).nhs_number == "9434765919"
        assert [c.pk for c in find_carers(actor, "9434765919")] == [carer.pk]
        call_command("rotate_encryption_keys", "--batch-size", "1")  # nothing left to do
        assert (
            AuditLog.objects.filter(object_type="core.encryptionkeys")
            .order_by("pk")
            .last()
            .context["values_rewritten"]
            == 0
        )


@pytest.mark.django_db
def test_checking_with_a_key_removed_counts_what_cannot_be_read_without_a_traceback(
    actor, carer, capsys
):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY], LOOKUP_HASH_KEYS=[OLD_HASH_KEY]):
        a_contact(actor, carer)
        carer.save()  # its NHS number and hash under the old keys
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY], LOOKUP_HASH_KEYS=[NEW_HASH_KEY]):
        with pytest.raises(
            CommandError, match="2 encrypted values cannot be read with any key"
        ) as refused:
            call_command("rotate_encryption_keys", "--check")
        assert refused.value.returncode == 1
        assert "Nothing was changed" in str(refused.value)
        assert "carers.Contact: 1 values no key can read" in capsys.readouterr().err
        # Rotating without the key leaves those values for the key to come back, and says so.
        with pytest.raises(CommandError, match="2 encrypted values cannot be read"):
            call_command("rotate_encryption_keys")
    with override_settings(
        FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY], LOOKUP_HASH_KEYS=[NEW_HASH_KEY]
    ):
        with pytest.raises(
            CommandError, match="1 NHS number hashes were made with a key not in LOOKUP_HASH_KEYS"
        ):
            call_command("rotate_encryption_keys", "--check")
        call_command("rotate_encryption_keys")
        call_command("rotate_encryption_keys", "--check")
        assert [c.pk for c in find_carers(actor, "9434765919")] == [carer.pk]
