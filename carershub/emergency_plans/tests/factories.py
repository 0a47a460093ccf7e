"""Emergency plans for tests, made through emergency_plans.services as staff make them."""

import factory

from carershub.accounts.tests.factories import staff_actor
from carershub.carers.tests.factories import CaringCarerFactory
from carershub.emergency_plans import services
from carershub.emergency_plans.models import EmergencyPlan


class EmergencyPlanFactory(factory.Factory):
    """A draft emergency plan for the first person the carer looks after, started by a support
    worker at the carer's hub."""

    class Meta:
        model = EmergencyPlan

    carer = factory.SubFactory(CaringCarerFactory)
    cared_for = factory.LazyAttribute(lambda made: made.carer.relationships.first().cared_for)
    actor = factory.LazyAttribute(lambda made: staff_actor(made.carer.holding_organisation))

    @classmethod
    def _create(cls, model_class, *, actor, carer, cared_for):
        return services.start_plan(actor, carer, cared_for=cared_for)
