"""Build the demo partnership. Deterministic: the same seed gives the same people."""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from carershub.accounts.models import Membership, User
from carershub.carers.models import Carer
from carershub.carers.models.carer import _REFERENCE_ALPHABET
from carershub.demo import data
from carershub.partnerships.models import HelplineHours, Organisation, Partnership

BATCH = 5000


def demo_loaded():
    return Partnership.objects.filter(slug=data.PARTNERSHIP["slug"]).exists()


@transaction.atomic
def seed(carers=200, seed=2026, stdout=None):
    """Create the partnership, its organisations, one member of staff per role and N carers."""
    partnership = Partnership.objects.create(**data.PARTNERSHIP)
    HelplineHours.objects.bulk_create(
        HelplineHours(partnership=partnership, day=d, opens=o, closes=c) for d, o, c in data.HELPLINE_HOURS
    )
    orgs = {
        name: Organisation.objects.create(partnership=partnership, name=name, type=kind, ods_code=ods)
        for name, kind, ods in data.ORGANISATIONS
    }
    password = make_password(data.DEMO_PASSWORD)  # hashed once, shared by every demo account
    for local, name, roles in data.STAFF:
        user = User.objects.create(email=f"{local}@{data.DOMAIN}", full_name=name, password=password)
        Membership.objects.bulk_create(Membership(user=user, organisation=orgs[o], role=r) for o, r in roles)
    add_carers(orgs[data.HUB], carers, seed=seed)
    return partnership


def add_carers(organisation, count, seed=2026):
    """Bulk-insert ``count`` fictional carers (no audit: nobody read or changed a real record)."""
    rng = random.Random(seed)
    today = dt.date(2026, 1, 1)
    made = 0
    references = set(Carer.unscoped.values_list("reference", flat=True))
    while made < count:
        batch = []
        for _ in range(min(BATCH, count - made)):
            reference = _reference(rng)
            while reference in references:
                reference = _reference(rng)
            references.add(reference)
            age_days = rng.randint(8 * 365, 90 * 365)
            batch.append(
                Carer(
                    reference=reference,
                    holding_organisation=organisation,
                    given_name=rng.choice(data.GIVEN_NAMES),
                    family_name=rng.choice(data.FAMILY_NAMES),
                    date_of_birth=today - dt.timedelta(days=age_days),
                    postcode=f"{rng.choice(data.POSTCODE_DISTRICTS)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                )
            )
        Carer.unscoped.bulk_create(batch)
        made += len(batch)
    return made


def _reference(rng):
    chars = "".join(rng.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"C-{chars[:4]}-{chars[4:]}"


def sign_ins():
    """(email, password, roles) for each demo account, for `make run` to print."""
    rows = []
    for local, name, roles in data.STAFF:
        described = "; ".join(f"{role.label} at {org}" for org, role in roles)
        rows.append((f"{local}@{data.DOMAIN}", data.DEMO_PASSWORD, f"{name}: {described}"))
    return rows
