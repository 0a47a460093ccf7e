"""``manage.py verify_audit`` finds entries changed or deleted behind the database's guard."""

import io

import pytest
from django.core.management import CommandError, call_command

from carershub.audit import chain, guard, sealing, verification
from carershub.audit.models import AuditLog, AuditSeal
from carershub.audit.tests.conftest import guard_switched_off


def verify_audit():
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def break_named():
    with pytest.raises(CommandError) as error:
        verify_audit()
    assert error.value.returncode == 1
    return str(error.value)


@pytest.fixture
def sealed(write_entries):
    """Six entries sealed in two runs, as the job would over two minutes."""
    entries = write_entries(4)
    sealing.seal()
    entries += write_entries(2)
    sealing.seal()
    return entries


@pytest.mark.django_db
def test_an_untouched_log_is_reported_intact_with_how_much_was_checked(sealed):
    out, err = verify_audit()
    assert out.startswith(
        f"6 entries checked, chain intact up to #{sealed[-1].pk} (position 6) sealed on "
    )
    assert "2 checkpoints from outside the database agree" in out
    assert err == ""


@pytest.mark.django_db
def test_an_empty_log_is_fine(checkpoint_file):
    out, _ = verify_audit()
    assert "nothing to check" in out


@pytest.mark.django_db
def test_an_entry_changed_behind_the_guard_is_named(sealed, tamper):
    changed = sealed[2]
    tamper(f"UPDATE {guard.TABLE} SET object_id = %s WHERE id = %s", ["999", changed.pk])
    message = break_named()
    assert f"entry #{changed.pk} (position 3," in message.lower()
    assert "has been changed since it was sealed" in message


@pytest.mark.django_db
def test_an_entry_deleted_from_the_middle_is_caught_and_its_neighbours_named(sealed, tamper):
    tamper(f"DELETE FROM {guard.TABLE} WHERE id = %s", [sealed[3].pk])
    message = break_named()
    assert "the entries at position 4 are missing" in message
    assert f"between entry #{sealed[2].pk} (position 3" in message
    assert f"and entry #{sealed[4].pk} (position 5" in message


@pytest.mark.django_db
def test_an_entry_deleted_and_the_rest_renumbered_no_longer_follows_the_chain(sealed, tamper):
    tamper(f"DELETE FROM {guard.TABLE} WHERE id = %s", [sealed[3].pk])
    for entry in sealed[4:]:
        tamper(
            f"UPDATE {guard.TABLE} SET chain_position = chain_position - 1 WHERE id = %s",
            [entry.pk],
        )
    message = break_named()
    assert f"entry #{sealed[4].pk} (position 4," in message.lower()
    assert "no longer matches its seal" in message


@pytest.mark.django_db
def test_entries_deleted_from_the_end_are_caught_by_the_checkpoint_file(
    sealed, tamper, checkpoint_file
):
    tamper(f"DELETE FROM {guard.TABLE} WHERE id IN (%s, %s)", [sealed[4].pk, sealed[5].pk])
    # A careful intruder also winds the seal record back to match.
    end = AuditLog.objects.get(pk=sealed[3].pk)
    AuditSeal.objects.filter(pk=1).update(
        last_position=4, last_entry_id=end.pk, last_hash=end.chain_hash
    )
    message = break_named()
    assert "deleted from the end of the log" in message
    assert f"line 2 of {checkpoint_file}" in message
    assert f"sealed up to entry #{sealed[5].pk} (position 6)" in message
    assert "the chain now ends at position 4" in message


@pytest.mark.django_db
def test_entries_deleted_from_the_end_are_caught_by_the_seal_record_too(
    sealed, tamper, checkpoint_file
):
    checkpoint_file.unlink()
    tamper(f"DELETE FROM {guard.TABLE} WHERE id = %s", [sealed[5].pk])
    message = break_named()
    assert f"sealed up to entry #{sealed[5].pk} (position 6)" in message


@pytest.mark.django_db
def test_a_log_rewritten_with_fresh_hashes_is_caught_by_the_checkpoint_file(sealed, tamper):
    tamper(f"UPDATE {guard.TABLE} SET object_id = %s WHERE id = %s", ["999", sealed[1].pk])
    previous = chain.FIRST_PREVIOUS
    for entry in AuditLog.objects.order_by("chain_position"):
        fresh = chain.link(previous, entry, entry.chain_position)
        tamper(f"UPDATE {guard.TABLE} SET chain_hash = %s WHERE id = %s", [fresh, entry.pk])
        previous = fresh
    AuditSeal.objects.filter(pk=1).update(last_hash=previous)
    message = break_named()
    assert "The log has been rewritten" in message
    assert f"entry #{sealed[3].pk} (position 4," in message  # the first checkpoint after the change


@pytest.mark.django_db
def test_a_guard_that_has_been_switched_off_is_reported(sealed):
    with guard_switched_off():
        message = break_named()
    assert "triggers have been dropped or disabled" in message


@pytest.mark.django_db
def test_a_missing_checkpoint_file_is_a_warning_not_a_break(sealed, checkpoint_file):
    checkpoint_file.unlink()
    out, err = verify_audit()
    assert "6 entries checked" in out
    assert "no checkpoint file" in err


@pytest.mark.django_db
def test_checking_reads_the_log_in_chunks_with_the_same_queries_however_long_it_is(
    write_entries, django_assert_max_num_queries
):
    write_entries(7)
    sealing.seal()
    with django_assert_max_num_queries(5) as short:
        assert verification.verify(chunk_size=3).intact
    write_entries(40)
    sealing.seal()
    with django_assert_max_num_queries(5) as long:
        assert verification.verify(chunk_size=3).intact
    assert len(long.captured_queries) == len(short.captured_queries)


@pytest.mark.django_db
def test_verify_works_against_a_copy_of_the_checkpoints_kept_elsewhere(
    sealed, tamper, checkpoint_file, tmp_path
):
    shipped = tmp_path / "shipped.jsonl"
    shipped.write_text(checkpoint_file.read_text())
    checkpoint_file.write_text("")  # an intruder empties the hub's own copy
    tamper(f"DELETE FROM {guard.TABLE} WHERE id = %s", [sealed[5].pk])
    end = AuditLog.objects.get(pk=sealed[4].pk)
    AuditSeal.objects.filter(pk=1).update(
        last_position=5, last_entry_id=end.pk, last_hash=end.chain_hash
    )
    with pytest.raises(CommandError, match="deleted from the end"):
        call_command(
            "verify_audit", checkpoints=shipped, stdout=io.StringIO(), stderr=io.StringIO()
        )
