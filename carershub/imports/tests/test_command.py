"""manage.py import_carers: the same import from the command line,
with a summary and progress bars.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from carershub.audit.models import AuditLog
from carershub.carers.models import Carer
from carershub.imports.models import ImportRun, Status
from carershub.imports.tests.helpers import export, person, row

pytestmark = pytest.mark.django_db


def run_command(path, *args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_carers", str(path), *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "carepoint.csv"
    path.write_bytes(
        export(row(), person(2), person(3, dob="31/02/1980"), [], person(4, given="=1+1"))
    )
    return path


def test_a_dry_run_reports_every_problem_with_its_line_and_adds_nothing(export_file, hub):
    out, err = run_command(
        export_file, "--dry-run", organisation=hub.name, source_system="CarePoint"
    )
    assert "Read carepoint.csv (UTF-8): 4 rows, 1 blank line skipped." in out
    assert "New carers: 2" in out and "Already on the register: 0" in out and "Rejected: 2" in out
    assert "  line 4: Date of birth is not a real date" in out
    assert "  line 6: First name starts with '='" in out
    assert "Dry run: nothing was added to the register." in out
    assert "rejected-rows" not in out and "/imports/rejected/" in out
    assert "Checking rows" in err  # the progress bar
    assert "Client ID -> Record ID in the other system" in err
    assert Carer.unscoped.count() == 0
    assert not AuditLog.objects.filter(object_type="carers.carer").exists()


def test_the_real_run_adds_the_new_carers_and_running_it_again_adds_nothing(export_file, hub):
    out, err = run_command(export_file, organisation=str(hub.pk), source_system="CarePoint")
    assert "Added 2 carers to the register." in out
    assert "Adding to the register" in err
    out, _ = run_command(
        export_file, organisation=hub.name, source_system="CarePoint", no_progress=True
    )
    assert "Added 0 carers to the register." in out
    assert "2 were already on the register" in out
    assert Carer.unscoped.filter(holding_organisation=hub).count() == 2
    assert set(ImportRun.unscoped.values_list("status", flat=True)) == {Status.DONE}


def test_columns_can_be_mapped_by_heading_or_number(tmp_path, hub):
    path = tmp_path / "odd.csv"
    path.write_bytes(
        export(
            ["A1", "Ada", "Foxglove", "not imported"],
            headings=["Ref no", "Name 1", "Name 2", "Notes"],
        )
    )
    with pytest.raises(CommandError, match="Choose the column that holds the first name"):
        run_command(path, organisation=hub.name, source_system="X")
    out, _ = run_command(
        path,
        "--mapping",
        "Ref no=source_record_id",
        "--mapping",
        "2=given_name",
        "--mapping",
        "name 2=family_name",
        organisation=hub.name,
        source_system="X",
        no_progress=True,
    )
    assert "Added 1 carer to the register." in out
    carer = Carer.unscoped.get()
    assert (carer.source_record_id, carer.given_name, carer.family_name) == (
        "A1",
        "Ada",
        "Foxglove",
    )


@pytest.mark.parametrize(
    "args, options, message",
    [
        (["--mapping", "Nope=given_name"], {}, "The file has no column 'Nope'"),
        (["--mapping", "Forename=first"], {}, "Unknown field 'first'"),
        (["--mapping", "Forename"], {}, "must be COLUMN=FIELD"),
        ([], {"organisation": "Nowhere"}, "No organisation called 'Nowhere'"),
    ],
)
def test_mistakes_on_the_command_line_are_explained(export_file, hub, args, options, message):
    with pytest.raises(CommandError, match=message):
        run_command(
            export_file, *args, **{"organisation": hub.name, "source_system": "X", **options}
        )


def test_an_unreadable_file_stops_the_command_with_the_reason(tmp_path, hub):
    path = tmp_path / "mixed.csv"
    path.write_bytes(export(row(given="Zoë")) + "CP2,José,Núñez\r\n".encode("cp1252"))
    with pytest.raises(CommandError, match="mixes two text encodings"):
        run_command(path, organisation=hub.name, source_system="X")
    assert Carer.unscoped.count() == 0
