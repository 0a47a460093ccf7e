"""Reads of the register, always scoped to the actor."""

from django.db.models import Q

from carershub.carers.models import Carer
from carershub.core.pagination import paginate


def find_carers(actor, query="", page=1):
    """A page of carers the actor may see, matching part of a name or a reference."""
    carers = Carer.objects.visible_to(actor).select_related("holding_organisation")
    query = (query or "").strip()
    if query:
        terms = query.split()
        for term in terms:
            carers = carers.filter(
                Q(given_name__icontains=term) | Q(family_name__icontains=term) | Q(reference__iexact=term)
            )
    return paginate(carers.order_by("family_name", "given_name", "pk"), page)


def carer_for(actor, reference):
    return Carer.objects.visible_to(actor).select_related("holding_organisation").filter(reference=reference).first()
