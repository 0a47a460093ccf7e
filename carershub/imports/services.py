"""Importing carers: upload, choose columns, check every row (the dry run), then publish at once.

The register only changes in ``publish``, in one transaction that inserts the rows already
checked and marks the import done, with the audit rows. Everything before it - reading the
file, checking rows, staging them in ``StagedRow`` in committed batches so progress can be
shown - leaves the register as it was, so a failure or a killed process at any point loses
nothing and adds nothing. Running the same file again adds nothing: each row is matched
against the organisation's carers by its keys (see ``cleaning.row_keys``).
"""

import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from carershub.accounts.actor import Actor
from carershub.audit import services as auditor
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models import Carer, new_reference
from carershub.carers.services import DEFAULT_LAWFUL_BASIS
from carershub.core.csv_safety import safe_csv_text
from carershub.core.statistics import refresh_statistics
from carershub.imports import files
from carershub.imports.cleaning import KEY_NAMES, carer_keys, clean_row, row_keys
from carershub.imports.mapping import guess_mapping, mapping_problems
from carershub.imports.models import ImportRun, Outcome, StagedRow, Status
from carershub.imports.reading import CSV, UnreadableFile, excel_text, read_table
from carershub.jobs.queueing import enqueue_on_commit
from carershub.partnerships.models import Organisation

try:  # the search app keeps its index beside the register, in the same transaction
    from carershub.search.models import CarerSearchKey
    from carershub.search.services import index_carers
except ImportError:  # pragma: no cover - depends on which apps are present
    CarerSearchKey = index_carers = None

logger = logging.getLogger(__name__)

BATCH = 1000
# Publishing holds SQLite's write lock for one batch at a time: about half a second for 500
# carers with their audit rows and search keys, well inside a colleague's busy timeout.
PUBLISH_BATCH = 500
REJECTED_FILE_KEPT = dt.timedelta(days=7)
# Imports left this long are deleted (the uploaded file, the staged rows): nobody is coming back.
UNFINISHED_KEPT = dt.timedelta(days=7)
# An import that has shown no progress for this long has stopped (its process was killed).
STALLED_AFTER = dt.timedelta(minutes=15)
FAILED_MESSAGE = (
    "The import stopped before it finished, so nothing was added to the register. "
    "Upload the file again to start again."
)

__all__ = ["UnreadableFile"]


class MappingInvalid(Exception):
    def __init__(self, problems):
        super().__init__("The column mapping is not complete")
        self.problems = problems


class NotReady(Exception):
    """The import is not in a state where this can be done (already started, already done)."""


def background_rows():
    """Files with more rows than this are checked and published by the worker, not the request."""
    return getattr(settings, "IMPORTS_BACKGROUND_ROWS", 2000)


def system_actor_for(run):
    """Who an import's background work acts as, for the audit: the uploader,
    for their organisation.
    """
    return Actor(user=run.uploaded_by, organisation=run.holding_organisation)


def _audit_context(run, **extra):
    return {"import_run": run.pk, "organisation_id": run.holding_organisation_id, **extra}


# --- Upload ----------------------------------------------------------------------------------


def canonical_source_system(organisation, name):
    """The spelling already used for this source system, so "carepoint" matches "CarePoint"."""
    name = " ".join((name or "").split())
    known = (
        Carer.unscoped.filter(holding_organisation=organisation)
        .exclude(source_system="")
        .annotate(folded=Lower("source_system"))
        .filter(folded=name.lower())
        .values_list("source_system", flat=True)
        .first()
    )
    return known or name


