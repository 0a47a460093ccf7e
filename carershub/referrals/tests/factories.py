import datetime as dt

import factory
from django.utils import timezone

from carershub.partnerships.tests.factories import OrganisationFactory
from carershub.referrals.models import Referral


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    holding_organisation = factory.SubFactory(OrganisationFactory)
    source = "hospital"
    received_at = factory.LazyFunction(timezone.now)
    given_name = factory.Sequence(lambda n: f"Referred{n}")
    family_name = "Larkspur"
    phone = "020 7946 0123"
    first_contact_due = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    assessment_due = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))

    @classmethod
    def _get_manager(cls, model_class):
        return model_class.unscoped
