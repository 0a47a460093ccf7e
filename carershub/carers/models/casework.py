"""The scope of the hub's casework about a carer: contacts, assessments, plans, ratings, events."""

from carershub.carers.models.carer import RECORD_ROLES
from carershub.core.scoping import ScopedQuerySet


class CaseworkQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Only the carer-facing staff of the organisation holding it see the hub's casework.

        A partner the carer shares their record with sees the record, not the casework; reaching
        part of it in an emergency (a card, a hospital admission) is a feature with its own rule.
        """
        if (
            not actor.is_authenticated
            or actor.organisation is None
            or not actor.has_role(*RECORD_ROLES)
        ):
            return self.none()
        return self.filter(holding_organisation=actor.organisation)
