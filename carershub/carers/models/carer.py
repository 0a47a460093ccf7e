"""A carer known to the hub, and who may see their record."""

import datetime as dt

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.carers.models.choices import (
    ClosedReason,
    ContactMethod,
    Disability,
    Ethnicity,
    HoursBand,
    PreferredFormat,
    Religion,
    Sex,
    SexualOrientation,
    Status,
    WorkStatus,
    YesNoPreferNot,
)
from carershub.carers.models.consent import (
    HUB_RECORD,
    ConsentToShare,
    SharingPurpose,
    for_purpose,
)
from carershub.carers.rules import age_on, carer_types
from carershub.core.encrypted_fields import EncryptedCharField, LookupHashField
from carershub.core.references import make_reference
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation

# Roles that work with carers' records: at the holding organisation always; at a partner
# organisation only with the carer's consent to share with it. Commissioners never see records.
RECORD_ROLES = (Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER)
PARTNER_ROLES = (Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER, Role.PARTNER_REFERRER)


def new_reference():
    """An unguessable public reference such as ``C-7KQ2-MX9P``."""
    return make_reference("C")


class CarerQuerySet(ScopedQuerySet):
    def visible_to(self, actor, purpose):
        """Carers the actor may see for a purpose: held by their organisation, or shared with it
        by consent for that purpose.

        Purposes bind partners, not the hub (ADR 36): the holding organisation's staff see its
        carers under the hub's lawful basis whatever the purpose; a partner sees a carer only
        through an active consent with its organisation that includes ``purpose``. There is no
        default, so no one asks for carers without saying why.

        This is the one place consent is checked: withdrawing consent, or one of its purposes,
        removes the record from every page, search and export of the partner at once. It is also
        where the carers of an import still being published are kept out of sight until the
        whole import is in.
        """
        if purpose != HUB_RECORD and purpose not in SharingPurpose.values:
            raise ValueError(f"{purpose!r} is not a purpose a carer's record is read for.")
        if not actor.is_authenticated or actor.organisation is None:
            return self.none()
        # Not part of an unfinished import.
        published = self.filter(publishing_import_id__isnull=True)
        held = (
            Q(holding_organisation=actor.organisation)
            if actor.has_role(*RECORD_ROLES)
            else Q(pk__in=[])
        )
        if actor.has_role(*PARTNER_ROLES):
            shared = Exists(
                ConsentToShare.objects.active().filter(
                    for_purpose(purpose), carer=OuterRef("pk"), organisation=actor.organisation
                )
            )
            return published.filter(held | Q(shared))
        return published.filter(held)


class Carer(models.Model):
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    holding_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that holds the record (the hub provider).",
    )

    # About them
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = EncryptedCharField("NHS number", max_length=10, blank=True)
    nhs_number_lookup = LookupHashField(source="nhs_number")

    # How to reach them
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    mobile = models.CharField(max_length=30, blank=True)
    preferred_contact_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, blank=True
    )
    preferred_format = models.CharField(
        max_length=20, choices=PreferredFormat.choices, default=PreferredFormat.STANDARD
    )
    language = models.CharField(max_length=60, blank=True, default="English")
    address_line_1 = models.CharField(max_length=120, blank=True)
    address_line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    # True while a ContactRestriction is in force: the address, postcode, phone numbers and email
    # are then shown only to its named workers and the holding organisation's hub managers.
    contact_restricted = models.BooleanField(default=False)

    # Their caring and their life
    gp_practice = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "gp_practice"},
    )
    school = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "school"},
        help_text="School or college, for young carers.",
    )
    work_status = models.CharField(max_length=20, choices=WorkStatus.choices, blank=True)
    hours_band = models.CharField(max_length=12, choices=HoursBand.choices, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    caring_since = models.DateField(null=True, blank=True)
    children_at_home = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Other children under 18 living at home."
    )
    responsible_council = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"type": "council_asc"},
        help_text="The council where the cared-for adult ordinarily lives.",
    )

    # Where the record stands
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    closed_reason = models.CharField(max_length=20, choices=ClosedReason.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    breakdown_risk = models.CharField(
        max_length=10,
        blank=True,
        db_index=True,
        help_text="The latest confirmed risk that caring breaks down (low, medium, high, crisis); "
        "kept by the assessments app so queues can put crisis cases first.",
    )
    lawful_basis = models.CharField(max_length=30, blank=True)
    key_worker = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The worker whose caseload the carer is on.",
    )

    # Where the record came from, when imported from another case system: running the same
    # import twice matches on these and adds nothing.
    source_system = models.CharField(max_length=60, blank=True)
    source_record_id = models.CharField(max_length=100, blank=True)
    # The import adding this record, while it is still being added (ADR 29): hidden from every
    # page, list and search until the whole import is published, and removed if it fails. A plain
    # id, not a foreign key: the register does not depend on the imports app.
    publishing_import_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, editable=False
    )
    # Set when this record was merged into another (a duplicate); the record is kept for undo.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every save through a service; a save from a stale page is refused (see services).
    version = models.PositiveIntegerField(default=1)

    unscoped = models.Manager()
    objects = scoped_manager_for(CarerQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["family_name", "given_name"]
        indexes = [
            # Search ranks the carers found in the key index by these columns alone, so both
            # databases read them from this index and never visit the carer rows (ADR 7). No index
            # may lead with the name columns: PostgreSQL 15 would walk it in name order for a
            # ranked page and read the whole register before the first row (its window-function
            # costing assumes a LIMIT stops early).
            models.Index(
                fields=["id", "holding_organisation", "merged_into", "family_name", "given_name"],
                name="carer_search_ranking",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active") | ~Q(closed_reason="") | Q(status="ex_carer"),
                name="closed_carer_has_reason",
            ),
            models.UniqueConstraint(
                fields=["holding_organisation", "source_system", "source_record_id"],
                condition=~Q(source_record_id=""),
                name="one_record_per_source_id",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def known_as(self):
        return self.preferred_name or self.given_name

    def types(self, today=None):
        """The kinds of carer they are today (young, young adult, adult, parent, older,
        ex-carer).
        """
        return carer_types(
            self.date_of_birth,
            cares_for_disabled_child=getattr(self, "cares_for_disabled_child", False),
            is_ex_carer=self.status == Status.EX_CARER,
            today=today or timezone.localdate(),
        )

    @property
    def age(self):
        return age_on(self.date_of_birth, dt.date.today()) if self.date_of_birth else None


class EqualityMonitoring(models.Model):
    """Equality questions (ONS Census 2021 wording), each with "prefer not to say"."""

    carer = models.OneToOneField(Carer, on_delete=models.CASCADE, related_name="equality")
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    sex = models.CharField(max_length=12, choices=Sex.choices, blank=True)
    gender_same_as_sex_at_birth = models.CharField(
        max_length=12, choices=YesNoPreferNot.choices, blank=True
    )
    sexual_orientation = models.CharField(
        max_length=12, choices=SexualOrientation.choices, blank=True
    )
    religion = models.CharField(max_length=12, choices=Religion.choices, blank=True)
    disability = models.CharField(max_length=14, choices=Disability.choices, blank=True)
    served_in_armed_forces = models.CharField(
        max_length=12, choices=YesNoPreferNot.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Equality monitoring for {self.carer_id}"
