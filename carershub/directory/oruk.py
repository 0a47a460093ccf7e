"""The directory in Open Referral UK 3.0 (HSDS-UK) JSON: what the API publishes.

Empty optional fields are left out rather than sent as null or "", as the profile asks; required
fields are always present. Ids are the records' own UUIDs; the few HSDS records the hub does not
keep as rows of their own (attributes, organisation identifiers, phones, addresses) get UUID 5 ids
derived from what they belong to, so they are the same on every request.
"""

import datetime as dt
import uuid
from decimal import Decimal

from carershub.directory.models import AttendingType

VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile"
_DERIVED = uuid.UUID("0b7c1c9e-2a5f-5b8e-8f3d-6e1a4c9d2b70")


def derived_id(*parts):
    return str(uuid.uuid5(_DERIVED, "/".join(str(p) for p in parts)))


def _value(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def compact(required=(), **fields):
    """The fields as JSON values, leaving out empty optional ones."""
    out = {}
    for name, value in fields.items():
        if value is None or value == "" or value == [] or value == {}:
            if name in required:
                out[name] = "" if value is None else value
            continue
        out[name] = _value(value)
    return out


def organization(provider, *, full=False, services=()):
    identifiers = [
        compact(
            ("id", "identifier_type", "identifier"),
            id=derived_id(provider.pk, scheme, number),
            organization_id=provider.pk,
            identifier_scheme=scheme,
            identifier_type=label,
            identifier=number,
        )
        for scheme, label, number in (
            ("GB-CHC", "Charity number", provider.charity_number),
            ("GB-COH", "Company number", provider.company_number),
        )
        if number
    ]
    out = compact(
        ("id", "name", "description"),
        id=provider.pk,
        name=provider.name,
        description=provider.description,
        email=provider.email,
        website=provider.website,
        logo=provider.logo,
        uri=provider.uri,
        parent_organization_id=provider.parent_id,
    )
    if full:
        out.update(
            compact(
                organization_identifiers=identifiers,
                services=[service_summary(s) for s in services],
            )
        )
    return out


def taxonomy(item):
    return compact(
        ("id", "name", "description"),
        id=item.pk,
        name=item.name,
        description=item.description,
        uri=item.uri,
        version=item.version,
    )


def taxonomy_term(term):
    return compact(
        ("id", "name", "description"),
        id=term.pk,
        code=term.code,
        name=term.name,
        description=term.description,
        parent_id=term.parent_id,
        taxonomy=term.taxonomy.name if term.taxonomy_id else "",
        taxonomy_id=term.taxonomy_id,
        term_uri=term.term_uri,
    )


def service_summary(service):
    """The one-to-one fields of a service (the list shape), with its organisation."""
    return compact(
        ("id", "name", "status"),
        id=service.pk,
        organization_id=service.provider_id,
        name=service.name,
        description=service.description,
        url=service.url,
        email=service.email,
        status=service.status,
        fees=service.fees,
        accreditations=service.accreditations,
        eligibility_description=service.eligibility_description,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        assured_date=service.assured_date,
        assurer_email=service.assurer_email,
        alert=service.alert,
        last_modified=service.last_modified,
        organization=organization(service.provider),
    )


def schedule(item):
    return compact(
        ("id",),
        id=item.pk,
        service_id=item.service_id,
        service_at_location_id=item.service_at_location_id,
        valid_from=item.valid_from,
        valid_to=item.valid_to,
        dtstart=item.dtstart,
        freq=item.freq,
        interval=item.interval,
        byday=item.byday,
        bymonthday=item.bymonthday,
        description=item.description,
        opens_at=item.opens_at,
        closes_at=item.closes_at,
        schedule_link=item.schedule_link,
        attending_type=_attending(item.attending_type),
        notes=item.notes,
    )


def _attending(value):
    return AttendingType(value).label if value in AttendingType.values else value


def location(item):
    addresses = []
    if item.address_1:
        addresses.append(
            compact(
                (
                    "id",
                    "address_1",
                    "city",
                    "state_province",
                    "postal_code",
                    "country",
                    "address_type",
                ),
                id=derived_id(item.pk, "address"),
                location_id=item.pk,
                address_1=item.address_1,
                address_2=item.address_2,
                city=item.city,
                region=item.region,
                state_province=item.region,
                postal_code=item.postal_code,
                country=item.country,
                address_type=item.location_type,
            )
        )
    return compact(
        ("id", "location_type"),
        id=item.pk,
        location_type=item.location_type,
        url=item.url,
        name=item.name,
        description=item.description,
        transportation=item.transport,
        latitude=item.latitude,
        longitude=item.longitude,
        external_identifier=item.external_identifier,
        external_identifier_type=item.external_identifier_type,
        addresses=addresses,
        accessibility=[
            compact(
                ("id",),
                id=a.pk,
                location_id=item.pk,
                description=a.description,
                details=a.details,
                url=a.url,
            )
            for a in item.accessibility.all()
        ],
    )


def service_at_location(link, *, with_service=False, distance=None):
    out = compact(
        ("id",),
        id=link.pk,
        service_id=link.service_id,
        location_id=link.location_id,
        description=link.description,
        location=location(link.location),
        schedules=[schedule(s) for s in link.schedules.all()],
    )
    if with_service:
        out["service"] = service_summary(link.service)
    if distance is not None:
        out["distance"] = round(distance)  # metres from the postcode asked about
    return out


def service(item):
    """A service with everything it links to (the shape of ``GET /services/{id}``)."""
    out = service_summary(item)
    out.update(
        compact(
            phones=[
                {
                    "id": derived_id(item.pk, "phone"),
                    "service_id": str(item.pk),
                    "number": item.phone,
                }
            ]
            if item.phone
            else [],
            schedules=[schedule(s) for s in item.schedules.all()],
            service_areas=[
                compact(
                    ("id",),
                    id=a.pk,
                    service_id=item.pk,
                    name=a.name,
                    description=a.description,
                    extent=a.extent,
                    extent_type=a.extent_type,
                    uri=a.uri,
                )
                for a in item.service_areas.all()
            ],
            service_at_locations=[
                service_at_location(link) for link in item.service_at_locations.all()
            ],
            languages=[
                compact(
                    ("id",),
                    id=lang.pk,
                    service_id=item.pk,
                    name=lang.name,
                    code=lang.code,
                    note=lang.note,
                )
                for lang in item.languages.all()
            ],
            funding=[
                compact(("id",), id=f.pk, service_id=item.pk, source=f.source)
                for f in item.funding.all()
            ],
            cost_options=[
                compact(
                    ("id",),
                    id=c.pk,
                    service_id=item.pk,
                    option=c.option,
                    amount=c.amount,
                    currency=c.currency if c.amount is not None else "",
                    amount_description=c.amount_description,
                    valid_from=c.valid_from,
                    valid_to=c.valid_to,
                )
                for c in item.cost_options.all()
            ],
            contacts=[_contact(c, item) for c in item.contacts.all()],
            attributes=[
                compact(
                    ("id",),
                    id=derived_id(item.pk, "attribute", t.pk),
                    link_id=item.pk,
                    link_type="service",
                    link_entity="service",
                    taxonomy_term_id=t.pk,
                    taxonomy_term=taxonomy_term(t),
                )
                for t in item.terms.all()
            ],
        )
    )
    out["organization"] = organization(item.provider, full=True)
    return out


def _contact(contact, item):
    phones = [
        {
            "id": derived_id(contact.pk, "phone"),
            "contact_id": str(contact.pk),
            "number": contact.phone,
        }
    ]
    return compact(
        ("id",),
        id=contact.pk,
        service_id=item.pk,
        name=contact.name,
        title=contact.title,
        department=contact.department,
        email=contact.email,
        phones=phones if contact.phone else [],
    )


def page(items, *, number, per_page, total):
    """The 3.0 paging shape around one page of ``items`` (already turned into JSON)."""
    total_pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": total == 0,
        "contents": items,
    }
