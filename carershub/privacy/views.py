"""Privacy pages: the subject access export of one carer, legal holds on a record, and the
retention schedule with what falls due under it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from carershub.accounts.permissions import permission_required, record_or_404
from carershub.audit import services as auditor
from carershub.carers.models import HUB_RECORD
from carershub.core.text import set_download
from carershub.privacy import selectors, services
from carershub.privacy.forms import LiftHoldForm, PlaceHoldForm
from carershub.privacy.models import LegalHold
from carershub.privacy.presenters import schedule_rows

# What these pages show of the carer's record: whose it is.
HEADING_FIELDS = ["given_name", "family_name", "reference"]
HOLD_FIELDS = ["reason", "placed_by", "placed_at", "lifted_by", "lifted_at", "lifted_reason"]


def _read(request, carer, view):
    auditor.read(request.actor, carer, fields=HEADING_FIELDS, context={"view": f"privacy:{view}"})


@permission_required("privacy.view_schedule")
def subject_access(request, reference):
    """A confirmation page; its button makes and downloads the export."""
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "privacy.export_subject_access",
        reference=reference,
    )
    if request.method == "POST":
        export = services.subject_access_export(request.actor, carer)
        response = HttpResponse(export.content, content_type="application/zip")
        set_download(response, export.filename)
        response["Cache-Control"] = "no-store"
        return response
    _read(request, carer, "subject_access")
    return render(
        request,
        "privacy/subject_access.html",
        {
            "page_title": f"Create the subject access export for {carer.full_name} "
            f"({carer.reference})",
            "carer": carer,
        },
    )


@permission_required("privacy.view_schedule")
def legal_hold(request, reference):
    """The holds on a record, and placing one when none is in place."""
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "privacy.manage_legal_hold",
        reference=reference,
    )
    holds = selectors.holds_on(request.actor, carer)
    active = next((hold for hold in holds if hold.is_active), None)
    form = PlaceHoldForm(request.POST if request.method == "POST" and active is None else None)
    if request.method == "POST" and active is None and form.is_valid():
        try:
            services.place_hold(request.actor, carer, reason=form.cleaned_data["reason"])
        except services.AlreadyOnHold:
            pass
        messages.success(request, "Legal hold placed: the record will not be erased or anonymised")
        return redirect("privacy:legal_hold", reference=carer.reference)
    _read(request, carer, "legal_hold")
    if holds:
        auditor.listed(
            request.actor,
            LegalHold,
            holds,
            fields=HOLD_FIELDS,
            context={"view": "privacy:legal_hold"},
        )
    return render(
        request,
        "privacy/legal_hold.html",
        {
            "page_title": "Legal hold",
            "carer": carer,
            "holds": holds,
            "active": active,
            "form": form,
        },
    )


@permission_required("privacy.view_schedule")
def lift_hold(request, reference):
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "privacy.manage_legal_hold",
        reference=reference,
    )
    hold = selectors.active_hold(carer)
    if hold is None:
        return redirect("privacy:legal_hold", reference=carer.reference)
    form = LiftHoldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.lift_hold(request.actor, hold, reason=form.cleaned_data["reason"])
        messages.success(request, "Legal hold lifted")
        return redirect("privacy:legal_hold", reference=carer.reference)
    _read(request, carer, "lift_hold")
    auditor.read(
        request.actor,
        hold,
        fields=["reason", "placed_by", "placed_at"],
        context={"view": "privacy:lift_hold"},
    )
    return render(
        request,
        "privacy/lift_hold.html",
        {
            "page_title": "Lift the legal hold",
            "carer": carer,
            "hold": hold,
            "form": form,
        },
    )


@permission_required("privacy.view_schedule")
def retention_schedule(request):
    """The rules in force and how many of the organisation's records each makes due."""
    schedule = selectors.schedule(request.actor)
    return render(
        request,
        "privacy/retention_schedule.html",
        {
            "page_title": "Retention schedule",
            "rows": schedule,
            "schedule_rows": schedule_rows(schedule),
            "look_ahead_days": selectors.LOOK_AHEAD_DAYS,
        },
    )