def start_import(actor, *, organisation, data, filename, source_system, keep_file=True):
    """Read the file's headings, guess the column mapping and record the upload.

    Raises UnreadableFile (and stores nothing) if the file cannot be read safely.
    ``keep_file`` stores the upload under MEDIA_ROOT for later steps; the command line, which
    reads the file where it lies, does not need it.
    """
    table = read_table(data, filename)
    stored = files.save("uploads", table.format, data) if keep_file else ""
    run = ImportRun.unscoped.create(
        holding_organisation=organisation,
        uploaded_by=actor.user if actor.is_authenticated else None,
        source_system=canonical_source_system(organisation, source_system),
        original_filename=filename[-255:],
        stored_file=stored,
        file_format=table.format,
        encoding=table.encoding,
        headings=table.headings,
        mapping=guess_mapping(table.headings),
        notes=table.notes,
        total_rows=table.row_estimate,
    )
    auditor.record(
        actor,
        Operation.CREATE,
        run,
        fields=["source_system", "original_filename", "stored_file", "headings", "mapping"],
        context=_audit_context(run, step="upload", rows=table.row_estimate),
    )
    return run


@transaction.atomic
def set_mapping(actor, run, mapping):
    """Choose which column holds what. Changing it undoes any earlier check of the rows."""
    mapping = {str(index): target for index, target in mapping.items() if target}
    problems = mapping_problems(mapping)
    if problems:
        raise MappingInvalid(problems)
    if run.status not in {Status.UPLOADED, Status.VALIDATED, Status.FAILED}:
        raise NotReady("This import has already started")
    StagedRow.unscoped.filter(run=run).delete()
    files.delete(run.rejected_file)
    ImportRun.unscoped.filter(pk=run.pk).update(
        mapping=mapping,
        status=Status.UPLOADED,
        error="",
        rows_processed=0,
        rejected_file="",
        rejected_expires_at=None,
        validated_at=None,
    )
    auditor.record(
        actor,
        Operation.UPDATE,
        run,
        fields=["mapping"],
        context=_audit_context(run, step="mapping"),
    )
    run.refresh_from_db()
    return run


# --- Checking the rows (the dry run) ---------------------------------------------------------


@dataclass
class _Seen:
    """What earlier rows of the same file used: keys and exact contents, each with its line."""

    keys: dict
    rows: dict


def _existing_keys(organisation, source_system, publishing_run=None):
    """Every key of the organisation's carers (one query), to tell new carers from known ones.

    Carers of another import still being published are left out: that import either finishes
    before this one may publish (and publishing matches every row again), or fails and they go.
    A publish resuming counts its own carers already added.
    """
    keys = set()
    carers = Carer.unscoped.filter(holding_organisation=organisation).filter(
        Q(publishing_import_id__isnull=True)
        | Q(publishing_import_id=getattr(publishing_run, "pk", None))
    )
    rows = carers.values_list(
        "source_system",
        "source_record_id",
        "nhs_number",
        "given_name",
        "family_name",
        "date_of_birth",
        "postcode",
    )
    for row in rows.iterator(chunk_size=5000):
        keys.update(carer_keys(*row, this_source=source_system))
    return keys


def _stage(run, line, cells, table, existing, seen):
    """One StagedRow for one line of the file (not saved)."""
    problems = []
    if table.format == CSV and len(cells) != len(table.headings):
        problems.append(
            f"The line has {len(cells)} values but there are {len(table.headings)} headings: a "
            "value may be missing, a line may have been split, "
            "or a comma may need quotes around its value"
        )
        values = {}
    else:
        values, problems = clean_row(cells, run.mapping)
    keys = row_keys(values, run.source_system) if not problems else []
    if not problems and not keys:
        problems.append(
            "The row has no record ID, no NHS number, and not both a date of birth and a "
            "postcode, so it could not be told apart from a carer already on the register"
        )
    if not problems:
        fingerprint = hashlib.sha256(
            repr([excel_text(c).strip() for c in cells]).encode()
        ).hexdigest()
        if fingerprint in seen.rows:
            problems.append(f"Repeats line {seen.rows[fingerprint]}")
        else:
            seen.rows[fingerprint] = line
            repeat = next((key for key in keys if key in seen.keys), None)
            if repeat:
                problems.append(f"Same carer as line {seen.keys[repeat]} ({KEY_NAMES[repeat[0]]})")
    if problems:
        return StagedRow(
            run=run,
            line=line,
            outcome=Outcome.REJECTED,
            problem="; ".join(problems),
            original=[excel_text(c) for c in cells],
        )
    if any(key in existing for key in keys):
        outcome = Outcome.EXISTING
    else:
        outcome = Outcome.NEW
        for key in keys:
            seen.keys.setdefault(key, line)
    return StagedRow(
        run=run,
        line=line,
        outcome=outcome,
        values=values,
        match_key=f"{keys[0][0]}:{keys[0][1]}"[:400],
    )


