"""The fictional Ashvale carers partnership: its organisations, staff and sign-ins.

Modelled on the partnerships in the seed documents (a council, a children's trust, an ICB, a
hospital trust, GP practices, schools and the voluntary organisation that runs the hub). Every
name here is made up.
"""

import datetime as dt

from carershub.accounts.models import Role
from carershub.partnerships.models import OrganisationType as T

PARTNERSHIP = {
    "name": "Ashvale Carers Partnership",
    "slug": "ashvale",
    "description": (
        "The Ashvale Carers Hub is run by Ashvale Carers Centre for Ashvale Council, Ashvale "
        "Children's Trust and the Ashvale and Brookmoor Integrated Care Board."
    ),
    "helpline_phone": "0808 157 0192",
    "helpline_email": "helpline@ashvale-carers.example",
    "website": "https://ashvale-carers.example",
}

# Monday to Friday 9am to 7pm, Saturday 9am to midday.
HELPLINE_HOURS = [(day, dt.time(9), dt.time(19)) for day in range(5)] + [
    (5, dt.time(9), dt.time(12))
]

HUB = "Ashvale Carers Centre"
ORGANISATIONS = [
    (HUB, T.HUB_PROVIDER, ""),
    ("Ashvale Council Adult Social Care", T.COUNCIL_ADULT_SOCIAL_CARE, ""),
    ("Ashvale Children's Trust", T.CHILDRENS_SERVICES, ""),
    ("Ashvale and Brookmoor Integrated Care Board", T.INTEGRATED_CARE_BOARD, "QX1"),
    ("Ashvale General Hospital NHS Trust", T.HOSPITAL_TRUST, "RX9"),
    ("Millbrook Surgery", T.GP_PRACTICE, "X99001"),
    ("Kingfisher Academy", T.SCHOOL_OR_COLLEGE, ""),
    ("Ashvale Young Carers Project", T.VOLUNTARY_ORGANISATION, ""),
    ("Ashvale Logistics", T.EMPLOYER, ""),
]

DEMO_PASSWORD = "ashvale-demo-password"
DOMAIN = "demo.carershub.example"

# (email local part, full name, [(organisation, role), ...])
STAFF = [
    ("manager", "Morgan Hale", [(HUB, Role.HUB_MANAGER)]),
    ("worker", "Sam Ortiz", [(HUB, Role.SUPPORT_WORKER)]),
    ("assessor", "Priya Lund", [(HUB, Role.ASSESSOR)]),
    ("ward", "Jo Whitlock", [("Ashvale General Hospital NHS Trust", Role.PARTNER_REFERRER)]),
    ("gp", "Dr Kit Arnott", [("Millbrook Surgery", Role.PARTNER_REFERRER)]),
    ("school", "Ellis Penn", [("Kingfisher Academy", Role.PARTNER_REFERRER)]),
    ("earlyhelp", "Rowan Mace", [("Ashvale Children's Trust", Role.PARTNER_REFERRER)]),
    ("socialcare", "Dana Fry", [("Ashvale Council Adult Social Care", Role.PARTNER_REFERRER)]),
    ("commissioner", "Alex Brigham", [("Ashvale Council Adult Social Care", Role.COMMISSIONER)]),
    ("admin", "Robin Castell", [(HUB, Role.SYSTEM_ADMIN)]),
    (
        "twohats",
        "Casey Thorne",
        [(HUB, Role.SUPPORT_WORKER), ("Ashvale Young Carers Project", Role.PARTNER_REFERRER)],
    ),
]

GIVEN_NAMES = [
    "Ada",
    "Amir",
    "Beth",
    "Callum",
    "Chloe",
    "Dev",
    "Elif",
    "Fern",
    "Gareth",
    "Hana",
    "Idris",
    "Jas",
    "Kemi",
    "Leon",
    "Maya",
    "Nia",
    "Omar",
    "Pip",
    "Quinn",
    "Rosa",
    "Sian",
    "Tariq",
    "Una",
    "Viktor",
    "Wren",
    "Yusuf",
    "Zara",
    "Bex",
    "Cai",
    "Del",
]
# Family names taken from plants and birds, so no demo carer can be mistaken for a real person.
FAMILY_NAMES = [
    "Alderbrook",
    "Bracken",
    "Cobnut",
    "Dunnock",
    "Elderflower",
    "Foxglove",
    "Goldcrest",
    "Hazelby",
    "Ivybridge",
    "Juniper",
    "Kestrelby",
    "Larkspur",
    "Marigold",
    "Nettlefold",
    "Oxlip",
    "Pipit",
    "Quillwort",
    "Redpoll",
    "Sorrel",
    "Thistledown",
    "Umberwood",
    "Vetchley",
    "Willowherb",
    "Yarrow",
]
# Postcodes in the fictional "ZZ" area (not a real postcode area).
POSTCODE_DISTRICTS = ["ZZ1", "ZZ2", "ZZ3", "ZZ4", "ZZ5"]

STREETS = [
    "Kingfisher Way",
    "Alder Close",
    "Mill Lane",
    "Heron Road",
    "Orchard Rise",
    "Chapel Street",
    "Wharf Road",
    "Beech Grove",
    "Station Road",
    "Meadow View",
]

CARES_FOR = [
    "Her husband, who has dementia and was discharged from hospital this week.",
    "His mum, who is frail and has had two falls.",
    "Their son, who is autistic and has just been excluded from school.",
    "Her dad, who drinks heavily; she does the shopping and cooking.",
    "His partner, who has multiple sclerosis.",
    "Her younger brother, who has a learning disability.",
    "A neighbour with terminal cancer who has no family nearby.",
]
CONTACT_PURPOSES = [
    "Check-in after hospital discharge",
    "Benefits advice",
    "Arranging a break",
    "Emotional support",
    "Emergency plan",
    "Carers group details",
    "Help with a blue badge application",
]
