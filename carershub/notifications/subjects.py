"""Which carer a message is about: the link from a message's subject (a booking, an assessment, a
concern, a referral) to the carer's record, so that the outbox can ask whether a reader may see
that carer's contact details.

It reads numbers only (record ids and carer ids), never a person's details, and is not page code:
the records themselves are then read through their scoped managers by the outbox's selectors.
"""


def carer_ids_for(model, ids):
    """[(subject id, carer id or None)] for the records of ``model`` that have a ``carer`` field."""
    # The subject's own scope is not the question here (a partner may read messages about a carer
    # who shares with them, though it cannot open the booking itself): the carer's is, and it is
    # applied to the carer read that follows.
    return list(model._base_manager.filter(pk__in=ids).values_list("pk", "carer_id"))
