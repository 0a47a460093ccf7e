"""Changes to the directory: every write goes through here, audited, with the search text kept
up to date. Imports (carershub/directory/importing.py) use the same functions."""

import datetime as dt

from django.db import transaction

from carershub.audit import services as auditor
from carershub.core.concurrency import EditConflict, write_if_unchanged
from carershub.directory import postcodes
from carershub.directory.models import (
    Accessibility,
    Location,
    Provider,
    Schedule,
    Service,
    ServiceAtLocation,
)


def words_of(*texts):
    """The lower-case text a search matches against (one space between words)."""
    return " ".join(" ".join(t.lower().split()) for t in texts if t)


def refresh_search_text(service):
    """Name, provider, description, who it is for and categories, as one searchable string."""
    terms = [t.name for t in service.terms.all()]
    text = words_of(
        service.name,
        service.provider.name,
        service.description,
        service.eligibility_description,
        *terms,
    )
    Service.objects.filter(pk=service.pk).update(search_text=text)
    service.search_text = text


@transaction.atomic
def create_provider(actor, partnership, **fields):
    provider = Provider.objects.create(partnership=partnership, **fields)
    auditor.created(actor, provider)
    return provider


@transaction.atomic
def update_provider(actor, provider, *, expected_version=None, **fields):
    """Save changes to a provider. With ``expected_version``, refuse (EditConflict) if someone else
    saved it since the editor opened it."""
    changed = _assign(provider, fields)
    if not changed:
        return provider
    values = {f: getattr(provider, f) for f in changed}
    if not write_if_unchanged(
        Provider.objects.filter(pk=provider.pk),
        expected_version,
        last_modified=dt.datetime.now(dt.UTC),
        **values,
    ):
        raise EditConflict(Provider.objects.get(pk=provider.pk))
    provider.refresh_from_db()
    auditor.updated(actor, provider, fields=changed)
    for service in provider.services.all():
        refresh_search_text(service)
    return provider


@transaction.atomic
def create_service(actor, partnership, *, terms=(), **fields):
    service = Service.objects.create(partnership=partnership, **fields)
    service.terms.set(terms)
    refresh_search_text(service)
    auditor.created(actor, service)
    return service


@transaction.atomic
def update_service(actor, service, *, expected_version=None, terms=None, **fields):
    """Save changes to a service. With ``expected_version``, refuse (EditConflict) if someone else
    saved it since the editor opened it."""
    changed = _assign(service, fields)
    if terms is not None and set(service.terms.values_list("pk", flat=True)) != {
        t.pk for t in terms
    }:
        service.terms.set(terms)
        changed.append("terms")
    if not changed:
        return service
    values = {f: getattr(service, f) for f in changed if f != "terms"}
    if not write_if_unchanged(
        Service.objects.filter(pk=service.pk),
        expected_version,
        last_modified=dt.datetime.now(dt.UTC),
        **values,
    ):
        raise EditConflict(Service.objects.get(pk=service.pk))
    service.refresh_from_db()
    refresh_search_text(service)
    auditor.updated(actor, service, fields=changed)
    return service


@transaction.atomic
def assure_service(actor, service, on=None):
    """Someone has checked the entry is right: it leaves the "due for review" list for 3 months."""
    service.assured_date = on or dt.date.today()
    service.assurer_email = actor.user.email
    Service.objects.filter(pk=service.pk).update(
        assured_date=service.assured_date,
        assurer_email=service.assurer_email,
        last_modified=dt.datetime.now(dt.UTC),
    )
    auditor.updated(actor, service, fields=["assured_date", "assurer_email"])
    return service


def place_location(location):
    """Fill the grid position and latitude/longitude from the postcode (clears them if unknown)."""
    place = postcodes.locate(location.postal_code) if location.postal_code else None
    if place is None:  # no postcode, or one the directory does not know: no distances to it
        location.easting = location.northing = None
        return location
    location.postal_code = place.postcode
    location.easting, location.northing = place.easting, place.northing
    if location.latitude is None or location.longitude is None:
        found = place.latitude_longitude
        if found:
            location.latitude, location.longitude = found
    return location