def check_rows(run, actor=None, *, data=None, progress=None):
    """Check every row and stage it: the dry run. The register is only read, never written.

    ``data`` is the file's bytes (read from storage when not given); ``progress(n)`` is called
    after each batch with the number of rows just checked.
    """
    actor = actor or system_actor_for(run)
    files.delete(run.rejected_file)  # from an earlier check of the same upload
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.VALIDATING,
        rows_processed=0,
        error="",
        rejected_file="",
        rejected_expires_at=None,
        last_progress_at=timezone.now(),
    )
    StagedRow.unscoped.filter(run=run).delete()
    try:
        table = read_table(
            data if data is not None else files.read(run.stored_file), run.original_filename
        )
        existing = _existing_keys(run.holding_organisation, run.source_system)
        seen = _Seen({}, {})
        counts = {Outcome.NEW: 0, Outcome.EXISTING: 0, Outcome.REJECTED: 0}
        blank = processed = 0
        batch = []

        def flush():
            StagedRow.unscoped.bulk_create(batch)
            ImportRun.unscoped.filter(pk=run.pk).update(
                rows_processed=processed, last_progress_at=timezone.now()
            )
            if progress:
                progress(len(batch))
            batch.clear()

        for line, cells in table.rows():
            if all(excel_text(c).strip() == "" for c in cells):
                blank += 1
                continue
            processed += 1
            row = _stage(run, line, cells, table, existing, seen)
            counts[row.outcome] += 1
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
        flush()
    except UnreadableFile as exc:
        _fail(run, str(exc))
        raise
    except Exception:
        logger.exception("Import %s failed while checking rows", run.pk)
        _fail(
            run,
            "The file could not be checked because of a problem in the hub. "
            "Nothing was added to the register.",
        )
        raise
    rejected_file = _write_rejected_file(run, table.headings)
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.VALIDATED,
        rows_processed=processed,
        total_rows=processed,
        new_count=counts[Outcome.NEW],
        existing_count=counts[Outcome.EXISTING],
        rejected_count=counts[Outcome.REJECTED],
        blank_count=blank,
        rejected_file=rejected_file,
        rejected_expires_at=timezone.now() + REJECTED_FILE_KEPT if rejected_file else None,
        validated_at=timezone.now(),
        last_progress_at=timezone.now(),
        notes=table.notes,
    )
    run.refresh_from_db()
    auditor.record(
        actor,
        Operation.UPDATE,
        run,
        fields=["status", "rejected_file"],
        context=_audit_context(
            run,
            step="dry_run",
            new=run.new_count,
            existing=run.existing_count,
            rejected=run.rejected_count,
        ),
    )
    return run


def _fail(run, message):
    StagedRow.unscoped.filter(run=run).delete()
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.FAILED,
        error=message,
        finished_at=timezone.now(),
        last_progress_at=timezone.now(),
    )
    run.refresh_from_db()


def _write_rejected_file(run, headings):
    """The rejected rows as CSV (Excel-friendly UTF-8), each with its problem;
    every cell neutralised.
    """
    rejected = StagedRow.unscoped.filter(run=run, outcome=Outcome.REJECTED).order_by("line")
    if not rejected.exists():
        return ""
    rows = [["Problem", "Line in original file", *headings]]
    rows.extend(
        [row.problem, row.line, *row.original] for row in rejected.iterator(chunk_size=2000)
    )
    return files.save("rejected", "csv", safe_csv_text(rows).encode("utf_8_sig"))


