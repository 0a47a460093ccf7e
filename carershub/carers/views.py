"""Pages of the register: find a carer, register one, see and change their record, consent."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carershub.accounts.permissions import can, permission_required, require
from carershub.assessments import selectors as assessment_selectors
from carershub.assessments.models import Assessment, QualityOfLifeScore
from carershub.assessments.presenters import AssessmentPresenter, QualityOfLifePresenter, risk_tag
from carershub.audit import selectors as audit_selectors
from carershub.audit import services as auditor
from carershub.carers import caseloads, duplicates, merging, restrictions, selectors, services
from carershub.carers.forms import (
    CaredForForm,
    CaringForm,
    ConsentForm,
    ContactForm,
    ContactLogForm,
    DetailsForm,
    EqualityForm,
    RegisterCarerForm,
    RelationshipCouncilForm,
    StatusForm,
)
from carershub.carers.models import Carer, Contact
from carershub.carers.presenters import CarerPresenter, ContactPresenter
from carershub.core.concurrency import differences, opened_version, posted_version
from carershub.core.encryption import LookupKeysMissing
from carershub.core.formats import date
from carershub.core.pagination import pagination_params
from carershub.emergency_plans import selectors as emergency_plan_selectors
from carershub.emergency_plans.models import EmergencyPlan
from carershub.emergency_plans.presenters import EmergencyPlanPresenter
from carershub.safeguarding import selectors as safeguarding_selectors
from carershub.safeguarding.models import Concern
from carershub.safeguarding.presenters import ConcernPresenter
from carershub.search.forms import SearchForm


@permission_required("carers.list_carers")
def carer_list(request):
    """Find a carer: every carer the actor may see, or those matching a search (ADR 7)."""
    form = SearchForm(request.GET or None)
    query = form.search_query()
    page = None
    if query is not None:
        page = selectors.find_carers(request.actor, query, request.GET.get("page", 1))
        auditor.listed(
            request.actor,
            Carer,
            page.object_list,
            fields=CarerPresenter.LIST_FIELDS,
            context={"view": "carers:list", **form.audit_context(), "page": page.number},
        )
    text = query.text if query else ""
    return render(
        request,
        "carers/list.html",
        {
            "page_title": "Carers",
            "form": form,
            "page": page,
            "carers": [CarerPresenter(c) for c in page] if page is not None else [],
            "query": text,
            "close_matches": bool(text) and query.fuzzy,
            "pagination": pagination_params(page, {"q": text}) if page is not None else None,
        },
    )


@permission_required("carers.register_carer")
def register(request):
    form = RegisterCarerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed_new") != "yes":
            matches = duplicates.likely_matches(request.actor, **form.cleaned_data_for_matching())
            if matches:
                auditor.listed(
                    request.actor,
                    Carer,
                    [m.carer for m in matches],
                    fields=CarerPresenter.LIST_FIELDS,
                    context={"view": "carers:register:duplicates"},
                )
                return render(
                    request,
                    "carers/possible_duplicates.html",
                    {
                        "page_title": "This carer may already be registered",
                        "matches": matches,
                        "form": form,
                        "posted": request.POST,
                    },
                )
        carer = services.register_carer(request.actor, **form.cleaned_data)
        messages.success(
            request, f"{carer.full_name} has been registered with reference {carer.reference}"
        )
        return redirect("carers:detail", reference=carer.reference)
    return render(request, "carers/register.html", {"page_title": "Register a carer", "form": form})


def _carer_or_404(request, reference, permission="carers.view_carer"):
    carer = selectors.carer_for(request.actor, reference)
    if carer is None:
        raise Http404
    require(request.actor, permission, carer)
    return carer


DETAIL_FIELDS = [f.name for f in Carer._meta.concrete_fields if f.name not in {"id", "version"}] + [
    "equality",
    "relationships",
    "consents",
]


@permission_required("core.view_staff_home")
def detail(request, reference):
    carer = _carer_or_404(request, reference)
    editable = can(request.actor, "carers.edit_carer", carer)
    show_contact = can(request.actor, "carers.view_contact_details", carer)
    fields = DETAIL_FIELDS if editable else [f for f in DETAIL_FIELDS if f != "equality"]
    if not can(request.actor, "carers.view_cared_for_conditions", carer):
        fields = [f for f in fields if f != "relationships"] + ["relationships_without_conditions"]
    if not show_contact:
        fields = [f for f in fields if f not in restrictions.CONTACT_FIELDS]
    auditor.read(request.actor, carer, fields=fields, context={"view": "carers:detail"})
    if show_contact and carer.contact_restricted:
        # Every sight of restricted contact details is a row of its own, easy to find (ADR 19).
        auditor.read(
            request.actor,
            carer,
            fields=restrictions.CONTACT_FIELDS,
            context={"view": "carers:detail", "restricted_contact_details": True},
        )
    other_carer_ids = {
        other.carer_id
        for rel in carer.relationships.all()
        for other in getattr(rel.cared_for, "all_carers", [])
    }
    partner_view = not can(request.actor, "carers.view_all_consents", carer)
    presenter = CarerPresenter(
        carer,
        selectors.visible_carer_ids(request.actor, other_carer_ids),
        show_contact=show_contact,
        partner_organisation=request.actor.organisation if partner_view else None,
    )
    contacts = selectors.recent_contacts(request.actor, carer) if editable else []
    if contacts:
        auditor.listed(
            request.actor,
            Contact,
            contacts,
            fields=ContactPresenter.LIST_FIELDS,
            context={"view": "carers:detail"},
        )
    assessments = assessment_selectors.assessments_of(request.actor, carer) if editable else []
    quality = assessment_selectors.quality_of_life_of(request.actor, carer) if editable else None
    emergency_plans = (
        emergency_plan_selectors.emergency_plans_of(request.actor, carer) if editable else []
    )
    if emergency_plans:
        auditor.listed(
            request.actor,
            EmergencyPlan,
            emergency_plans,
            fields=EmergencyPlanPresenter.LIST_FIELDS,
            context={"view": "carers:detail"},
        )
    if quality and quality["scores"]:
        auditor.listed(
            request.actor,
            QualityOfLifeScore,
            quality["scores"],
            fields=["total", "recorded_at"],
            context={"view": "carers:detail"},
        )
    if assessments:
        auditor.listed(
            request.actor,
            Assessment,
            assessments,
            fields=["type", "status", "started_at", "completed_at"],
            context={"view": "carers:detail"},
        )
    concerns = safeguarding_selectors.concerns_of(request.actor, carer) if editable else []
    if concerns:
        auditor.listed(
            request.actor,
            Concern,
            concerns,
            fields=ConcernPresenter.LIST_FIELDS,
            context={"view": "carers:detail"},
        )
    can_merge = can(request.actor, "carers.merge", carer)
    duplicates_unchecked = ""
    try:
        matches = (
            duplicates.matches_for_carer(request.actor, carer)
            if can_merge and not carer.merged_into_id
            else []
        )
    except LookupKeysMissing as missing:
        # The record is still shown; the duplicates it cannot look for are said to be unchecked, not absent.
        matches, duplicates_unchecked = [], str(missing)
    if matches:
        auditor.listed(
            request.actor,
            Carer,
            [m.carer for m in matches],
            fields=CarerPresenter.LIST_FIELDS,
            context={"view": "carers:detail:duplicates"},
        )
    return render(
        request,
        "carers/detail.html",
        {
            "page_title": presenter.name,
            "carer": presenter,
            "editable": editable,
            "contacts": [ContactPresenter(c) for c in contacts],
            "matches": matches,
            "can_merge": can_merge,
            "duplicates_unchecked": duplicates_unchecked,
            "assessments": [AssessmentPresenter(a, carer) for a in assessments],
            "quality": QualityOfLifePresenter(quality) if quality and quality["scores"] else None,
            "risk_tag": risk_tag(carer.breakdown_risk) if editable else None,
            "restriction": restrictions.restriction_in_force(carer) if editable else None,
            "concerns": [ConcernPresenter(c) for c in concerns],
            "can_raise_concern": can(request.actor, "safeguarding.raise_concern", carer)
            and not carer.merged_into_id,
            "can_restrict": can(request.actor, "carers.restrict_contact_details", carer)
            and not carer.merged_into_id,
            "emergency_plans": [EmergencyPlanPresenter(p) for p in emergency_plans],
            "can_assess": can(request.actor, "assessments.start_assessment", carer)
            and not carer.merged_into_id,
            "merge_out": carer.merges_out.filter(undone_at__isnull=True)
            .select_related("survivor")
            .first()
            if carer.merged_into_id
            else None,
            "last_merge_in": carer.merges_in.filter(undone_at__isnull=True)
            .select_related("duplicate")
            .first()
            if can_merge
            else None,
        },
    )


SECTIONS = {
    "details": ("Change personal details", DetailsForm),
    "contact": ("Change contact details", ContactForm),
    "caring": ("Change caring details", CaringForm),
    "status": ("Change the record's status", StatusForm),
}


def _form_kwargs(form_class, carer):
    if form_class is CaringForm:
        return {"partnership": carer.holding_organisation.partnership}
    return {}


@permission_required("carers.register_carer")
@require_http_methods(["GET", "POST"])
def edit(request, reference, section):
    """Edit one section. The version read when the page opened travels with the form."""
    if section == "equality":
        return edit_equality(request, reference)
    if section not in SECTIONS:
        raise Http404
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    if section == "contact":
        require(request.actor, "carers.view_contact_details", carer)
    title, form_class = SECTIONS[section]
    initial = {name: getattr(carer, name) for name in form_class.base_fields}
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial=initial,
        **_form_kwargs(form_class, carer),
    )
    if request.method == "POST":
        version = posted_version(request)
        if form.is_valid():
            try:
                services.update_carer(
                    request.actor, carer, expected_version=version, changes=form.cleaned_data
                )
            except services.EditConflict as conflict:
                return _conflict_page(request, carer, conflict.current, form, section, title)
            messages.success(request, "Changes saved")
            return redirect("carers:detail", reference=carer.reference)
    else:
        context = {"view": f"carers:edit:{section}"}
        if section == "contact" and carer.contact_restricted:
            context["restricted_contact_details"] = True
        auditor.read(request.actor, carer, fields=list(form_class.base_fields), context=context)
    return render(
        request,
        "carers/edit.html",
        {
            "page_title": title,
            "form": form,
            "carer": CarerPresenter(carer),
            "version": opened_version(request, carer),
            "section": section,
        },
    )


def _conflict_page(request, carer, current, form, section, title):
    """Show what the other person saved beside what this person typed; keep both."""
    rows = differences(
        form,
        {name: getattr(current, name, "") for name in form.fields},
        lambda field, value: _show(value),
    )
    auditor.read(
        request.actor,
        current,
        fields=[name for name in form.fields],
        context={"view": "carers:edit:conflict"},
    )
    return render(
        request,
        "carers/conflict.html",
        {
            "page_title": "This record has changed since you opened it",
            "carer": CarerPresenter(current),
            "rows": rows,
            "form": form,
            "section": section,
            "version": current.version,
            "posted": request.POST,
        },
        status=409,
    )


def _show(value):
    if value in (None, ""):
        return "Not given"
    if hasattr(value, "strftime"):
        return date(value)
    return str(value)


@permission_required("carers.register_carer")
def edit_equality(request, reference):
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    record = getattr(carer, "equality", None)
    initial = {name: getattr(record, name) for name in EqualityForm.base_fields} if record else {}
    form = EqualityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_equality(request.actor, carer, form.cleaned_data)
        messages.success(request, "Equality monitoring saved")
        return redirect("carers:detail", reference=carer.reference)
    if request.method == "GET":
        auditor.read(
            request.actor, carer, fields=["equality"], context={"view": "carers:edit:equality"}
        )
    return render(
        request,
        "carers/edit.html",
        {
            "page_title": "Equality monitoring",
            "form": form,
            "carer": CarerPresenter(carer),
            "version": opened_version(request, carer),
            "section": "equality",
            "intro": "Ask these only if the carer is happy to answer. Every question can be left unanswered or answered “prefer not to say”.",
        },
    )


@permission_required("carers.register_carer")
def add_cared_for(request, reference):
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    form = CaredForForm(
        request.POST if request.method == "POST" else None,
        partnership=carer.holding_organisation.partnership,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["lives_together"] = data["lives_together"] == "yes"
        existing = selectors.same_person_cared_for(
            request.actor,
            carer,
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            nhs_number=data["nhs_number"],
        )
        choice = request.POST.get("same_person", "")
        if existing and not choice:
            return render(
                request,
                "carers/same_person.html",
                {
                    "page_title": "Is this someone already on the register?",
                    "carer": CarerPresenter(carer),
                    "people": existing,
                    "posted": request.POST,
                },
            )
        person = next((p for p in existing if str(p.pk) == choice), None)
        if person is not None:
            services.link_cared_for_person(
                request.actor,
                carer,
                person,
                relationship=data["relationship"],
                lives_together=data["lives_together"],
                parental_responsibility=data["parental_responsibility"],
                responsible_council=data["responsible_council"],
            )
        else:
            person = services.add_cared_for_person(request.actor, carer, **data)
        messages.success(request, f"{person.full_name} added to {carer.full_name}'s caring network")
        return redirect("carers:detail", reference=carer.reference)
    return render(
        request,
        "carers/add_cared_for.html",
        {"page_title": "Add someone they care for", "form": form, "carer": CarerPresenter(carer)},
    )


@permission_required("carers.register_carer")
@require_http_methods(["GET", "POST"])
def relationship_council(request, reference, relationship_id):
    """Which council is responsible for one caring relationship (ADR 10)."""
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    relationship = next((r for r in carer.relationships.all() if r.pk == relationship_id), None)
    if relationship is None:
        raise Http404
    partnership = carer.holding_organisation.partnership
    form = RelationshipCouncilForm(
        request.POST if request.method == "POST" else None,
        partnership=partnership,
        initial={"responsible_council": relationship.responsible_council_id},
    )
    if request.method == "POST" and form.is_valid():
        services.change_responsible_council(
            request.actor, relationship, form.cleaned_data["responsible_council"]
        )
        messages.success(request, "Responsible council saved")
        return redirect("carers:detail", reference=carer.reference)
    if request.method == "GET":
        auditor.read(
            request.actor,
            relationship,
            fields=["responsible_council"],
            context={"view": "carers:relationship_council"},
        )
    return render(
        request,
        "carers/relationship_council.html",
        {
            "page_title": f"Which council is responsible for {relationship.cared_for.full_name}?",
            "form": form,
            "carer": CarerPresenter(carer),
        },
    )


@permission_required("carers.register_carer")
def record_consent(request, reference):
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        partnership=carer.holding_organisation.partnership,
        holding_organisation=carer.holding_organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(request.actor, carer, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            messages.success(
                request, f"Consent to share with {form.cleaned_data['organisation'].name} recorded"
            )
            return redirect("carers:detail", reference=carer.reference)
    return render(
        request,
        "carers/consent.html",
        {"page_title": "Record consent to share", "form": form, "carer": CarerPresenter(carer)},
    )


@permission_required("carers.register_carer")
@require_http_methods(["GET", "POST"])
def withdraw_consent(request, reference, consent_id):
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    consent = next((c for c in carer.consents.all() if c.pk == consent_id and c.is_active), None)
    if consent is None:
        raise Http404
    if request.method == "POST":
        services.withdraw_consent(request.actor, consent)
        messages.success(
            request, f"Consent withdrawn: {consent.organisation.name} can no longer see this record"
        )
        return redirect("carers:detail", reference=carer.reference)
    return render(
        request,
        "carers/withdraw_consent.html",
        {
            "page_title": f"Withdraw consent to share with {consent.organisation.name}",
            "carer": CarerPresenter(carer),
            "consent": consent,
        },
    )


@permission_required("audit.view_trail")
def activity(request, reference):
    carer = _carer_or_404(request, reference)
    trail = audit_selectors.trail_for("carers.carer", carer.pk)
    return render(
        request,
        "carers/activity.html",
        {
            "page_title": f"Who has seen or changed {carer.reference}",
            "carer": CarerPresenter(carer),
            "trail": trail,
        },
    )


@permission_required("carers.register_carer")
def log_contact(request, reference=None):
    """Log a contact with a carer, or (without a reference) an anonymous helpline call."""
    carer = _carer_or_404(request, reference, "carers.edit_carer") if reference else None
    form = ContactLogForm(
        request.POST if request.method == "POST" else None,
        initial={"happened_on": timezone.localdate(), "kind": "phone" if carer is None else None},
    )
    if request.method == "POST" and form.is_valid():
        services.log_contact(request.actor, carer, **form.cleaned_data)
        messages.success(request, "Contact recorded" if carer else "Helpline call recorded")
        if carer:
            return redirect("carers:detail", reference=carer.reference)
        return redirect("home:staff_home")
    return render(
        request,
        "carers/log_contact.html",
        {
            "page_title": "Log a contact" if carer else "Log an anonymous helpline call",
            "form": form,
            "carer": CarerPresenter(carer) if carer else None,
        },
    )


@permission_required("carers.list_carers")
def follow_ups(request):
    mine_only = request.GET.get("who") != "everyone"
    contacts = list(
        selectors.follow_ups_due(
            request.actor, timezone.localdate() + dt.timedelta(days=7), mine_only
        )[:200]
    )
    auditor.listed(
        request.actor,
        Contact,
        contacts,
        fields=ContactPresenter.LIST_FIELDS,
        context={"view": "carers:follow_ups"},
    )
    return render(
        request,
        "carers/follow_ups.html",
        {
            "page_title": "Follow-ups due this week",
            "contacts": [ContactPresenter(c) for c in contacts],
            "mine_only": mine_only,
        },
    )


@permission_required("carers.list_carers")
@require_http_methods(["POST"])
def complete_follow_up(request, contact_id):
    contact = selectors.contact_for(request.actor, contact_id)
    if contact is None:
        raise Http404
    services.complete_follow_up(request.actor, contact)
    messages.success(request, "Follow-up marked as done")
    return redirect("carers:follow_ups")


@permission_required("carers.list_carers")
def timeline(request, reference):
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    events = selectors.timeline(request.actor, carer)
    auditor.read(
        request.actor,
        carer,
        fields=["timeline", "contact notes"],
        context={"view": "carers:timeline", "events": len(events)},
    )
    return render(
        request,
        "carers/timeline.html",
        {
            "page_title": f"Timeline for {carer.full_name}",
            "carer": CarerPresenter(carer),
            "events": events,
        },
    )


@permission_required("carers.list_carers")
@require_http_methods(["GET", "POST"])
def merge(request, reference, other):
    """Merge the other record (a duplicate) into this one, after comparing them side by side."""
    survivor = _carer_or_404(request, reference, "carers.merge")
    duplicate = _carer_or_404(request, other, "carers.merge")
    if request.method == "POST":
        try:
            merging.merge(request.actor, survivor, duplicate)
        except merging.MergeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                f"{duplicate.reference} has been merged into this record. Everything it held is now here.",
            )
        return redirect("carers:detail", reference=survivor.reference)
    fields = ["reference", *CarerPresenter.COMPARE_FIELDS]
    auditor.read(request.actor, survivor, fields=fields, context={"view": "carers:merge"})
    auditor.read(request.actor, duplicate, fields=fields, context={"view": "carers:merge"})
    return render(
        request,
        "carers/merge.html",
        {
            "page_title": "Merge these records?",
            "survivor": CarerPresenter(survivor),
            "duplicate": CarerPresenter(duplicate),
            "rows": CarerPresenter.compare(survivor, duplicate),
        },
    )


@permission_required("carers.list_carers")
@require_http_methods(["POST"])
def undo_merge(request, reference):
    carer = _carer_or_404(request, reference, "carers.merge")
    record = (
        carer.merges_in.filter(undone_at__isnull=True).first()
        or carer.merges_out.filter(undone_at__isnull=True).first()
    )
    if record is None:
        raise Http404
    require(request.actor, "carers.merge", record.duplicate)
    merging.undo(request.actor, record)
    messages.success(
        request, f"Merge undone: {record.duplicate.reference} is a separate record again"
    )
    return redirect("carers:detail", reference=record.survivor.reference)


def _caseload_page(request, *, title, view, key_worker, workers=None):
    form = caseloads.CaseloadFilterForm(request.GET, workers=workers)
    filters = form.filters()
    page = selectors.caseload(
        request.actor, filters, request.GET.get("page", 1), key_worker=key_worker
    )
    auditor.listed(
        request.actor,
        Carer,
        page.object_list,
        fields=caseloads.CaseloadRow.LIST_FIELDS,
        context={"view": view, "filters": sorted(filters), "page": page.number},
    )
    return {
        "page_title": title,
        "form": form,
        "page": page,
        "carers": [caseloads.CaseloadRow(c) for c in page],
        "filtered": bool(filters),
        "pagination": pagination_params(page, form.query_string_values()),
    }


@permission_required("carers.list_carers")
def my_caseload(request):
    """The carers whose key worker is the person signed in."""
    context = _caseload_page(
        request, title="My caseload", view="carers:my_caseload", key_worker=request.actor.user
    )
    return render(request, "carers/caseload.html", context)


@permission_required("carers.view_team_caseload")
def team_caseload(request):
    """Every carer held by the organisation, with each worker's caseload size, for hub managers."""
    workers = selectors.key_workers_for(request.actor)
    context = _caseload_page(
        request,
        title="Team caseload",
        view="carers:team_caseload",
        key_worker=None,
        workers=workers,
    )
    context["team"] = True
    context["sizes"] = caseloads.size_rows(workers, selectors.caseload_sizes(request.actor))
    return render(request, "carers/caseload.html", context)


