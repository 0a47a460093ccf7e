"""The demo hub's restricted record and safeguarding concerns: one carer whose contact details only
the support worker (and the managers) may see, and three concerns - one with someone at immediate
risk and no decision yet, one referred to the council, one closed with advice given.

The concerns are written directly rather than through ``raise_concern``, which would queue an
email to the managers for each: a demo should not send mail. Decisions go through the service.
"""

import datetime as dt

from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import User
from carershub.carers import restrictions
from carershub.carers.models import Carer
from carershub.demo import data
from carershub.safeguarding import services
from carershub.safeguarding.models import Concern

CONCERNS = [
    (
        "Her partner checks her phone and will not let her see friends. She said she is "
        "frightened of him.",
        "domestic",
        "carer",
        True,
    ),
    (
        "Her father's pension is being spent by a relative who does not live with them; bills "
        "are unpaid.",
        "financial",
        "cared_for",
        False,
    ),
    (
        "The house was very cold and there was little food. "
        "He said he has stopped looking after himself.",
        "self_neglect",
        "carer",
        False,
    ),
]


def seed_safeguarding(partnership, orgs):
    hub = orgs[data.HUB]
    worker = User.objects.get(email=f"worker@{data.DOMAIN}")
    manager = User.objects.get(email=f"manager@{data.DOMAIN}")
    managing = actor_for(manager, hub.pk)
    carers = list(
        Carer.unscoped.filter(
            holding_organisation=hub, merged_into__isnull=True, status="active"
        ).order_by("-pk")[:4]
    )
    if len(carers) < 4:
        return
    restrictions.restrict(managing, carers[0], reason="domestic_abuse", workers=[worker])
    concerns = [
        Concern.unscoped.create(
            carer=carer,
            holding_organisation=hub,
            what_happened=what,
            category=category,
            at_risk=at_risk,
            immediate_risk=immediate,
            raised_by=worker,
        )
        for carer, (what, category, at_risk, immediate) in zip(carers, CONCERNS, strict=False)
    ]
    services.decide(
        managing,
        concerns[1],
        decision="referred_adults",
        referral_reference="ASC-20417",
        referred_on=timezone.localdate() - dt.timedelta(days=2),
    )
    services.decide(
        managing,
        concerns[2],
        decision="advice_given",
        reasons="Talked through heating grants and the carers' cafe; he agreed to a review in a "
        "month.",
    )
