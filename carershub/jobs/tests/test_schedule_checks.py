from carershub.jobs import schedules
from carershub.jobs.checks import check_schedule
from carershub.jobs.scheduling import Scheduled


def test_the_timetable_passes_its_checks_and_holds_every_job_at_its_time():
    assert check_schedule() == []
    assert {entry.name: entry.cron for entry in schedules.SCHEDULE} == {
        "prune-job-history": "5 * * * *",
        "clear-expired-sessions": "15 3 * * *",
        "expire-unused-invitations": "30 3 * * *",
        "requeue-waiting-notifications": "*/10 * * * *",
        "tidy-up-imports": "45 3 * * *",
        "seal-audit-log": "* * * * *",
        "remind-carers-of-group-sessions": "0 10 * * *",
        "apply-retention-schedule": "20 4 * * *",
        "end-lapsed-consents": "0 7 * * *",
    }


def test_a_timetable_line_with_a_bad_cron_a_missing_task_or_a_repeated_name_fails_the_checks(
    monkeypatch,
):
    monkeypatch.setattr(
        schedules,
        "SCHEDULE",
        [
            Scheduled("tidy", "15 3 * * *", "carershub.jobs.tasks.clear_expired_sessions"),
            Scheduled("tidy", "15 3 * * *", "carershub.jobs.tasks.clear_expired_sessions"),
            Scheduled("typo", "15 27 * * *", "carershub.jobs.tasks.clear_expired_sessions"),
            Scheduled("gone", "0 * * * *", "carershub.jobs.tasks.no_such_task"),
            Scheduled("not-a-task", "0 * * * *", "carershub.jobs.services.forget_worker"),
        ],
    )

    errors = sorted(error.id for error in check_schedule())
    assert errors == ["jobs.E001", "jobs.E003", "jobs.E004", "jobs.E004"]
