"""Background work for the register: consents reaching their end date (schedules.py says when)."""

from django_tasks import task

from carershub.carers import services


@task()
def end_lapsed_consents():
    """Daily: stamp consents past their end date, and warn a week ahead of an end, once each."""
    return {
        "lapsed": services.lapse_ended_consents(),
        "warned": services.warn_of_ending_consents(),
    }
