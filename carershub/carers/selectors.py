"""Reads of the register, always scoped to the actor."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from carershub.accounts.models import User
from carershub.accounts.permissions import can
from carershub.carers import caseloads, presenters, purposes, record
from carershub.carers.duplicates import fold
from carershub.carers.models import (
    HUB_RECORD,
    CaredForPerson,
    Carer,
    CaringRelationship,
    ConsentToShare,
    Contact,
    ContactRestriction,
)
from carershub.carers.models.carer import RECORD_ROLES
from carershub.carers.restrictions import hidden_from
from carershub.core.encrypted_fields import matches_encrypted
from carershub.core.pagination import paginate
from carershub.search import keys, queries


def find_carers(actor, query="", page=1):
    """A page of the carers the actor may see that match a query, best match first.

    ``query`` is text as typed (part of a name, with typos; a reference; an NHS number; a
    postcode or outward code; a date of birth; or several of these) or a parsed
    ``carershub.search.keys.SearchQuery``. Merged records are left out. Two queries whatever
    the size of the register (see ADR 7).
    """
    if not isinstance(query, keys.SearchQuery):
        query = keys.parse(query)
    # A search finds the carers whose record the actor may open: the record page's purpose.
    purpose = purposes.purpose_on(actor, purposes.RECORD_PAGE)
    carers = Carer.objects.visible_to(actor, purpose).select_related("holding_organisation")
    if any(term.label == "postcode" for term in query.terms):
        # Nobody may find a carer by where they live unless they may see where they live (ADR 19).

        carers = carers.exclude(hidden_from(actor))
    if query.problem:
        carers = carers.none()
    return queries.page_of_results(carers, query, page)


def carers_visible_to(actor, purpose):
    """The carers the actor may see for a purpose (ADR 36), each with everything their page
    shows, in a fixed number of queries."""
    return (
        Carer.objects.visible_to(actor, purpose)
        .select_related(
            "holding_organisation",
            "gp_practice",
            "school",
            "responsible_council",
            "equality",
            "key_worker",
        )
        .prefetch_related(
            Prefetch(
                "relationships",
                queryset=CaringRelationship.objects.select_related(
                    "cared_for", "responsible_council"
                ).prefetch_related(
                    Prefetch(
                        "cared_for__relationships",
                        queryset=CaringRelationship.objects.select_related("carer"),
                        to_attr="all_carers",
                    )
                ),
            ),
            Prefetch(
                "consents",
                queryset=ConsentToShare.objects.select_related("organisation", "recorded_by"),
            ),
        )
    )


def carer_for(actor, purpose, reference):
    """One carer the actor may see for a purpose, with everything their page shows, or None."""
    return carers_visible_to(actor, purpose).filter(reference=reference).first()


def visible_carer_ids(actor, purpose, ids):
    """Which of these carer ids the actor may see for a purpose (to show a caring network without
    leaking)."""
    return set(
        Carer.objects.visible_to(actor, purpose).filter(pk__in=ids).values_list("pk", flat=True)
    )


def recent_contacts(actor, carer, limit=5):
    return list(
        Contact.objects.visible_to(actor).filter(carer=carer).select_related("recorded_by")[:limit]
    )


def follow_ups_due(actor, by, mine_only=True):
    """Contacts whose follow-up is due by a date and not done, oldest first."""
    contacts = (
        Contact.objects.visible_to(actor).follow_ups_due(by).select_related("carer", "recorded_by")
    )
    if mine_only:
        contacts = contacts.filter(recorded_by=actor.user)
    return contacts.order_by("follow_up_due", "pk")


def contact_for(actor, contact_id):
    return Contact.objects.visible_to(actor).select_related("carer").filter(pk=contact_id).first()


def timeline(actor, carer):
    """Every dated event about the carer that the actor may see, newest first.

    The record's own events and those of every app registered in ``carershub.carers.record``;
    each source is one query whatever its size.
    """
    events = [entry for provider in record.timeline_providers() for entry in provider(actor, carer)]
    events.sort(key=lambda entry: entry.at, reverse=True)
    return events


def record_panel(actor, carer):
    """The carer's recent contacts, for those who work on the record."""
    if not can(actor, "carers.edit_carer", carer):
        return None
    return presenters.contacts_panel(carer, recent_contacts(actor, carer))


