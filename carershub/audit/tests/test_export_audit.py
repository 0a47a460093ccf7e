"""``manage.py export_audit``: one record's or one person's audit trail as CSV, itself audited."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from carershub.audit import sealing
from carershub.audit import services as auditor
from carershub.audit.models import AuditLog, Operation
from carershub.audit.selectors import EXPORT_HEADINGS
from carershub.carers.tests.factories import CarerFactory


def export(*args):
    out = io.StringIO()
    call_command("export_audit", *args, stdout=out, stderr=io.StringIO())
    return list(csv.reader(io.StringIO(out.getvalue())))


@pytest.fixture
def trail(worker, manager, hub, actor_of):
    carer = CarerFactory(holding_organisation=hub)
    other = CarerFactory(holding_organisation=hub)
    auditor.read(actor_of(worker, hub), carer, fields=["postcode"])
    auditor.updated(actor_of(manager, hub), carer, fields=["=HYPERLINK(1)"])
    auditor.read(actor_of(worker, hub), other)
    sealing.seal()
    return carer, other


@pytest.mark.django_db
def test_a_records_trail_lists_who_did_what_and_nothing_about_other_records(trail):
    carer, _ = trail
    rows = export("--object", f"carers.carer:{carer.pk}")
    assert rows[0] == EXPORT_HEADINGS
    assert [(r[2], r[4], r[5], r[7]) for r in rows[1:]] == [
        ("Viewed", "Sam Worker", "Testshire Carers Centre", str(carer.pk)),
        ("Changed", "Morgan Manager", "Testshire Carers Centre", str(carer.pk)),
    ]
    assert rows[1][-1] == "1"  # its place in the sealed chain


@pytest.mark.django_db
def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(trail):
    carer, _ = trail
    rows = export("--object", f"carers.carer:{carer.pk}")
    assert rows[2][8] == "'=HYPERLINK(1)"


@pytest.mark.django_db
def test_a_staff_members_actions_across_records(trail, worker):
    carer, other = trail
    rows = export("--user", worker.email.upper())
    assert [r[7] for r in rows[1:]] == [str(carer.pk), str(other.pk)]


@pytest.mark.django_db
def test_dates_limit_the_export_to_whole_days(trail):
    carer, _ = trail
    today = timezone.localdate()
    assert (
        len(
            export("--object", f"carers.carer:{carer.pk}", "--from", str(today), "--to", str(today))
        )
        == 3
    )
    tomorrow = today + timezone.timedelta(days=1)
    assert len(export("--object", f"carers.carer:{carer.pk}", "--from", str(tomorrow))) == 1


@pytest.mark.django_db
def test_exporting_is_itself_audited_on_the_record(trail):
    carer, _ = trail
    export("--object", f"carers.carer:{carer.pk}", "--to", str(timezone.localdate()))
    entry = AuditLog.objects.get(operation=Operation.EXPORT)
    assert (entry.object_type, entry.object_id, entry.actor_user_id) == (
        "carers.carer",
        str(carer.pk),
        None,
    )
    assert entry.context["rows"] == 2 and entry.context["export"] == "audit trail"


@pytest.mark.django_db
def test_exporting_a_staff_members_actions_is_audited_on_their_account(trail, worker):
    export("--user", worker.email)
    entry = AuditLog.objects.get(operation=Operation.EXPORT)
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(worker.pk))


@pytest.mark.django_db
def test_the_export_can_go_to_a_file(trail, tmp_path):
    carer, _ = trail
    target = tmp_path / "trail.csv"
    call_command(
        "export_audit",
        "--object",
        f"carers.carer:{carer.pk}",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    assert len(list(csv.reader(target.open(newline="")))) == 3


@pytest.mark.django_db
def test_the_export_reads_in_a_fixed_number_of_queries(
    trail, worker, hub, actor_of, django_assert_max_num_queries
):
    carer, _ = trail
    with django_assert_max_num_queries(10) as few:
        export("--object", f"carers.carer:{carer.pk}")
    for _ in range(20):
        auditor.read(actor_of(worker, hub), carer)
    with django_assert_max_num_queries(10) as many:
        export("--object", f"carers.carer:{carer.pk}")
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--object", "carers.nothing:1"], "is not a kind of record"),
        (["--object", "carers.carer"], "Give the record's id"),
        (["--user", "nobody@example.org"], "No member of staff"),
        (["--user", "x@example.org", "--from", "23/11/2026"], "is not a date"),
        (
            ["--object", "carers.carer:1", "--from", "2026-11-23", "--to", "2026-11-01"],
            "--from must be on or before",
        ),
    ],
)
def test_mistakes_are_explained(args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)
    assert not AuditLog.objects.filter(operation=Operation.EXPORT).exists()
