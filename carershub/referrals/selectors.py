"""Reads of referrals: the triage queue and one referral."""

import datetime as dt

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
    "overdue_urgent": "Urgent and overdue",
    "today": "Received today",
    "week": "Received this week",
}


# The measures on a hub manager's home page (docs/measures.md). Each is the one definition of its
# count and of the list the count links to, so the two cannot disagree.


def start_of_today():
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))


def start_of_week():
    """Monday's midnight, in the hub's time zone."""
    return start_of_today() - dt.timedelta(days=timezone.localdate().weekday())


def received_since(actor, since):
    """Referrals received at or after ``since``, whatever has happened to them since."""
    return Referral.objects.visible_to(actor).filter(received_at__gte=since)


def first_contacts_overdue(actor, *, urgent_only=False):
    """Open referrals with no first contact whose first-contact date has passed. Urgent referrals
    run on the same clock as routine ones (the partnership sets one clock); ``urgent_only`` keeps
    the urgent ones, so a manager sees them apart."""
    referrals = (
        Referral.objects.visible_to(actor)
        .open()
        .filter(first_contact_at__isnull=True, first_contact_due__lt=timezone.localdate())
    )
    return referrals.filter(urgency="urgent") if urgent_only else referrals


def _in_view(actor, view):
    """The hub's queue for one of ``FILTERS``: received today or this week counts every referral
    received then, open or not; every other view counts open ones only."""
    if view == "today":
        return received_since(actor, start_of_today())
    if view == "week":
        return received_since(actor, start_of_week())
    if view == "overdue":
        return first_contacts_overdue(actor)
    if view == "overdue_urgent":
        return first_contacts_overdue(actor, urgent_only=True)
    referrals = Referral.objects.visible_to(actor).open()
    if view == "unallocated":
        return referrals.filter(allocated_to__isnull=True)
    if view == "mine":
        return referrals.filter(allocated_to=actor.user)
    return referrals


def queue(actor, view="open", page=1):
    """Open referrals: carers in crisis first, then urgent ones, then by when first contact is
    due."""
    if not actor.has_role(*HUB_ROLES):
        # A partner's own referrals, newest first: neither a filter nor the order may tell it who
        # at the hub has one, or that the hub rated the carer in crisis (ADR 23).
        referrals = Referral.objects.visible_to(actor).open()
        return paginate(_with_rows(referrals).order_by("-received_at", "pk"), page)
    # Carers in crisis (their confirmed breakdown risk) first, then urgent referrals.
    first = Case(
        When(carer__breakdown_risk="crisis", then=Value(0)),
        When(urgency="urgent", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    referrals = _with_rows(_in_view(actor, view))
    return paginate(referrals.order_by(first, "first_contact_due", "received_at", "pk"), page)


def _with_rows(referrals):
    return referrals.select_related("allocated_to", "referring_organisation")


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
