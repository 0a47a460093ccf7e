"""The demo partnership's directory: four providers and about twenty services for carers, made
through the directory's services as the hub manager would make them.

Names and street addresses are made up. The postcodes are real ones in Worcester (WR1 to WR5),
used only for their position, so that "near me" gives real distances in the demo.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role, User
from carershub.audit import services as auditor
from carershub.demo import data
from carershub.directory import services
from carershub.directory.models import (
    Accessibility,
    CostOption,
    Language,
    LocationType,
    Schedule,
    ServiceContact,
    ServiceStatus,
)
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, term_id

PROVIDERS = {
    "hub": {
        "description": "The carers hub for Ashvale: advice, assessments, groups and breaks for "
        "unpaid carers.",
        "email": "hello@ashvale-carers.example",
        "website": "https://ashvale-carers.example",
        "charity_number": "1100001",
    },
    "Ashvale Young Carers Project": {
        "description": "Clubs, trips and school support for young carers aged 8 to 25.",
        "email": "team@ashvale-young-carers.example",
        "charity_number": "1100002",
    },
    "Brookmoor Community Transport": {
        "description": "Door-to-door transport for people who cannot use buses, run by volunteer "
        "drivers.",
        "email": "bookings@brookmoor-transport.example",
        "charity_number": "1100003",
    },
    "Ashvale Minds Matter": {
        "description": "A local mental health charity offering listening, counselling and "
        "wellbeing activities.",
        "email": "support@ashvale-minds.example",
        "website": "https://ashvale-minds.example",
        "charity_number": "1100004",
    },
}

# Places: (name, address line, postcode, how to get there, accessibility).
CENTRE = (
    "Ashvale Carers Centre",
    "14 Foregate Row",
    "WR1 1DF",
    "Five minutes' walk from Foregate Street station. Pay and display parking on Sansome Walk.",
    [
        "Step-free entrance with an automatic door",
        "Accessible toilet on the ground floor",
        "Hearing loop",
    ],
)
HALL = (
    "Ashvale Community Hall",
    "2 High Street",
    "WR1 2EY",
    "Buses 31, 32 and 44 stop outside.",
    ["Step-free entrance from the High Street", "Accessible toilet"],
)
LIBRARY = (
    "St John's Library",
    "10 Malvern Road",
    "WR2 5AX",
    "Bus 44 to St John's. Free car park behind the library.",
    ["Lift to the first-floor meeting room", "Large print books and a hearing loop at the desk"],
)
WARNDON = (
    "Warndon Youth Hub",
    "Shap Drive",
    "WR4 9PN",
    "Bus 33 stops at the shops next door.",
    ["Step-free throughout"],
)
RONKSWOOD = (
    "Ronkswood Community Centre",
    "Ronkswood Hill",
    "WR5 1HN",
    "Bus 35. Free parking on site.",
    ["Step-free entrance", "Accessible toilet with a changing bench"],
)
HOSPITAL = (
    "Carers' desk, Ashvale General Hospital",
    "Main entrance, Charles Hastings Way",
    "WR5 1DD",
    "Hospital buses from Crowngate bus station. "
    "Carers with a carers passport park at the reduced rate.",
    ["Wheelchairs to borrow at the main entrance", "Quiet room next to the desk"],
)
CLAINES = (
    "Claines Church Hall",
    "Cornmeadow Lane",
    "WR3 7SR",
    "Bus 303 to Claines. Small car park.",
    ["Ramp to the side door", "No accessible toilet: the nearest is at the church next door"],
)
ONLINE = "online"
PHONE = "phone"


def _weekly(byday, opens=None, closes=None, **more):
    return {"freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes, **more}


def _monthly(byday, opens=None, closes=None, **more):
    return {"freq": "MONTHLY", "byday": byday, "opens_at": opens, "closes_at": closes, **more}


def t(hour, minute=0):
    return dt.time(hour, minute)


SERVICES = [
    {
        "provider": "hub",
        "name": "Carers helpline",
        "description": "Talk to a carers support worker about anything to do with caring: what "
        "help there is, your rights, money, breaks or just how you are doing.\n\nIf we cannot "
        "help, we will find someone who can.",
        "categories": ["information-and-advice"],
        "who_for": ["adult-carers", "young-adult-carers", "parent-carers"],
        "phone": "0808 157 0192",
        "email": "helpline@ashvale-carers.example",
        "fees": "Free. Calls are free from mobiles and landlines.",
        "places": [
            (
                PHONE,
                [
                    _weekly("MO,TU,WE,TH,FR", t(9), t(19), attending_type="phone"),
                    _weekly("SA", t(9), t(12), attending_type="phone"),
                ],
            )
        ],
        "languages": [
            ("English", "en", ""),
            ("Urdu", "ur", "Ask for a call back from our Urdu-speaking worker"),
            ("Polish", "pl", ""),
        ],
        "checked": 20,
    },
    {
        "provider": "hub",
        "name": "Time for you sitting service",
        "description": "A trained, checked volunteer sits with the person you look after for up "
        "to three hours a week so that you can have time for yourself.",
        "categories": ["breaks"],
        "who_for": ["adult-carers", "older-carers"],
        "minimum_age": 18,
        "eligibility": "For carers in Ashvale who have had a carer's assessment.",
        "phone": "01905 960 101",
        "fees": "Free for the first 12 weeks.",
        "costs": [("Per hour after 12 weeks", "4.00", "")],
        "places": [(CENTRE, [])],
        "checked": 35,
    },
    {
        "provider": "hub",
        "name": "Short breaks grants",
        "description": "A one-off grant of up to £300 towards a break from caring: a day out, a "
        "short holiday, a course or something that helps you switch off.",
        "categories": ["breaks", "benefits-and-money"],
        "who_for": ["adult-carers", "parent-carers"],
        "eligibility": "Carers who live in Ashvale or care for someone who does. One grant a year.",
        "email": "grants@ashvale-carers.example",
        "url": "https://ashvale-carers.example/grants",
        "fees": "Free to apply.",
        "places": [(PHONE, [])],
        "checked": 12,
    },
    {
        "provider": "hub",
        "name": "Benefits and money clinic",
        "description": "Bring your letters: an adviser checks you get every benefit you are "
        "entitled to, including Carer's Allowance, and helps you fill in the forms.",
        "categories": ["benefits-and-money"],
        "who_for": ["adult-carers", "older-carers", "parent-carers"],
        "phone": "01905 960 102",
        "fees": "Free.",
        "alert": "Book ahead: the clinic is busy in January, when many benefits are uprated.",
        "places": [
            (CENTRE, [_monthly("1TU", t(10), t(15), notes="Appointments every 45 minutes")]),
            (LIBRARY, [_monthly("3TH", t(13, 30), t(16))]),
        ],
        "languages": [("English", "en", ""), ("Urdu", "ur", ""), ("Punjabi", "pa", "")],
        "checked": 40,
    },
    {
        "provider": "hub",
        "name": "Carer's Allowance help by phone",
        "description": "Help to claim Carer's Allowance over the phone, and to tell the Carer's "
        "Allowance Unit about changes.",
        "categories": ["benefits-and-money"],
        "who_for": ["adult-carers", "young-adult-carers"],
        "minimum_age": 16,
        "phone": "01905 960 103",
        "fees": "Free.",
        "places": [(PHONE, [_weekly("WE,FR", t(9, 30), t(13), attending_type="phone")])],
        "checked": 50,
    },
    {
        "provider": "Ashvale Minds Matter",
        "name": "Listening ear",
        "description": "A weekly phone call from the same trained volunteer, to talk about how "
        "you are feeling.",
        "categories": ["emotional-support"],
        "who_for": ["adult-carers", "former-carers"],
        "minimum_age": 18,
        "phone": "01905 960 201",
        "fees": "Free.",
        "places": [(PHONE, [_weekly("MO,TU,WE,TH", t(10), t(20), attending_type="phone")])],
        "languages": [("English", "en", ""), ("Welsh", "cy", "One volunteer speaks Welsh")],
        "checked": 130,  # over three months ago: due for review
    },
    {
        "provider": "Ashvale Minds Matter",
        "name": "Counselling for carers",
        "description": "Up to eight sessions with a qualified counsellor, in person or online, "
        "for carers who are struggling with stress, low mood, guilt or loss.",
        "categories": ["emotional-support", "health-and-wellbeing"],
        "who_for": ["adult-carers", "former-carers"],
        "minimum_age": 18,
        "email": "counselling@ashvale-minds.example",
        "fees": "Free for carers.",
        "costs": [("Pay what you can after eight sessions", None, "Suggested £10 a session")],
        "places": [
            (RONKSWOOD, [_weekly("TU,TH", t(9), t(17), notes="By appointment")]),
            (ONLINE, []),
        ],
        "contacts": [("Sam Okafor", "Counselling coordinator", "01905 960 202", "")],
        "checked": 60,
    },
    {
        "provider": "hub",
        "name": "Carers cafe",
        "description": "A relaxed cafe for carers, with cake, a chat and someone from the hub to "
        "answer questions. Bring the person you care for if you like.",
        "categories": ["groups"],
        "who_for": ["adult-carers", "older-carers", "cared-for"],
        "fees": "Free. Tea and coffee free, cake £1.",
        "costs": [("Cake", "1.00", "")],
        "places": [(HALL, [_monthly("2WE", t(10), t(12))])],
        "checked": 15,
    },
    {
        "provider": "hub",
        "name": "Evening carers group online",
        "description": "For carers who work or cannot get out in the day: an hour on a video "
        "call with other carers, every other Thursday evening.",
        "categories": ["groups", "employment"],
        "who_for": ["adult-carers", "parent-carers"],
        "fees": "Free.",
        "email": "groups@ashvale-carers.example",
        "places": [(ONLINE, [_weekly("TH", t(19), t(20), interval=2, attending_type="online")])],
        "checked": 25,
    },
    {
        "provider": "hub",
        "name": "Dementia carers group",
        "description": "Support and information for people caring for someone with dementia, "
        "with a guest speaker each month.",
        "categories": ["groups", "information-and-advice"],
        "who_for": ["adult-carers", "older-carers"],
        "phone": "01905 960 104",
        "fees": "Free.",
        "places": [(CLAINES, [_monthly("-1MO", t(14), t(16))])],
        "checked": 45,
    },
    {
        "provider": "Ashvale Young Carers Project",
        "name": "Young carers club",
        "description": "Games, crafts, trips and time with other young carers, away from caring. "
        "Transport can be arranged.",
        "categories": ["young-carers", "breaks"],
        "who_for": ["young-carers"],
        "minimum_age": 8,
        "maximum_age": 17,
        "eligibility": "Young carers who have been referred to the project (parents, schools and "
        "young people can refer).",
        "phone": "01905 960 301",
        "fees": "Free, including trips.",
        "places": [(WARNDON, [_weekly("TU", t(16, 30), t(18))])],
        "checked": 30,
    },
    {
        "provider": "Ashvale Young Carers Project",
        "name": "Young adult carers drop-in",
        "description": "Help with college, work, money and moving on, for carers aged 16 to 25.",
        "categories": ["young-carers", "employment"],
        "who_for": ["young-adult-carers"],
        "minimum_age": 16,
        "maximum_age": 25,
        "phone": "01905 960 302",
        "fees": "Free.",
        "places": [(CENTRE, [_weekly("FR", t(15), t(18))])],
        "checked": 55,
    },
    {
        "provider": "hub",
        "name": "Moving and handling for carers",
        "description": "A one-day course with a trainer from the council's occupational therapy "
        "team: helping someone move safely, using hoists and slide sheets.",
        "categories": ["training"],
        "who_for": ["adult-carers", "parent-carers"],
        "fees": "Free. Lunch provided.",
        "email": "training@ashvale-carers.example",
        "places": [(LIBRARY, ["one day"])],
        "checked": 10,
    },
    {
        "provider": "hub",
        "name": "First aid for carers",
        "description": "Four weekly sessions covering the first aid carers need most: falls, "
        "choking, seizures and medicines.",
        "categories": ["training", "health-and-wellbeing"],
        "who_for": ["adult-carers", "young-adult-carers"],
        "minimum_age": 16,
        "fees": "Free.",
        "email": "training@ashvale-carers.example",
        "places": [(RONKSWOOD, ["course"])],
        "checked": 10,
    },
    {
        "provider": "hub",
        "name": "Working carers support",
        "description": "Lunchtime sessions online about juggling work and care: carer's leave, "
        "flexible working and how to talk to your employer. "
        "Employers can book a talk for their staff.",
        "categories": ["employment"],
        "who_for": ["adult-carers", "parent-carers"],
        "fees": "Free.",
        "email": "work@ashvale-carers.example",
        "url": "https://ashvale-carers.example/work",
        "places": [(ONLINE, [_monthly("1WE", t(12, 30), t(13, 30), attending_type="online")])],
        "checked": 70,
    },
    {
        "provider": "Ashvale Minds Matter",
        "name": "Technology to help you care",
        "description": "Try out alarms, falls sensors, medicine dispensers and video doorbells, "
        "and borrow them for a month before you buy.",
        "categories": ["technology"],
        "who_for": ["adult-carers", "older-carers", "cared-for"],
        "phone": "01905 960 203",
        "fees": "Free to try and to borrow for a month.",
        "places": [
            (RONKSWOOD, [_weekly("WE", t(10), t(15), notes="Drop in or book a home visit")])
        ],
        "checked": None,  # never checked: first on the "due for review" list
    },
    {
        "provider": "Brookmoor Community Transport",
        "name": "Door-to-door transport",
        "description": "Volunteer drivers take carers and the people they look after to "
        "appointments, shops and carers groups, in cars and wheelchair-accessible minibuses.",
        "categories": ["transport"],
        "who_for": ["adult-carers", "older-carers", "cared-for"],
        "phone": "01905 960 401",
        "fees": "Members pay per mile.",
        "costs": [
            ("Membership per year", "10.00", ""),
            ("Per mile", "0.55", "Carers travel free with the person they look after"),
        ],
        "places": [
            (
                PHONE,
                [
                    _weekly(
                        "MO,TU,WE,TH,FR",
                        t(9),
                        t(16),
                        notes="Book two working days ahead",
                        attending_type="phone",
                    )
                ],
            )
        ],
        "checked": 200,  # long overdue for review
    },
    {
        "provider": "hub",
        "name": "Carers support at the hospital",
        "description": "If the person you care for is in hospital, talk to us about coming home: "
        "what care they will need, what you can manage and what help there is.",
        "categories": ["hospital"],
        "who_for": ["adult-carers", "older-carers", "parent-carers"],
        "phone": "01905 960 105",
        "fees": "Free.",
        "places": [(HOSPITAL, [_weekly("MO,TU,WE,TH,FR", t(10), t(16))])],
        "contacts": [
            ("", "Hospital carers lead", "01905 960 106", "hospital@ashvale-carers.example")
        ],
        "checked": 5,
    },
    {
        "provider": "hub",
        "name": "Emergency plan and carers card",
        "description": "Make a plan for what should happen if you suddenly cannot care, and get "
        "a card to carry so that people know someone depends on you.",
        "categories": ["emergency-planning"],
        "who_for": ["adult-carers", "young-carers", "parent-carers"],
        "phone": "0808 157 0192",
        "fees": "Free.",
        "places": [(CENTRE, [_weekly("MO,TU,WE,TH,FR", t(9), t(17))]), (PHONE, [])],
        "checked": 20,
    },
    {
        "provider": "Ashvale Minds Matter",
        "name": "Carers wellbeing walks",
        "description": "A gentle hour's walk along the river with other carers, finishing with a "
        "hot drink.",
        "categories": ["health-and-wellbeing", "groups"],
        "who_for": ["adult-carers", "former-carers"],
        "fees": "Free.",
        "status": ServiceStatus.TEMPORARILY_CLOSED,
        "alert": "The walks stop for the winter and start again in March.",
        "places": [(HALL, [_weekly("SA", t(10), t(11))])],
        "checked": 80,
    },
]


def _schedule(rule, today):
    """A schedule's fields: a rule as above, or a one-day event or a short course from today."""
    if rule == "one day":
        day = today + dt.timedelta(days=24)
        return {
            "valid_from": day,
            "valid_to": day,
            "opens_at": t(9, 30),
            "closes_at": t(15, 30),
            "attending_type": "in_person",
        }
    if rule == "course":
        start = today + dt.timedelta(days=10)
        return {
            "byday": "TH",
            "valid_from": start,
            "valid_to": start + dt.timedelta(weeks=3),
            "opens_at": t(18),
            "closes_at": t(20),
            "attending_type": "in_person",
        }
    return rule


