"""Pages of the register: find a carer, register one, see one and who has seen them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from carershub.accounts.permissions import permission_required, require
from carershub.audit import selectors as audit_selectors
from carershub.audit import services as auditor
from carershub.carers import selectors, services
from carershub.carers.forms import FindCarerForm, RegisterCarerForm
from carershub.carers.models import Carer
from carershub.carers.presenters import CarerPresenter
from carershub.core.pagination import pagination_params


@permission_required("carers.list_carers")
def carer_list(request):
    form = FindCarerForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = selectors.find_carers(request.actor, query, request.GET.get("page", 1))
    auditor.listed(
        request.actor, Carer, page.object_list, fields=CarerPresenter.LIST_FIELDS,
        context={"view": "carers:list", "searched": bool(query), "page": page.number},
    )
    return render(
        request,
        "carers/list.html",
        {
            "page_title": "Carers",
            "form": form,
            "page": page,
            "carers": [CarerPresenter(c) for c in page],
            "query": query,
            "pagination": pagination_params(page, {"q": query}),
        },
    )


@permission_required("carers.register_carer")
def register(request):
    form = RegisterCarerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        carer = services.register_carer(request.actor, **form.cleaned_data)
        messages.success(request, f"{carer.full_name} has been registered with reference {carer.reference}")
        return redirect("carers:detail", reference=carer.reference)
    return render(request, "carers/register.html", {"page_title": "Register a carer", "form": form})


def _carer_or_404(request, reference):
    carer = selectors.carer_for(request.actor, reference)
    if carer is None:
        raise Http404
    require(request.actor, "carers.view_carer", carer)
    return carer


@permission_required("carers.list_carers")
def detail(request, reference):
    carer = _carer_or_404(request, reference)
    auditor.read(request.actor, carer, fields=CarerPresenter.FIELDS_SHOWN, context={"view": "carers:detail"})
    presenter = CarerPresenter(carer)
    return render(request, "carers/detail.html", {"page_title": presenter.name, "carer": presenter})


@permission_required("audit.view_trail")
def activity(request, reference):
    carer = _carer_or_404(request, reference)
    trail = audit_selectors.trail_for("carers.carer", carer.pk)
    return render(
        request,
        "carers/activity.html",
        {"page_title": f"Who has seen or changed {carer.reference}", "carer": CarerPresenter(carer), "trail": trail},
    )
