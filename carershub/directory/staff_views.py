"""Staff pages that keep the directory: the list of services, each service and all it links to,
checking entries, and providers. Each change goes through carershub.directory.services, which
audits it; the directory is the partnership's, so staff only ever see their own partnership's."""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from carershub.accounts.permissions import permission_required, record_or_404
from carershub.core.concurrency import edit_with_version
from carershub.core.pagination import paginate, pagination_params
from carershub.directory import selectors, services, staff_selectors
from carershub.directory.forms import (
    AreaForm,
    ContactForm,
    CostForm,
    FundingForm,
    LanguageForm,
    PlaceForm,
    ProviderForm,
    ScheduleForm,
    ServiceForm,
    ServiceSearchForm,
    TermsForm,
)
from carershub.directory.models import (
    CostOption,
    Funding,
    Language,
    LocationType,
    Schedule,
    ServiceArea,
    ServiceContact,
)
from carershub.directory.staff_presenters import (
    ServicePresenter,
    ServiceRow,
    provider_rows,
    service_rows,
)

MANAGE = "directory.manage"
PROVIDER_FIELDS = ["name", "description", "website", "email", "charity_number", "company_number"]
SERVICE_FIELDS = [
    "provider",
    "name",
    "description",
    "status",
    "url",
    "email",
    "phone",
    "fees",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "alert",
]


@dataclass(frozen=True)
class Kind:
    """Something a service has a list of, added and removed on its own page."""

    model: type
    form: type
    related_name: str
    add_title: str
    noun: str
    hint: str = ""

    def fields(self, form):
        return form.schedule_fields() if self.form is ScheduleForm else dict(form.cleaned_data)

    def of(self, service):
        """The service's items of this kind (times include those at each of its places)."""
        if self.model is Schedule:
            return Schedule.objects.filter(
                Q(service=service) | Q(service_at_location__service=service)
            )
        return getattr(service, self.related_name).all()


KINDS = {
    "schedules": Kind(Schedule, ScheduleForm, "schedules", "Add when it runs", "time"),
    "costs": Kind(CostOption, CostForm, "cost_options", "Add a cost", "cost"),
    "languages": Kind(
        Language,
        LanguageForm,
        "languages",
        "Add a language",
        "language",
        "A language other than English the service is offered in.",
    ),
    "contacts": Kind(
        ServiceContact,
        ContactForm,
        "contacts",
        "Add a contact",
        "contact",
        "Someone people can ask about the service.",
    ),
    "areas": Kind(ServiceArea, AreaForm, "service_areas", "Add an area it covers", "area"),
    "funding": Kind(Funding, FundingForm, "funding", "Add who funds it", "funder"),
}


def _partnership(request):
    return request.actor.organisation.partnership


def _to_service(service):
    return redirect("directory:staff_service", service_id=service.pk)


def _form_page(request, form, *, title, button, service=None, back=None, status=200, **extra):
    back = back or (
        reverse("directory:staff_service", kwargs={"service_id": service.pk})
        if service
        else reverse("directory:staff_services")
    )
    return render(
        request,
        "directory/staff/form.html",
        {
            "page_title": title,
            "form": form,
            "button": button,
            "service": service,
            "back": back,
            **extra,
        },
        status=status,
    )


# --- Services ---------------------------------------------------------------------------------


@permission_required(MANAGE)
def service_list(request):
    partnership = _partnership(request)
    form = ServiceSearchForm(request.GET or None, categories=selectors.categories())
    filters = form.filters()
    page = paginate(
        staff_selectors.services_for_staff(
            partnership, search=filters["q"], status=filters["status"], category=filters["category"]
        ),
        request.GET.get("page"),
    )
    return render(
        request,
        "directory/staff/services.html",
        {
            "page_title": "Directory of services",
            "form": form,
            "page": page,
            "services": service_rows(ServiceRow(s) for s in page),
            "filtered": any(filters.values()),
            "pagination": pagination_params(page, {k: v for k, v in filters.items() if v}),
            "due_count": selectors.due_for_review(partnership).count(),
        },
    )


@permission_required(MANAGE)
def due_for_review(request):
    page = paginate(selectors.due_for_review(_partnership(request)), request.GET.get("page"))
    return render(
        request,
        "directory/staff/due_for_review.html",
        {
            "page_title": "Services due for review",
            "page": page,
            "services": service_rows(ServiceRow(s) for s in page),
            "pagination": pagination_params(page),
        },
    )


