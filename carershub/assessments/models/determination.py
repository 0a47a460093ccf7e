"""The eligibility determination: what the answers suggest and what the named assessor decided."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carershub.assessments.eligibility import Decision
from carershub.core.encrypted_fields import EncryptedTextField


class EligibilityDetermination(models.Model):
    """Regulation 3 of SI 2015/313 applied to one assessment.

    The hub suggests; a named practitioner decides. Both are kept, and a decision that differs
    from the suggestion (or is made without one) carries the practitioner's reasons.
    """

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="determination"
    )
    at_18 = models.BooleanField(
        default=False,
        help_text="A transition assessment: whether the needs are likely to be eligible at 18.",
    )
    suggested = models.CharField(
        max_length=20,
        choices=Decision.choices,
        blank=True,
        help_text="Empty when the answers were not enough to suggest.",
    )
    suggestion_reasons = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reasons = EncryptedTextField(
        blank=True, help_text="Required when the decision differs from the suggestion."
    )
    # Care Act 2014 s13(5): a carer whose needs are not eligible gets written information and advice
    # about what can be done to meet or reduce them, and to prevent or delay further needs.
    information_and_advice = EncryptedTextField(
        blank=True,
        help_text="Required for a not-eligible decision: the written information and advice given.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(decision=models.F("suggested")) | ~Q(reasons=""),
                name="override_has_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(decision="not_eligible") | ~Q(information_and_advice=""),
                name="not_eligible_has_information_and_advice",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} ({self.assessment_id})"

    @property
    def overrides_suggestion(self):
        return self.decision != self.suggested
