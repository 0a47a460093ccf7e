"""The public start page, the staff home page and the health check."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carershub.accounts.permissions import staff_required
from carershub.core import live_hub
from carershub.helpline.selectors import status_now as helpline_status_now
from carershub.home import presenters
from carershub.jobs import selectors as jobs
from carershub.partnerships.selectors import current_partnership, helpline_opening_times


def start(request):
    partnership = current_partnership()
    return render(
        request,
        "home/start.html",
        {
            "page_title": "Support for unpaid carers",
            "opening_times": helpline_opening_times(partnership),
            "helpline_status": helpline_status_now(partnership),
        },
    )


@staff_required
def staff_home(request):
    return render(
        request,
        "home/staff_home.html",
        {"page_title": "Home", "home": presenters.StaffHome(request.actor)},
    )


@never_cache
@require_GET
def healthz(request):
    """Whether the database and the background worker answer, and this process holds every key the
    database's values are under. 200 when all do, else 503."""
    try:
        # Reading the database's record of its keys is also the check that the database answers.
        key_problems = live_hub.missing_keys()
        database = {"ok": True}
    except Exception as exc:  # the check exists to report exactly this
        database = {"ok": False, "error": exc.__class__.__name__}
    worker = (
        jobs.worker_status() if database["ok"] else {"ok": False, "error": "database unavailable"}
    )
    if not database["ok"]:
        keys = {"ok": False, "error": "database unavailable"}
    else:
        # Separate from the database: a process without a key the data is under (ADR 30).
        keys = {"ok": True} if not key_problems else {"ok": False, "error": "; ".join(key_problems)}
    ok = database["ok"] and worker["ok"] and keys["ok"]
    return JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            "database": database,
            "worker": worker,
            "keys": keys,
        },
        status=200 if ok else 503,
    )
