"""The audit log's scheduled work."""

from django_tasks import task

from carershub.audit import sealing


@task()
def seal_audit_log():
    """Chain the entries written since the last run; see carershub/audit/sealing.py."""
    return sealing.seal()
