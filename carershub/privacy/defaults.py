"""The hub's default retention schedule, loaded by a data migration and by
``manage.py load_retention_defaults``. Each partnership's DPO confirms or replaces it."""

import datetime as dt

# The day the defaults take effect. A partnership changing a period adds a rule with a later date.
EFFECTIVE_FROM = dt.date(2026, 1, 1)

TO_BE_CONFIRMED = "The period is to be confirmed by the partnership's DPO."

DEFAULT_RULES = [
    {
        "applies_to": "closed_carer",
        "period_months": 6 * 12,
        "runs_from": "closure",
        "action": "anonymise",
        "source": (
            "Six years after closure: the limitation period for claims in contract and tort "
            "(Limitation Act 1980, sections 2 and 5), which local authority retention schedules "
            "commonly use for case records of adults. The NHS Records Management Code of "
            "Practice (2021, updated 2023) keeps adult health records 8 years after the end of "
            "care; a carer's support record is not a health record, but a partnership holding "
            "one as part of an integrated care record may need the longer period. "
            + TO_BE_CONFIRMED
            + " Anonymised rather than erased, so that the events counted in "
            "statutory returns stay."
        ),
    },
    {
        "applies_to": "young_carer",
        "period_months": 6 * 12,
        "runs_from": "closure_or_25th",
        "action": "anonymise",
        "source": (
            "Until their 25th birthday or six years after closure, whichever is later. The NHS "
            "Records Management Code of Practice keeps children's records until the 25th "
            "birthday; six years after closure is the limitation period (Limitation Act 1980), "
            "which for someone under 18 only starts at 18. " + TO_BE_CONFIRMED
        ),
    },
    {
        "applies_to": "referral_not_progressed",
        "period_months": 3 * 12,
        "runs_from": "referral_date",
        "action": "erase",
        "source": (
            "Three years after the referral was received, for a referral that never became a "
            "carer's record. A conservative default pending the partnership's policy: long "
            "enough to answer a complaint about how a referral was handled. " + TO_BE_CONFIRMED
        ),
    },
    {
        "applies_to": "helpline_contact",
        "period_months": 3 * 12,
        "runs_from": "contact_date",
        "action": "erase",
        "source": (
            "Three years after the call, for an anonymous helpline contact (one not on a carer's "
            "record). A conservative default pending the partnership's policy. " + TO_BE_CONFIRMED
        ),
    },
    {
        "applies_to": "audit_log",
        "period_months": 6 * 12,
        "runs_from": "entry_date",
        "action": "review",
        "source": (
            "Six years after the entry, the same as the records it describes. Audit entries hold "
            "ids and field names, never personal values, and are sealed in a hash chain (ADR "
            "0015), so the daily job does not delete them: entries past this period are reviewed "
            "and archived with the sealed chain. " + TO_BE_CONFIRMED
        ),
    },
]


def load(rule_model):
    """Add each default rule not already in the schedule; return how many were added."""
    added = 0
    for values in DEFAULT_RULES:
        _, created = rule_model.objects.get_or_create(
            applies_to=values["applies_to"],
            effective_from=EFFECTIVE_FROM,
            defaults={k: v for k, v in values.items() if k != "applies_to"},
        )
        added += created
    return added