@permission_required("carers.list_carers")
@require_http_methods(["GET", "POST"])
def key_worker(request, reference):
    """Change whose caseload a carer is on: hub staff at the organisation that holds the record."""
    carer = _carer_or_404(request, reference, "carers.edit_carer")
    if carer.merged_into_id:
        raise Http404
    workers = selectors.key_workers_for(request.actor)
    initial = {"key_worker": str(carer.key_worker_id) if carer.key_worker_id else None}
    form = caseloads.KeyWorkerForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        workers=workers,
        carer_name=carer.full_name,
    )
    if request.method == "POST" and form.is_valid():
        worker = form.chosen_worker()
        try:
            caseloads.set_key_worker(request.actor, carer, worker)
        except ValidationError as exc:
            for error in exc.message_dict.get("key_worker", []):
                form.add_error("key_worker", error)
        else:
            messages.success(
                request,
                f"{worker.full_name} is now {carer.full_name}’s key worker"
                if worker
                else f"{carer.full_name} has no key worker",
            )
            return redirect("carers:detail", reference=carer.reference)
    if request.method == "GET":
        auditor.read(
            request.actor, carer, fields=["key_worker"], context={"view": "carers:key_worker"}
        )
    return render(
        request,
        "carers/key_worker.html",
        {
            "page_title": f"Who is {carer.full_name}’s key worker?",
            "form": form,
            "carer": CarerPresenter(carer),
        },
    )


