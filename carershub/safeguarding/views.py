"""Pages for safeguarding concerns: raise one on a carer's record, see it, decide on it,
list them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from carershub.accounts.permissions import (
    can,
    permission_required,
    record_or_404,
    works_with_carers_required,
)
from carershub.audit import services as auditor
from carershub.carers import selectors as carer_selectors
from carershub.carers.models import HUB_RECORD
from carershub.safeguarding import selectors, services
from carershub.safeguarding.forms import ConcernForm, DecisionForm
from carershub.safeguarding.models import Concern
from carershub.safeguarding.presenters import ConcernPresenter, list_rows


@permission_required("safeguarding.list_concerns")
def concern_list(request):
    """Concerns not yet closed (or all, with ?all=1): immediate risk first."""
    include_closed = request.GET.get("all") == "1"
    risk, age = request.GET.get("risk"), request.GET.get("age")
    risk = risk if risk in selectors.RISKS else None
    age = age if age in selectors.AGES else None
    rows = selectors.concerns(request.actor, include_closed=include_closed, risk=risk, age=age)
    auditor.listed(
        request.actor,
        Concern,
        rows,
        fields=ConcernPresenter.LIST_FIELDS,
        context={"view": "safeguarding:list", "all": include_closed},
    )
    narrowed = [selectors.RISKS[risk]] if risk and not include_closed else []
    narrowed += [selectors.AGES[age].lower()] if age and not include_closed else []
    return render(
        request,
        "safeguarding/list.html",
        {
            "page_title": "Safeguarding concerns",
            "concerns": rows,
            "rows": list_rows(ConcernPresenter(c) for c in rows),
            "include_closed": include_closed,
            "narrowed": ", ".join(narrowed),
        },
    )


@works_with_carers_required
@require_http_methods(["GET", "POST"])
def raise_concern(request, carer_reference):
    carer = record_or_404(
        request,
        carer_selectors.carers_visible_to(request.actor, HUB_RECORD),
        "safeguarding.raise_concern",
        reference=carer_reference,
    )
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        concern = services.raise_concern(request.actor, carer, **form.concern())
        messages.success(
            request,
            f"Safeguarding concern {concern.reference} recorded. The hub managers have been told.",
        )
        return redirect("safeguarding:detail", reference=concern.reference)
    return render(
        request,
        "safeguarding/raise.html",
        {
            "page_title": "Record a safeguarding concern",
            "form": form,
            "carer": carer,
        },
    )


@works_with_carers_required
def detail(request, reference):
    concern = record_or_404(
        request,
        selectors.concerns_visible_to(request.actor),
        "safeguarding.view_concern",
        reference=reference,
    )
    auditor.read(
        request.actor,
        concern,
        fields=ConcernPresenter.DETAIL_FIELDS,
        context={"view": "safeguarding:detail"},
    )
    return render(
        request,
        "safeguarding/detail.html",
        {
            "page_title": f"Safeguarding concern {concern.reference}",
            "title_carer": concern.carer.full_name,
            "concern": ConcernPresenter(concern),
            "can_decide": can(request.actor, "safeguarding.decide", concern),
        },
    )


@permission_required("safeguarding.list_concerns")
@require_http_methods(["GET", "POST"])
def decide(request, reference):
    concern = record_or_404(
        request,
        selectors.concerns_visible_to(request.actor),
        "safeguarding.decide",
        reference=reference,
    )
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(request.actor, concern, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            messages.success(request, "Decision recorded")
            return redirect("safeguarding:detail", reference=concern.reference)
    if request.method == "GET":
        auditor.read(
            request.actor,
            concern,
            fields=ConcernPresenter.DETAIL_FIELDS,
            context={"view": "safeguarding:decide"},
        )
    return render(
        request,
        "safeguarding/decide.html",
        {
            "page_title": "Record a decision",
            "title_carer": concern.carer.full_name,
            "form": form,
            "concern": ConcernPresenter(concern),
        },
    )