def rejected_rows_csv(run):
    """The bytes of the rejected-rows file, or None once it has expired or been deleted."""
    if not run.rejected_file or (
        run.rejected_expires_at and run.rejected_expires_at <= timezone.now()
    ):
        return None
    if not files.exists(run.rejected_file):
        return None
    return files.read(run.rejected_file)


# --- Publishing ------------------------------------------------------------------------------


def _unique_references(count):
    """``count`` new carer references that no carer has yet (one query, rarely two)."""
    references = set()
    while len(references) < count:
        candidates = {new_reference() for _ in range(count - len(references))} - references
        taken = set(
            Carer.unscoped.filter(reference__in=candidates).values_list("reference", flat=True)
        )
        references |= candidates - taken
    return list(references)


def _carer_from(values, run, reference):
    date_of_birth = values.get("date_of_birth")
    return Carer(
        reference=reference,
        holding_organisation_id=run.holding_organisation_id,
        given_name=values.get("given_name", ""),
        family_name=values.get("family_name", ""),
        preferred_name=values.get("preferred_name", ""),
        date_of_birth=dt.date.fromisoformat(date_of_birth) if date_of_birth else None,
        nhs_number=values.get("nhs_number", ""),
        email=values.get("email", ""),
        phone=values.get("phone", ""),
        mobile=values.get("mobile", ""),
        address_line_1=values.get("address_line_1", ""),
        address_line_2=values.get("address_line_2", ""),
        town=values.get("town", ""),
        postcode=values.get("postcode", ""),
        source_system=run.source_system,
        source_record_id=values.get("source_record_id", ""),
        lawful_basis=DEFAULT_LAWFUL_BASIS,
        publishing_import_id=run.pk,
    )


def _insert_carers(carers):
    """Insert unsaved carers; return their ids, in order.

    On PostgreSQL ``bulk_create`` is one multi-row INSERT ... RETURNING and the fastest way. On
    SQLite Django writes a statement for every 41 carers (it assumes 999 parameters a
    statement) and spends most of a big import building SQL, so there one prepared statement is
    run for every row instead. The values still come from each field's own ``pre_save`` and
    ``get_db_prep_save``, so defaults and ``auto_now`` work as in ``save()``; the ids are read
    back by the unique references just given.
    """
    if not carers:
        return []
    if connection.vendor != "sqlite":
        return [carer.pk for carer in Carer.unscoped.bulk_create(carers)]
    fields = [field for field in Carer._meta.concrete_fields if not field.primary_key]
    table = connection.ops.quote_name(Carer._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        tuple(field.get_db_prep_save(field.pre_save(carer, True), connection) for field in fields)
        for carer in carers
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
    references = [carer.reference for carer in carers]
    ids = dict(Carer.unscoped.filter(reference__in=references).values_list("reference", "pk"))
    return [ids[reference] for reference in references]


class AnotherImportPublishing(NotReady):
    """Another import into the same organisation is being added to the register right now."""


def claim_for_publishing(run):
    """Move a checked import to "importing"; False if someone else already did (a double click).

    Raises AnotherImportPublishing while another import into the same organisation is being
    published: each publish matches rows against the register as it stood when it began, so two
    at once could both add the same carer.
    """
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=run.holding_organisation_id).first()
        _stop_abandoned_publishes(run.holding_organisation_id)
        if (
            ImportRun.unscoped.filter(
                holding_organisation_id=run.holding_organisation_id, status=Status.IMPORTING
            )
            .exclude(pk=run.pk)
            .exists()
        ):
            raise AnotherImportPublishing(
                "Another import into this organisation is being added to the register. "
                "Try again when it has finished."
            )
        return bool(
            ImportRun.unscoped.filter(pk=run.pk, status=Status.VALIDATED).update(
                status=Status.IMPORTING,
                last_progress_at=timezone.now(),
                published_through_line=0,
                added_count=0,
            )
        )


