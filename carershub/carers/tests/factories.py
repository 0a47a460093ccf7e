import datetime as dt

import factory

from carershub.accounts.tests.factories import staff_actor
from carershub.carers import services as carer_services
from carershub.carers.models import Carer
from carershub.carers.models.cared_for import Relationship
from carershub.partnerships.tests.factories import OrganisationFactory


class CarerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carer

    holding_organisation = factory.SubFactory(OrganisationFactory)
    given_name = factory.Sequence(lambda n: f"Ada{n}")
    family_name = "Foxglove"
    date_of_birth = dt.date(1961, 3, 27)
    postcode = "ZZ1 1AA"

    @classmethod
    def _get_manager(cls, model_class):
        return model_class.unscoped  # test set-up is system code: it writes around the scope

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Carers made by the services are indexed for search in the same transaction; so are these.
        if create:
            from carershub.search.services import index_carers

            index_carers([instance.pk])


class CaringCarerFactory(CarerFactory):
    """A carer looking after one person, Bea (their parent, 80, living with them), added through
    carers.services as a worker would; ``cares_for__<field>`` changes Bea."""

    @factory.post_generation
    def cares_for(carer, create, extracted, **fields):
        if not create:
            return
        person = {
            "given_name": "Bea",
            "family_name": "Foxglove",
            "relationship": Relationship.PARENT,
            "lives_together": True,
            "date_of_birth": dt.date(1946, 5, 1),  # which assessment applies turns on their age
            **fields,
        }
        carer_services.add_cared_for_person(
            staff_actor(carer.holding_organisation), carer, **person
        )
