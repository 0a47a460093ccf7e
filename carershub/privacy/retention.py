"""The retention schedule applied: which records are past their period on a day.

System code, used by the daily job, the dry-run command and (through selectors) the schedule page.
"""

import datetime as dt

from django.db.models import PROTECT
from django.utils import timezone

from carershub.audit.models import AuditLog
from carershub.carers.models import Carer, Contact, Merge
from carershub.carers.models.choices import Status as CarerStatus
from carershub.privacy.models import AppliesTo, LegalHold, RetentionRule
from carershub.referrals.models import Referral


def add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def birthday(date_of_birth, age):
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:  # born on 29 February
        return date_of_birth.replace(year=date_of_birth.year + age, day=28)


def was_young_carer(carer):
    """Registered before their 18th birthday."""
    if carer.date_of_birth is None:
        return False
    return timezone.localdate(carer.created_at) < birthday(carer.date_of_birth, 18)


def retention_ends(carer, rule):
    """The first day the carer's record is past its retention period under the rule."""
    closed_on = timezone.localdate(carer.closed_at)
    ends = add_months(closed_on, rule.period_months)
    if rule.applies_to == AppliesTo.YOUNG_CARER:
        ends = max(ends, birthday(carer.date_of_birth, 25))
    return ends


def _cutoff(today, rule):
    """The end of the last day whose records are past the rule's period today."""
    return timezone.make_aware(
        dt.datetime.combine(add_months(today, -rule.period_months), dt.time.max)
    )


def _held_by(queryset, organisation, field="holding_organisation"):
    return queryset if organisation is None else queryset.filter(**{field: organisation})


# Records with their own, longer retention that keep their carer's record as it is while they exist:
# safeguarding concerns (Care Act 2014 s42 enquiries, child protection) are kept for far longer
# than support records, and must still say whom they are about.
KEPT_WITH_THEIR_CARER = {"safeguarding.Concern"}


def protecting_relations():
    """Relations whose rows keep their carer from erasure and anonymisation, as a legal hold does:
    those that forbid deleting the carer (PROTECT) and those named in ``KEPT_WITH_THEIR_CARER``.
    Merges are not among them: they are the hub's own bookkeeping, removed with the record."""
    return [
        rel
        for rel in Carer._meta.related_objects
        if rel.related_model not in (Carer, Merge)
        and (rel.on_delete is PROTECT or rel.related_model._meta.label in KEPT_WITH_THEIR_CARER)
    ]


def closed_carers(rule, today, organisation=None):
    """Closed carer records past their period under this rule, not on hold, not protected by
    another record, and not yet anonymised."""
    candidates = Carer.unscoped.filter(
        status__in=[CarerStatus.CLOSED, CarerStatus.EX_CARER],
        closed_at__isnull=False,
        closed_at__lte=_cutoff(today, rule),
        anonymisation__isnull=True,
    ).exclude(pk__in=LegalHold.objects.active().values("carer"))
    for rel in protecting_relations():
        candidates = candidates.exclude(
            pk__in=rel.related_model._base_manager.values(rel.field.name)
        )
    candidates = _held_by(candidates.order_by("pk"), organisation)
    young = rule.applies_to == AppliesTo.YOUNG_CARER
    return [
        c for c in candidates if was_young_carer(c) == young and retention_ends(c, rule) <= today
    ]


def referrals_not_progressed(rule, today, organisation=None):
    """Referrals that never became a carer's record, received before the period began."""
    referrals = Referral.unscoped.filter(carer__isnull=True, received_at__lte=_cutoff(today, rule))
    return list(_held_by(referrals, organisation).order_by("pk"))


def helpline_contacts(rule, today, organisation=None):
    """Anonymous helpline contacts (on no carer's record) from before the period began."""
    contacts = Contact.unscoped.filter(carer__isnull=True, happened_at__lte=_cutoff(today, rule))
    return list(_held_by(contacts, organisation).order_by("pk"))


def audit_entries(rule, today, organisation=None):
    """Audit entries past the period: counted, never deleted by the job (see the rule's source)."""
    entries = AuditLog.objects.filter(occurred_at__lte=_cutoff(today, rule))
    return _held_by(
        entries, None if organisation is None else organisation.pk, "actor_organisation_id"
    )


FINDERS = {
    AppliesTo.CLOSED_CARER: closed_carers,
    AppliesTo.YOUNG_CARER: closed_carers,
    AppliesTo.REFERRAL_NOT_PROGRESSED: referrals_not_progressed,
    AppliesTo.HELPLINE_CONTACT: helpline_contacts,
    AppliesTo.AUDIT_LOG: audit_entries,
}


def due(today=None, organisation=None):
    """[(rule, records)] for every rule in force today: the records past their period."""
    today = today or timezone.localdate()
    rules = sorted(
        RetentionRule.objects.in_force(today).values(),
        key=lambda r: list(AppliesTo.values).index(r.applies_to),
    )
    return [(rule, FINDERS[rule.applies_to](rule, today, organisation)) for rule in rules]


def how_many(records):
    return len(records) if isinstance(records, list) else records.count()