def record_alerts(actor, carer):
    """Restricted contact details and withdrawn consents, for those who work on the record.

    A partner learns neither (ADR 19, ADR 23): it sees no contact details of a restricted record
    whatever, and a partner whose consent was withdrawn no longer sees the record at all.
    """
    if not can(actor, "carers.edit_carer", carer):
        return []
    return presenters.record_alerts(carer, list(carer.consents.all()))


def timeline_entries(actor, carer):
    """The record's own events: registration, contacts, restrictions, consents, caring network."""
    yield from presenters.registered_entries(carer)
    for contact in (
        Contact.objects.visible_to(actor).filter(carer=carer).select_related("recorded_by")
    ):
        yield from presenters.contact_entries(contact)
    if can(actor, "carers.edit_carer", carer):
        for restriction in ContactRestriction.objects.filter(carer=carer):
            yield from presenters.restriction_entries(restriction)
    for consent in carer.consents.all():
        yield from presenters.consent_entries(consent)
    visible = visible_carer_ids(
        actor,
        HUB_RECORD,
        {
            other.carer_id
            for rel in carer.relationships.all()
            for other in getattr(rel.cared_for, "all_carers", [])
        },
    )
    for relationship in carer.relationships.all():
        yield from presenters.network_entries(carer, relationship, visible)


def same_person_cared_for(
    actor, carer, *, given_name, family_name, date_of_birth=None, nhs_number=""
):
    """People already on the register who are probably the person being added (same NHS number,
    or the same name and date of birth), that this carer does not already care for."""
    conditions = Q(pk__in=[])
    if nhs_number:
        conditions |= matches_encrypted("nhs_number", nhs_number)
    if date_of_birth:
        conditions |= Q(date_of_birth=date_of_birth)
    candidates = (
        CaredForPerson.objects.visible_to(actor, HUB_RECORD)
        .filter(conditions)
        .exclude(relationships__carer=carer)
        .prefetch_related("relationships__carer")[:50]
    )
    wanted = fold(f"{given_name} {family_name}")
    return [
        person
        for person in candidates
        if (nhs_number and person.nhs_number == nhs_number) or fold(person.full_name) == wanted
    ]


def key_workers_for(actor):
    """Staff who can hold a caseload at the actor's organisation: active, working with carers."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=actor.organisation,
            memberships__role__in=RECORD_ROLES,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def caseload(actor, filters, page=1, *, key_worker=None, today=None):
    """A page of a caseload: the carers whose key worker is ``key_worker`` (a user), or with
    ``key_worker=None`` every carer the actor may see (the team caseload), after the filters of
    ``carershub.carers.caseloads.CaseloadFilterForm``. Merged records are left out.

    A fixed number of queries whatever its size: the count, the page (with each carer's key
    worker and whether a follow-up is overdue) and the caring network behind the kinds of carer.
    """
    today = today or timezone.localdate()
    carers = Carer.objects.visible_to(actor, HUB_RECORD).filter(merged_into__isnull=True)
    if key_worker is not None:
        carers = carers.filter(key_worker=key_worker)
    carers = caseloads.apply_filters(carers, filters, actor=actor, today=today)
    carers = (
        carers.select_related("holding_organisation", "key_worker")
        .annotate(has_overdue_follow_up=caseloads.overdue_follow_ups(actor, today))
        .prefetch_related(
            Prefetch(
                "relationships", queryset=CaringRelationship.objects.select_related("cared_for")
            )
        )
        .order_by("family_name", "given_name", "pk")
    )
    return paginate(carers, page)


def caseload_sizes(actor, today=None):
    """Active carers and those with an overdue follow-up, per key worker (None: nobody's), in
    one query, for the team caseload."""
    today = today or timezone.localdate()
    rows = (
        Carer.objects.visible_to(actor, HUB_RECORD)
        .filter(merged_into__isnull=True, status="active")
        .annotate(overdue=caseloads.overdue_follow_ups(actor, today))
        .values("key_worker")
        .annotate(carers=Count("pk"), overdue_carers=Count("pk", filter=Q(overdue=True)))
        .order_by()
    )
    return {row["key_worker"]: (row["carers"], row["overdue_carers"]) for row in rows}
