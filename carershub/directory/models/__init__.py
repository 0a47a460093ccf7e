"""The directory of services, shaped like Open Referral UK 3.0 (HSDS-UK) so that what staff keep
here can be published and imported without translation.

Every table has a UUID primary key, as the standard asks, so a service's address on the public
site and in the API cannot be guessed from another's. A directory belongs to one partnership;
services imported from another directory keep where they came from (``source``, ``source_id``) so
that importing the same feed again updates them instead of adding copies.

Names follow the hub where the standard's word would confuse: an HSDS *organization* is a
``Provider`` here (the hub already has partnership organisations, which may also be providers).

One module per aggregate: ``taxonomy``, ``provider``, ``service`` (with the parts that belong
only to a service), ``location`` (with a service at a location) and ``schedule``.
"""

from carershub.directory.models.location import (  # noqa: F401
    Accessibility,
    Location,
    LocationType,
    ServiceAtLocation,
)
from carershub.directory.models.provider import Provider  # noqa: F401
from carershub.directory.models.schedule import AttendingType, Frequency, Schedule  # noqa: F401
from carershub.directory.models.service import (  # noqa: F401
    REVIEW_AFTER,
    CostOption,
    Funding,
    Language,
    Service,
    ServiceArea,
    ServiceContact,
    ServiceQuerySet,
    ServiceStatus,
)
from carershub.directory.models.taxonomy import Taxonomy, TaxonomyTerm  # noqa: F401
