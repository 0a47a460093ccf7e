"""Assessment pages: start one, the task list, each section, check answers and complete."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from carershub.accounts.permissions import (
    can,
    permission_required,
    record_or_404,
    works_with_carers_required,
)
from carershub.assessments import documents, quality_of_life, selectors, services, situations
from carershub.assessments.forms import (
    ActionForm,
    CancelForm,
    DeterminationForm,
    PlanForm,
    RiskForm,
    SendCopyForm,
    ServiceForm,
    StartAssessmentForm,
)
from carershub.assessments.models import Assessment, BreakdownRisk, SupportPlan
from carershub.assessments.presenters import (
    AssessmentPresenter,
    DeterminationPresenter,
    DuePresenter,
    PlanPresenter,
    risk_tag,
)
from carershub.assessments.sections import section_for, sections_for
from carershub.assessments.situations import AssessmentType
from carershub.audit import services as auditor
from carershub.carers import selectors as carer_selectors
from carershub.carers.models import HUB_RECORD, Carer
from carershub.carers.presenters import CarerPresenter
from carershub.core.concurrency import edit_with_version, opened_version, posted_version
from carershub.core.text import set_download
from carershub.referrals.models import Referral


@works_with_carers_required
def start(request, carer_reference):
    """Choose which assessment to start: only the kinds the carer's situation allows are offered."""
    carer = record_or_404(
        request,
        carer_selectors.carers_visible_to(request.actor, HUB_RECORD),
        "assessments.start_assessment",
        reference=carer_reference,
        merged_into__isnull=True,
    )
    situation = selectors.situation_of(request.actor, carer)
    offered = situations.offered_types(situation)
    # A kind that turns on an unrecorded date of birth is not refused: the page says what to record.
    refused = [
        (kind, situations.refusal(kind, situation))
        for kind in AssessmentType
        if kind not in offered and not situations.waits_for_a_fact(kind, situation)
    ]
    to_record = situations.to_record(situation)
    assessors = selectors.assessors_for(request.actor)
    initial = {"assessor": str(request.actor.user.pk)} if request.actor.user in assessors else {}
    reviewable = (
        selectors.reviewable(request.actor, carer) if AssessmentType.REVIEW in offered else None
    )
    form = StartAssessmentForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        offered=offered,
        assessors=assessors,
        review_of=reviewable.kind if reviewable else None,
    )
    at_18 = selectors.transition_to_carry_forward(request.actor, carer)
    if request.method == "POST" and form.is_valid():
        assessor = next(u for u in assessors if str(u.pk) == form.cleaned_data["assessor"])
        try:
            assessment = services.start_assessment(
                request.actor, carer, assessment_type=form.cleaned_data["type"], assessor=assessor
            )
        except ValidationError as refusal:
            form.add_error("type", refusal.messages[0])
        else:
            messages.success(request, f"{assessment.type_label} started")
            return redirect("assessments:detail", reference=assessment.reference)
    if request.method == "GET":
        auditor.read(
            request.actor,
            carer,
            fields=["date_of_birth", "relationships"],
            context={"view": "assessments:start"},
        )
    return render(
        request,
        "assessments/start.html",
        {
            "page_title": "Start an assessment",
            "carer": CarerPresenter(carer),
            "form": form,
            "legal_basis": situations.LEGAL_BASIS,
            "refused": refused,
            "to_record": to_record,
            "at_18": AssessmentPresenter(at_18, carer) if at_18 else None,
        },
    )


@works_with_carers_required
@require_POST
def carry_forward(request, reference):
    """Carry a transition assessment forward at 18 as a carer's assessment,
    to decide eligibility now.
    """
    transition = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.view_assessment",
        reference=reference,
    )
    assessors = selectors.assessors_for(request.actor)
    assessor = request.actor.user if request.actor.user in assessors else transition.assessor
    try:
        assessment = services.carry_forward_at_18(request.actor, transition, assessor=assessor)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return redirect("assessments:detail", reference=transition.reference)
    messages.success(
        request, "Carried forward as a carer's assessment: check the answers and decide eligibility"
    )
    return redirect("assessments:check", reference=assessment.reference)


