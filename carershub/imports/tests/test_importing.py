"""Importing: the dry run adds nothing, the real run adds everything or nothing, and never twice."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services as carer_services
from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory
from carershub.imports import files, services
from carershub.imports.models import ImportRun, Outcome, StagedRow, Status
from carershub.imports.tests.helpers import HEADINGS, csv_bytes, export, person, row, xlsx_bytes

pytestmark = pytest.mark.django_db


def start(actor, data, *, name="export.csv", source="CarePoint"):
    return services.start_import(
        actor, organisation=actor.organisation, data=data, filename=name, source_system=source
    )


def dry_run(actor, data, **kwargs):
    return services.check_rows(start(actor, data, **kwargs), actor)


def import_file(actor, data, **kwargs):
    return services.publish(dry_run(actor, data, **kwargs), actor)


def problems(run):
    return dict(
        StagedRow.unscoped.filter(run=run, outcome=Outcome.REJECTED).values_list("line", "problem")
    )


def test_the_dry_run_checks_every_row_and_adds_nothing_to_the_register(manager_actor, hub):
    before = Carer.unscoped.count()
    run = dry_run(
        manager_actor,
        export(
            row(), row(client_id="CP2", nhs="", given="Bex"), row(client_id="CP3", dob="31/02/1980")
        ),
    )
    assert run.status == Status.VALIDATED
    assert (run.new_count, run.existing_count, run.rejected_count) == (2, 0, 1)
    assert problems(run) == {
        4: "Date of birth is not a real date (the day and month are read as dd/mm/yyyy)"
    }
    assert Carer.unscoped.count() == before
    assert not AuditLog.objects.filter(object_type="carers.carer").exists()


def test_the_real_run_adds_the_checked_carers_with_their_details_and_source(manager_actor, hub):
    run = import_file(
        manager_actor,
        export(row(), row(client_id="CP2", given="Bex", nhs="", phone="+44 7700 900124")),
    )
    assert run.status == Status.DONE and run.added_count == 2
    ada = Carer.unscoped.get(source_record_id="CP1")
    assert (ada.holding_organisation, ada.given_name, ada.family_name) == (hub, "Ada", "Foxglove")
    assert (ada.date_of_birth, ada.nhs_number, ada.postcode) == (
        dt.date(1961, 3, 27),
        "9434765919",
        "ZZ1 1AA",
    )
    assert (ada.phone, ada.email, ada.source_system, ada.lawful_basis) == (
        "+447700900123",
        "ada@example.com",
        "CarePoint",
        "public_task",
    )
    assert Carer.unscoped.get(source_record_id="CP2").phone == "+447700900124"
    # Everything a carer registered by hand gets, an imported one gets too.
    assert (ada.status, ada.version, ada.preferred_format, ada.language) == (
        "active",
        1,
        "standard",
        "English",
    )
    assert (
        ada.created_at is not None and ada.updated_at is not None and ada.reference.startswith("C-")
    )
    assert len({c.reference for c in Carer.unscoped.all()}) == 2
    # The staged copies of imported carers are gone: the register holds them now.
    assert not StagedRow.unscoped.filter(run=run).exists()
    assert run.stored_file == ""


def test_every_step_is_audited_with_ids_and_field_names_only(manager_actor, manager, hub):
    run = import_file(manager_actor, export(row()))
    carer = Carer.unscoped.get()
    created = AuditLog.objects.get(operation=Operation.CREATE, object_type="carers.carer")
    assert created.object_id == str(carer.pk)
    assert (created.actor_user_id, created.actor_organisation_id) == (manager.pk, hub.pk)
    assert {"given_name", "nhs_number", "source_record_id"} <= set(created.fields)
    assert created.context["import_run"] == run.pk
    steps = [
        row.context["step"]
        for row in AuditLog.objects.filter(object_type="imports.importrun").order_by("pk")
    ]
    assert steps == ["upload", "mapping", "dry_run", "publish"] or steps == [
        "upload",
        "dry_run",
        "publish",
    ]
    everything = " ".join(f"{r.fields} {r.context}" for r in AuditLog.objects.all())
    for value in ["Ada", "Foxglove", "9434765919", "ZZ1 1AA", "ada@example.com", "export.csv"]:
        assert value not in everything


# --- Running the same file twice adds nothing -------------------------------------------------


def test_the_same_file_twice_adds_nothing_matching_on_the_record_id(manager_actor):
    data = export(
        row(nhs="", dob="", postcode=""),
        row(client_id="CP2", given="Bex", nhs="", dob="", postcode=""),
    )
    import_file(manager_actor, data)
    again = import_file(manager_actor, data, source="carepoint")  # the name's case does not matter
    assert (again.added_count, again.existing_count) == (0, 2)
    assert Carer.unscoped.count() == 2


def test_without_record_ids_the_nhs_number_is_the_key(manager_actor):
    headings = ["Forename", "Surname", "NHS number"]
    data = export(["Ada", "Foxglove", "943 476 5919"], headings=headings)
    import_file(manager_actor, data, source="Spreadsheet")
    again = import_file(
        manager_actor, export(["Ada", "Foxglove", "9434765919"], headings=headings), source="Other"
    )
    assert (again.added_count, again.existing_count) == (0, 1)
    assert Carer.unscoped.count() == 1


def test_without_ids_or_nhs_numbers_name_date_of_birth_and_postcode_are_the_key(manager_actor):
    headings = ["First name", "Last name", "Date of birth", "Postcode"]
    import_file(
        manager_actor, export(["Zoë", "O'Brien", "27/03/1961", "zz1 1aa"], headings=headings)
    )
    again = import_file(
        manager_actor, export(["zoe", "OBRIEN", "1961-03-27", "ZZ11AA"], headings=headings)
    )
    assert (again.added_count, again.existing_count) == (0, 1)
    assert Carer.unscoped.count() == 1


def test_a_carer_registered_by_hand_with_the_same_nhs_number_is_not_added_again(manager_actor, hub):
    CarerFactory(holding_organisation=hub, nhs_number="9434765919")
    run = import_file(manager_actor, export(row()))
    assert (run.added_count, run.existing_count) == (0, 1)


def test_carers_of_another_organisation_do_not_count_as_already_registered(
    manager_actor, other_hub
):
    CarerFactory(
        holding_organisation=other_hub,
        nhs_number="9434765919",
        source_system="CarePoint",
        source_record_id="CP1",
    )
    run = import_file(manager_actor, export(row()))
    assert run.added_count == 1


def test_a_carer_registered_between_the_dry_run_and_the_import_is_not_added_twice(
    manager_actor, hub
):
    run = dry_run(manager_actor, export(row(), row(client_id="CP2", given="Bex", nhs="")))
    assert run.new_count == 2
    carer_services.register_carer(
        manager_actor, given_name="Ada", family_name="Foxglove", nhs_number="9434765919"
    )
    run = services.publish(run, manager_actor)
    assert (run.added_count, run.existing_count) == (1, 1)
    assert Carer.unscoped.count() == 2


def test_a_rows_with_no_key_at_all_is_rejected_so_a_second_run_cannot_duplicate_it(manager_actor):
    headings = ["Forename", "Surname", "NHS No", "DOB"]
    run = dry_run(
        manager_actor,
        export(
            ["Ada", "Foxglove", "", "27/03/1961"],
            ["Bex", "Yarrow", "9434765919", ""],
            headings=headings,
        ),
    )
    assert run.new_count == 1
    assert (
        "no record ID, no NHS number, and not both a date of birth and a postcode"
        in problems(run)[2]
    )


# --- Hostile files: clear errors, nothing half-stored --------------------------------------------


def test_duplicate_rows_within_the_file_are_reported_and_the_first_is_kept(manager_actor):
    run = dry_run(
        manager_actor,
        export(
            row(),
            row(),  # an exact repeat
            row(client_id="CP2"),  # another ID, but the same NHS number
            row(client_id="CP3", nhs="", given="Bex"),
            row(client_id="CP3", nhs="", given="Bea"),  # the same ID again
        ),
    )
    assert run.new_count == 2
    assert problems(run) == {
        3: "Repeats line 2",
        4: "Same carer as line 2 (same NHS number)",
        6: "Same carer as line 5 (same record ID)",
    }


def test_short_and_long_rows_are_rejected_with_their_line(manager_actor):
    run = dry_run(manager_actor, export(row(), ["CP2", "Bex"], [*row(client_id="CP3"), "extra"]))
    assert run.new_count == 1
    assert problems(run)[3].startswith("The line has 2 values but there are 8 headings")
    assert problems(run)[4].startswith("The line has 9 values but there are 8 headings")


def test_blank_lines_are_skipped_and_counted(manager_actor):
    run = dry_run(manager_actor, export(row(), [], ["", "  ", "", "", "", "", "", ""], person(2)))
    assert (run.new_count, run.blank_count, run.rejected_count) == (2, 2, 0)


def test_excel_dates_and_numbers_from_a_workbook_are_read(manager_actor):
    data = xlsx_bytes(
        [
            HEADINGS,
            row(dob=dt.datetime(1961, 3, 27), nhs=9434765919),
            row(client_id=7, dob=22368, nhs=""),
        ]
    )
    run = import_file(manager_actor, data, name="export.xlsx")
    assert run.added_count == 2
    assert Carer.unscoped.get(source_record_id="CP1").date_of_birth == dt.date(1961, 3, 27)
    assert Carer.unscoped.get(source_record_id="7").date_of_birth == dt.date(1961, 3, 28)


def test_formula_cells_in_a_workbook_are_rejected_not_run_or_stored(manager_actor):
    data = xlsx_bytes(
        [
            HEADINGS,
            row(given='=HYPERLINK("http://example.com","Ada")'),
            row(client_id="CP2", nhs=""),
        ]
    )
    run = import_file(manager_actor, data, name="export.xlsx")
    assert run.added_count == 1
    assert "could run it as a formula" in problems(run)[2]


@pytest.mark.parametrize(
    "data, message",
    [
        (
            export(row(given="Zoë"))
            + csv_bytes([row(client_id="CP2", given="José")], encoding="cp1252"),
            "mixes two text encodings",
        ),
        (export(row(given="Zoë"), encoding="utf-16-le"), "not a plain text CSV file"),
        (b"\x00\x01\x02binary" * 50, "not a plain text CSV file"),
    ],
)
def test_an_unreadable_file_is_refused_before_anything_is_stored(
    manager_actor, media_root, data, message
):
    with pytest.raises(services.UnreadableFile, match=message):
        start(manager_actor, data)
    assert not ImportRun.unscoped.exists()
    assert not StagedRow.unscoped.exists()
    assert not (media_root / "imports").exists() or not any((media_root / "imports").rglob("*.*"))
    assert Carer.unscoped.count() == 0


def test_a_windows_1252_file_is_imported_with_its_accents_and_the_encoding_noted(manager_actor):
    run = import_file(manager_actor, export(row(given="Zoë", family="Brontë"), encoding="cp1252"))
    assert run.encoding == "Windows-1252 (Western European)"
    assert "read as Windows-1252" in run.notes[0]
    assert Carer.unscoped.get().full_name == "Zoë Brontë"


def test_a_failure_while_publishing_rolls_everything_back(manager_actor, monkeypatch):
    data = export(*[person(n) for n in range(1, 6)])
    run = dry_run(manager_actor, data)
    monkeypatch.setattr(services, "BATCH", 2)
    monkeypatch.setattr(services, "PUBLISH_BATCH", 2)
    calls = []
    real_record_many = services.auditor.record_many

    def fail_on_the_third_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the disk is full")
        return real_record_many(*args, **kwargs)

    monkeypatch.setattr(services.auditor, "record_many", fail_on_the_third_batch)
    with pytest.raises(RuntimeError):
        services.publish(run, manager_actor)
    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert "none were added" in run.error
    assert Carer.unscoped.count() == 0
    # Batches committed before the failure were audited as they were added, and their removal is
    # audited too: every carer the audit says was created, it says was deleted again.
    audited = AuditLog.objects.filter(object_type="carers.carer")
    created = set(audited.filter(operation=Operation.CREATE).values_list("object_id", flat=True))
    deleted = set(audited.filter(operation=Operation.DELETE).values_list("object_id", flat=True))
    assert len(created) == 4 and created == deleted
    assert set(audited.values_list("operation", flat=True)) == {Operation.CREATE, Operation.DELETE}


def test_publishing_twice_adds_nothing_the_second_time(manager_actor):
    run = import_file(manager_actor, export(row()))
    with pytest.raises(services.NotReady):
        services.publish(run, manager_actor)
    assert Carer.unscoped.count() == 1


def test_new_carers_are_indexed_for_search_in_the_same_transaction(manager_actor, monkeypatch):
    indexed = []

    def index_carers(ids):
        assert Carer.unscoped.filter(pk__in=ids).count() == len(ids)  # inserted, not yet committed
        assert not ImportRun.unscoped.filter(status=Status.DONE).exists()
        indexed.extend(ids)

    monkeypatch.setattr(services, "index_carers", index_carers)
    import_file(manager_actor, export(row(), person(2)))
    assert len(indexed) == 2
    assert sorted(indexed) == sorted(Carer.unscoped.values_list("pk", flat=True))


def test_a_failure_to_index_for_search_adds_nobody(manager_actor, monkeypatch):
    def index_carers(ids):
        raise RuntimeError("the search index is broken")

    monkeypatch.setattr(services, "index_carers", index_carers)
    with pytest.raises(RuntimeError):
        import_file(manager_actor, export(row(), person(2)))
    assert Carer.unscoped.count() == 0


# --- The rejected-rows file -----------------------------------------------------------------------


def read_rejected(run):
    content = services.rejected_rows_csv(run)
    assert content.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 correctly only with this mark
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_rejected_rows_go_to_a_csv_with_the_problem_and_every_cell_neutralised(manager_actor):
    run = dry_run(
        manager_actor,
        export(
            row(),
            row(
                client_id="CP2",
                given='=HYPERLINK("http://evil")',
                phone="+44 7700 900123",
                email="@x",
            ),
        ),
    )
    rows = read_rejected(run)
    assert rows[0] == ["Problem", "Line in original file", *HEADINGS]
    problem, line, *cells = rows[1]
    assert line == "3"
    assert "First name starts with '='" in problem and "Email address starts with '@'" in problem
    assert cells[1] == '\'=HYPERLINK("http://evil")'
    assert cells[6] == "'+44 7700 900123"
    assert cells[7] == "'@x"
    assert run.rejected_expires_at == pytest.approx(
        timezone.now() + dt.timedelta(days=7), abs=dt.timedelta(minutes=1)
    )


def test_a_corrected_rejected_rows_file_imports_and_adds_only_what_was_missing(manager_actor):
    first = import_file(
        manager_actor,
        export(
            row(),
            row(client_id="CP2", given="Bex", nhs="", dob="31/02/1980", phone="+44 7700 900123"),
        ),
    )
    assert first.added_count == 1
    rows = read_rejected(first)
    rows[1][2 + 3] = "28/02/1980"  # the correction, made in the spreadsheet
    corrected = csv_bytes(rows)
    second = import_file(manager_actor, corrected, name="rejected-rows.csv")
    assert (second.added_count, second.rejected_count) == (1, 0)
    assert Carer.unscoped.get(source_record_id="CP2").phone == "+447700900123"


def test_a_file_with_no_problems_has_no_rejected_rows_file(manager_actor):
    run = dry_run(manager_actor, export(row()))
    assert run.rejected_file == "" and services.rejected_rows_csv(run) is None


# --- Housekeeping ------------------------------------------------------------------------------


def test_tidying_deletes_expired_rejected_rows_files_and_abandoned_uploads(manager_actor, hub):
    expired = dry_run(manager_actor, export(row(), row(client_id="CP2", dob="31/02/1980")))
    fresh = dry_run(manager_actor, export(row(), row(client_id="CP2", dob="31/02/1980")))
    ImportRun.unscoped.filter(pk=expired.pk).update(
        rejected_expires_at=timezone.now() - dt.timedelta(minutes=1),
        created_at=timezone.now() - dt.timedelta(days=8),
    )
    expired_file, upload = expired.rejected_file, expired.stored_file
    assert files.exists(expired_file) and files.exists(upload)

    assert services.tidy_up() == 2

    expired.refresh_from_db()
    assert not files.exists(expired_file) and not files.exists(upload)
    assert expired.rejected_file == "" and expired.stored_file == ""
    assert services.rejected_rows_csv(expired) is None
    assert not StagedRow.unscoped.filter(run=expired).exists()
    fresh.refresh_from_db()
    assert files.exists(fresh.rejected_file) and StagedRow.unscoped.filter(run=fresh).exists()
    deletions = AuditLog.objects.filter(operation=Operation.DELETE, object_type="imports.importrun")
    assert {d.object_id for d in deletions} == {str(expired.pk)}


def test_an_expired_rejected_rows_file_is_not_served_even_before_it_is_deleted(manager_actor):
    run = dry_run(manager_actor, export(row(), row(client_id="CP2", dob="31/02/1980")))
    run.rejected_expires_at = timezone.now() - dt.timedelta(seconds=1)
    assert services.rejected_rows_csv(run) is None


def test_an_import_that_stopped_showing_progress_is_marked_stopped(manager_actor):
    run = start(manager_actor, export(row()))
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.VALIDATING, last_progress_at=timezone.now() - dt.timedelta(hours=1)
    )
    services.tidy_up()
    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert "nothing was added" in run.error


def test_the_background_tasks_check_and_publish_and_ignore_a_second_call(
    manager_actor, manager, hub
):
    from carershub.imports import tasks

    run = start(manager_actor, export(row(), person(2)))
    ImportRun.unscoped.filter(pk=run.pk).update(status=Status.VALIDATING)
    assert tasks.check_import.call(run.pk) == Status.VALIDATED
    assert tasks.check_import.call(run.pk) is None
    run.refresh_from_db()
    assert services.claim_for_publishing(run)
    assert tasks.publish_import.call(run.pk) == Status.DONE
    assert tasks.publish_import.call(run.pk) is None
    assert Carer.unscoped.count() == 2
    # Audited as the person who uploaded the file, for their organisation.
    audit = AuditLog.objects.filter(object_type="carers.carer").first()
    assert (audit.actor_user_id, audit.actor_organisation_id) == (manager.pk, hub.pk)


def test_the_uploader_of_an_import_sees_it_but_not_other_peoples(make_staff, hub):
    from carershub.accounts.models import Role

    worker = make_staff(Role.SUPPORT_WORKER, hub)
    mine = ImportRun.unscoped.create(
        holding_organisation=hub,
        uploaded_by=worker,
        source_system="X",
        original_filename="a.csv",
        file_format="csv",
    )
    ImportRun.unscoped.create(
        holding_organisation=hub, source_system="X", original_filename="b.csv", file_format="csv"
    )
    assert list(ImportRun.objects.visible_to(actor_for(worker, hub.pk))) == [mine]
