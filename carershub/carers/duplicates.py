"""Likely duplicates: the same NHS number, or a similar name with the same date of birth or
postcode.

Reads only, scoped to the actor. Candidates come from indexed lookups (NHS number, date of birth,
postcode); names are then compared after folding case and accents, so "Zoë O'Brien" and
"Zoe OBrien" count as the same name and "Jon Smith" as similar to "John Smith".
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Q

from carershub.accounts.permissions import can
from carershub.carers.models import HUB_RECORD, Carer
from carershub.carers.restrictions import hidden_from
from carershub.core.encrypted_fields import matches_encrypted
from carershub.search.keys import fold as search_fold

SIMILAR = 0.8


def fold(text):
    """The search index's folding (case, Latin accents, Arabic-script variants), then letters and
    digits only in each word, so "Zoë O'Brien" and "Zoe OBrien" compare equal."""
    return " ".join(
        "".join(ch for ch in word if ch.isalnum()) for word in search_fold(text).split()
    ).strip()


def name_similarity(given_a, family_a, given_b, family_b):
    a, b = fold(f"{given_a} {family_a}"), fold(f"{given_b} {family_b}")
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


@dataclass
class Match:
    carer: Carer
    reasons: list = field(default_factory=list)

    @property
    def strength(self):
        return "Same NHS number" if "NHS number" in self.reasons else "Similar name"


def likely_matches(
    actor,
    *,
    given_name="",
    family_name="",
    date_of_birth=None,
    postcode="",
    nhs_number="",
    exclude=None,
    limit=10,
):
    """Carers the actor may see who are probably the same person."""
    conditions = Q(pk__in=[])
    if nhs_number:
        conditions |= matches_encrypted("nhs_number", nhs_number)
    if date_of_birth:
        conditions |= Q(date_of_birth=date_of_birth)
    if postcode:
        # A restricted carer is never found by where they live by someone who may not see it
        # (ADR 19).
        conditions |= Q(postcode=postcode) & ~hidden_from(actor)
    candidates = (
        Carer.objects.visible_to(actor, HUB_RECORD)
        .filter(conditions, merged_into__isnull=True)
        .exclude(pk=exclude.pk if exclude else None)
        .select_related("holding_organisation")[:200]
    )
    matches = []
    for carer in candidates:
        reasons = []
        if nhs_number and carer.nhs_number == nhs_number:
            reasons.append("NHS number")
        similar = (
            name_similarity(given_name, family_name, carer.given_name, carer.family_name) >= SIMILAR
        )
        if similar and date_of_birth and carer.date_of_birth == date_of_birth:
            reasons.append("similar name and the same date of birth")
        if (
            similar
            and postcode
            and carer.postcode == postcode
            and can(actor, "carers.view_contact_details", carer)
        ):
            reasons.append("similar name and the same postcode")
        if reasons:
            matches.append(Match(carer, reasons))
    matches.sort(
        key=lambda m: ("NHS number" not in m.reasons, -len(m.reasons), m.carer.family_name)
    )
    return matches[:limit]


def matches_for_carer(actor, carer):
    return likely_matches(
        actor,
        given_name=carer.given_name,
        family_name=carer.family_name,
        date_of_birth=carer.date_of_birth,
        postcode=carer.postcode,
        nhs_number=carer.nhs_number,
        exclude=carer,
    )
