"""The import pages: who may use them, the journey from upload to confirmation,
and the downloads.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models import Carer
from carershub.imports import services, tasks
from carershub.imports.models import ImportRun, Status
from carershub.imports.tests.helpers import export, person, row

pytestmark = pytest.mark.django_db

NOT_MANAGERS = [
    Role.SUPPORT_WORKER,
    Role.ASSESSOR,
    Role.PARTNER_REFERRER,
    Role.COMMISSIONER,
    Role.SYSTEM_ADMIN,
]


def upload(client, data, name="export.csv", source="CarePoint"):
    return client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile(name, data), "source_system": source}
    )


@pytest.fixture
def run(manager_actor):
    """An import checked and waiting: one new carer and one row with a problem."""
    run = services.start_import(
        manager_actor,
        organisation=manager_actor.organisation,
        filename="export.csv",
        source_system="CarePoint",
        data=export(row(), person(2, dob="31/02/1980")),
    )
    return services.check_rows(run, manager_actor)


def every_page(run):
    return [
        ("get", reverse("imports:upload")),
        ("get", reverse("imports:columns", args=[run.pk])),
        ("get", reverse("imports:results", args=[run.pk])),
        ("post", reverse("imports:publish", args=[run.pk])),
        ("get", reverse("imports:progress", args=[run.pk])),
        ("get", reverse("imports:progress_status", args=[run.pk])),
        ("get", reverse("imports:done", args=[run.pk])),
    ]


# --- Who may use the pages ---------------------------------------------------------------------


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_only_hub_managers_may_import(make_staff, sign_in, hub, run, role):
    client = sign_in(make_staff(role, hub), hub)
    for method, url in every_page(run):
        assert getattr(client, method)(url).status_code == 403, url
    assert Carer.unscoped.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, run):
    for method, url in every_page(run) + [("get", reverse("imports:rejected_rows", args=[run.pk]))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "sign-in" in response.url, url


def test_a_hub_manager_of_another_organisation_cannot_see_the_import(
    make_staff, sign_in, other_hub, run
):
    client = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    for method, url in every_page(run)[1:] + [
        ("get", reverse("imports:rejected_rows", args=[run.pk]))
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    assert "export.csv" not in client.get(reverse("imports:upload")).content.decode()


def test_a_manager_sees_the_upload_page_with_recent_imports(manager, sign_in, hub, run):
    html = sign_in(manager, hub).get(reverse("imports:upload")).content.decode()
    assert "Import carers from another system" in html
    assert "export.csv" in html and "Checked" in html


# --- The journey ----------------------------------------------------------------------------------


def test_upload_columns_check_import_and_confirmation(manager, sign_in, hub):
    client = sign_in(manager, hub)
    response = upload(client, export(row(), person(2), person(3, dob="31/02/1980")))
    run = ImportRun.unscoped.get()
    assert response.url == reverse("imports:columns", args=[run.pk])
    assert run.uploaded_by == manager and run.source_system == "CarePoint"

    page = client.get(response.url).content.decode()
    assert "Check the columns" in page and 'value="given_name" selected' in page

    response = client.post(response.url, {f"column_{i}": field for i, field in run.mapping.items()})
    assert response.url == reverse("imports:results", args=[run.pk])
    assert Carer.unscoped.count() == 0  # the check is a dry run

    page = client.get(response.url).content.decode()
    assert "Import 2 carers" in page
    assert "Date of birth is not a real date" in page
    assert "Download the rows with problems" in page

    response = client.post(reverse("imports:publish", args=[run.pk]))
    assert response.url == reverse("imports:done", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert "Import complete" in page and "<strong>2</strong> carers added to the register" in page
    assert Carer.unscoped.filter(holding_organisation=hub).count() == 2

    # A second click (or the back button and the button again) adds nothing.
    response = client.post(reverse("imports:publish", args=[run.pk]))
    assert response.url == reverse("imports:done", args=[run.pk])
    assert Carer.unscoped.count() == 2


def test_the_same_file_uploaded_again_finds_everyone_already_registered(manager, sign_in, hub):
    client = sign_in(manager, hub)
    data = export(row(), person(2))
    for _ in range(2):
        upload(client, data)
        run = ImportRun.unscoped.order_by("-pk").first()
        client.post(
            reverse("imports:columns", args=[run.pk]),
            {f"column_{i}": f for i, f in run.mapping.items()},
        )
        client.post(reverse("imports:publish", args=[run.pk]))
    run.refresh_from_db()
    assert (run.added_count, run.existing_count) == (0, 2)
    assert Carer.unscoped.count() == 2


@pytest.mark.parametrize(
    "data, name, message",
    [
        (None, None, "Select a CSV file or Excel workbook"),
        (b"", "export.csv", "The selected file is empty"),
        (b"PDF", "export.pdf", "must be a CSV file or an Excel workbook (.xlsx)"),
        (export(row(given="Zoë"), encoding="utf-16-le"), "export.csv", "not a plain text CSV file"),
        (b"\xd0\xcf\x11\xe0 an old Excel file", "export.xlsx", "not an Excel workbook"),
    ],
)
def test_upload_errors_are_shown_and_nothing_is_kept(
    manager, sign_in, hub, media_root, data, name, message
):
    client = sign_in(manager, hub)
    payload = {"source_system": "CarePoint"}
    if data is not None:
        payload["file"] = SimpleUploadedFile(name, data)
    response = client.post(reverse("imports:upload"), payload)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert "<title>Error: " in html
    assert not ImportRun.unscoped.exists()
    assert not (media_root / "imports").exists() or not any((media_root / "imports").rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(manager, sign_in, hub, monkeypatch):
    from carershub.imports import forms

    monkeypatch.setattr(forms, "MAX_FILE_BYTES", 100)
    response = upload(sign_in(manager, hub), export(row(), person(2), person(3)))
    assert "The selected file must be smaller than" in response.content.decode()
    assert not ImportRun.unscoped.exists()


def test_the_system_name_is_required(manager, sign_in, hub):
    response = upload(sign_in(manager, hub), export(row()), source="  ")
    assert "Enter the name of the system the file is from" in response.content.decode()


def test_mapping_mistakes_are_explained(manager, sign_in, hub, run):
    client = sign_in(manager, hub)
    response = client.post(
        reverse("imports:columns", args=[run.pk]),
        {"column_0": "given_name", "column_1": "given_name"},
    )
    html = response.content.decode()
    assert "First name is already chosen for Client ID: choose it for one column only" in html
    assert "Choose the column that holds the last name" in html
    assert "record ID, the NHS number, or both the date of birth and the postcode" in html
    run.refresh_from_db()
    assert run.status == Status.VALIDATED  # nothing changed


def test_changing_the_columns_checks_the_file_again(manager, sign_in, hub, run):
    client = sign_in(manager, hub)
    mapping = {f"column_{i}": f for i, f in run.mapping.items() if f != "date_of_birth"}
    client.post(reverse("imports:columns", args=[run.pk]), mapping)
    run.refresh_from_db()
    assert run.status == Status.VALIDATED
    assert (run.new_count, run.rejected_count) == (2, 0)
    assert "date_of_birth" not in run.mapping.values()


# --- Big files go to the worker, with a progress page ------------------------------------------


def test_a_big_file_is_checked_and_imported_in_the_background(
    manager, sign_in, hub, settings, django_capture_on_commit_callbacks
):
    settings.IMPORTS_BACKGROUND_ROWS = 2
    client = sign_in(manager, hub)
    upload(client, export(row(), person(2), person(3)))
    run = ImportRun.unscoped.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("imports:columns", args=[run.pk]),
            {f"column_{i}": f for i, f in run.mapping.items()},
        )
    assert response.url == reverse("imports:progress", args=[run.pk])
    assert (
        DBTaskResult.objects.filter(task_path="carershub.imports.tasks.check_import").count() == 1
    )

    page = client.get(response.url).content.decode()
    assert (
        "Checking the file" in page
        and "<progress" in page
        and "Waiting to start checking 3 rows" in page
    )
    assert 'http-equiv="refresh"' not in page
    status = client.get(reverse("imports:progress_status", args=[run.pk])).json()
    assert status == {
        "status": "validating",
        "percent": 0,
        "text": "Waiting to start checking 3 rows.",
        "next_url": reverse("imports:progress", args=[run.pk]),
    }

    tasks.check_import.call(run.pk)
    status = client.get(reverse("imports:progress_status", args=[run.pk])).json()
    assert status["status"] == "validated" and status["next_url"] == reverse(
        "imports:results", args=[run.pk]
    )
    assert client.get(reverse("imports:progress", args=[run.pk])).url == reverse(
        "imports:results", args=[run.pk]
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:publish", args=[run.pk]))
    assert response.url == reverse("imports:progress", args=[run.pk])
    assert "Adding 3 carers to the register" in client.get(response.url).content.decode()
    assert Carer.unscoped.count() == 0
    tasks.publish_import.call(run.pk)
    assert Carer.unscoped.count() == 3
    assert client.get(reverse("imports:progress", args=[run.pk])).url == reverse(
        "imports:done", args=[run.pk]
    )


def test_the_progress_page_shows_how_far_checking_has_got(manager, sign_in, hub, run):
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.VALIDATING, rows_processed=1000, total_rows=4000
    )
    html = sign_in(manager, hub).get(reverse("imports:progress", args=[run.pk])).content.decode()
    assert 'max="100" value="25"' in html and "25% checked: 1,000 of 4,000 rows." in html
    assert (
        "Check progress" in html
    )  # without JavaScript, a button instead of a page that reloads itself


def test_a_stopped_import_says_nothing_was_added(manager, sign_in, hub, run):
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.IMPORTING, last_progress_at=timezone.now() - dt.timedelta(hours=1)
    )
    client = sign_in(manager, hub)
    html = client.get(reverse("imports:progress", args=[run.pk])).content.decode()
    assert "The import stopped" in html and "nothing was added to the register" in html
    assert (
        client.get(reverse("imports:progress_status", args=[run.pk])).json()["status"] == "failed"
    )


# --- The rejected-rows file -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["uploader", "another manager", "uploader who is no longer a manager"]
)
def test_the_uploader_and_the_organisations_managers_may_download_the_rejected_rows(
    who, manager, make_staff, sign_in, hub, run
):
    user = manager
    if who == "another manager":
        user = make_staff(Role.HUB_MANAGER, hub)
    elif who == "uploader who is no longer a manager":
        manager.memberships.update(role=Role.SUPPORT_WORKER)
    response = sign_in(user, hub).get(reverse("imports:rejected_rows", args=[run.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="rejected-rows-import-{run.pk}.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert b"Date of birth is not a real date" in response.content
    audit = AuditLog.objects.get(operation=Operation.EXPORT)
    assert (audit.object_type, audit.object_id, audit.actor_user_id) == (
        "imports.importrun",
        str(run.pk),
        user.pk,
    )


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_nobody_else_may_download_the_rejected_rows(make_staff, sign_in, hub, run, role):
    response = sign_in(make_staff(role, hub), hub).get(
        reverse("imports:rejected_rows", args=[run.pk])
    )
    assert response.status_code == 404
    assert not AuditLog.objects.filter(operation=Operation.EXPORT).exists()


def test_an_expired_rejected_rows_file_is_gone(manager, sign_in, hub, run):
    ImportRun.unscoped.filter(pk=run.pk).update(
        rejected_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = sign_in(manager, hub).get(reverse("imports:rejected_rows", args=[run.pk]))
    assert response.status_code == 410
    assert "The file of rejected rows has been deleted" in response.content.decode()
    assert not AuditLog.objects.filter(operation=Operation.EXPORT).exists()


# --- Query counts ---------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_results_page_makes_the_same_number_of_queries_however_many_rows_have_problems(
    manager_actor, manager, sign_in, hub
):
    client = sign_in(manager, hub)
    counts = []
    for bad_rows in (1, 40):
        run = services.start_import(
            manager_actor,
            organisation=hub,
            filename="x.csv",
            source_system="CarePoint",
            data=export(row(), *[person(n, dob="31/02/1980") for n in range(2, 2 + bad_rows)]),
        )
        run = services.check_rows(run, manager_actor)
        counts.append(_queries(client, reverse("imports:results", args=[run.pk])))
    assert counts[0] == counts[1]


def test_the_confirmation_and_upload_pages_make_the_same_number_of_queries_however_big_the_import(
    manager_actor, manager, sign_in, hub
):
    client = sign_in(manager, hub)
    done_counts, upload_counts = [], []
    for size in (1, 30):
        run = services.start_import(
            manager_actor,
            organisation=hub,
            filename="x.csv",
            source_system=f"System {size}",
            data=export(*[person(n) for n in range(1, 1 + size)]),
        )
        run = services.publish(services.check_rows(run, manager_actor), manager_actor)
        done_counts.append(_queries(client, reverse("imports:done", args=[run.pk])))
        upload_counts.append(_queries(client, reverse("imports:upload")))
    assert done_counts[0] == done_counts[1]
    assert upload_counts[0] == upload_counts[1]


def test_a_fault_while_checking_shows_a_plain_page_and_adds_nothing(
    manager, sign_in, hub, run, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "clean_row", broken)
    client = sign_in(manager, hub)
    response = client.post(
        reverse("imports:columns", args=[run.pk]),
        {f"column_{i}": f for i, f in run.mapping.items()},
    )
    assert response.url == reverse("imports:progress", args=[run.pk])
    html = client.get(response.url).content.decode()
    assert "The import stopped" in html
    assert (
        "could not be checked because of a problem in the hub. Nothing was added to the register."
        in html
    )
    assert Carer.unscoped.count() == 0
