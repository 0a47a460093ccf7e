"""Reads of the register, always scoped to the actor."""

from django.db.models import Prefetch, Q

from carershub.carers.models import Carer, CaringRelationship, ConsentToShare
from carershub.core.pagination import paginate


def find_carers(actor, query="", page=1):
    """A page of carers the actor may see, matching part of a name or a reference."""
    carers = Carer.objects.visible_to(actor).select_related("holding_organisation")
    query = (query or "").strip()
    if query:
        for term in query.split():
            carers = carers.filter(
                Q(given_name__icontains=term)
                | Q(family_name__icontains=term)
                | Q(preferred_name__icontains=term)
                | Q(reference__iexact=term)
            )
    return paginate(carers.order_by("family_name", "given_name", "pk"), page)


def carer_for(actor, reference):
    """One carer with everything their page shows, in a fixed number of queries."""
    return (
        Carer.objects.visible_to(actor)
        .select_related("holding_organisation", "gp_practice", "school", "responsible_council", "equality")
        .prefetch_related(
            Prefetch(
                "relationships",
                queryset=CaringRelationship.objects.select_related("cared_for").prefetch_related(
                    Prefetch(
                        "cared_for__relationships",
                        queryset=CaringRelationship.objects.select_related("carer"),
                        to_attr="all_carers",
                    )
                ),
            ),
            Prefetch("consents", queryset=ConsentToShare.objects.select_related("organisation", "recorded_by")),
        )
        .filter(reference=reference)
        .first()
    )


def visible_carer_ids(actor, ids):
    """Which of these carer ids the actor may see (to show a caring network without leaking)."""
    return set(Carer.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
