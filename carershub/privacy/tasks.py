"""The daily retention job: erase or anonymise records past their retention period."""

from django_tasks import task

from carershub.privacy import services


@task()
def apply_retention():
    """Apply the retention schedule; return how many records were erased or anonymised."""
    return len(services.apply_retention())
