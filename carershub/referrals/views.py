"""The triage queue, referring a carer, and triaging one referral."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from carershub.accounts.models import Role
from carershub.accounts.permissions import can, permission_required, record_or_404
from carershub.assessments.selectors import child_involved_in_caring
from carershub.audit import services as auditor
from carershub.carers import duplicates
from carershub.carers import selectors as carer_selectors
from carershub.carers.models import HUB_RECORD, Carer
from carershub.core.concurrency import opened_version, posted_version
from carershub.core.formats import moment_on
from carershub.core.pagination import pagination_params
from carershub.partnerships.models import OrganisationType
from carershub.referrals import selectors, services
from carershub.referrals.forms import (
    AllocateForm,
    FirstContactForm,
    HubReferralForm,
    ReferralForm,
    ReopenForm,
    TriageForm,
)
from carershub.referrals.models import CLOSED_WITHOUT_ASSESSMENT, Referral, Source
from carershub.referrals.presenters import OfferPresenter, ReferralPresenter, queue_rows

SOURCE_BY_ORGANISATION_TYPE = {
    OrganisationType.HOSPITAL_TRUST: Source.HOSPITAL,
    OrganisationType.GP_PRACTICE: Source.GP,
    OrganisationType.SCHOOL_OR_COLLEGE: Source.SCHOOL,
    OrganisationType.CHILDRENS_SERVICES: Source.EARLY_HELP,
    OrganisationType.COUNCIL_ADULT_SOCIAL_CARE: Source.ADULT_SOCIAL_CARE,
}


def _is_hub_staff(actor):
    return actor.has_role(Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER)


@permission_required("referrals.view_queue")
def queue(request):
    view = request.GET.get("view", "open")
    if view not in selectors.FILTERS or not _is_hub_staff(request.actor):
        view = "open"
    page = selectors.queue(request.actor, view, request.GET.get("page", 1))
    auditor.listed(
        request.actor,
        Referral,
        page.object_list,
        fields=ReferralPresenter.LIST_FIELDS,
        context={"view": "referrals:queue", "filter": view, "page": page.number},
    )
    hub_view = _is_hub_staff(request.actor)
    return render(
        request,
        "referrals/queue.html",
        {
            "page_title": "Referrals"
            if hub_view
            else f"Referrals from {request.actor.organisation.name}",
            "page": page,
            "referrals": queue_rows(
                (
                    ReferralPresenter(
                        r, for_referrer=not can(request.actor, "referrals.view_progress", r)
                    )
                    for r in page
                ),
                hub_view=hub_view,
            ),
            "filters": selectors.FILTERS,
            "current": view,
            "hub_view": hub_view,
            "counts": selectors.counts(request.actor) if hub_view else None,
            "pagination": pagination_params(page, {"view": view}),
        },
    )


def _child_from_assessment(request):
    """What a referral of a child starts with when it comes from a carer's assessment's whole-family
    section (SI 2014/2827 reg 4): the child's details and where they were found."""
    reference = request.GET.get("child_in_assessment", "")
    if not reference or not _is_hub_staff(request.actor):
        return {}

    found = child_involved_in_caring(request.actor, reference)
    if found is None:
        return {}
    assessment, details = found
    auditor.read(
        request.actor,
        assessment,
        fields=["answers.whole-family"],
        context={"view": "referrals:new"},
    )
    return {
        "source": Source.WHOLE_FAMILY,
        "cares_for": f"Helps care in {assessment.carer.full_name}'s family (carer's assessment "
        f"{assessment.reference}): {details}"[:2000],
    }


