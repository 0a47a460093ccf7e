"""The public directory: find a service, and a service's own page. No account needed."""

from urllib.parse import quote

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from carershub.core.pagination import paginate, pagination_params
from carershub.directory import postcodes, selectors
from carershub.directory.presenters import ServicePage, ServiceResult
from carershub.directory.public_forms import SearchForm
from carershub.directory.selectors import BadFilter, ServiceFilters
from carershub.partnerships.selectors import current_partnership


def _matching(partnership, form):
    """The services the form asks for: categories match any ticked, as do who-it-is-for terms,
    and a service must match both lists when both have ticks."""
    filters = ServiceFilters(
        search=form.cleaned("q"), term_ids=form.cleaned("category"), age=form.cleaned("age")
    )
    query = selectors.services(partnership, filters)
    who_for = form.cleaned("who_for")
    if who_for:
        query = query.filter(
            pk__in=selectors.services(partnership, ServiceFilters(term_ids=who_for)).values("pk")
        )
    return query


def find(request):
    partnership = current_partnership()
    if partnership is None:
        raise Http404
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # a field with a mistake is left out; the others still narrow the results
    postcode = form.cleaned("postcode").strip()
    query = _matching(partnership, form)
    near = None
    if postcode:
        try:
            near = selectors.near(query, postcode)
        except BadFilter:
            form.postcode_not_found()
    if near is not None:
        page = paginate(near, request.GET.get("page"))
        services = [s for s, _ in page.object_list]
        prefetch_related_objects(services, "provider", "terms")
        results = [ServiceResult(s, metres) for s, metres in page.object_list]
    else:
        page = paginate(
            query.select_related("provider").prefetch_related("terms"), request.GET.get("page")
        )
        results = [ServiceResult(s) for s in page.object_list]
    kept = {
        name: request.GET.getlist(name) for name in ("q", "postcode", "age", "who_for", "category")
    }
    return render(
        request,
        "directory/public/find.html",
        {
            "page_title": "Find services for carers",
            "form": form,
            "page": page,
            "results": results,
            "pagination": pagination_params(page, kept),
            "near": near is not None,
            "postcode": postcodes.normalise(postcode) or postcode.upper(),
            "attribution": postcodes.ATTRIBUTION,
            "filtered": any(kept.values()),
        },
    )


def service(request, service_id):
    partnership = current_partnership()
    if partnership is None:
        raise Http404
    found = selectors.with_everything(selectors.services(partnership).filter(pk=service_id)).first()
    if found is None:
        raise Http404
    presenter = ServicePage(found)
    return render(
        request,
        "directory/public/service.html",
        {
            "page_title": presenter.name,
            "service": presenter,
            "report_problem": _report_problem(request, partnership, presenter),
        },
    )


def _report_problem(request, partnership, presenter):
    """A link to tell the hub the entry is wrong: an email with the page's address,
    or the helpline page.
    """
    if partnership.helpline_email:
        subject = quote(f"Something wrong with {presenter.name}")
        body = quote(f"About the page {request.build_absolute_uri()}\n\nWhat is wrong:\n")
        return f"mailto:{partnership.helpline_email}?subject={subject}&body={body}"
    return reverse("helpline:contact")
