"""An assessment of a carer's needs: one of the statutory kinds, answered section by section."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carershub.assessments.situations import AssessmentType, Regulation3, label_for
from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.encrypted_fields import EncryptedJSONField
from carershub.core.references import make_reference
from carershub.core.scoping import scoped_manager_for
from carershub.partnerships.models import Organisation


def new_assessment_reference():
    return make_reference("A")


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class Method(models.TextChoices):
    """How an assessment or review was carried out (asked when it is completed)."""

    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE = "phone", "By phone"
    VIDEO = "video", "By video call"
    SUPPORTED_SELF = "supported_self", "Supported self-assessment"


class Participants(models.TextChoices):
    """Who took part: the carer alone, or the carer with the person they care for."""

    CARER_ONLY = "carer_only", "The carer only"
    WITH_CARED_FOR = "with_cared_for", "The carer with the person they care for"


class AssessmentQuerySet(CaseworkQuerySet):
    def open(self):
        return self.filter(status=Status.IN_PROGRESS)


class Assessment(models.Model):
    reference = models.CharField(
        max_length=12, unique=True, default=new_assessment_reference, editable=False
    )
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey("carers.Carer", on_delete=models.CASCADE, related_name="assessments")
    type = models.CharField(max_length=30, choices=AssessmentType.choices)
    regulation_3 = models.CharField(
        max_length=10,
        choices=[(r.value, r.value) for r in Regulation3],
        help_text="Whether the eligibility criteria (SI 2015/313 reg 3) apply: now, at 18, or "
        "not at all.",
    )
    cared_for = models.ManyToManyField(
        "carers.CaredForPerson",
        blank=True,
        related_name="+",
        help_text="The people whose care this assessment is about.",
    )
    # DO_NOTHING, not RESTRICT or PROTECT: a self-reference that Django collects makes it unable to
    # order a carer's deletion (it would delete the carer before their assessments). The database's
    # deferred foreign key still refuses to delete an assessment that a remaining review names.
    reviews = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="reviewed_by",
        help_text="For a review: the assessment it reviews.",
    )
    reviewed_type = models.CharField(
        max_length=30,
        choices=AssessmentType.choices,
        blank=True,
        help_text="For a review: the kind of assessment under review (a review of a review keeps "
        "the first kind).",
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        help_text="The referral whose clock this assessment answers (started within the target).",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.IN_PROGRESS, db_index=True
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The named practitioner responsible for the assessment.",
    )
    answers = EncryptedJSONField(
        default=dict,
        blank=True,
        help_text="Answers by section, as each section's form cleans them.",
    )
    sections_done = models.JSONField(
        default=list, blank=True, help_text="Sections marked as completed."
    )
    sections_from_carer = models.JSONField(
        default=list,
        blank=True,
        help_text="Sections the carer filled in themselves (supported self-assessment).",
    )
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_reason = models.CharField(max_length=200, blank=True)
    method = models.CharField(
        max_length=20,
        choices=Method.choices,
        blank=True,
        help_text="How it was carried out: face to face, by phone, by video, or supported "
        "self-assessment.",
    )
    participants = models.CharField(
        max_length=20,
        choices=Participants.choices,
        blank=True,
        help_text="Who took part: the carer only, or with the person they care for.",
    )
    responsible_council = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The council responsible (ADR 10): where the cared-for adult ordinarily lives; "
        "for a Children Act assessment, where the young carer or the disabled child lives.",
    )
    # A carer's assessment made at 18 from a completed transition assessment, which the Care Act
    # lets the council treat as a carer's assessment (ss60-64; see ADR 9); it then gets its
    # regulation 3 determination.
    carried_forward_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="carried_forward_as",
        help_text="The transition assessment this carer's assessment carries forward at 18.",
    )
    version = models.PositiveIntegerField(default=1)

    unscoped = models.Manager()
    objects = scoped_manager_for(AssessmentQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["holding_organisation", "status", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="completed_assessment_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(type="review") | (Q(reviews__isnull=False) & ~Q(reviewed_type="")),
                name="review_names_what_it_reviews",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def type_label(self):
        return label_for(self.type, self.reviewed_type or None)

    @property
    def kind(self):
        """The kind of assessment whose sections this one asks (for a review, the kind reviewed)."""
        return self.reviewed_type if self.type == AssessmentType.REVIEW else self.type

    @property
    def is_open(self):
        return self.status == Status.IN_PROGRESS
