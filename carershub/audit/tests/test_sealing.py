import io
import json
import logging
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from carershub.audit import chain, sealing, tasks
from carershub.audit import services as auditor
from carershub.audit.models import AuditLog, AuditSeal, Operation
from carershub.jobs.schedules import SCHEDULE


def chained(entries):
    return [
        (e.chain_position, e.chain_hash)
        for e in AuditLog.objects.filter(pk__in=[e.pk for e in entries]).order_by("pk")
    ]


def test_entries_are_written_unsealed_so_the_auditor_never_waits_for_the_sealer(
    write_entries, django_assert_num_queries
):
    with django_assert_num_queries(1):
        auditor.record(None, Operation.READ, "carers.carer", 1)
    assert AuditLog.objects.get().chain_position is None
    assert AuditLog.objects.get().chain_hash == ""


def test_sealing_chains_entries_written_in_two_batches_each_hash_following_the_one_before(
    write_entries,
):
    first = write_entries(3)
    assert sealing.seal() == 3
    second = write_entries(2)
    assert sealing.seal() == 2

    previous = chain.FIRST_PREVIOUS
    for position, entry in enumerate(AuditLog.objects.order_by("chain_position"), start=1):
        assert entry.chain_position == position
        assert entry.chain_hash == chain.link(previous, entry, position)
        previous = entry.chain_hash
    assert [p for p, _ in chained(first + second)] == [1, 2, 3, 4, 5]
    seal = AuditSeal.objects.get()
    assert (seal.last_position, seal.last_entry_id, seal.last_hash) == (5, second[-1].pk, previous)


def test_sealing_again_with_nothing_new_changes_nothing(write_entries, checkpoint_file):
    write_entries(2)
    sealing.seal()
    before = chained(AuditLog.objects.all())
    assert sealing.seal() == 0
    assert chained(AuditLog.objects.all()) == before
    assert len(checkpoint_file.read_text().splitlines()) == 1


def test_sealing_takes_a_fixed_number_of_queries_per_batch_however_many_entries_it_holds(
    write_entries, django_assert_max_num_queries
):
    sealing.the_seal()
    write_entries(11)
    with django_assert_max_num_queries(50) as eleven_in_three_batches:
        assert sealing.seal(batch_size=5) == 11
    write_entries(15)
    with django_assert_max_num_queries(50) as fifteen_in_three_batches:
        assert sealing.seal(batch_size=5) == 15
    assert len(fifteen_in_three_batches.captured_queries) == len(
        eleven_in_three_batches.captured_queries
    )
    assert sorted(AuditLog.objects.values_list("chain_position", flat=True)) == list(range(1, 27))


def test_an_entry_that_commits_late_with_a_lower_id_is_sealed_next_time_not_skipped(write_entries):
    entries = write_entries(3)
    sealing.seal()
    # On PostgreSQL a transaction holding a lower id can commit after higher ids are sealed.
    late = AuditLog.objects.create(
        pk=entries[0].pk - 1, operation=Operation.READ, object_type="carers.carer", object_id="7"
    )
    assert sealing.seal() == 1
    late.refresh_from_db()
    assert late.chain_position == 4
    assert late.chain_hash == chain.link(AuditLog.objects.get(chain_position=3).chain_hash, late, 4)


def test_each_seal_appends_a_checkpoint_to_the_file_and_the_checkpoint_log(
    write_entries, checkpoint_file, caplog
):
    write_entries(2)
    with caplog.at_level(logging.INFO, logger="carershub.audit.checkpoint"):
        sealing.seal()
        last = write_entries(1)[-1]
        sealing.seal()

    lines = [json.loads(line) for line in checkpoint_file.read_text().splitlines()]
    assert [(line["position"], line["entry"]) for line in lines][-1] == (3, last.pk)
    assert lines[-1]["chain_hash"] == AuditLog.objects.get(pk=last.pk).chain_hash
    assert lines[0]["position"] == 2 and lines[0]["sealed_at"]
    logged = [r for r in caplog.records if r.name == "carershub.audit.checkpoint"]
    assert [
        json.dumps(line, sort_keys=True) in record.getMessage()
        for line, record in zip(lines, logged, strict=True)
    ] == [True, True]


def test_the_sealing_job_runs_every_minute(write_entries):
    job = next(s for s in SCHEDULE if s.name == "seal-audit-log")
    assert job.cron == "* * * * *"
    assert job.task is tasks.seal_audit_log
    write_entries(2)
    assert tasks.seal_audit_log.call() == 2


@pytest.mark.django_db(transaction=True)
def test_two_sealers_at_once_never_seal_an_entry_twice_or_break_the_chain(write_entries):
    write_entries(120)
    sealing.the_seal()
    start = threading.Barrier(2)
    counts, errors = [], []

    def sealer():
        try:
            start.wait()
            counts.append(sealing.seal(batch_size=7))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sealer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(counts) == 120
    positions = sorted(AuditLog.objects.values_list("chain_position", flat=True))
    assert positions == list(range(1, 121))
    previous = chain.FIRST_PREVIOUS
    for entry in AuditLog.objects.order_by("chain_position"):
        assert entry.chain_hash == chain.link(previous, entry, entry.chain_position)
        previous = entry.chain_hash


@pytest.mark.django_db(transaction=True)
def test_a_second_sealer_waits_for_the_first_and_then_finds_nothing_left(write_entries):
    write_entries(5)
    sealing.the_seal()
    locked, second_done, results = threading.Event(), [], []

    def second():
        try:
            locked.wait()
            results.append(sealing.seal())
        finally:
            second_done.append(True)
            connection.close()

    thread = threading.Thread(target=second)
    thread.start()
    with transaction.atomic():
        AuditSeal.objects.select_for_update().get(pk=1)
        locked.set()
        first = sealing.seal()
        # Still holding the lock: the second sealer cannot have sealed anything yet.
        assert AuditLog.objects.filter(chain_position__isnull=False).count() == 5
        assert results == []
    thread.join()
    assert first == 5
    assert results == [0]


def test_after_a_restore_the_old_checkpoints_are_set_aside_and_the_chain_carries_on(
    write_entries, checkpoint_file, tamper
):
    write_entries(3)
    sealing.seal()
    backup = AuditSeal.objects.values().get()
    later = write_entries(2)
    sealing.seal()
    # Restoring the backup puts the log and its seal back as they were when it was taken.
    tamper("DELETE FROM audit_auditlog WHERE id IN (%s, %s)", [later[0].pk, later[1].pk])
    AuditSeal.objects.filter(pk=1).update(**backup)
    with pytest.raises(CommandError, match="deleted from the end"):
        call_command("verify_audit", stdout=io.StringIO(), stderr=io.StringIO())
    before_restore = checkpoint_file.read_text()

    sealing.start_afresh_after_restore()
    write_entries(1)
    sealing.seal()

    set_aside = list(checkpoint_file.parent.glob("checkpoints.jsonl.before-restore-*"))
    assert [path.read_text() for path in set_aside] == [before_restore]
    assert [json.loads(line)["position"] for line in checkpoint_file.read_text().splitlines()] == [
        3,
        4,
    ]
    out = io.StringIO()
    call_command("verify_audit", stdout=out, stderr=io.StringIO())
    assert out.getvalue().startswith("4 entries checked")