@permission_required("referrals.make_referral")
def new(request):
    actor = request.actor
    hub_view = _is_hub_staff(actor)
    form_class = HubReferralForm if hub_view else ReferralForm
    form = form_class(
        request.POST if request.method == "POST" else None, initial=_child_from_assessment(request)
    )
    hub = actor.organisation if hub_view else actor.organisation.partnership.hub_provider
    if hub is None:
        return render(
            request,
            "referrals/no_hub.html",
            {"page_title": "There is no hub to refer to yet"},
            status=503,
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        source = data.pop("source", None) or SOURCE_BY_ORGANISATION_TYPE.get(
            actor.organisation.type, Source.OTHER
        )
        referral = services.make_referral(
            actor,
            hub=hub,
            source=source,
            referring_organisation=None if hub_view else actor.organisation,
            **data,
        )
        request.session["last_referral"] = referral.reference
        return redirect("referrals:sent")
    return render(
        request,
        "referrals/new.html",
        {
            "page_title": "Refer a carer" if not hub_view else "Log a referral",
            "form": form,
            "hub": hub,
        },
    )


@permission_required("referrals.make_referral")
def sent(request):
    reference = request.session.get("last_referral")
    if not reference:
        return redirect("referrals:new")
    return render(
        request, "referrals/sent.html", {"page_title": "Referral sent", "reference": reference}
    )


@permission_required("referrals.view_queue")
def detail(request, reference, forms=None, refused=False):
    referral = record_or_404(
        request,
        selectors.referrals_visible_to(request.actor),
        "referrals.view_referral",
        reference=reference,
    )
    # The referring partner sees what it typed and a neutral word on where it stands (ADR 23).
    for_referrer = not can(request.actor, "referrals.view_progress", referral)
    # The referral keeps the contact details it arrived with: once the carer's record is restricted
    # they are shown only to those who may see the record's own, and to the partner who typed them.
    shown = (
        for_referrer
        or not (referral.carer_id and referral.carer.contact_restricted)
        or can(request.actor, "carers.view_contact_details", referral.carer)
    )
    if for_referrer:
        fields = list(ReferralPresenter.PARTNER_DETAIL_FIELDS)
    else:
        fields = [
            f
            for f in ReferralPresenter.DETAIL_FIELDS
            if shown or f not in ReferralPresenter.CONTACT_FIELDS
        ]
    can_triage = can(request.actor, "referrals.triage", referral)
    # Whether the carer accepted or refused an assessment is the hub's casework, not the referrer's.
    offers = (
        [OfferPresenter(offer) for offer in selectors.assessment_offers(referral)]
        if can_triage
        else []
    )
    if offers:
        fields = fields + ["assessment_offers"]
    auditor.read(request.actor, referral, fields=fields, context={"view": "referrals:detail"})
    forms = forms or {}
    if can_triage:
        workers = selectors.hub_workers(referral.holding_organisation)
        forms.setdefault(
            "allocate", AllocateForm(workers=workers, initial={"worker": referral.allocated_to_id})
        )
        forms.setdefault("contact", FirstContactForm())
        forms.setdefault("triage", TriageForm())
        forms.setdefault("reopen", ReopenForm())
    matches = []
    if can_triage and referral.status != "triaged":
        matches = duplicates.likely_matches(
            request.actor,
            given_name=referral.given_name,
            family_name=referral.family_name,
            date_of_birth=referral.date_of_birth,
            postcode=referral.postcode,
        )
        if matches:
            auditor.listed(
                request.actor,
                Carer,
                [m.carer for m in matches],
                fields=["reference", "given_name", "family_name"],
                context={"view": "referrals:detail:duplicates"},
            )
    return render(
        request,
        "referrals/detail.html",
        {
            "matches": matches,
            "page_title": f"Referral for {referral.full_name}",
            "referral": ReferralPresenter(
                referral, show_contact_details=shown, for_referrer=for_referrer
            ),
            "can_triage": can_triage and referral.status != "triaged",
            "can_reopen": can_triage
            and referral.status == "triaged"
            and referral.outcome in CLOSED_WITHOUT_ASSESSMENT,
            "offers": offers,
            "forms": forms,
            # A form sent back with a mistake keeps the version the page was opened at; one refused
            # because someone changed the referral shows it as it now is, so carries its version.
            "version": referral.version if refused else opened_version(request, referral),
            "form": next((f for f in forms.values() if f.is_bound and f.errors), None),
        },
        status=409 if refused else 200,
    )


def _stale(request, referral, name, form):
    """Nothing was saved: the referral is shown as it now is, with what this person chose still in
    the form, to send again if it still stands."""
    form.add_error(
        None, "Someone else changed this referral while you had it open. Check it and try again."
    )
    return detail(request, referral.reference, forms={name: form}, refused=True)


@permission_required("referrals.view_queue")
@require_POST
def allocate(request, reference):
    referral = record_or_404(
        request,
        selectors.referrals_visible_to(request.actor),
        "referrals.triage",
        reference=reference,
    )
    form = AllocateForm(request.POST, workers=selectors.hub_workers(referral.holding_organisation))
    if not form.is_valid():
        return detail(request, reference, forms={"allocate": form})
    try:
        services.allocate(
            request.actor,
            referral,
            form.cleaned_data["worker"],
            expected_version=posted_version(request),
        )
    except services.StaleReferral:
        return _stale(request, referral, "allocate", form)
    messages.success(request, f"Allocated to {form.cleaned_data['worker'].full_name}")
    return redirect("referrals:detail", reference=reference)


@permission_required("referrals.view_queue")
@require_POST
def first_contact(request, reference):
    referral = record_or_404(
        request,
        selectors.referrals_visible_to(request.actor),
        "referrals.triage",
        reference=reference,
    )
    form = FirstContactForm(request.POST)
    if form.is_valid():
        moment = moment_on(form.cleaned_data["contacted_on"])
        try:
            services.record_first_contact(
                request.actor,
                referral,
                contacted_at=moment,
                expected_version=posted_version(request),
            )
        except services.StaleReferral:
            return _stale(request, referral, "contact", form)
        except ValidationError as exc:
            form.add_error("contacted_on", exc.message_dict["contacted_on"][0])
        else:
            messages.success(request, "First contact recorded")
            return redirect("referrals:detail", reference=reference)
    return detail(request, reference, forms={"contact": form})


@permission_required("referrals.view_queue")
@require_POST
def triage(request, reference):
    referral = record_or_404(
        request,
        selectors.referrals_visible_to(request.actor),
        "referrals.triage",
        reference=reference,
    )
    form = TriageForm(request.POST)
    if form.is_valid():
        duplicate_of = None
        ref = form.cleaned_data["duplicate_of"].strip().upper()
        if form.cleaned_data["outcome"] == "duplicate":
            duplicate_of = (
                carer_selectors.carer_for(request.actor, HUB_RECORD, ref) if ref else None
            )
            if duplicate_of is None:
                form.add_error("duplicate_of", "Enter the reference of a carer on your register")
        if not form.errors:
            try:
                referral = services.triage(
                    request.actor,
                    referral,
                    outcome=form.cleaned_data["outcome"],
                    duplicate_of=duplicate_of,
                    offer=form.offer(),
                    expected_version=posted_version(request),
                )
            except services.StaleReferral:
                return _stale(request, referral, "triage", form)
            except ValidationError as refusal:
                for field, problems in refusal.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
                return detail(request, reference, forms={"triage": form})
            messages.success(request, f"Referral triaged: {referral.get_outcome_display().lower()}")
            if referral.carer_id:
                return redirect("carers:detail", reference=referral.carer.reference)
            return redirect("referrals:queue")
    return detail(request, reference, forms={"triage": form})


@permission_required("referrals.view_queue")
@require_POST
def reopen(request, reference):
    """Reopen a referral closed without an assessment: the carer asked,
    or their circumstances changed.
    """
    referral = record_or_404(
        request,
        selectors.referrals_visible_to(request.actor),
        "referrals.triage",
        reference=reference,
    )
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen(
                request.actor,
                referral,
                because=form.cleaned_data["because"],
                expected_version=posted_version(request),
            )
        except services.StaleReferral:
            return _stale(request, referral)
        except ValidationError as refusal:
            form.add_error(None, refusal.messages[0])
        else:
            messages.success(request, "Referral reopened: its assessment clock has started again")
            return redirect("referrals:detail", reference=reference)
    return detail(request, reference, forms={"reopen": form})
