"""The register: carers, the people they care for, and consent to share."""

from carershub.carers.models.cared_for import (
    CaredForPerson,
    CaringRelationship,
    Condition,
    Relationship,
)
from carershub.carers.models.carer import Carer, EqualityMonitoring, new_reference
from carershub.carers.models.consent import (
    HUB_RECORD,
    ConsentToShare,
    LawfulBasis,
    SharingPurpose,
)
from carershub.carers.models.contact import Contact, ContactKind, Given
from carershub.carers.models.merge import Merge
from carershub.carers.models.restriction import ContactRestriction, RestrictionReason

__all__ = [
    "CaredForPerson",
    "Carer",
    "CaringRelationship",
    "Condition",
    "Contact",
    "ContactKind",
    "ContactRestriction",
    "ConsentToShare",
    "EqualityMonitoring",
    "Given",
    "HUB_RECORD",
    "LawfulBasis",
    "Merge",
    "Relationship",
    "RestrictionReason",
    "SharingPurpose",
    "new_reference",
]
