"""Changes to the register. Each change writes its audit row in the same transaction."""

from django.db import transaction

from carershub.audit import services as auditor
from carershub.carers.models import Carer


@transaction.atomic
def register_carer(actor, *, given_name, family_name, date_of_birth=None, postcode=""):
    carer = Carer.unscoped.create(
        holding_organisation=actor.organisation,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        postcode=postcode.upper().strip(),
    )
    auditor.created(actor, carer)
    return carer