def publishing_stalled_after():
    """A publish that has committed no batch for this long has stopped (its process died)."""
    return dt.timedelta(seconds=getattr(settings, "IMPORTS_PUBLISH_STALLED_SECONDS", 120))


def _stop_abandoned_publishes(organisation_id, now=None):
    """Mark failed the organisation's publishes that stopped showing progress (call with the
    organisation's row locked). Their carers are removed by ``remove_unfinished_carers``."""
    now = now or timezone.now()
    ImportRun.unscoped.filter(
        holding_organisation_id=organisation_id,
        status=Status.IMPORTING,
        last_progress_at__lt=now - publishing_stalled_after(),
    ).update(status=Status.FAILED, error=FAILED_MESSAGE, finished_at=now)


def remove_unfinished_carers(organisation_id=None, *, run_id=None):
    """Delete the hidden carers of publishes that did not finish; return how many.

    Only carers of imports that are no longer being published are touched (their run failed, or
    is gone), in batches of their own transactions, each deletion audited. A publish resumed
    later finds its run failed and stops.
    """
    pending = Carer.unscoped.filter(publishing_import_id__isnull=False)
    if organisation_id is not None:
        pending = pending.filter(holding_organisation_id=organisation_id)
    if run_id is not None:
        pending = pending.filter(publishing_import_id=run_id)
    publishing = ImportRun.unscoped.filter(status=Status.IMPORTING).values_list("pk", flat=True)
    pending = pending.exclude(publishing_import_id__in=publishing)
    removed = 0
    while True:
        with transaction.atomic():
            ids = list(pending.order_by("pk").values_list("pk", flat=True)[:PUBLISH_BATCH])
            if not ids:
                break
            runs = sorted(
                set(
                    Carer.unscoped.filter(pk__in=ids).values_list("publishing_import_id", flat=True)
                )
            )
            auditor.record_many(
                None,
                Operation.DELETE,
                Carer,
                ids,
                context={
                    "reason": "import did not finish, so its carers were removed",
                    "import_runs": runs,
                },
            )
            Carer.unscoped.filter(pk__in=ids).delete()  # their search keys go with them
            removed += len(ids)
    if removed:
        refresh_statistics(
            Carer, AuditLog, *([CarerSearchKey] if CarerSearchKey is not None else [])
        )
    return removed


