"""The values the DHSC Adult Social Care Client Level Data (CLD) return uses, Release 2 (2025).

Taken from `shared/standards/cld/CLD-fields.md` (DHSC and NHS England public code, not the official
specification). Values that file marks as unverified are marked so here too: confirm them with the
council's CLD lead before a submission.
"""

from django.db import models


class EventType(models.TextChoices):
    REQUEST = "Request", "Request"
    ASSESSMENT = "Assessment", "Assessment"
    SERVICE = "Service", "Service"
    REVIEW = "Review", "Review"


CLIENT_TYPE = "Unpaid carer"

# Event_Outcome, Release 2.
PROGRESS_TO_ASSESSMENT = "Progress to assessment, review or reassessment"
PROGRESS_TO_SUPPORT = "Progress to support planning or services"
NFA_INFORMATION = "NFA: Information and advice or signposting"
NFA_DECLINED = "NFA: Support declined"
NFA_OTHER = "NFA: Other"

# Request_Route_of_Access (Release 1 values; no Release 2 list was found).
ROUTE_COMMUNITY = "Community / Other route"
ROUTE_HOSPITAL_DISCHARGE = "Discharge from Hospital"

# Assessment_Type (Release 2 seen): a carer's eligibility assessment is a long term assessment.
LONG_TERM_ASSESSMENT = "Long term assessment"

# Review_Reason (Release 1 values; the Release 2 list starts the same way).
REVIEW_PLANNED = "Planned"
REVIEW_UNPLANNED_CARER = "Unplanned - Carer related"

# Method_of_Review (Release 1).
METHOD_CARER_ONLY = "Carer only"

# Service_Type, Release 2.
DIRECT_TO_CARER = "Unpaid carer support: Direct to unpaid carer"

# Delivery_Mechanism, Release 2.
DIRECT_PAYMENT = "Direct payment"
MANAGED_BUDGET = "CASSR managed personal budget"
COMMISSIONED = "CASSR commissioned support"

# Service_Component: "Direct payment" is seen in Release 2; "Unpaid carer respite" only in a
# third-party standard (unverified).
COMPONENT_DIRECT_PAYMENT = "Direct payment"
COMPONENT_RESPITE = "Unpaid carer respite"