@permission_required(MANAGE)
def add_service(request):
    partnership = _partnership(request)
    providers = list(staff_selectors.providers(partnership))
    initial = {"provider": request.GET.get("provider", "")}
    form = ServiceForm(
        request.POST if request.method == "POST" else None, providers=providers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        service = services.create_service(request.actor, partnership, **form.service_fields())
        messages.success(request, f"{service.name} added to the directory")
        return _to_service(service)
    return _form_page(
        request,
        form,
        title="Add a service",
        button="Add service",
        providers=providers,
        new_provider=True,
        intro="Add its details here. After that you can add its categories, places, times and "
        "costs.",
    )


@permission_required(MANAGE)
def service_page(request, service_id):
    service = record_or_404(
        request,
        staff_selectors.services_with_everything(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    return render(
        request,
        "directory/staff/service.html",
        {
            "page_title": service.name,
            "service": ServicePresenter(service),
        },
    )


@permission_required(MANAGE)
def edit_service(request, service_id):
    """The service's own details: refused, showing both versions, if someone saved it since."""
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    providers = list(staff_selectors.providers(_partnership(request)))
    form = ServiceForm(
        request.POST if request.method == "POST" else None,
        providers=providers,
        initial=_service_details(service),
    )
    # A form sent back with mistakes keeps the version it was opened at, so a save by someone else
    # in the meantime is still noticed when it is sent again.
    edit = edit_with_version(
        request,
        service,
        form,
        lambda version: services.update_service(
            request.actor, service, expected_version=version, **form.service_fields()
        ),
        theirs=_service_details,
    )
    if edit.saved:
        messages.success(request, "Service details saved")
        return _to_service(service)
    return _form_page(
        request,
        form,
        title="Change the service's details",
        button="Save",
        service=edit.record,
        version=edit.version,
        conflict_rows=edit.refused,
        record="service",
        status=edit.status,
    )


def _service_details(service):
    details = {name: getattr(service, name) for name in SERVICE_FIELDS}
    details["provider"] = str(service.provider_id)
    return details


@permission_required(MANAGE)
def service_terms(request, service_id):
    """The hub's categories and who it is for; terms from other taxonomies (imports) are kept."""
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    categories, who_for = list(selectors.categories()), list(selectors.who_for_terms())
    hub_terms = {t.pk: t for t in [*categories, *who_for]}
    current = list(service.terms.all())
    initial = {
        "categories": [str(t.pk) for t in current if t.pk in hub_terms and t in categories],
        "who_for": [str(t.pk) for t in current if t.pk in hub_terms and t in who_for],
    }
    form = TermsForm(
        request.POST if request.method == "POST" else None,
        categories=categories,
        who_for=who_for,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        chosen = [t for t in hub_terms.values() if str(t.pk) in form.term_ids()]
        others = [t for t in current if t.pk not in hub_terms]
        services.update_service(request.actor, service, terms=[*chosen, *others])
        messages.success(request, "Categories and who it is for saved")
        return _to_service(service)
    return _form_page(
        request,
        form,
        title="Categories and who it is for",
        button="Save",
        service=service,
        intro="These help carers and staff find the service.",
    )


@permission_required(MANAGE)
@require_http_methods(["POST"])
def check_service(request, service_id):
    """Someone has checked the whole entry is right."""
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    services.assure_service(request.actor, service)
    messages.success(request, f"{service.name} marked as checked today")
    return _to_service(service)


# --- Places -------------------------------------------------------------------------------------


def _place_saved(request, location, verb):
    if (
        location.location_type == LocationType.PHYSICAL
        and location.postal_code
        and location.easting is None
    ):
        messages.warning(
            request,
            f"Place {verb}, but we could not find the postcode {location.postal_code} in the "
            "postcode directory. Check it is right: until it is found, the place will not show "
            "in searches by distance.",
        )
    else:
        messages.success(request, f"Place {verb}")


@permission_required(MANAGE)
def add_place(request, service_id):
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    form = PlaceForm(
        request.POST if request.method == "POST" else None,
        initial={"location_type": LocationType.PHYSICAL},
    )
    if request.method == "POST" and form.is_valid():
        link = services.add_location(request.actor, service, **form.location_fields())
        services.set_accessibility(request.actor, link.location, form.cleaned_data["accessibility"])
        _place_saved(request, link.location, "added")
        return _to_service(service)
    return _form_page(
        request, form, title="Add a place", button="Add place", service=service, place_form=True
    )


def _place_details(location):
    """A saved place in the terms of the place form (one accessibility note,
    or none if it has several).
    """
    notes = list(location.accessibility.all())
    details = {
        name: getattr(location, name) for name in PlaceForm.base_fields if name != "accessibility"
    }
    details["accessibility"] = notes[0].description if len(notes) == 1 else ""
    return details, len(notes) > 1


@permission_required(MANAGE)
def edit_place(request, service_id, location_id):
    """A place the service runs at: refused, showing both versions, if someone saved it since
    (perhaps through another service that runs there)."""
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    location = staff_selectors.place(service, location_id)
    if location is None:
        raise Http404
    initial, several_notes = _place_details(location)
    form = PlaceForm(request.POST if request.method == "POST" else None, initial=initial)
    if (
        several_notes
    ):  # an imported place with several notes: shown on the service page, not changed here
        del form.fields["accessibility"]
    # A form sent back with mistakes keeps the version it was opened at (see edit_service).
    edit = edit_with_version(
        request,
        location,
        form,
        lambda version: services.update_location(
            request.actor,
            location,
            expected_version=version,
            accessibility=form.cleaned_data.get("accessibility"),
            **form.location_fields(),
        ),
        theirs=lambda current: _place_details(current)[0],
    )
    if edit.saved:
        _place_saved(request, edit.record, "saved")
        return _to_service(service)
    location = edit.record
    shared = location.service_at_locations.count() > 1
    return _form_page(
        request,
        form,
        title="Change a place",
        button="Save",
        service=service,
        place_form=True,
        intro="Other services run here too: changes show on theirs as well." if shared else "",
        version=edit.version,
        conflict_rows=edit.refused,
        record="place",
        status=edit.status,
    )


@permission_required(MANAGE)
def remove_place(request, service_id, location_id):
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    link = (
        service.service_at_locations.filter(location_id=location_id)
        .select_related("location")
        .first()
    )
    if link is None:
        raise Http404
    if request.method == "POST":
        services.remove_location(request.actor, service, link)
        messages.success(request, "Place removed")
        return _to_service(service)
    return render(
        request,
        "directory/staff/remove.html",
        {
            "page_title": "Remove this place?",
            "service": service,
            "item": str(link.location),
        },
    )


# --- Times, costs, languages, contacts, areas and funding ---------------------------------------


def _kind_or_404(kind):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@permission_required(MANAGE)
def add_item(request, service_id, kind):
    what = _kind_or_404(kind)
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    data = request.POST if request.method == "POST" else None
    if what.form is ScheduleForm:
        links = {
            str(link.pk): link for link in service.service_at_locations.select_related("location")
        }
        form = ScheduleForm(data, places=[(pk, str(link.location)) for pk, link in links.items()])
    else:
        form = what.form(data)
    if request.method == "POST" and form.is_valid():
        if what.form is ScheduleForm and form.place_id():
            services.add_schedule_at_place(
                request.actor, links[form.place_id()], **what.fields(form)
            )
        else:
            services.add_to_service(request.actor, service, what.model, **what.fields(form))
        messages.success(request, f"{what.noun.capitalize()} added")
        return _to_service(service)
    return _form_page(
        request, form, title=what.add_title, button="Add", service=service, intro=what.hint
    )


@permission_required(MANAGE)
def remove_item(request, service_id, kind, item_id):
    what = _kind_or_404(kind)
    service = record_or_404(
        request,
        staff_selectors.services_of(_partnership(request)),
        "directory.edit_entry",
        pk=service_id,
    )
    item = what.of(service).filter(pk=item_id).first()
    if item is None:
        raise Http404
    if request.method == "POST":
        services.remove_from_service(request.actor, service, item)
        messages.success(request, f"{what.noun.capitalize()} removed")
        return _to_service(service)
    return render(
        request,
        "directory/staff/remove.html",
        {
            "page_title": f"Remove this {what.noun}?",
            "service": service,
            "item": str(item),
        },
    )


# --- Providers ----------------------------------------------------------------------------------


@permission_required(MANAGE)
def provider_list(request):
    page = paginate(staff_selectors.providers(_partnership(request)), request.GET.get("page"))
    return render(
        request,
        "directory/staff/providers.html",
        {
            "page_title": "Providers",
            "page": page,
            "providers": provider_rows(page),
            "pagination": pagination_params(page),
        },
    )


@permission_required(MANAGE)
def add_provider(request):
    form = ProviderForm(request.POST if request.method == "POST" else None)
    then_service = request.GET.get("then") == "service"
    if request.method == "POST" and form.is_valid():
        provider = services.create_provider(
            request.actor, _partnership(request), **form.cleaned_data
        )
        messages.success(request, f"{provider.name} added as a provider")
        if then_service:
            return redirect(reverse("directory:staff_add_service") + f"?provider={provider.pk}")
        return redirect("directory:staff_providers")
    back = reverse("directory:staff_add_service" if then_service else "directory:staff_providers")
    return _form_page(
        request,
        form,
        title="Add a provider",
        button="Add provider",
        back=back,
        intro="The organisation that runs services: a charity, the council, an NHS trust or a "
        "group.",
    )


@permission_required(MANAGE)
def edit_provider(request, provider_id):
    """The provider's details: refused, showing both versions, if someone saved it since."""
    provider = record_or_404(
        request,
        staff_selectors.providers_with_services(_partnership(request)),
        "directory.edit_entry",
        pk=provider_id,
    )
    form = ProviderForm(
        request.POST if request.method == "POST" else None, initial=_provider_details(provider)
    )
    # A form sent back with mistakes keeps the version it was opened at (see edit_service).
    edit = edit_with_version(
        request,
        provider,
        form,
        lambda version: services.update_provider(
            request.actor, provider, expected_version=version, **form.cleaned_data
        ),
        theirs=_provider_details,
    )
    if edit.saved:
        messages.success(request, f"{provider.name} saved")
        return redirect("directory:staff_providers")
    provider = edit.record
    return _form_page(
        request,
        form,
        title=f"Change {provider.name}",
        button="Save",
        back=reverse("directory:staff_providers"),
        provider_services=list(provider.services.all()),
        version=edit.version,
        conflict_rows=edit.refused,
        record="provider",
        status=edit.status,
    )


def _provider_details(provider):
    return {name: getattr(provider, name) for name in PROVIDER_FIELDS}