@permission_required("carers.list_carers")
@require_http_methods(["GET", "POST"])
def restrict(request, reference):
    """Restrict a carer's contact details, or change why and who may see them: hub managers only."""
    carer = _carer_or_404(request, reference, "carers.restrict_contact_details")
    if carer.merged_into_id:
        raise Http404
    current = restrictions.restriction_in_force(carer)
    workers = restrictions.workers_who_may_be_named(carer.holding_organisation)
    initial = (
        {
            "reason": current.reason,
            "reason_other": current.reason_other,
            "named_workers": [str(w.pk) for w in current.named_workers.all()],
        }
        if current
        else {}
    )
    form = restrictions.RestrictionForm(
        request.POST if request.method == "POST" else None, initial=initial, workers=workers
    )
    if request.method == "POST" and form.is_valid():
        restrictions.restrict(
            request.actor,
            carer,
            reason=form.cleaned_data["reason"],
            reason_other=form.cleaned_data["reason_other"],
            workers=form.chosen_workers(),
        )
        messages.success(
            request,
            f"{carer.full_name}’s contact details are restricted"
            if current is None
            else "Restriction updated",
        )
        return redirect("carers:detail", reference=carer.reference)
    if request.method == "GET":
        auditor.read(
            request.actor, carer, fields=["contact_restricted"], context={"view": "carers:restrict"}
        )
    title = "Change the restriction" if current else f"Restrict {carer.full_name}’s contact details"
    return render(
        request,
        "carers/restrict.html",
        {
            "page_title": title,
            "form": form,
            "carer": CarerPresenter(carer),
            "current": current,
        },
    )


@permission_required("carers.list_carers")
@require_http_methods(["GET", "POST"])
def lift_restriction(request, reference):
    """Confirm, then lift, the restriction in force: hub managers only."""
    carer = _carer_or_404(request, reference, "carers.restrict_contact_details")
    current = restrictions.restriction_in_force(carer)
    if current is None:
        raise Http404
    if request.method == "POST":
        restrictions.lift(request.actor, carer)
        messages.success(
            request,
            f"Restriction lifted: staff who can see {carer.full_name}’s record can see their contact details again",
        )
        return redirect("carers:detail", reference=carer.reference)
    auditor.read(
        request.actor,
        carer,
        fields=["contact_restricted"],
        context={"view": "carers:lift_restriction"},
    )
    return render(
        request,
        "carers/lift_restriction.html",
        {
            "page_title": f"Lift the restriction on {carer.full_name}’s contact details?",
            "carer": CarerPresenter(carer),
            "current": current,
        },
    )
