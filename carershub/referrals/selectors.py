"""Reads of referrals: the triage queue and one referral."""

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from carershub.accounts.models import Membership, User
from carershub.core.pagination import paginate
from carershub.referrals import presenters
from carershub.referrals.models import HUB_ROLES, AssessmentOffer, Referral, Status

FILTERS = {
    "open": "All open",
    "unallocated": "Not allocated",
    "mine": "Allocated to me",
    "overdue": "Overdue",
}


def queue(actor, view="open", page=1):
    """Open referrals: carers in crisis first, then urgent ones,
    then by when first contact is due.
    """
    referrals = (
        Referral.objects.visible_to(actor)
        .open()
        .select_related("allocated_to", "referring_organisation")
    )
    if not actor.has_role(*HUB_ROLES):
        # A partner's own referrals, newest first: neither a filter nor the order may tell it who
        # at the hub has one, or that the hub rated the carer in crisis (ADR 23).
        return paginate(referrals.order_by("-received_at", "pk"), page)
    today = timezone.localdate()
    if view == "unallocated":
        referrals = referrals.filter(allocated_to__isnull=True)
    elif view == "mine":
        referrals = referrals.filter(allocated_to=actor.user)
    elif view == "overdue":
        referrals = referrals.filter(first_contact_at__isnull=True, first_contact_due__lt=today)
    # Carers in crisis (their confirmed breakdown risk) first, then urgent referrals.
    first = Case(
        When(carer__breakdown_risk="crisis", then=Value(0)),
        When(urgency="urgent", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return paginate(referrals.order_by(first, "first_contact_due", "received_at", "pk"), page)


def referrals_visible_to(actor):
    """The referrals the actor may see, each with what its page shows."""
    return Referral.objects.visible_to(actor).select_related(
        "allocated_to",
        "referring_organisation",
        "referred_by",
        "outcome_by",
        "carer",
        "holding_organisation__partnership",
    )


def hub_workers(organisation):
    """Staff who can be allocated referrals at the hub."""
    ids = Membership.objects.filter(organisation=organisation, role__in=HUB_ROLES).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def counts(actor):
    today = timezone.localdate()
    open_referrals = Referral.objects.visible_to(actor).open()
    return {
        "open": open_referrals.count(),
        "overdue": open_referrals.filter(
            first_contact_at__isnull=True, first_contact_due__lt=today
        ).count(),
        "new": open_referrals.filter(status=Status.NEW).count(),
    }


def assessment_offers(referral):
    """Every carer's assessment offered on this referral (already read within the actor's scope),
    newest first.
    """
    return list(AssessmentOffer.objects.filter(referral=referral).select_related("recorded_by"))


def timeline_entries(actor, carer):
    """The carer's referrals the actor may see: when each came and when it was triaged."""
    for referral in (
        Referral.objects.visible_to(actor)
        .filter(carer=carer)
        .select_related("referring_organisation")
    ):
        yield from presenters.referral_entries(referral)
