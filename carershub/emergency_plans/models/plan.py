"""A carer's emergency plan: what the person they care for needs if the carer suddenly cannot
care, who steps in, and whom to call. One aggregate: the plan and its emergency contacts."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.encrypted_fields import EncryptedTextField
from carershub.core.references import make_reference
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation


def new_emergency_plan_reference():
    return make_reference("E")


# What stops a draft plan being made active (see EmergencyPlan.activation_problems).
NEEDS_CONSENT = "Record that the carer agrees the plan may be used in an emergency"
NEEDS_CONTACT = "Add at least one emergency contact"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class EmergencyPlanQuerySet(CaseworkQuerySet):
    def open(self):
        """Plans not ended: a draft being written, or the active plan."""
        return self.exclude(status=PlanStatus.ENDED)


class EmergencyPlan(models.Model):
    reference = models.CharField(
        max_length=12, unique=True, default=new_emergency_plan_reference, editable=False
    )
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="emergency_plans"
    )
    cared_for = models.ForeignKey(
        "carers.CaredForPerson",
        on_delete=models.CASCADE,
        related_name="emergency_plans",
        help_text="The person whose care the plan covers.",
    )

    # What the person cared for needs if the carer cannot be there.
    medication = EncryptedTextField(
        blank=True, help_text="What they take, when, and where it is kept."
    )
    routines = EncryptedTextField("Daily routines", blank=True)
    communication = EncryptedTextField(blank=True)
    mobility = EncryptedTextField(blank=True)
    other_needs = EncryptedTextField("Anything else", blank=True)
    replacement_care = EncryptedTextField(
        blank=True,
        help_text="Who steps in to care, and how to reach them.",
    )

    # The carer agrees the plan may be used in an emergency. Recorded whether they agree or not,
    # with who recorded it and when.
    consent_to_use = models.BooleanField(default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    status = models.CharField(
        max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the plan was last gone through with the carer.",
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_reason = models.CharField(max_length=500, blank=True)

    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Raised by every change through a service; a save from a stale page is refused.
    version = models.PositiveIntegerField(default=1)

    unscoped = models.Manager()
    objects = scoped_manager_for(EmergencyPlanQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["holding_organisation", "carer", "status"])]
        constraints = [
            # A second plan for the same person would leave whoever steps in unsure which to follow.
            models.UniqueConstraint(
                fields=["carer", "cared_for"],
                condition=~Q(status="ended"),
                name="one_open_emergency_plan_per_person_cared_for",
            ),
            models.CheckConstraint(
                condition=~Q(status="active")
                | (Q(consent_to_use=True) & Q(consent_recorded_at__isnull=False)),
                name="active_emergency_plan_has_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | Q(ended_at__isnull=False),
                name="ended_emergency_plan_has_date",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status != PlanStatus.ENDED

    def activation_problems(self):
        """What stops the plan being made active, in plain words (empty when it can be).

        Reads the contacts through ``self.contacts.all()`` so that a page which prefetched them
        asks the database nothing more.
        """
        problems = []
        if not self.consent_to_use:
            problems.append(NEEDS_CONSENT)
        if not self.contacts.all():
            problems.append(NEEDS_CONTACT)
        return problems


class EmergencyContactQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Contacts of the plans the actor may see (they are people the carer named, not staff)."""
        return self.filter(plan__in=EmergencyPlan.objects.visible_to(actor).values("pk"))


class EmergencyContact(models.Model):
    """Someone to call in an emergency, in the order the carer wants them called."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    relationship = models.CharField(
        max_length=100, help_text="Who they are to the carer, like daughter or neighbour."
    )
    phone = models.CharField(max_length=20)
    alternative_phone = models.CharField(max_length=20, blank=True)
    can_hold_keys = models.BooleanField(
        default=False, help_text="They hold a key, or can let someone in."
    )
    order = models.PositiveSmallIntegerField(default=1, help_text="1 is called first.")

    unscoped = models.Manager()
    objects = scoped_manager_for(EmergencyContactQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"Emergency contact {self.pk}"
