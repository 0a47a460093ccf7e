"""Pages of the register: find a carer, register one, see and change their record, consent."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from carershub.accounts.permissions import (
    hub_manager_required,
    permission_required,
    record_or_404,
    require,
    staff_required,
)
from carershub.audit import selectors as audit_selectors
from carershub.audit import services as auditor
from carershub.audit.presenters import trail_rows
from carershub.carers import (
    caseloads,
    duplicates,
    merging,
    purposes,
    restrictions,
    selectors,
    services,
    table_rows,
)
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
from carershub.carers.models import HUB_RECORD, Carer, Contact, SharingPurpose
from carershub.carers.presenters import CarerPresenter, ContactPresenter
from carershub.carers.record_page import CarerRecordPage
from carershub.core.concurrency import (
    edit_with_version,
    opened_version,
)
from carershub.core.pagination import pagination_params
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
            "carers": table_rows.carer_list(CarerPresenter(c) for c in page)
            if page is not None
            else [],
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
                        "rows": table_rows.possible_duplicates(matches),
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


@staff_required
def detail(request, reference):
    purpose = purposes.purpose_on(request.actor, purposes.RECORD_PAGE)
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, purpose),
        "carers.view_carer",
        reference=reference,
    )
    page = CarerRecordPage.open(request.actor, carer, purpose)
    return render(
        request,
        "carers/detail.html",
        {"page_title": page.title, "page": page, "carer": page.carer, "editable": page.editable},
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
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
    if section == "contact":
        require(request.actor, "carers.view_contact_details", carer)
    title, form_class = SECTIONS[section]
    initial = {name: getattr(carer, name) for name in form_class.base_fields}
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial=initial,
        **_form_kwargs(form_class, carer),
    )
    edit = edit_with_version(
        request,
        carer,
        form,
        lambda version: services.update_carer(
            request.actor, carer, expected_version=version, changes=form.cleaned_data
        ),
        theirs=lambda current: {name: getattr(current, name, "") for name in form.fields},
    )
    if edit.saved:
        messages.success(request, "Changes saved")
        return redirect("carers:detail", reference=carer.reference)
    if edit.refused is not None:
        context = {"view": "carers:edit:conflict"}
        auditor.read(request.actor, edit.record, fields=list(form.fields), context=context)
    elif request.method == "GET":
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
            "carer": CarerPresenter(edit.record),
            "version": edit.version,
            "conflict_rows": edit.refused,
            "section": section,
        },
        status=edit.status,
    )


@permission_required("carers.register_carer")
def edit_equality(request, reference):
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
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
            "intro": "Ask these only if the carer is happy to answer. Every question can be left "
            "unanswered or answered “prefer not to say”.",
        },
    )


@permission_required("carers.register_carer")
def add_cared_for(request, reference):
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
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
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
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
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
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
    """Withdraw a consent, or with ``purpose`` only that purpose of it, after a confirmation."""
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
    consent = next((c for c in carer.consents.all() if c.pk == consent_id and c.is_active), None)
    purpose = request.POST.get("purpose") or request.GET.get("purpose", "")
    if consent is None or (purpose and purpose not in consent.purposes):
        raise Http404
    if request.method == "POST":
        messages.success(request, _withdraw(request.actor, consent, purpose))
        return redirect("carers:detail", reference=carer.reference)
    return render(
        request,
        "carers/withdraw_consent.html",
        {
            "page_title": f"Withdraw consent to share with {consent.organisation.name}"
            + (f" for {SharingPurpose(purpose).label.lower()}" if purpose else ""),
            "carer": CarerPresenter(carer),
            "consent": consent,
            "purpose": purpose,
            "purpose_in_plain_words": purposes.in_plain_words(purpose) if purpose else "",
        },
    )


def _withdraw(actor, consent, purpose):
    name = consent.organisation.name
    if not purpose:
        services.withdraw_consent(actor, consent)
        return f"Consent withdrawn: {name} can no longer see this record"
    try:
        services.withdraw_purpose(actor, consent, purpose)
    except services.PurposeNotInForce:
        raise Http404 from None
    label = SharingPurpose(purpose).label.lower()
    return f"Consent withdrawn for {label}: {name} keeps only what else the carer agreed"


@hub_manager_required
def activity(request, reference):
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.view_carer",
        reference=reference,
    )
    trail = audit_selectors.trail_for("carers.carer", carer.pk)
    return render(
        request,
        "carers/activity.html",
        {
            "page_title": f"Who has seen or changed {carer.reference}",
            "carer": CarerPresenter(carer),
            "trail": trail_rows(trail),
        },
    )


@permission_required("carers.register_carer")
def log_contact(request, reference=None):
    """Log a contact with a carer, or (without a reference) an anonymous helpline call."""
    carer = (
        record_or_404(
            request,
            selectors.carers_visible_to(request.actor, HUB_RECORD),
            "carers.edit_carer",
            reference=reference,
        )
        if reference
        else None
    )
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
            "contacts": table_rows.follow_ups(
                (ContactPresenter(c) for c in contacts), get_token(request)
            ),
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
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
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
    survivor = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.merge",
        reference=reference,
    )
    duplicate = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.merge",
        reference=other,
    )
    if request.method == "POST":
        try:
            merging.merge(request.actor, survivor, duplicate)
        except merging.MergeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                f"{duplicate.reference} has been merged into this record. "
                "Everything it held is now here.",
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
            "title_carer": f"{survivor.full_name} and {duplicate.full_name}",
            "survivor": CarerPresenter(survivor),
            "duplicate": CarerPresenter(duplicate),
            "rows": table_rows.merge_comparison(CarerPresenter.compare(survivor, duplicate)),
        },
    )


@permission_required("carers.list_carers")
@require_http_methods(["POST"])
def undo_merge(request, reference):
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.merge",
        reference=reference,
    )
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
        "carers": table_rows.caseload(
            (caseloads.CaseloadRow(c) for c in page), team=workers is not None
        ),
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
    context["sizes"] = table_rows.caseload_sizes(
        caseloads.size_rows(workers, selectors.caseload_sizes(request.actor))
    )
    return render(request, "carers/caseload.html", context)


@permission_required("carers.list_carers")
@require_http_methods(["GET", "POST"])
def key_worker(request, reference):
    """Change whose caseload a carer is on: hub staff at the organisation that holds the record."""
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.edit_carer",
        reference=reference,
    )
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
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.restrict_contact_details",
        reference=reference,
    )
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
    carer = record_or_404(
        request,
        selectors.carers_visible_to(request.actor, HUB_RECORD),
        "carers.restrict_contact_details",
        reference=reference,
    )
    current = restrictions.restriction_in_force(carer)
    if current is None:
        raise Http404
    if request.method == "POST":
        restrictions.lift(request.actor, carer)
        messages.success(
            request,
            f"Restriction lifted: staff who can see {carer.full_name}’s record can see their "
            "contact details again",
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
