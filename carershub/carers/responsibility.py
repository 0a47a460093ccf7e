"""Which council is responsible for a carer's support, and whom they care for, as returns count it.

Read by the services that write assessments and events (ADR 10), so these reads are not scoped to
a person: they follow from a record the calling service already holds.

- Care Act 2014 (s10, and ss60-64 at transition): the council where the cared-for adult ordinarily
  lives is responsible for the carer's assessment, eligibility and funding, and counts the carer in
  its return. The worker records it on each caring relationship.
- Children Act 1989 (s17ZA, s17ZD): the council where the young carer, or the disabled child,
  lives. A disabled child's council is the one on the carer's relationship with the child; a young
  carer's is the one on a relationship with someone they live with (so they live in that council).
- Where nothing is recorded and the partnership has one council, it is that council; a carer
  recorded before councils were kept per relationship falls back to the council on their record.
"""

from carershub.assessments.situations import AssessmentType
from carershub.carers.models import CaringRelationship, Relationship
from carershub.carers.rules import age_on
from carershub.partnerships.selectors import sole_council

MAX_LINKED_ADULTS = 3  # CLD has Adult_1, Adult_2 and Adult_3_Linked_Person_ID


def relationships_of(carer):
    """The carer's current caring relationships, the main caring first,
    with the person cared for.
    """
    return list(
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True)
        .select_related("cared_for")
        .order_by("-is_main_carer", "created_at", "pk")
    )


def _first_council(relationships):
    return next((r.responsible_council_id for r in relationships if r.responsible_council_id), None)


def _fallback(carer):
    if carer.responsible_council_id:
        return carer.responsible_council_id
    council = sole_council(carer.holding_organisation.partnership)
    return council.pk if council else None


def council_for_carer(carer, relationships=None):
    """The council responsible for the carer's support in general (a request, a service)."""
    relationships = relationships_of(carer) if relationships is None else relationships
    return _first_council(relationships) or _fallback(carer)


def council_for_assessment(carer, assessment_kind, cared_for_ids):
    """The council responsible for an assessment of this kind about these people
    (see the module).
    """
    relationships = relationships_of(carer)
    if assessment_kind == AssessmentType.YOUNG_CARER:
        chosen = [r for r in relationships if r.lives_together]
    elif assessment_kind == AssessmentType.PARENT_CARER:
        chosen = [r for r in relationships if r.relationship == Relationship.CHILD]
    else:
        chosen = [r for r in relationships if r.cared_for_id in set(cared_for_ids)] or relationships
    return _first_council(chosen) or _fallback(carer)


def adults_cared_for(carer, on, relationships=None):
    """(how many adults the carer cares for, the council's person IDs of up to three of them).

    The count is None when anyone's age is not known: the hub does not guess who is an adult.
    """
    relationships = relationships_of(carer) if relationships is None else relationships
    people = [r.cared_for for r in relationships]
    if any(person.date_of_birth is None for person in people):
        count = None
        adults = [
            p for p in people if p.date_of_birth is not None and age_on(p.date_of_birth, on) >= 18
        ]
    else:
        adults = [p for p in people if age_on(p.date_of_birth, on) >= 18]
        count = len(adults)
    linked = [p.council_person_id for p in adults if p.council_person_id][:MAX_LINKED_ADULTS]
    return count, linked