@transaction.atomic
def add_location(actor, service, **fields):
    """A place (or an online location) where the service runs."""
    location = place_location(Location(partnership=service.partnership, **fields))
    location.save()
    auditor.created(actor, location)
    link = ServiceAtLocation.objects.create(service=service, location=location)
    auditor.created(actor, link)
    _touch(service)
    return link


POSITION_FIELDS = ["postal_code", "easting", "northing", "latitude", "longitude"]


@transaction.atomic
def update_location(actor, location, *, expected_version=None, accessibility=None, **fields):
    """Save changes to a place and, when ``accessibility`` is given, its accessibility notes. With
    ``expected_version``, refuse (EditConflict) if someone else saved it since the editor opened it:
    the place is shared by every service that runs there, so that someone may have come through
    another service."""
    changed = _assign(location, fields)
    notes_change = accessibility is not None and _accessibility_changes(location, accessibility)
    if not changed and not notes_change:
        return location
    written = set(changed)
    if "postal_code" in changed:
        location.latitude = location.longitude = None
        place_location(location)
        written.update(POSITION_FIELDS)
    if not write_if_unchanged(
        Location.objects.filter(pk=location.pk),
        expected_version,
        **{f: getattr(location, f) for f in written},
    ):
        raise EditConflict(Location.objects.get(pk=location.pk))
    location.refresh_from_db()
    if changed:
        auditor.updated(actor, location, fields=changed)
        for link in location.service_at_locations.select_related("service"):
            _touch(link.service)
    if notes_change:
        set_accessibility(actor, location, accessibility)
    return location


@transaction.atomic
def add_to_service(actor, service, model, **fields):
    """Add a schedule, cost, language, area, contact or funding source to a service."""
    item = model.objects.create(service=service, **fields)
    auditor.created(actor, item)
    _touch(service)
    return item


@transaction.atomic
def remove_from_service(actor, service, item):
    auditor.deleted(actor, item)
    item.delete()
    _touch(service)


def _touch(service):
    """Mark the service changed, so API consumers asking ``modified_after`` fetch it again."""
    Service.objects.filter(pk=service.pk).update(last_modified=dt.datetime.now(dt.UTC))


def _assign(instance, fields):
    changed = []
    for name, value in fields.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


# --- Used by the staff pages -----------------------------------------------------------------


def _accessibility_changes(location, description):
    """Whether ``set_accessibility`` would change the place's notes."""
    entries = list(location.accessibility.all())
    if len(entries) > 1:
        return False
    return (entries[0].description if entries else "") != description


@transaction.atomic
def set_accessibility(actor, location, description):
    """The place's accessibility notes, as one entry (imported places may have several: kept)."""
    entries = list(location.accessibility.all())
    if len(entries) > 1:
        return
    entry = entries[0] if entries else None
    if entry is None and description:
        auditor.created(
            actor, Accessibility.objects.create(location=location, description=description)
        )
    elif entry is not None and not description:
        auditor.deleted(actor, entry)
        entry.delete()
    elif entry is not None and entry.description != description:
        entry.description = description
        entry.save(update_fields=["description"])
        auditor.updated(actor, entry, fields=["description"])
    else:
        return
    Service.objects.filter(service_at_locations__location=location).update(
        last_modified=dt.datetime.now(dt.UTC)
    )


@transaction.atomic
def remove_location(actor, service, link):
    """The service no longer runs at this place;
    the place goes too unless another service uses it.
    """
    location = link.location
    remove_from_service(actor, service, link)
    if not location.service_at_locations.exists():
        auditor.deleted(actor, location)
        location.delete()


@transaction.atomic
def add_schedule_at_place(actor, link, **fields):
    """Times that apply at one of the service's places only (HSDS:
    a service_at_location schedule).
    """
    schedule = Schedule.objects.create(service_at_location=link, **fields)
    auditor.created(actor, schedule)
    _touch(link.service)
    return schedule
