"""The demo partnership's groups: a carers cafe, a young carers club, an online coffee morning for
parent carers and a walking group, with sessions over the next eight weeks, bookings (one session
full, with a waiting list) and answers to "When could you come to a group?".

Made through the groups services as the hub's support worker would make them. Places and links
are made up.
"""

import datetime as dt
import random

from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import User
from carershub.carers.models import Carer
from carershub.demo import data
from carershub.groups import services
from carershub.groups.models import SLOTS, Audience

WEEKS = 8

GROUPS = [
    {
        "group": {
            "name": "Ashvale carers cafe",
            "audience": Audience.ADULT,
            "cost": "",
            "description": "Tea, cake and a chat with other carers. Someone from the hub is "
            "there to help with questions about benefits, breaks and assessments.",
            "accessibility": "Step-free access from the car park. Accessible toilet. Hearing loop.",
        },
        "weekday": 1,
        "starts": dt.time(10, 30),
        "ends": dt.time(12),
        "capacity": 12,
        "place": {
            "mode": "in_person",
            "venue": "Ashvale Community Library",
            "address": "2 Market Street, Ashvale",
            "postcode": "ZZ1 4AB",
        },
        "booked": 6,
    },
    {
        "group": {
            "name": "Young carers club",
            "audience": Audience.YOUNG,
            "cost": "",
            "description": "Games, trips and time to be yourself, for young carers aged 8 to 17. "
            "Transport home can be arranged.",
            "accessibility": "Ground floor. Quiet room available.",
        },
        "weekday": 3,
        "starts": dt.time(16, 30),
        "ends": dt.time(18),
        "capacity": 15,
        "place": {
            "mode": "in_person",
            "venue": "Ashvale Youth Centre",
            "address": "Park Lane, Ashvale",
            "postcode": "ZZ2 7DE",
        },
        "booked": 4,
    },
    {
        "group": {
            "name": "Parent carers coffee morning",
            "audience": Audience.PARENT,
            "cost": "",
            "description": "An hour online with other parents of disabled children: share what "
            "works, and hear from a different guest each month.",
            "accessibility": "Live captions. Join by phone if you prefer.",
        },
        "weekday": 4,
        "starts": dt.time(10),
        "ends": dt.time(11),
        "capacity": 20,
        "place": {"mode": "online", "joining_link": "https://meet.example/ashvale-parent-carers"},
        "booked": 5,
    },
    {
        "group": {
            "name": "Carers walking group",
            "audience": Audience.ADULT,
            "cost": "£1 towards tea afterwards",
            "description": "A gentle hour's walk around Ashvale Park, then a cup of tea.",
            "accessibility": "Flat paths, about 2 miles. Benches on the way.",
        },
        "weekday": 5,
        "starts": dt.time(10),
        "ends": dt.time(11, 30),
        "capacity": 4,
        "place": {
            "mode": "in_person",
            "venue": "Ashvale Park cafe",
            "address": "Ashvale Park, Ashvale",
            "postcode": "ZZ3 2QR",
        },
        "booked": 6,  # more than the places: two on the waiting list
    },
]


def _first(weekday, today):
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def seed_groups(partnership, orgs, seed=2026):
    rng = random.Random(seed + 7)
    hub = orgs[data.HUB]
    worker = User.objects.get(email=f"worker@{data.DOMAIN}")
    actor = actor_for(worker, hub.pk)
    today = timezone.localdate()
    carers = list(
        Carer.unscoped.filter(
            holding_organisation=hub, merged_into__isnull=True, status="active"
        ).order_by("pk")[:60]
    )
    for plan in GROUPS:
        group = services.create_group(actor, **plan["group"])
        sessions = services.add_sessions(
            actor,
            group,
            first_day=_first(plan["weekday"], today),
            starts=plan["starts"],
            ends=plan["ends"],
            weeks=WEEKS,
            capacity=plan["capacity"],
            **plan["place"],
        )
        for session in sessions[:3]:
            for carer in rng.sample(carers, min(plan["booked"], len(carers))):
                services.book(actor, session, carer)
    areas = data.POSTCODE_DISTRICTS
    slots = [key for key, _ in SLOTS]
    for _ in range(30):
        services.record_availability(
            None,
            partnership,
            slots=rng.sample(slots, rng.randint(1, 4)),
            outward_code=rng.choice(areas),
            audience=rng.choice(Audience.values),
        )
    for carer in carers[:5]:
        services.record_availability(
            actor,
            partnership,
            slots=rng.sample(slots, 2),
            outward_code=(carer.postcode.split() or [rng.choice(areas)])[0],
            audience=Audience.ADULT,
            carer=carer,
        )