def publish(run, actor=None, *, progress=None):
    """Add the checked new carers to the register: all or nothing, in batches others can work
    between.

    Each batch of 500 carers is inserted in its own short transaction, marked as belonging to
    this import (``Carer.publishing_import_id``), so that every page, list and search leaves them
    out, and the run records the last line published. SQLite's one write lock is held for a
    batch at a time, not for the whole file, so a colleague's save waits a moment rather than
    failing. When every batch is in, one UPDATE makes them all visible at once and the import is
    done. A publish cut off part way (the worker died) resumes after the last batch committed
    when its job runs again; one that fails, or stops for good, has its carers removed. Each
    row's keys are matched again as it is published: a carer registered since the dry run is
    not added twice.
    """
    actor = actor or system_actor_for(run)
    if run.status == Status.VALIDATED and not claim_for_publishing(run):
        raise NotReady("This import has already started")
    run.refresh_from_db()
    if run.status != Status.IMPORTING:
        raise NotReady("This import is not ready to publish")
    try:
        remove_unfinished_carers(run.holding_organisation_id)  # left by a publish that died before
        existing = _existing_keys(run.holding_organisation, run.source_system, publishing_run=run)
        fields = sorted(
            {*run.mapping.values(), "holding_organisation", "source_system", "lawful_basis"}
        )
        while _publish_batch(run, actor, existing, fields, progress):
            pass
        with transaction.atomic():
            Organisation.objects.select_for_update().filter(pk=run.holding_organisation_id).first()
            if not ImportRun.unscoped.filter(pk=run.pk, status=Status.IMPORTING).exists():
                raise NotReady("This import was stopped while it was being added")
            Carer.unscoped.filter(publishing_import_id=run.pk).update(publishing_import_id=None)
            added = ImportRun.unscoped.values_list("added_count", flat=True).get(pk=run.pk)
            ImportRun.unscoped.filter(pk=run.pk).update(
                status=Status.DONE,
                new_count=added,
                finished_at=timezone.now(),
                last_progress_at=timezone.now(),
            )
            auditor.record(
                actor,
                Operation.UPDATE,
                run,
                fields=["status"],
                context=_audit_context(run, step="publish", added=added),
            )
    except Exception:
        logger.exception("Import %s failed while publishing; its carers are being removed", run.pk)
        ImportRun.unscoped.filter(pk=run.pk, status=Status.IMPORTING).update(
            status=Status.FAILED,
            finished_at=timezone.now(),
            error="Something went wrong while adding the carers, so none were added. Try the "
            "import again.",
        )
        remove_unfinished_carers(run_id=run.pk)
        run.refresh_from_db()
        raise
    refresh_statistics(Carer, AuditLog, *([CarerSearchKey] if CarerSearchKey is not None else []))
    # The carers are on the register now: their staged copies are no longer needed. The
    # rejected rows stay until their file expires (the results page lists them).
    StagedRow.unscoped.filter(run=run).exclude(outcome=Outcome.REJECTED).delete()
    files.delete(run.stored_file)
    ImportRun.unscoped.filter(pk=run.pk).update(stored_file="")
    run.refresh_from_db()
    return run


def pause_between_batches():
    """Seconds to leave the write lock free between batches: on SQLite a colleague's save waiting
    for the lock looks again at least every 100 ms, so a pause a little longer lets it in."""
    default = 0.15 if connection.vendor == "sqlite" else 0
    return getattr(settings, "IMPORTS_PAUSE_BETWEEN_BATCHES", default)


def _publish_batch(run, actor, existing, fields, progress):
    """Publish the next batch of staged new rows; False when none are left.

    The batch is read and prepared first, outside any transaction (reads do not take SQLite's
    write lock); only the inserts, their audit and search keys and the run's progress are
    written in the transaction, which is therefore short.
    """
    through = (
        ImportRun.unscoped.filter(pk=run.pk, status=Status.IMPORTING)
        .values_list("published_through_line", flat=True)
        .first()
    )
    if through is None:
        raise NotReady("This import was stopped while it was being added")
    batch = list(
        StagedRow.unscoped.filter(run=run, outcome=Outcome.NEW, line__gt=through)
        .order_by("line")
        .values_list("line", "values")[:PUBLISH_BATCH]
    )
    if not batch:
        return False
    fresh, keys_of_fresh = [], set()
    became_existing = 0
    for _line, values in batch:
        keys = row_keys(values, run.source_system)
        if any(key in existing or key in keys_of_fresh for key in keys):
            became_existing += 1
            continue
        keys_of_fresh.update(keys)
        fresh.append(values)
    carers = [
        _carer_from(values, run, reference)
        for values, reference in zip(fresh, _unique_references(len(fresh)), strict=True)
    ]
    with transaction.atomic():
        # Only this publish moves its own run on; if it was stopped meanwhile, write nothing.
        if not ImportRun.unscoped.filter(
            pk=run.pk, status=Status.IMPORTING, published_through_line=through
        ).update(
            published_through_line=batch[-1][0],
            added_count=F("added_count") + len(carers),
            existing_count=F("existing_count") + became_existing,
            last_progress_at=timezone.now(),
        ):
            raise NotReady("This import was stopped while it was being added")
        ids = _insert_carers(carers)
        auditor.record_many(
            actor,
            Operation.CREATE,
            Carer,
            ids,
            fields=fields,
            context=_audit_context(run, step="publish"),
        )
        if index_carers is not None:
            index_carers(ids)  # with the carers: none is ever on the register unfindable
    existing.update(keys_of_fresh)
    if progress:
        progress(len(batch))
    pause = pause_between_batches()
    if pause and len(batch) == PUBLISH_BATCH:  # a short batch was the last
        time.sleep(pause)
    return True


