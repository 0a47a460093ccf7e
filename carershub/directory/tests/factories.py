"""Directory entries for tests: made through the services,
so search text and positions are right.
"""

import factory

from carershub.directory import services
from carershub.directory.models import Location, Provider, Service, ServiceAtLocation
from carershub.partnerships.tests.factories import PartnershipFactory


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Testshire Carers Trust {n}")
    description = "A charity supporting carers."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    partnership = factory.LazyAttribute(lambda o: o.provider.partnership)
    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Carers cafe {n}")
    description = "A friendly monthly cafe for carers."

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        if create and extracted:
            self.terms.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            services.refresh_search_text(instance)


def place_service(service, postal_code="LS6 1AA", **fields):
    """Put the service at a place found from its postcode (the ONS directory)."""
    location = services.place_location(
        Location(
            partnership=service.partnership,
            postal_code=postal_code,
            address_1=fields.pop("address_1", "1 Test Street"),
            **fields,
        )
    )
    location.save()
    return ServiceAtLocation.objects.create(service=service, location=location)
