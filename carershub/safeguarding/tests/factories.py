"""Safeguarding concerns for tests, raised through safeguarding.services as staff raise them."""

import factory

from carershub.accounts.tests.factories import staff_actor
from carershub.carers.tests.factories import CarerFactory
from carershub.safeguarding import services
from carershub.safeguarding.models import AtRisk, Category, Concern


class ConcernFactory(factory.Factory):
    """A concern raised by a support worker at the carer's hub (which emails its hub managers)."""

    class Meta:
        model = Concern

    carer = factory.SubFactory(CarerFactory)
    actor = factory.LazyAttribute(lambda made: staff_actor(made.carer.holding_organisation))
    what_happened = "Seen"
    category = Category.NEGLECT
    at_risk = AtRisk.CARED_FOR
    immediate_risk = False

    @classmethod
    def _create(cls, model_class, *, actor, carer, **fields):
        return services.raise_concern(actor, carer, **fields)
