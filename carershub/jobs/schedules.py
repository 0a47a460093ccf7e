"""The timetable: every scheduled job in the hub. To schedule a task, add a line here.

Each line is ``Scheduled(name, cron expression, dotted path to a task)``. Times are
Europe/London wall-clock times. Avoid 01:00-01:59 for daily jobs: that hour happens twice on
the last Sunday of October and not at all on the last Sunday of March. ``manage.py check``
(and so ``make lint``) fails if a line names a task that does not exist or a cron expression
that does not parse.

Every worker reads this list; each slot is enqueued once however many workers are running.
"""

from carershub.jobs.scheduling import Scheduled

SCHEDULE = [
    Scheduled("prune-job-history", "5 * * * *", "carershub.jobs.tasks.prune_job_history"),
    Scheduled(
        "clear-expired-sessions", "15 3 * * *", "carershub.jobs.tasks.clear_expired_sessions"
    ),
    Scheduled(
        "expire-unused-invitations", "30 3 * * *", "carershub.jobs.tasks.expire_unused_invitations"
    ),
    Scheduled(
        "requeue-waiting-notifications",
        "*/10 * * * *",
        "carershub.notifications.tasks.requeue_waiting_notifications",
    ),
    Scheduled("tidy-up-imports", "45 3 * * *", "carershub.imports.tasks.tidy_up_imports"),
    Scheduled("seal-audit-log", "* * * * *", "carershub.audit.tasks.seal_audit_log"),
    Scheduled(
        "remind-carers-of-group-sessions",
        "0 10 * * *",
        "carershub.groups.tasks.send_session_reminders",
    ),
    Scheduled("apply-retention-schedule", "20 4 * * *", "carershub.privacy.tasks.apply_retention"),
    # Access ends at midnight by itself (ConsentToShare.objects.active); this keeps the history
    # and sends the week-ahead warnings at the start of the working day.
    Scheduled("end-lapsed-consents", "0 7 * * *", "carershub.carers.tasks.end_lapsed_consents"),
]
