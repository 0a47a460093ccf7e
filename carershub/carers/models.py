"""A carer known to the hub. The register issue grows this record; its scoping rule lives here."""

import secrets

from django.db import models

from carershub.accounts.models import Role
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation

# Unambiguous characters only (no 0/O, 1/I/L), so a reference read over the phone is typed right.
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference():
    """An unguessable public reference such as ``C-7KQ2-MX9P``."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"C-{chars[:4]}-{chars[4:]}"


class CarerQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Carers held by the actor's organisation, for staff who work with carers.

        Partner organisations will see a carer only with the carer's consent to share
        (the consent check joins here when the register lands).
        """
        if not actor.is_authenticated or actor.organisation is None:
            return self.none()
        if not actor.has_role(Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER):
            return self.none()
        return self.filter(holding_organisation=actor.organisation)


class Carer(models.Model):
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    holding_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that holds the record (the hub provider).",
    )
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(CarerQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["family_name", "given_name"]

    def __str__(self):
        return self.reference

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"
