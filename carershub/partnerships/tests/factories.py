import datetime as dt

import factory

from carershub.partnerships.models import HelplineHours, Organisation, OrganisationType, Partnership


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Testshire Carers Partnership {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    helpline_phone = "0808 157 0000"
    helpline_email = "helpline@testshire.example"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Testshire Carers Centre {n}")
    type = OrganisationType.HUB_PROVIDER


class HelplineHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelplineHours

    partnership = factory.SubFactory(PartnershipFactory)
    day = 0
    opens = dt.time(9)
    closes = dt.time(17)
