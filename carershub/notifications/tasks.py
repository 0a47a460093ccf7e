"""Background work for notifications, run by the hub's worker (``manage.py run_worker``)."""

from django_tasks import task

from carershub.notifications import services


@task()
def deliver_notification(notification_id):
    """Send one stored notification. Its only argument is an id:
    the queue holds nothing personal.
    """
    services.deliver(notification_id)


@task()
def requeue_waiting_notifications():
    """Queue again any message left pending with no task (schedule it every few minutes)."""
    return services.requeue_waiting()
