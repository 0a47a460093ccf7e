"""Lawful basis for holding a record, and the carer's consent to share it: kept apart.

The hub's lawful basis for processing (UK GDPR Article 6 with an Article 9 condition for health
data) does not depend on consent. Consent to *share* with a partner organisation is a separate,
revocable choice the carer makes, recorded with who gave it, on what footing and who recorded it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from carershub.partnerships.models import Organisation


class LawfulBasis(models.TextChoices):
    PUBLIC_TASK = (
        "public_task",
        "Public task (Article 6(1)(e)) with health or social care (Article 9(2)(h))",
    )
    LEGITIMATE_INTERESTS = (
        "legitimate_interests",
        "Legitimate interests (Article 6(1)(f)) with health or social care (Article 9(2)(h))",
    )
    CONSENT = "consent", "Consent (Article 6(1)(a)) with explicit consent (Article 9(2)(a))"


class SharingPurpose(models.TextChoices):
    CARE_AND_SUPPORT = "care_and_support", "Planning and giving care and support"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Involving them in hospital admission and discharge"
    GP_RECORD = "gp_record", "Recording them as a carer at their GP practice"
    SCHOOL_SUPPORT = "school_support", "Support at school or college"
    ASSESSMENT = "assessment", "Carrying out a statutory assessment"
    EMERGENCY = "emergency", "Using their emergency plan in an emergency"


# The purpose hub staff read a record for: their own work under the hub's lawful basis (ADR 36).
# It is no SharingPurpose, so no consent can hold it and a partner never sees a record through a
# page asking for it.
HUB_RECORD = "hub_record"


class GivenBy(models.TextChoices):
    CARER = "carer", "The carer"
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "A person with parental responsibility"


class CompetenceBasis(models.TextChoices):
    ADULT = "adult", "Adult (18 or over) with capacity"
    GILLICK_COMPETENT = "gillick", "Under 18 and competent to decide (Gillick competent)"
    NOT_COMPETENT = "not_competent", "Under 18 and not competent to decide"


def for_purpose(purpose):
    """Consents whose purposes include this one; none for the hub's own purpose.

    ``purposes`` is a JSON list of fixed lower-case words, so the word in quotes is found in its
    text on every database (SQLite has no JSON containment lookup).
    """
    if purpose == HUB_RECORD:
        return Q(pk__in=[])
    return Q(purposes__icontains=f'"{SharingPurpose(purpose)}"')


class ConsentQuerySet(models.QuerySet):
    def active(self, today=None):
        """Consents in force today: not withdrawn, and not past their end date.

        The end date is compared here, not left to the job that stamps ``lapsed_at``, so access
        ends on the day even when the job runs late or not at all.
        """
        today = today or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=today)
        )


class ConsentToShare(models.Model):
    """Consent for one partner organisation to see the record, for some purposes.

    Rows are never edited away: a withdrawal stamps ``withdrawn_at``, and a renewed consent is a
    new row, so the full history stays. Withdrawing one purpose of several withdraws the row and
    records a new one with the rest, which ``replaces`` it.
    """

    carer = models.ForeignKey("carers.Carer", on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    purposes = models.JSONField(default=list, help_text="SharingPurpose values.")
    given_by = models.CharField(max_length=30, choices=GivenBy.choices)
    given_by_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Name of the person with parental responsibility, if they gave it.",
    )
    competence = models.CharField(max_length=20, choices=CompetenceBasis.choices)
    given_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="The consent is not in force from this date."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        help_text="The consent this one took over when a purpose was withdrawn.",
    )
    # Stamped by the daily job, for the history: ``ends_on`` alone already ends access.
    lapsed_at = models.DateTimeField(null=True, blank=True)
    ending_warned_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "carer"],
                condition=Q(withdrawn_at__isnull=True),
                name="active_consent_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(given_by="parental_responsibility") | ~Q(given_by_name=""),
                name="parental_consent_names_the_parent",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("given_on")),
                name="consent_ends_on_or_after_given",
            ),
        ]

    def __str__(self):
        return f"Consent {self.pk} for carer {self.carer_id} to share with {self.organisation_id}"

    @property
    def is_active(self):
        return self.withdrawn_at is None and not self.has_ended()

    def has_ended(self, today=None):
        return self.ends_on is not None and self.ends_on <= (today or timezone.localdate())

    def purpose_labels(self):
        return [SharingPurpose(p).label for p in self.purposes if p in SharingPurpose.values]