@works_with_carers_required
def detail(request, reference):
    """An assessment in progress is its task list; a completed one, its answers and decision."""
    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.view_assessment",
        reference=reference,
    )
    editable = assessment.is_open and can(request.actor, "assessments.edit_assessment", assessment)
    auditor.read(
        request.actor,
        assessment,
        fields=AssessmentPresenter.FIELDS,
        context={"view": "assessments:detail"},
    )
    presenter = AssessmentPresenter(assessment, selectors.carer_with_network(assessment.carer))
    states = selectors.sections_with_state(assessment)
    context = {
        "page_title": presenter.title,
        "assessment": presenter,
        "carer": CarerPresenter(assessment.carer),
        "editable": editable,
        "task_items": presenter.task_items(states, editable),
        "done": sum(1 for _, state in states if state == "completed"),
        "total": len(states),
        "answers": [(section, presenter.answer_rows(section, False)) for section, _ in states],
        "determination": DeterminationPresenter(assessment.determination)
        if hasattr(assessment, "determination")
        else None,
        "plan": getattr(assessment, "plan", None),
        "can_plan": can(request.actor, "assessments.edit_plan", assessment),
    }
    return render(request, "assessments/detail.html", context)


@works_with_carers_required
def section(request, reference, slug):
    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.edit_assessment",
        reference=reference,
    )
    part = section_for(assessment, slug)
    if part is None:
        raise Http404
    if not assessment.is_open:
        return redirect("assessments:detail", reference=assessment.reference)
    carer = selectors.carer_with_network(assessment.carer)
    completing = request.POST.get("action") != "later"
    form = part.form_class(
        request.POST if request.method == "POST" else None,
        completing=completing,
        carer=carer,
        initial=assessment.answers.get(part.slug, {}),
    )
    self_assessment = assessment.type == AssessmentType.SUPPORTED_SELF
    edit = edit_with_version(
        request,
        assessment,
        form,
        lambda version: services.save_section(
            request.actor,
            assessment,
            part,
            answers=form.answers(),
            completed=completing,
            expected_version=version,
            from_carer=self_assessment and request.POST.get("from_carer") == "yes",
        ),
        theirs=lambda current: current.answers.get(part.slug, {}),
    )
    if edit.saved:
        messages.success(request, f"{part.title}: {'completed' if completing else 'saved'}")
        return redirect("assessments:detail", reference=assessment.reference)
    if edit.refused is not None or request.method == "GET":
        view = "assessments:conflict" if edit.refused is not None else "assessments:section"
        auditor.read(
            request.actor, edit.record, fields=[f"answers.{part.slug}"], context={"view": view}
        )
    return render(
        request,
        "assessments/section.html",
        {
            "page_title": part.title,
            "title_carer": edit.record.carer.full_name,
            "assessment": AssessmentPresenter(edit.record, carer),
            "form": form,
            "version": edit.version,
            "conflict_rows": edit.refused,
            "section": part,
            "self_assessment": self_assessment,
            "from_carer": part.slug in edit.record.sections_from_carer,
        },
        status=edit.status,
    )


@works_with_carers_required
def check(request, reference):
    """Check answers, then (for a named assessor) the eligibility decision and completion."""
    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.edit_assessment",
        reference=reference,
    )
    if not assessment.is_open:
        return redirect("assessments:detail", reference=assessment.reference)
    carer = selectors.carer_with_network(assessment.carer)
    presenter = AssessmentPresenter(assessment, carer)
    missing = selectors.missing_sections(assessment)
    may_complete = can(request.actor, "assessments.complete_assessment", assessment)
    suggestion = selectors.suggestion_for(assessment)
    suggested = suggestion.decision if suggestion is not None else ""
    initial = {
        "decision": suggested or None,
        "method": assessment.method
        or ("supported_self" if assessment.type == AssessmentType.SUPPORTED_SELF else None),
        "participants": assessment.participants or None,
    }
    form = DeterminationForm(
        request.POST if request.method == "POST" else None,
        suggested=suggested,
        initial=initial,
        with_decision=suggestion is not None,
        is_review=assessment.type == AssessmentType.REVIEW,
    )
    problem, status = None, 200
    version = opened_version(request, assessment)
    if request.method == "POST":
        if not may_complete:
            raise Http404
        if form.is_valid():
            try:
                services.complete_assessment(
                    request.actor,
                    assessment,
                    expected_version=version,
                    decision=form.cleaned_data.get("decision", ""),
                    reasons=form.cleaned_data.get("reasons", ""),
                    information_and_advice=form.cleaned_data.get("information_and_advice", ""),
                    method=form.cleaned_data["method"],
                    participants=form.cleaned_data["participants"],
                )
            except services.EditConflict:
                problem = (
                    "Someone saved a change to this assessment after you opened this page. Check "
                    "the answers again."
                )
                status = 409
                # The page now shows the answers as saved, so it carries their version.
                assessment = (
                    selectors.assessments_visible_to(request.actor)
                    .filter(reference=reference)
                    .get()
                )
                presenter = AssessmentPresenter(assessment, carer)
                version = assessment.version
            except ValidationError as refusal:
                problem = refusal.messages[0]
            else:
                messages.success(request, f"{assessment.type_label} completed")
                return redirect("assessments:detail", reference=assessment.reference)
    else:
        auditor.read(
            request.actor,
            assessment,
            fields=AssessmentPresenter.FIELDS,
            context={"view": "assessments:check"},
        )
    return render(
        request,
        "assessments/check.html",
        {
            "page_title": "Check the answers",
            "title_carer": assessment.carer.full_name,
            "assessment": presenter,
            "version": version,
            "answers": [
                (part, presenter.answer_rows(part, True))
                for part in sections_for(assessment.type, assessment.reviewed_type or None)
            ],
            "missing": missing,
            "may_complete": may_complete,
            "suggestion": suggestion,
            "form": form,
            "problem": problem,
        },
        status=status,
    )


