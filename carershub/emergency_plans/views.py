"""Emergency plan pages: start one for a carer, the plan, its needs, contacts, consent, making it
active and ending it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carershub.accounts.permissions import can, record_or_404, works_with_carers_required
from carershub.audit import services as auditor
from carershub.carers import selectors as carer_selectors
from carershub.carers.models import HUB_RECORD
from carershub.carers.presenters import CarerPresenter
from carershub.core.concurrency import edit_with_version, posted_version
from carershub.emergency_plans import selectors, services
from carershub.emergency_plans.forms import (
    ConsentForm,
    ContactForm,
    EndPlanForm,
    NeedsForm,
    StartPlanForm,
)
from carershub.emergency_plans.models import EmergencyPlan, PlanStatus
from carershub.emergency_plans.presenters import EmergencyPlanPresenter

# What a plan's form pages show of the stored plan besides the form: whose plan it is.
HEADING_FIELDS = ["carer", "cared_for"]


def _read(request, obj, fields, view):
    auditor.read(request.actor, obj, fields=fields, context={"view": f"emergency_plans:{view}"})


def _needs_of(plan):
    return {name: getattr(plan, name) for name in services.NEEDS_FIELDS}


def _to_plan(plan):
    return redirect("emergency_plans:detail", reference=plan.reference)


def _form_page(request, plan, form, *, title, button, status=200, **extra):
    return render(
        request,
        "emergency_plans/form.html",
        {
            "page_title": title,
            "title_carer": plan.carer.full_name,
            "plan": EmergencyPlanPresenter(plan),
            "form": form,
            "button": button,
            **extra,
        },
        status=status,
    )


@works_with_carers_required
def new(request, carer_reference):
    """Start a plan: choose which person the carer looks after it covers."""
    carer = record_or_404(
        request,
        carer_selectors.carers_visible_to(request.actor, HUB_RECORD),
        "emergency_plans.edit_plan",
        reference=carer_reference,
        merged_into__isnull=True,
    )
    people = selectors.people_cared_for(request.actor, carer)
    without_plan = [rel for rel, plan in people if plan is None]
    covered = [(rel, EmergencyPlanPresenter(plan)) for rel, plan in people if plan is not None]
    form = StartPlanForm(request.POST if request.method == "POST" else None, people=without_plan)
    if request.method == "POST" and form.is_valid():
        person = next(
            rel.cared_for
            for rel in without_plan
            if str(rel.cared_for_id) == form.cleaned_data["cared_for"]
        )
        try:
            plan = services.start_plan(request.actor, carer, cared_for=person)
        except ValidationError as refusal:
            form.add_error("cared_for", refusal.messages[0])
        else:
            messages.success(request, f"Emergency plan started for {person.full_name}")
            return _to_plan(plan)
    auditor.read(
        request.actor,
        carer,
        fields=["given_name", "family_name", "relationships"],
        context={"view": "emergency_plans:new"},
    )
    if covered:
        auditor.listed(
            request.actor,
            EmergencyPlan,
            [plan.plan for _, plan in covered],
            fields=EmergencyPlanPresenter.LIST_FIELDS,
            context={"view": "emergency_plans:new"},
        )
    return render(
        request,
        "emergency_plans/start.html",
        {
            "page_title": "Start an emergency plan",
            "carer": CarerPresenter(carer),
            "form": form,
            "covered": covered,
            "cares_for_anyone": bool(people),
        },
    )


@works_with_carers_required
def detail(request, reference):
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.view_plan",
        reference=reference,
    )
    editable = plan.is_open and can(request.actor, "emergency_plans.edit_plan", plan)
    _read(request, plan, EmergencyPlanPresenter.FIELDS, "detail")
    presenter = EmergencyPlanPresenter(plan)
    return render(
        request,
        "emergency_plans/detail.html",
        {
            "page_title": f"Emergency plan for {presenter.person_name}",
            "plan": presenter,
            "carer": CarerPresenter(plan.carer),
            "editable": editable,
            "version": plan.version,
        },
    )


@works_with_carers_required
def edit_needs(request, reference):
    """What the person cared for needs and who steps in: one form,
    refused if someone saved since.
    """
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.edit_plan",
        reference=reference,
    )
    if not plan.is_open:
        return _to_plan(plan)
    form = NeedsForm(request.POST if request.method == "POST" else None, initial=_needs_of(plan))
    edit = edit_with_version(
        request,
        plan,
        form,
        lambda version: services.update_needs(
            request.actor, plan, expected_version=version, **form.cleaned_data
        ),
        theirs=_needs_of,
        refusal_field="reviewed_on",
    )
    if edit.saved:
        messages.success(request, "Emergency plan saved")
        return _to_plan(plan)
    plan = edit.record
    if edit.refused is not None:
        shown = HEADING_FIELDS + [row["name"] for row in edit.refused]
        _read(request, plan, shown, "edit_needs:conflict")
    elif request.method == "GET":
        _read(request, plan, HEADING_FIELDS + services.NEEDS_FIELDS, "edit_needs")
    else:
        _read(request, plan, HEADING_FIELDS, "edit_needs")
    name = plan.cared_for.full_name
    return _form_page(
        request,
        plan,
        form,
        title=f"What {name} needs, and who steps in",
        button="Save",
        version=edit.version,
        conflict_rows=edit.refused,
        intro=f"What someone stepping in would need to know to care for {name} if the carer "
        "suddenly could not.",
        status=edit.status,
    )


@works_with_carers_required
def add_contact(request, reference):
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.edit_plan",
        reference=reference,
    )
    if not plan.is_open:
        return _to_plan(plan)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.add_contact(request.actor, plan, **form.contact())
        except ValidationError as refusal:
            form.add_error("phone", refusal.messages[0])
        else:
            messages.success(request, f"{contact.name} added as an emergency contact")
            return _to_plan(plan)
    _read(request, plan, HEADING_FIELDS, "add_contact")
    return _form_page(
        request,
        plan,
        form,
        title="Add an emergency contact",
        button="Add contact",
        intro="Someone to call if the carer suddenly cannot care. Contacts are called in the order "
        "they are added.",
    )


@works_with_carers_required
def remove_contact(request, reference, contact_id):
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.edit_plan",
        reference=reference,
    )
    contact = next((c for c in plan.contacts.all() if c.pk == contact_id), None)
    if contact is None:
        raise Http404
    if not plan.is_open:
        return _to_plan(plan)
    if request.method == "POST":
        try:
            services.remove_contact(request.actor, contact)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(request, f"{contact.name} removed from the emergency contacts")
        return _to_plan(plan)
    _read(request, plan, HEADING_FIELDS + ["contacts"], "remove_contact")
    _read(request, contact, ["name", "relationship", "phone"], "remove_contact")
    presenter = EmergencyPlanPresenter(plan)
    return render(
        request,
        "emergency_plans/remove_contact.html",
        {
            "page_title": f"Remove {contact.name} from the emergency contacts?",
            "title_carer": plan.carer.full_name,
            "plan": presenter,
            "contact": contact,
            "last_on_active_plan": presenter.is_active and len(plan.contacts.all()) == 1,
        },
    )


@works_with_carers_required
def consent(request, reference):
    """Whether the carer agrees the plan may be used in an emergency."""
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.edit_plan",
        reference=reference,
    )
    if not plan.is_open:
        return _to_plan(plan)
    initial = {"agrees": "yes" if plan.consent_to_use else "no"} if plan.consent_recorded_at else {}
    form = ConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_active = plan.status == PlanStatus.ACTIVE
        plan = services.record_consent(
            request.actor, plan, agrees=form.cleaned_data["agrees"] == "yes"
        )
        if plan.consent_to_use:
            messages.success(request, "Consent to use the plan recorded")
        elif was_active:
            messages.success(
                request,
                "Recorded that the carer does not agree. The plan is back to draft and "
                "cannot be used in an emergency",
            )
        else:
            messages.success(
                request, "Recorded that the carer does not agree. The plan cannot be made active"
            )
        return _to_plan(plan)
    _read(
        request,
        plan,
        HEADING_FIELDS + (["consent_to_use"] if request.method == "GET" else []),
        "consent",
    )
    return _form_page(
        request, plan, form, title=form.fields["agrees"].label, button="Save", question_page=True
    )


@works_with_carers_required
@require_http_methods(["POST"])
def activate(request, reference):
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.edit_plan",
        reference=reference,
    )
    try:
        services.make_active(request.actor, plan, expected_version=posted_version(request))
    except services.EditConflict:
        messages.error(
            request,
            "Someone changed this plan after you opened it: check it again before making it active",
        )
    except ValidationError as refusal:
        messages.error(
            request, "The plan cannot be made active yet. " + ". ".join(refusal.messages) + "."
        )
    else:
        messages.success(request, "The emergency plan is now active")
    return _to_plan(plan)


@works_with_carers_required
def end(request, reference):
    plan = record_or_404(
        request,
        selectors.plans_visible_to(request.actor),
        "emergency_plans.edit_plan",
        reference=reference,
    )
    if not plan.is_open:
        return _to_plan(plan)
    form = EndPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.end_plan(request.actor, plan, reason=form.cleaned_data["reason"])
        messages.success(request, "Emergency plan ended")
        return _to_plan(plan)
    _read(request, plan, HEADING_FIELDS, "end")
    return _form_page(
        request,
        plan,
        form,
        title="End this emergency plan",
        button="End plan",
        warning=True,
        intro="An ended plan is kept on the carer's record but cannot be changed or used. "
        "To replace it, end it and start a new one.",
    )