# --- From the pages: in the request when small, in the worker when big -----------------------


def check(actor, run):
    """The "Check the file" button. Returns True when the work went to the background."""
    if run.status not in {Status.UPLOADED, Status.VALIDATED, Status.FAILED}:
        raise NotReady("This import has already started")
    if run.total_rows <= background_rows():
        check_rows(run, actor)
        return False
    with transaction.atomic():
        ImportRun.unscoped.filter(pk=run.pk).update(
            status=Status.VALIDATING, rows_processed=0, error="", last_progress_at=timezone.now()
        )
        enqueue_on_commit("carershub.imports.tasks.check_import", run.pk)
    run.refresh_from_db()
    return True


def start_publishing(actor, run):
    """The "Import N carers" button. Returns True when the work went to the background."""
    if not claim_for_publishing(run):
        raise NotReady("This import has already started")
    run.refresh_from_db()
    if run.new_count <= background_rows():
        publish(run, actor)
        return False
    enqueue_on_commit("carershub.imports.tasks.publish_import", run.pk)
    return True


def is_stalled(run, now=None):
    now = now or timezone.now()
    return (
        run.status in {Status.VALIDATING, Status.IMPORTING}
        and run.last_progress_at < now - STALLED_AFTER
    )


# --- Housekeeping ----------------------------------------------------------------------------


def tidy_up(now=None):
    """Delete what imports no longer need; return how many imports were touched.

    - rejected-rows files 7 days after they were written (and their staged rows);
    - uploads and staged rows of imports left unfinished for 7 days;
    - imports that stopped showing progress (their process was killed) are marked stopped, and
      the hidden carers of any publish that did not finish are removed.
    Each deletion is audited, with ids only.
    """
    now = now or timezone.now()
    touched = 0
    stalled = ImportRun.unscoped.filter(
        status__in=[Status.VALIDATING, Status.IMPORTING], last_progress_at__lt=now - STALLED_AFTER
    )
    for run in stalled:
        ImportRun.unscoped.filter(pk=run.pk, status=run.status).update(
            status=Status.FAILED, error=FAILED_MESSAGE, finished_at=now
        )
        touched += 1
    remove_unfinished_carers()  # of publishes stopped just now, or that failed before removing them
    expired = ImportRun.unscoped.filter(rejected_expires_at__lte=now).exclude(rejected_file="")
    for run in expired:
        with transaction.atomic():
            StagedRow.unscoped.filter(run=run).delete()
            ImportRun.unscoped.filter(pk=run.pk).update(rejected_file="")
            auditor.record(
                None,
                Operation.DELETE,
                run,
                fields=["rejected_file", "rows"],
                context=_audit_context(run, reason="rejected rows file expired"),
            )
        files.delete(run.rejected_file)
        touched += 1
    abandoned = (
        ImportRun.unscoped.filter(created_at__lt=now - UNFINISHED_KEPT)
        .exclude(status__in=[Status.VALIDATING, Status.IMPORTING, Status.DONE])
        .filter(~Q(stored_file="") | Q(rows__isnull=False))
        .distinct()
    )
    for run in abandoned:
        with transaction.atomic():
            StagedRow.unscoped.filter(run=run).delete()
            ImportRun.unscoped.filter(pk=run.pk).update(stored_file="")
            auditor.record(
                None,
                Operation.DELETE,
                run,
                fields=["stored_file", "rows"],
                context=_audit_context(run, reason="unfinished import expired"),
            )
        files.delete(run.stored_file)
        touched += 1
    return touched