# --- Support plans ------------------------------------------------------------------------------


@works_with_carers_required
@require_http_methods(["POST"])
def create_plan(request, reference):
    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    try:
        plan = services.create_plan(request.actor, assessment)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return redirect("assessments:detail", reference=assessment.reference)
    messages.success(request, "Support plan started")
    return redirect("assessments:plan", reference=plan.reference)


@works_with_carers_required
def plan(request, reference):
    support_plan = record_or_404(
        request,
        selectors.support_plans_visible_to(request.actor),
        "assessments.view_plan",
        reference=reference,
    )
    auditor.read(
        request.actor,
        support_plan,
        fields=PlanPresenter.FIELDS,
        context={"view": "assessments:plan"},
    )
    editable = (
        can(request.actor, "assessments.edit_plan", support_plan) and support_plan.status != "ended"
    )
    presenter = PlanPresenter(support_plan)
    return render(
        request,
        "assessments/plan.html",
        {
            "page_title": "Support plan",
            "plan": presenter,
            "action_rows": presenter.action_rows(
                done_column=True, editable=editable, csrf_token=get_token(request)
            ),
            "editable": editable,
            "carer": CarerPresenter(support_plan.carer),
            "version": support_plan.version,
        },
    )


@works_with_carers_required
def edit_plan(request, reference):
    support_plan = record_or_404(
        request,
        selectors.support_plans_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    form = PlanForm(
        request.POST if request.method == "POST" else None, initial=_plan_details(support_plan)
    )
    edit = edit_with_version(
        request,
        support_plan,
        form,
        lambda version: services.update_plan(
            request.actor, support_plan, expected_version=version, **form.cleaned_data
        ),
        theirs=_plan_details,
        refusal_field=_plan_refusal_field,
    )
    if edit.saved:
        messages.success(request, "Support plan saved")
        return redirect("assessments:plan", reference=support_plan.reference)
    if request.method == "GET":
        auditor.read(
            request.actor,
            support_plan,
            fields=list(PLAN_DETAILS),
            context={"view": "assessments:edit_plan"},
        )
    return render(
        request,
        "assessments/plan_form.html",
        {
            "page_title": "Change the support plan",
            "title_carer": edit.record.carer.full_name,
            "form": form,
            "plan": PlanPresenter(edit.record),
            "version": edit.version,
            "button": "Save plan",
            "conflict_rows": edit.refused,
        },
        status=edit.status,
    )


PLAN_DETAILS = ["outcomes", "contingency", "review_due", "review_brought_forward_because"]


def _plan_details(support_plan):
    return {name: getattr(support_plan, name) for name in PLAN_DETAILS}


def _plan_refusal_field(refusal):
    # The service refuses a review date brought forward without a reason, or a date it cannot take.
    return "review_brought_forward_because" if "Say why" in refusal.messages[0] else "review_due"


@works_with_carers_required
def add_action(request, reference):
    support_plan = record_or_404(
        request,
        selectors.support_plans_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    form = ActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_action(request.actor, support_plan, **form.cleaned_data)
        messages.success(request, "Action added")
        return redirect("assessments:plan", reference=support_plan.reference)
    return render(
        request,
        "assessments/plan_form.html",
        {
            "page_title": "Add an action",
            "title_carer": support_plan.carer.full_name,
            "form": form,
            "plan": PlanPresenter(support_plan),
            "button": "Add action",
        },
    )


@works_with_carers_required
@require_http_methods(["POST"])
def complete_action(request, reference, action_id):
    support_plan = record_or_404(
        request,
        selectors.support_plans_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    action = support_plan.actions.filter(pk=action_id).first()
    if action is None:
        raise Http404
    services.complete_action(request.actor, action)
    messages.success(request, "Action marked as done")
    return redirect("assessments:plan", reference=support_plan.reference)


@works_with_carers_required
def add_service(request, reference):
    support_plan = record_or_404(
        request,
        selectors.support_plans_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    form = ServiceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_service(request.actor, support_plan, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error("kind", refusal.messages[0])
        else:
            messages.success(request, "Service added")
            return redirect("assessments:plan", reference=support_plan.reference)
    return render(
        request,
        "assessments/plan_form.html",
        {
            "page_title": "Add a service",
            "title_carer": support_plan.carer.full_name,
            "form": form,
            "plan": PlanPresenter(support_plan),
            "button": "Add service",
        },
    )


@works_with_carers_required
@require_http_methods(["POST"])
def agree_plan(request, reference):
    support_plan = record_or_404(
        request,
        selectors.support_plans_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    try:
        services.agree_plan(request.actor, support_plan, expected_version=posted_version(request))
    except services.EditConflict:
        messages.error(
            request,
            "Someone changed this plan after you opened it: check it again before agreeing it",
        )
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, "Support plan agreed")
    return redirect("assessments:plan", reference=support_plan.reference)


@permission_required("assessments.view_quality_of_life_cohort")
def quality_of_life_cohort(request):
    """How the organisation's carers rate their quality of life, first and latest (ASCOF 1D method).

    Numbers only: no carer is named, so nothing personal is read or audited here.
    """
    cohort = selectors.quality_of_life_cohort(request.actor)
    question_set = selectors.current_question_set(request.actor.organisation.partnership_id)
    return render(
        request,
        "assessments/quality_of_life_cohort.html",
        {
            "page_title": quality_of_life.LABEL,
            "cohort": cohort,
            "question_set": question_set,
        },
    )


@works_with_carers_required
def due(request):
    """Assessments to start, plans to agree and reviews due: mine or the whole hub's, this week."""
    mine = request.GET.get("who") != "everyone"
    late = request.GET.get("when") == "late"
    today = timezone.localdate()
    by = selectors.late_by() if late else today + dt.timedelta(days=7)
    work = selectors.due_work(request.actor, by, worker=request.actor.user if mine else None)
    auditor.listed(
        request.actor,
        Referral,
        work["assessments_to_start"],
        fields=["given_name", "family_name", "assessment_due"],
        context={"view": "assessments:due"},
    )
    auditor.listed(
        request.actor,
        Assessment,
        work["plans_to_agree"],
        fields=["type", "completed_at", "assessor"],
        context={"view": "assessments:due"},
    )
    auditor.listed(
        request.actor,
        SupportPlan,
        work["reviews_due"],
        fields=["review_due"],
        context={"view": "assessments:due"},
    )
    carers = {a.carer_id for a in work["plans_to_agree"]} | {
        p.carer_id for p in work["reviews_due"]
    }
    carers |= {r.carer_id for r in work["assessments_to_start"] if r.carer_id}
    auditor.listed(
        request.actor,
        Carer,
        sorted(carers),
        fields=["given_name", "family_name", "reference"],
        context={"view": "assessments:due"},
    )
    return render(
        request,
        "assessments/due.html",
        {
            "page_title": _due_title(mine=mine, late=late),
            "due": DuePresenter(work, today),
            "mine": mine,
            "late": late,
        },
    )


def _due_title(*, mine, late):
    if late:
        return "Out of target" if mine else "Out of target across the hub"
    return "Due this week" if mine else "Due this week across the hub"


@works_with_carers_required
def breakdown_risk(request, carer_reference):
    """The worker confirms what the record suggests about the risk of caring breaking down."""

    carer = record_or_404(
        request,
        carer_selectors.carers_visible_to(request.actor, HUB_RECORD),
        "assessments.start_assessment",
        reference=carer_reference,
        merged_into__isnull=True,
    )
    suggestion = selectors.risk_suggestion_for(request.actor, carer)
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        initial={
            "triggers": [t.value for t in suggestion.triggers],
            "rating": suggestion.rating.value,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.record_risk(request.actor, carer, suggestion=suggestion, **form.cleaned_data)
        messages.success(request, "Breakdown risk recorded")
        return redirect("carers:detail", reference=carer.reference)
    history = selectors.risk_history(request.actor, carer)
    if request.method == "GET":
        auditor.read(
            request.actor,
            carer,
            fields=["hours_band", "hours_per_week", "relationships", "breakdown_risk"],
            context={"view": "assessments:breakdown_risk"},
        )
        if history:
            auditor.listed(
                request.actor,
                BreakdownRisk,
                history,
                fields=["rating", "triggers"],
                context={"view": "assessments:breakdown_risk"},
            )
    return render(
        request,
        "assessments/breakdown_risk.html",
        {
            "page_title": "Risk that caring breaks down",
            "carer": CarerPresenter(carer),
            "form": form,
            "suggestion": suggestion,
            "suggested_tag": risk_tag(suggestion.rating),
            "history": [
                {
                    "tag": risk_tag(r.rating),
                    "when": r.recorded_at,
                    "by": r.recorded_by.full_name,
                    "notes": r.notes,
                }
                for r in history
            ],
        },
    )


# --- The carer's copy -----------------------------------------------------------------------------


@works_with_carers_required
def copy_pdf(request, reference):
    """The written copy as a PDF, to print and post or hand over."""

    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.view_assessment",
        reference=reference,
    )
    if assessment.status != "completed":
        raise Http404
    auditor.exported(
        request.actor,
        Assessment,
        [assessment.pk],
        fmt="pdf",
        fields=["answers", "determination", "plan"],
    )
    response = HttpResponse(
        documents.copy_pdf(documents.assessment_for_copy(assessment.pk)),
        content_type="application/pdf",
    )
    set_download(response, documents.filename_for(assessment))
    return response


@works_with_carers_required
def send_copy(request, reference):
    """Send the carer a secure link to their copy, by email or text message."""

    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.edit_plan",
        reference=reference,
    )
    if assessment.status != "completed":
        raise Http404
    carer = assessment.carer
    shown = can(request.actor, "carers.view_contact_details", carer)
    form = SendCopyForm(
        request.POST if request.method == "POST" else None,
        carer=carer,
        show_contact_details=shown,
        initial={"channel": {"email": "email", "text": "sms"}.get(carer.preferred_contact_method)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.send_copy(
                request.actor,
                assessment,
                channel=form.cleaned_data["channel"],
                link_for=lambda token: request.build_absolute_uri(
                    reverse("carer_documents:open", args=[token])
                ),
            )
        except ValidationError as refusal:
            form.add_error("channel", refusal.messages[0])
        else:
            messages.success(
                request, "Link sent: it works for 14 days, with the carer's date of birth"
            )
            return redirect("assessments:detail", reference=assessment.reference)
    if request.method == "GET":
        auditor.read(
            request.actor,
            carer,
            fields=["email", "mobile", "preferred_contact_method"]
            if shown
            else ["preferred_contact_method"],
            context={"view": "assessments:send_copy"},
        )
    links = assessment.document_links.select_related("created_by")[:10]
    return render(
        request,
        "assessments/send_copy.html",
        {
            "page_title": "Send the carer their copy",
            "title_carer": carer.full_name,
            "assessment": AssessmentPresenter(assessment),
            "form": form,
            "links": links,
        },
    )


@works_with_carers_required
def cancel(request, reference):
    """Cancel an assessment in progress, saying why. The answers so far are kept."""

    assessment = record_or_404(
        request,
        selectors.assessments_visible_to(request.actor),
        "assessments.edit_assessment",
        reference=reference,
    )
    if not assessment.is_open:
        return redirect("assessments:detail", reference=assessment.reference)
    form = CancelForm(request.POST if request.method == "POST" else None)
    version, status = opened_version(request, assessment), 200
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_assessment(
                request.actor,
                assessment,
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
        except services.EditConflict:
            form.add_error(
                None,
                "Someone changed this assessment after you opened this page: "
                "check it before cancelling",
            )
            status = 409
        except ValidationError as refusal:
            form.add_error("reason", refusal.messages[0])
        else:
            messages.success(request, f"{assessment.type_label} cancelled")
            return redirect("carers:detail", reference=assessment.carer.reference)
    return render(
        request,
        "assessments/cancel.html",
        {
            "page_title": "Cancel this assessment",
            "title_carer": assessment.carer.full_name,
            "assessment": AssessmentPresenter(assessment),
            "form": form,
            "version": version,
        },
        status=status,
    )
