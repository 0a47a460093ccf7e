"""The hub's own vocabularies for the directory: what a service is about, and who it is for.

Their ids are fixed (UUID 5 from the codes) so that a term keeps its id in every hub's API and a
consumer can filter by ``taxonomy_term_id`` across hubs. A data migration creates them; changing
a name here needs a new migration to update it.
"""

import uuid

NAMESPACE = uuid.UUID("6f1a3c2e-1b7d-5c3a-9e0b-4c2d8a7f1e55")

CATEGORIES = {
    "code": "carershub-categories",
    "name": "Carers Hub categories",
    "description": "What a service for unpaid carers is about.",
    "terms": [
        (
            "breaks",
            "Breaks",
            "Time off from caring: sitting services, respite, short breaks and holidays.",
        ),
        (
            "benefits-and-money",
            "Benefits and money",
            "Carer's Allowance, other benefits, grants, debt and budgeting.",
        ),
        (
            "emotional-support",
            "Emotional support",
            "Someone to talk to: counselling, listening services and peer support.",
        ),
        (
            "groups",
            "Carers groups",
            "Regular groups, cafes and meet-ups where carers support each other.",
        ),
        (
            "young-carers",
            "Young carers",
            "Support for children and young people who care for someone.",
        ),
        (
            "training",
            "Training",
            "Courses for carers: moving and handling, first aid, "
            "managing medicines, caring skills.",
        ),
        (
            "employment",
            "Work and caring",
            "Juggling work and care: rights at work, carer's leave, getting back to work.",
        ),
        (
            "technology",
            "Technology",
            "Alarms, sensors, apps and equipment that make caring safer or easier.",
        ),
        ("transport", "Transport", "Getting about: community transport, Blue Badge, travel help."),
        (
            "hospital",
            "Hospital and discharge",
            "Support when the person you care for goes into or leaves hospital.",
        ),
        (
            "emergency-planning",
            "Emergency planning",
            "Plans and cards for when a carer suddenly cannot care.",
        ),
        ("advocacy", "Advocacy", "Someone to speak up for you or help you be heard."),
        (
            "health-and-wellbeing",
            "Health and wellbeing",
            "Looking after your own health: checks, exercise, sleep, relaxation.",
        ),
        (
            "information-and-advice",
            "Information and advice",
            "General advice for carers, by phone, online or in person.",
        ),
        (
            "legal-and-rights",
            "Legal matters and rights",
            "Lasting power of attorney, assessments, complaints and rights.",
        ),
        ("housing", "Housing and adaptations", "Adapting a home, housing advice and moving."),
        (
            "end-of-life",
            "End of life and bereavement",
            "Support near the end of life and after someone dies.",
        ),
    ],
}

WHO_FOR = {
    "code": "carershub-who-for",
    "name": "Carers Hub: who it is for",
    "description": "Which carers a service is for.",
    "terms": [
        ("adult-carers", "Adult carers", "Carers aged 18 and over."),
        ("young-carers", "Young carers", "Carers under 18."),
        ("young-adult-carers", "Young adult carers", "Carers aged 16 to 25."),
        ("parent-carers", "Parent carers", "Parents caring for a disabled child."),
        ("older-carers", "Older carers", "Carers aged 65 and over."),
        ("former-carers", "Former carers", "People whose caring role has ended."),
        ("cared-for", "People who are cared for", "The people carers look after."),
    ],
}

VOCABULARIES = (CATEGORIES, WHO_FOR)


def taxonomy_id(vocabulary):
    return uuid.uuid5(NAMESPACE, vocabulary["code"])


def term_id(vocabulary, code):
    return uuid.uuid5(NAMESPACE, f"{vocabulary['code']}/{code}")


def create_vocabularies(Taxonomy, TaxonomyTerm):
    """Create or update the hub's taxonomies (models passed in, so a migration can call it)."""
    for vocabulary in VOCABULARIES:
        taxonomy, _ = Taxonomy.objects.update_or_create(
            id=taxonomy_id(vocabulary),
            defaults={
                "name": vocabulary["name"],
                "description": vocabulary["description"],
                "version": "1",
            },
        )
        for code, name, description in vocabulary["terms"]:
            TaxonomyTerm.objects.update_or_create(
                id=term_id(vocabulary, code),
                defaults={
                    "taxonomy": taxonomy,
                    "code": code,
                    "name": name,
                    "description": description,
                },
            )
