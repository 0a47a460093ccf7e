"""The values the DHSC Adult Social Care Client Level Data (CLD) return uses, Release 2 (2025).

Taken from `shared/standards/cld/CLD-fields.md` (DHSC and NHS England public code, not the official
specification). Release 2 values are written wherever that file has a Release 2 list. Where it has
none, the Release 1 value is written if the file has one, and the field is left blank otherwise:
no value is made up. Every such field is listed once, in ``UNVERIFIED``, with what is written and
why; confirm them with the council's CLD lead before a submission (ADR 10).

Scope: CLD is an adult social care return. Care Act carer's assessments (s10), transition
assessments (ss60-64) and their reviews (s27) are CLD events; Children Act young carer's (s17ZA)
and parent carer's (s17ZD) needs assessments and their reviews are not (``in_cld`` on the event),
and are counted in the hub's own measures only.
"""

from decimal import Decimal

from django.db import models


class EventType(models.TextChoices):
    REQUEST = "Request", "Request"
    ASSESSMENT = "Assessment", "Assessment"
    SERVICE = "Service", "Service"
    REVIEW = "Review", "Review"


# Client_Type and Primary_Support_Reason, Release 2.
CLIENT_TYPE = "Unpaid carer"
PRIMARY_SUPPORT_REASON = "Social support: Support to unpaid carer"

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

# Method_of_Review (Release 1; no Release 2 list was found).
METHOD_CARER_ONLY = "Carer only"
METHOD_SERVICE_USER_AND_CARER = "Service user and carer"

# Eligible_Needs_Identified: no list was found in either release; a yes/no field. Written only from
# a practitioner's decision that needs are eligible now (regulation 3), never by default, and never
# from a transition assessment's indication of eligibility at 18.
ELIGIBLE_YES = "Yes"
ELIGIBLE_NO = "No"

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


# The fields for which `shared/standards/cld/CLD-fields.md` has no Release 2 list, or a value only
# from a third-party source: what the hub writes, and why. The one place these are marked (ADR 10).
UNVERIFIED = {
    "Request_Route_of_Access": "Release 1 values (no Release 2 list found).",
    "Eligible_Needs_Identified": "Yes or No from the practitioner's decision (no list found in "
    "either release).",
    "Method_of_Assessment": "Left blank: no list found in either release. The hub keeps how the "
    "assessment was carried out (how_carried_out) so it can be written once the list is known.",
    "Method_of_Review": "Release 1 values: Carer only; Service user and carer (no Release 2 list "
    "found).",
    "Review_Reason": "Release 1 values: Planned; Unplanned - Carer related (Release 2 list not "
    "found whole).",
    "Review_Outcomes_Achieved": "Left blank: the hub does not yet record it, and no Release 2 "
    "list was found.",
    "Total_Hrs_Caring_per_week": "Left blank: DHSC maps it between releases, so it is probably a "
    "list of bands, and no list was found. The hub keeps the hours (hours_caring_per_week).",
    "Cost_Frequency_Unit_Type": "Left blank: no list found. The hub keeps how often it is paid "
    "(payment_frequency); Planned_units_per_week is payments a week.",
    "Planned_units_per_week": "Payments a week, from how often it is paid; depends on "
    "Cost_Frequency_Unit_Type.",
    "Service_Component": "Unpaid carer respite is only in a third-party standard; Direct payment "
    "is Release 2.",
}

# Payments a week for each of the hub's frequencies (a year of 52 weeks; once has no weekly rate).
PAYMENTS_A_WEEK = {
    "weekly": Decimal("1"),
    "four_weekly": Decimal("0.25"),
    "monthly": (Decimal(12) / Decimal(52)).quantize(Decimal("0.0001")),
    "yearly": (Decimal(1) / Decimal(52)).quantize(Decimal("0.0001")),
}

# The event and carer columns of a CLD row, in the order of CLD-fields.md (the person columns - NHS
# number, date of birth, ethnicity and so on - come from the carer's record when the file is made).
COLUMNS = (
    "Client_Type",
    "Primary_Support_Reason",
    "Event_Type",
    "Event_Reference",
    "Event_Start_Date",
    "Event_End_Date",
    "Event_Outcome",
    "Request_Route_of_Access",
    "Assessment_Type",
    "Eligible_Needs_Identified",
    "Method_of_Assessment",
    "Total_Hrs_Caring_per_week",
    "No_of_adults_being_cared_for",
    "Adult_1_Linked_Person_ID",
    "Adult_2_Linked_Person_ID",
    "Adult_3_Linked_Person_ID",
    "Service_Type",
    "Service_Component",
    "Delivery_Mechanism",
    "Review_Reason",
    "Review_Outcomes_Achieved",
    "Method_of_Review",
    "Unit_Cost",
    "Cost_Frequency_Unit_Type",
    "Planned_units_per_week",
)


def row(event):
    """The CLD columns for one event, as strings ("" for blank). Only for events ``in_cld``."""
    if not event.in_cld:
        raise ValueError(
            f"{event} is not an adult social care event, so it is not in the CLD return"
        )

    def text(value):
        return "" if value is None else str(value)

    linked = [*event.linked_person_ids[:3], "", "", ""][:3]
    is_review = event.event_type == EventType.REVIEW
    return {
        "Client_Type": CLIENT_TYPE,
        "Primary_Support_Reason": PRIMARY_SUPPORT_REASON,
        "Event_Type": event.event_type,
        "Event_Reference": event.event_reference,
        "Event_Start_Date": text(event.start_date),
        "Event_End_Date": text(event.end_date),
        "Event_Outcome": event.outcome,
        "Request_Route_of_Access": event.request_route,
        "Assessment_Type": event.assessment_type,
        "Eligible_Needs_Identified": event.eligible_needs_identified,
        "Method_of_Assessment": "" if is_review else event.method,
        "Total_Hrs_Caring_per_week": "",  # see UNVERIFIED
        "No_of_adults_being_cared_for": text(event.adults_cared_for),
        "Adult_1_Linked_Person_ID": linked[0],
        "Adult_2_Linked_Person_ID": linked[1],
        "Adult_3_Linked_Person_ID": linked[2],
        "Service_Type": event.service_type,
        "Service_Component": event.service_component,
        "Delivery_Mechanism": event.delivery_mechanism,
        "Review_Reason": event.review_reason,
        "Review_Outcomes_Achieved": "",
        "Method_of_Review": event.method if is_review else "",
        "Unit_Cost": text(event.unit_cost),
        "Cost_Frequency_Unit_Type": event.cost_frequency,
        "Planned_units_per_week": text(event.planned_units_per_week),
    }
