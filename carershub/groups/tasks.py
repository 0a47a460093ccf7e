"""Background work for groups: the day-before reminders (schedules.py says when)."""

from django_tasks import task

from carershub.groups import services


@task()
def send_session_reminders():
    """Daily: remind everyone booked on a session tomorrow; each booking is reminded once."""
    return services.send_reminders()
