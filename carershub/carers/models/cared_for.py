"""The people carers look after, and the caring relationships between them (many to many)."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from carershub.carers.models.carer import RECORD_ROLES, Carer
from carershub.core.encrypted_fields import EncryptedCharField, LookupHashField
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation


class Condition(models.TextChoices):
    DEMENTIA = "dementia", "Dementia"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    AUTISM = "autism", "Autism"
    MENTAL_HEALTH = "mental_health", "Mental health"
    PHYSICAL_DISABILITY = "physical_disability", "Physical disability"
    FRAILTY = "frailty", "Frailty"
    LONG_TERM_CONDITION = "long_term_condition", "Long-term condition"
    TERMINAL_ILLNESS = "terminal_illness", "Terminal illness"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    OTHER = "other", "Other"


class Relationship(models.TextChoices):
    """Who the cared-for person is to the carer ("Ada cares for her partner")."""

    PARTNER = "partner", "Partner"
    PARENT = "parent", "Parent"
    CHILD = "child", "Child"
    SIBLING = "sibling", "Brother or sister"
    OTHER_RELATIVE = "other_relative", "Other relative"
    FRIEND_OR_NEIGHBOUR = "friend", "Friend or neighbour"


class CaredForQuerySet(ScopedQuerySet):
    def visible_to(self, actor, purpose):
        """People cared for by a carer the actor may see for a purpose, or held by the actor's
        organisation."""
        if not actor.is_authenticated or actor.organisation is None:
            return self.none()
        visible_carers = Carer.objects.visible_to(actor, purpose).values("pk")
        linked = Exists(
            CaringRelationship.objects.filter(cared_for=OuterRef("pk"), carer__in=visible_carers)
        )

        held = (
            Q(holding_organisation=actor.organisation)
            if actor.has_role(*RECORD_ROLES)
            else Q(pk__in=[])
        )
        return self.filter(held | Q(linked))


class CaredForPerson(models.Model):
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = EncryptedCharField("NHS number", max_length=10, blank=True)
    nhs_number_lookup = LookupHashField(source="nhs_number")
    conditions = models.JSONField(
        default=list, blank=True, help_text="Condition categories (see Condition)."
    )
    postcode = models.CharField(max_length=10, blank=True)
    council_person_id = models.CharField(
        "council's person ID",
        max_length=40,
        blank=True,
        help_text="The council's own identifier for this person, where the hub holds it: it "
        "links the carer to them in the council's Client Level Data return.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    unscoped = models.Manager()
    objects = scoped_manager_for(CaredForQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["family_name", "given_name"]
        verbose_name = "cared-for person"

    def __str__(self):
        return f"Cared-for person {self.pk}"

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    def condition_labels(self):
        return [Condition(c).label for c in self.conditions if c in Condition.values]


class CaringRelationship(models.Model):
    """One carer caring for one person. A person may have several carers, a carer several people."""

    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="relationships"
    )
    cared_for = models.ForeignKey(
        CaredForPerson, on_delete=models.CASCADE, related_name="relationships"
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    # Recorded, never inferred from the relationship: a special guardian has parental responsibility
    # for a child who is not theirs, and a carer may have none for their own. It decides whether a
    # parent carer's needs assessment (Children Act 1989 s17ZD) applies. None: not recorded.
    parental_responsibility = models.BooleanField(null=True, blank=True)
    lives_together = models.BooleanField(default=False)
    is_main_carer = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    responsible_council = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The council responsible for supporting this caring (ADR 10): where the person "
        "cared for ordinarily lives (for a child, where the child lives).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["carer", "cared_for"], name="one_relationship_per_pair"
            ),
        ]

    def __str__(self):
        return f"Carer {self.carer_id} cares for {self.cared_for_id}"
