"""Reads the staff pages of the directory need: their own partnership's entries only."""

from django.db.models import Count, Prefetch

from carershub.directory import selectors
from carershub.directory.models import Provider, Service, ServiceAtLocation
from carershub.directory.selectors import ServiceFilters


def services_for_staff(partnership, *, search="", status="", category=""):
    """Every entry, closed ones too, narrowed by words, status and category; with providers."""
    filters = ServiceFilters(
        search=search, term_ids=[category] if category else [], include_closed=True
    )
    query = selectors.services(partnership, filters).select_related("provider")
    if status:
        query = query.filter(status=status)
    return query


def services_with_everything(partnership):
    """The partnership's services, each with all it links to."""
    return selectors.with_everything(Service.objects.filter(partnership=partnership))


def services_of(partnership):
    """The partnership's services, each with its provider."""
    return Service.objects.filter(partnership=partnership).select_related("provider")


def place(service, location_id):
    """One of the service's places, with its accessibility notes, or None."""
    link = (
        ServiceAtLocation.objects.filter(service=service, location_id=location_id)
        .select_related("location")
        .prefetch_related("location__accessibility")
        .first()
    )
    return link.location if link else None


def providers(partnership):
    return (
        Provider.objects.filter(partnership=partnership)
        .annotate(service_count=Count("services"))
        .order_by("name", "pk")
    )


def provider(partnership, provider_id):
    return Provider.objects.filter(partnership=partnership, pk=provider_id).first()


def providers_with_services(partnership):
    """The partnership's providers, each with its services by name."""
    return Provider.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("services", queryset=Service.objects.order_by("name"))
    )