def _add(actor, model, **fields):
    """Accessibility and schedules at a place: services.py adds only what hangs off the service
    itself.
    """
    item = model.objects.create(**fields)
    auditor.created(actor, item)
    return item


def seed_directory(partnership, orgs):
    """The demo directory, entered by the hub's manager."""
    hub = orgs[data.HUB]
    manager = (
        User.objects.filter(memberships__organisation=hub, memberships__role=Role.HUB_MANAGER)
        .order_by("pk")
        .first()
    )
    actor = actor_for(manager, hub.pk)
    today = timezone.localdate()
    providers = {
        key: services.create_provider(
            actor, partnership, name=data.HUB if key == "hub" else key, **fields
        )
        for key, fields in PROVIDERS.items()
    }
    made = []
    for item in SERVICES:
        terms = [term_id(CATEGORIES, c) for c in item["categories"]] + [
            term_id(WHO_FOR, w) for w in item["who_for"]
        ]
        service = services.create_service(
            actor,
            partnership,
            provider=providers[item["provider"]],
            name=item["name"],
            description=item["description"],
            terms=terms,
            fees=item.get("fees", ""),
            eligibility_description=item.get("eligibility", ""),
            minimum_age=item.get("minimum_age"),
            maximum_age=item.get("maximum_age"),
            phone=item.get("phone", ""),
            email=item.get("email", ""),
            url=item.get("url", ""),
            alert=item.get("alert", ""),
            status=item.get("status", ServiceStatus.ACTIVE),
        )
        for place, rules in item["places"]:
            if place == ONLINE:
                link = services.add_location(
                    actor,
                    service,
                    location_type=LocationType.VIRTUAL,
                    name="Online",
                    url="https://meet.ashvale-carers.example/" + str(service.pk)[:8],
                )
            elif place == PHONE:
                link = services.add_location(
                    actor, service, location_type=LocationType.VIRTUAL, name="By phone"
                )
            else:
                name, address, postcode, transport, access = place
                link = services.add_location(
                    actor,
                    service,
                    name=name,
                    address_1=address,
                    city="Ashvale",
                    postal_code=postcode,
                    transport=transport,
                )
                for description in access:
                    _add(actor, Accessibility, location=link.location, description=description)
            for rule in rules:
                _add(actor, Schedule, service_at_location=link, **_schedule(rule, today))
        for option, amount, description in item.get("costs", []):
            services.add_to_service(
                actor,
                service,
                CostOption,
                option=option,
                amount=Decimal(amount) if amount else None,
                amount_description=description,
            )
        for name, code, note in item.get("languages", [("English", "en", "")]):
            services.add_to_service(actor, service, Language, name=name, code=code, note=note)
        for name, title, phone, email in item.get("contacts", []):
            services.add_to_service(
                actor, service, ServiceContact, name=name, title=title, phone=phone, email=email
            )
        if item["checked"] is not None:
            services.assure_service(actor, service, on=today - dt.timedelta(days=item["checked"]))
        made.append(service)
    return made
