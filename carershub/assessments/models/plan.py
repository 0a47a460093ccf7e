"""The support plan that follows an assessment: outcomes, agreed actions, services, contingency
and when it will be reviewed (Care Act 2014, ss24-25; Children Act 1989 for young carers)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.encrypted_fields import EncryptedTextField
from carershub.core.references import make_reference
from carershub.core.scoping import scoped_manager_for
from carershub.partnerships.models import Organisation


def new_plan_reference():
    return make_reference("P")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"
    ENDED = "ended", "Ended"


class ServiceKind(models.TextChoices):
    INFORMATION_AND_ADVICE = "information_and_advice", "Information and advice"
    BREAK = "break", "A carer's break (respite)"
    PERSONAL_BUDGET = "personal_budget", "Personal budget"
    DIRECT_PAYMENT = "direct_payment", "Carer's direct payment"
    GROUPS = "groups", "Carers' groups and peer support"
    ONE_TO_ONE = "one_to_one", "One-to-one support"
    ADVOCACY = "advocacy", "Advocacy"
    PASSPORT = "passport", "Carers passport"
    EMERGENCY_PLAN = "emergency_plan", "Emergency plan"
    OTHER = "other", "Something else"

    @classmethod
    def with_money(cls):
        return {cls.PERSONAL_BUDGET, cls.DIRECT_PAYMENT}


class Frequency(models.TextChoices):
    ONCE = "once", "Once"
    WEEKLY = "weekly", "Every week"
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Every month"
    YEARLY = "yearly", "Every year"


class SupportPlanQuerySet(CaseworkQuerySet):
    """The hub's casework (see ``CaseworkQuerySet``)."""


class SupportPlan(models.Model):
    reference = models.CharField(
        max_length=12, unique=True, default=new_plan_reference, editable=False
    )
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="support_plans"
    )
    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.RESTRICT, related_name="plan"
    )
    status = models.CharField(
        max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    outcomes = EncryptedTextField("Outcomes the carer wants", blank=True)
    contingency = EncryptedTextField(
        "Contingency arrangements",
        blank=True,
        help_text="What happens if the carer cannot care, for example in an emergency.",
    )
    review_due = models.DateField(
        help_text="When the plan will be reviewed (the partnership's target after the plan, 12 "
        "months by default; sooner if things change)."
    )
    review_brought_forward_because = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    unscoped = models.Manager()
    objects = scoped_manager_for(SupportPlanQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["holding_organisation", "status", "review_due"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="agreed") | Q(agreed_at__isnull=False),
                name="agreed_plan_has_date",
            ),
        ]

    def __str__(self):
        return self.reference


class PlanAction(models.Model):
    """Something agreed: who does what, by when."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=300)
    who = models.CharField(max_length=200)
    by_when = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["by_when", "pk"]

    def __str__(self):
        return self.what


class PlanService(models.Model):
    """A service in the plan; a personal budget or direct payment has an amount and how often."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(max_length=30, choices=ServiceKind.choices)
    details = models.CharField(max_length=300, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    frequency = models.CharField(max_length=15, choices=Frequency.choices, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["personal_budget", "direct_payment"])
                | (Q(amount__isnull=False) & ~Q(frequency="")),
                name="money_has_amount_and_frequency",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="amount_is_positive"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()
