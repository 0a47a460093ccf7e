"""A secure link that lets a carer open the written copy of their assessment and plan."""

from django.conf import settings
from django.db import models

from carershub.partnerships.models import Organisation

MAX_FAILED_CHECKS = 5


class DocumentLink(models.Model):
    """The carer's copy is never attached to a message: they get a link that expires, and they
    confirm their date of birth before it opens. Only a hash of the link's secret is stored."""

    token_hash = models.CharField(max_length=64, unique=True)
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="document_links"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="document_links"
    )
    channel = models.CharField(max_length=10, help_text="How the link was sent: email or sms.")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    times_opened = models.PositiveIntegerField(default=0)
    failed_checks = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    # System code only: the public page finds a link by its secret,
    # staff pages through the assessment.
    objects = models.Manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Link {self.pk} for {self.assessment_id}"

    @property
    def is_locked(self):
        return self.failed_checks >= MAX_FAILED_CHECKS
