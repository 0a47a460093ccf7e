"""System checks: the timetable names real tasks, valid cron expressions and distinct names."""

from croniter import croniter
from django.core import checks

from carershub.jobs import schedules
from carershub.jobs.models import ScheduledRun

JOB_NAME_MAX_LENGTH = ScheduledRun._meta.get_field("job").max_length


@checks.register()
def check_schedule(app_configs=None, **kwargs):
    errors = []
    seen = set()
    for entry in schedules.SCHEDULE:
        if entry.name in seen:
            errors.append(
                checks.Error(f"Two scheduled jobs are called {entry.name!r}.", id="jobs.E001")
            )
        seen.add(entry.name)
        if not entry.name or len(entry.name) > JOB_NAME_MAX_LENGTH:
            errors.append(
                checks.Error(
                    f"Scheduled job name {entry.name!r} must be 1 "
                    f"to {JOB_NAME_MAX_LENGTH} characters.",
                    id="jobs.E002",
                )
            )
        if not croniter.is_valid(entry.cron):
            errors.append(
                checks.Error(
                    f"Scheduled job {entry.name!r} has an invalid cron expression {entry.cron!r}.",
                    id="jobs.E003",
                )
            )
        try:
            entry.task  # noqa: B018 - importing it is the check
        except (ImportError, TypeError) as exc:
            errors.append(checks.Error(f"Scheduled job {entry.name!r}: {exc}", id="jobs.E004"))
    return errors
