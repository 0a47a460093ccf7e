"""The retention schedule (held as data), legal holds on carers' records, and the mark left on a
record the retention job anonymised."""

from django.conf import settings
from django.db import models


class AppliesTo(models.TextChoices):
    CLOSED_CARER = "closed_carer", "Closed carer record (adult)"
    YOUNG_CARER = "young_carer", "Young carer record"
    REFERRAL_NOT_PROGRESSED = "referral_not_progressed", "Referral not progressed"
    HELPLINE_CONTACT = "helpline_contact", "Anonymous helpline contact"
    AUDIT_LOG = "audit_log", "Audit log entry"


class RunsFrom(models.TextChoices):
    CLOSURE = "closure", "The date the record was closed"
    CLOSURE_OR_25TH_BIRTHDAY = (
        "closure_or_25th",
        "Their 25th birthday or the closure date, whichever is later",
    )
    REFERRAL_DATE = "referral_date", "The date the referral was received"
    CONTACT_DATE = "contact_date", "The date of the contact"
    ENTRY_DATE = "entry_date", "The date of the entry"


class Action(models.TextChoices):
    ERASE = "erase", "Erase"
    ANONYMISE = "anonymise", "Anonymise"
    REVIEW = "review", "Review (not applied by the daily job)"


class RetentionRuleQuerySet(models.QuerySet):
    def in_force(self, on):
        """The rule in force for each kind of record on a date: the latest effective one."""
        rules = {}
        for rule in self.filter(effective_from__lte=on).order_by(
            "applies_to", "-effective_from", "-pk"
        ):
            rules.setdefault(rule.applies_to, rule)
        return rules


class RetentionRule(models.Model):
    """How long one kind of record is kept, from which event, and what happens then.

    Rules are never edited away: a change is a new rule with a later ``effective_from``, so the
    schedule in force on any past date can be shown.
    """

    applies_to = models.CharField(max_length=30, choices=AppliesTo.choices)
    period_months = models.PositiveIntegerField(
        help_text="How long after the event the record is kept."
    )
    runs_from = models.CharField(max_length=20, choices=RunsFrom.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    source = models.TextField(help_text="Where the period comes from, and why.")
    effective_from = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RetentionRuleQuerySet.as_manager()

    class Meta:
        ordering = ["applies_to", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["applies_to", "effective_from"], name="one_rule_per_kind_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.get_applies_to_display()}: {self.period_months} months, {self.action}"

    @property
    def period_in_words(self):
        years, months = divmod(self.period_months, 12)
        parts = []
        if years:
            parts.append(f"{years} year{'s' if years != 1 else ''}")
        if months:
            parts.append(f"{months} month{'s' if months != 1 else ''}")
        return " and ".join(parts) or "no time"


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """A hold on a carer's record (a claim, a complaint, an investigation): while it is in place
    the retention job leaves the record alone. Lifting it keeps the row, so the history stays."""

    carer = models.ForeignKey("carers.Carer", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_reason = models.TextField(blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at", "-pk"]

    def __str__(self):
        return f"Legal hold {self.pk} on carer {self.carer_id}"

    @property
    def is_active(self):
        return self.lifted_at is None


class Anonymisation(models.Model):
    """The mark left on a carer record the retention job anonymised, so it is done only once."""

    carer = models.OneToOneField(
        "carers.Carer", on_delete=models.CASCADE, related_name="anonymisation"
    )
    rule = models.ForeignKey(RetentionRule, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Carer {self.carer_id} anonymised under rule {self.rule_id}"
