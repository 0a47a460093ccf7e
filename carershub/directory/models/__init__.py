"""The directory's models, on the Open Referral UK 3.0 (HSDS-UK) model: see models/services.py."""

from carershub.directory.models.services import (  # noqa: F401
    Accessibility,
    AttendingType,
    CostOption,
    Frequency,
    Funding,
    Language,
    Location,
    LocationType,
    Provider,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceContact,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
