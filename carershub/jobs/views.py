"""The list of background jobs that failed, for the hub's system administrators."""

from django.shortcuts import render

from carershub.accounts.permissions import permission_required
from carershub.core.formats import datetime as when
from carershub.jobs import selectors, services


@permission_required("jobs.view_failed_jobs")
def failed(request):
    jobs = selectors.failed_jobs()
    status = selectors.worker_status()
    return render(
        request,
        "jobs/failed.html",
        {
            "page_title": "Background jobs that failed",
            "status": status,
            "attempts_allowed": services.max_attempts(),
            "rows": [
                [
                    {"text": job.name},
                    {"text": when(job.finished_at)},
                    {"text": str(job.attempts), "format": "numeric"},
                    {"text": job.reason},
                ]
                for job in jobs
            ],
        },
    )
