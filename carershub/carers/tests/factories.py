import datetime as dt

import factory

from carershub.carers.models import Carer
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
