"""A partnership of councils, the NHS, schools and voluntary organisations, and its helpline."""

from django.conf import settings
from django.db import models


class OrganisationType(models.TextChoices):
    COUNCIL_ADULT_SOCIAL_CARE = "council_asc", "Council adult social care"
    CHILDRENS_SERVICES = "childrens_services", "Children's trust or children's services"
    INTEGRATED_CARE_BOARD = "icb", "Integrated care board"
    HOSPITAL_TRUST = "hospital_trust", "Hospital trust"
    GP_PRACTICE = "gp_practice", "GP practice"
    SCHOOL_OR_COLLEGE = "school", "School or college"
    HUB_PROVIDER = "hub_provider", "Carers hub provider"
    VOLUNTARY_ORGANISATION = "voluntary", "Voluntary or community organisation"
    EMPLOYER = "employer", "Employer"


class PartnershipQuerySet(models.QuerySet):
    def current(self):
        """The partnership this hub serves: the one named in settings, or the first."""
        slug = getattr(settings, "HUB_PARTNERSHIP_SLUG", "")
        qs = self.filter(slug=slug) if slug else self.order_by("pk")
        return qs.first()


class Partnership(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True, help_text="Shown on the public start page.")
    helpline_phone = models.CharField(max_length=40, blank=True)
    helpline_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    # Referral clocks (a commissioner's targets; each partnership sets its own).
    first_contact_working_days = models.PositiveSmallIntegerField(
        default=5, help_text="First contact with a referred carer within this many working days."
    )
    assessment_start_days = models.PositiveSmallIntegerField(
        default=14, help_text="Assessment started within this many calendar days of the referral."
    )
    plan_within_days = models.PositiveSmallIntegerField(
        default=7,
        help_text="Support plan agreed within this many calendar days of the assessment's "
        "completion.",
    )
    review_within_months = models.PositiveSmallIntegerField(
        default=12, help_text="Support plan reviewed within this many months of the plan."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by every save of the settings page, so two managers saving at once cannot both win.
    version = models.PositiveIntegerField(default=1)

    objects = PartnershipQuerySet.as_manager()

    def __str__(self):
        return self.name

    @property
    def hub_provider(self):
        return self.organisations.filter(type=OrganisationType.HUB_PROVIDER).order_by("pk").first()


class HelplineHours(models.Model):
    """One opening period of the helpline on one day of the week (0 = Monday)."""

    class Day(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="helpline_hours"
    )
    day = models.IntegerField(choices=Day.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["day", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="helpline_closes_after_opens"
            ),
        ]

    def __str__(self):
        return f"{self.get_day_display()} {self.opens}-{self.closes}"


class Organisation(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="organisations"
    )
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=30, choices=OrganisationType.choices)
    ods_code = models.CharField(
        "ODS code",
        max_length=12,
        blank=True,
        help_text="NHS Organisation Data Service code, where there is one.",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="organisation_name_unique_in_partnership"
            ),
        ]

    def __str__(self):
        return self.name
