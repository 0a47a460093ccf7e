"""Build the demo partnership. Deterministic: the same seed gives the same people."""

import datetime as dt
import random
from pathlib import Path

from django import forms
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.demo import add_demo_authenticators, demo_secret
from carershub.accounts.models import Membership, User
from carershub.assessments import selectors as assessment_selectors
from carershub.assessments import services as assessment_services
from carershub.assessments import situations
from carershub.assessments.loading import load_question_set
from carershub.assessments.models import Assessment
from carershub.assessments.situations import AssessmentType
from carershub.carers.models import (
    CaredForPerson,
    Carer,
    CaringRelationship,
    Condition,
    ConsentToShare,
    Contact,
    EqualityMonitoring,
)
from carershub.carers.models.choices import Ethnicity, HoursBand
from carershub.carers_allowance.demo import seed_carers_allowance_rules
from carershub.core.references import make_reference
from carershub.core.statistics import refresh_statistics
from carershub.demo import data
from carershub.demo.advice import seed_articles
from carershub.demo.directory import seed_directory
from carershub.demo.groups import seed_groups
from carershub.demo.safeguarding import seed_safeguarding
from carershub.events.services import referral_changed
from carershub.partnerships.models import HelplineHours, Organisation, Partnership
from carershub.referrals.models import Referral, Source
from carershub.referrals.services import clocks_for
from carershub.search.services import rebuild_index

BATCH = 5000

# What a not-eligible decision records as the written information and advice (Care Act 2014 s13(5)).
DEMO_INFORMATION_AND_ADVICE = (
    "The carers' group at the library on Tuesdays, the hub's breaks grant, the "
    "sitting service's number, and to ask for a new assessment if things change."
)


def demo_loaded():
    return Partnership.objects.filter(slug=data.PARTNERSHIP["slug"]).exists()


@transaction.atomic
def seed(carers=200, seed=2026, stdout=None):
    """Create the partnership, its organisations, one member of staff per role and N carers."""
    partnership = Partnership.objects.create(**data.PARTNERSHIP)
    HelplineHours.objects.bulk_create(
        HelplineHours(partnership=partnership, day=d, opens=o, closes=c)
        for d, o, c in data.HELPLINE_HOURS
    )
    orgs = {
        name: Organisation.objects.create(
            partnership=partnership, name=name, type=kind, ods_code=ods
        )
        for name, kind, ods in data.ORGANISATIONS
    }
    password = make_password(data.DEMO_PASSWORD)  # hashed once, shared by every demo account
    for local, name, roles in data.STAFF:
        user = User.objects.create(
            email=f"{local}@{data.DOMAIN}", full_name=name, password=password
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=orgs[o], role=r) for o, r in roles
        )
    add_carers(orgs[data.HUB], carers, seed=seed)
    add_referrals_and_contacts(orgs, seed=seed)
    load_question_set(
        partnership, (Path(__file__).parent / "quality_of_life.json").read_text(encoding="utf-8")
    )
    add_assessments(orgs, seed=seed)
    seed_safeguarding(partnership, orgs)
    seed_groups(partnership, orgs)
    add_demo_authenticators(User.objects.filter(email__endswith=f"@{data.DOMAIN}"))
    seed_carers_allowance_rules()
    seed_articles(partnership, orgs)
    seed_directory(partnership, orgs)
    rebuild_index()  # in bulk: the demo carers were bulk-inserted, not registered one by one
    refresh_statistics()  # every table was written to: analyze the whole database after the commit
    return partnership


def add_referrals_and_contacts(orgs, seed=2026):
    """Open referrals from every source in the queue (some overdue, some urgent), a triaged
    referral behind some registered carers, and contacts with follow-ups for others."""
    rng = random.Random(seed + 1)
    hub = orgs[data.HUB]
    staff = list(User.objects.filter(memberships__organisation=hub).distinct().order_by("pk"))
    worker = next(u for u in staff if u.email.startswith("worker@"))
    referrers = {
        Source.HOSPITAL: "Ashvale General Hospital NHS Trust",
        Source.GP: "Millbrook Surgery",
        Source.SCHOOL: "Kingfisher Academy",
        Source.EARLY_HELP: "Ashvale Children's Trust",
        Source.ADULT_SOCIAL_CARE: "Ashvale Council Adult Social Care",
    }
    now = timezone.now()
    referrals = []
    for n, source in enumerate(list(Source) * 3):
        received = now - dt.timedelta(days=rng.randint(0, 12), hours=rng.randint(0, 8))
        first_contact_due, assessment_due = clocks_for(hub.partnership, received)
        young = source in (Source.SCHOOL, Source.EARLY_HELP)
        referrals.append(
            Referral(
                holding_organisation=hub,
                source=source,
                referring_organisation=orgs.get(referrers.get(source, "")),
                received_at=received,
                urgency="urgent" if n % 7 == 3 else "routine",
                given_name=rng.choice(data.GIVEN_NAMES),
                family_name=rng.choice(data.FAMILY_NAMES),
                date_of_birth=dt.date(2026, 1, 1)
                - dt.timedelta(
                    days=rng.randint(10 * 365, 16 * 365)
                    if young
                    else rng.randint(25 * 365, 85 * 365)
                ),
                phone=f"020 7946 0{rng.randint(100, 999)}",
                postcode=_postcode(rng),
                cares_for=rng.choice(data.CARES_FOR),
                agreed_to_referral=True,
                first_contact_due=first_contact_due,
                assessment_due=assessment_due,
                allocated_to=worker if n % 3 == 0 else None,
                status="allocated" if n % 3 == 0 else "new",
            )
        )
    Referral.unscoped.bulk_create(referrals)

    registered = list(Carer.unscoped.filter(holding_organisation=hub).order_by("pk")[:400])
    triaged, contacts = [], []
    notes_rng = random.Random(
        7
    )  # its own, so the rest of the demo is the same as before notes were added
    for carer in registered:
        received = carer.created_at - dt.timedelta(days=rng.randint(5, 40))
        first_contact_due, assessment_due = clocks_for(hub.partnership, received)
        if rng.random() < 0.5:
            triaged.append(
                Referral(
                    holding_organisation=hub,
                    source=rng.choice(list(Source)),
                    received_at=received,
                    given_name=carer.given_name,
                    family_name=carer.family_name,
                    date_of_birth=carer.date_of_birth,
                    postcode=carer.postcode,
                    agreed_to_referral=True,
                    first_contact_due=first_contact_due,
                    assessment_due=assessment_due,
                    status="triaged",
                    outcome="registered",
                    outcome_at=received + dt.timedelta(days=3),
                    first_contact_at=received + dt.timedelta(days=2),
                    carer=carer,
                    allocated_to=worker,
                )
            )
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            happened = now - dt.timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 9))
            given = sorted(
                set(
                    rng.sample(
                        ["information_and_advice", "emotional_support", "practical_help"],
                        rng.randint(1, 2),
                    )
                )
            )
            contacts.append(
                Contact(
                    holding_organisation=hub,
                    carer=carer,
                    kind=rng.choice(["phone", "phone", "email", "visit", "video"]),
                    direction=rng.choice(["in", "out"]),
                    happened_at=happened,
                    duration_minutes=rng.choice([None, 10, 20, 45]),
                    purpose=rng.choice(data.CONTACT_PURPOSES),
                    given=given,
                    recorded_by=worker,
                    notes=notes_rng.choice(DEMO_CONTACT_NOTES) if notes_rng.random() < 0.6 else "",
                    follow_up_due=(timezone.localdate() + dt.timedelta(days=rng.randint(-3, 10)))
                    if rng.random() < 0.2
                    else None,
                )
            )
    Referral.unscoped.bulk_create(triaged)
    Contact.unscoped.bulk_create(contacts)

    for referral in Referral.unscoped.filter(holding_organisation=hub).select_related("carer"):
        referral_changed(
            referral
        )  # each request is an event for returns, as the services would record it


DEMO_CONTACT_NOTES = [
    "Talked through the carers assessment; she would like one at home next month.",
    "Caring at night since the fall. Sent the emergency plan leaflet and the card application.",
    "Money is tight since he stopped work; booked a benefits check with the advice team.",
    "Feeling low. Offered the peer support group on Tuesdays and a call back next week.",
    "Asked about a break in the summer; explained the replacement care options.",
]

DEMO_NOTES = [
    "Finds evenings hardest; no time for herself since the stroke.",
    "Would like to get back to part-time work.",
    "Worried about what happens if she is ill.",
    "Manages with help from a neighbour twice a week.",
    "A regular break, and someone to talk to who understands.",
]


DEMO_OUTCOMES = [
    "A full night's sleep at least once a week.",
    "Time to see friends again, and to keep my job.",
    "To know what happens to Mum if I am ill.",
    "Help with the paperwork, and a break now and then.",
]


def _demo_answer(rng, field):
    if isinstance(field, forms.MultipleChoiceField):
        values = [str(v) for v, _ in field.choices if str(v)]
        return sorted(rng.sample(values, min(len(values), rng.randint(1, 2)))) if values else []
    if isinstance(field, forms.ChoiceField):
        return rng.choice([str(v) for v, _ in field.choices if str(v)])
    if isinstance(field, forms.IntegerField):
        return str(rng.choice([10, 20, 35, 50, 70]))
    return rng.choice(DEMO_NOTES)


def _answer_section(rng, actor, assessment, section, network):
    """Fill in one section with answers its own form accepts, through the service."""
    form = section.form_class(carer=network)
    answers = {name: _demo_answer(rng, field) for name, field in form.fields.items()}
    if section.slug == "caring-role":
        answers["cared_for"] = [str(v) for v, _ in form.fields["cared_for"].choices]
    if section.slug == "transition-conditions":  # the demo's transition assessments are all due
        answers.update(likely_needs_after_18="yes", significant_benefit="yes", consent="consented")
    bound = section.form_class(answers, carer=network)
    if not bound.is_valid():
        raise ValueError(f"Demo answers for {section.slug} are not valid: {bound.errors}")
    return assessment_services.save_section(
        actor,
        assessment,
        section,
        answers=bound.answers(),
        completed=True,
        expected_version=assessment.version,
    )


def add_assessments(orgs, seed=2026):
    """Assessments of every kind the demo carers' situations allow, in every state: completed with
    a determination, in progress with a few sections done, cancelled; then plans, reviews and
    risk ratings. Made through the services, so they are audited and valid like any other."""
    rng = random.Random(seed + 2)
    hub = orgs[data.HUB]
    assessor = User.objects.get(email=f"assessor@{data.DOMAIN}")
    worker = User.objects.get(email=f"worker@{data.DOMAIN}")
    as_worker, as_assessor = actor_for(worker, hub.pk), actor_for(assessor, hub.pk)
    # Each kind of assessment (a review comes below) completed twice, in progress once,
    # and one cancelled.
    kinds = [k for k in AssessmentType if k != AssessmentType.REVIEW]
    states = ["completed", "in_progress", "completed", "cancelled"]
    candidates = list(Carer.unscoped.filter(holding_organisation=hub).order_by("pk")[:400])
    offered = {
        c.pk: situations.offered_types(assessment_selectors.situation_of(as_worker, c))
        for c in candidates
    }
    used = set()
    for kind in kinds:
        picks = [c for c in candidates if c.pk not in used and kind in offered[c.pk]]
        wanted = states if kind == AssessmentType.ADULT_CARER else states[:3]
        for carer, state in zip(picks, wanted, strict=False):
            used.add(carer.pk)
            assessment = assessment_services.start_assessment(
                as_worker, carer, assessment_type=kind, assessor=assessor
            )
            network = assessment_selectors.carer_with_network(carer)
            sections = [s for s, _ in assessment_selectors.sections_with_state(assessment)]
            for section in sections if state == "completed" else sections[: rng.randint(1, 4)]:
                assessment = _answer_section(rng, as_worker, assessment, section, network)
            if state == "completed":
                suggestion = assessment_selectors.suggestion_for(assessment)
                decision = (suggestion.decision or "not_eligible") if suggestion else ""
                reasons = (
                    ""
                    if not suggestion or suggestion.decision
                    else "The carer's needs are met by support already in place."
                )
                assessment_services.complete_assessment(
                    as_assessor,
                    assessment,
                    expected_version=assessment.version,
                    decision=decision,
                    reasons=reasons,
                    information_and_advice=DEMO_INFORMATION_AND_ADVICE,
                )
            elif state == "cancelled":
                assessment_services.cancel_assessment(
                    as_worker,
                    assessment,
                    reason="Started in error",
                    expected_version=assessment.version,
                )
    # Support plans for most completed assessments: some agreed, some still drafts.
    for n, done in enumerate(
        Assessment.unscoped.filter(holding_organisation=hub, status="completed")
        .exclude(type=AssessmentType.REVIEW)
        .select_related("carer")
        .order_by("pk")
    ):
        if n % 4 == 3:
            continue  # waiting for its plan: shows in "Support plans to agree"
        plan = assessment_services.create_plan(as_worker, done)
        plan = assessment_services.update_plan(
            as_worker,
            plan,
            expected_version=plan.version,
            outcomes=rng.choice(DEMO_OUTCOMES),
            contingency="Her sister can step in for a few days; the emergency plan lists who to "
            "call.",
            review_due=plan.review_due,
        )
        assessment_services.add_action(
            as_worker,
            plan,
            what="Apply for Carer's Allowance",
            who="The carer, with the hub",
            by_when=timezone.localdate() + dt.timedelta(days=rng.randint(7, 40)),
        )
        if n % 2 == 0:
            assessment_services.add_service(
                as_worker,
                plan,
                kind="direct_payment",
                amount=250,
                frequency="yearly",
                details="For a short break of the carer's choosing",
            )
        else:
            assessment_services.add_service(
                as_worker,
                plan,
                kind="groups",
                details="Monday carers' café",
                provider="Ashvale Carers Centre",
            )
        if n % 3 != 2:
            plan.refresh_from_db()
            assessment_services.agree_plan(as_worker, plan, expected_version=plan.version)
    # Breakdown risk confirmed for some carers, one in crisis.
    for n, carer in enumerate(Carer.unscoped.filter(holding_organisation=hub).order_by("pk")[:12]):
        found = assessment_selectors.risk_suggestion_for(as_worker, carer)
        rating = "crisis" if n == 0 else found.rating.value
        triggers = [*found.triggers, "safeguarding"] if n == 0 else found.triggers
        assessment_services.record_risk(
            as_worker,
            carer,
            rating=rating,
            triggers=triggers,
            suggestion=found,
            notes="Neighbour worried about how she is coping" if n == 0 else "",
        )
    # Reviews of some completed carer's assessments, so quality of life shows a change.
    completed = (
        Assessment.unscoped.filter(
            holding_organisation=hub, type=AssessmentType.ADULT_CARER, status="completed"
        )
        .select_related("carer")
        .order_by("pk")[:3]
    )
    for first in completed:
        review = assessment_services.start_assessment(
            as_worker, first.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
        )
        network = assessment_selectors.carer_with_network(first.carer)
        for section, _ in assessment_selectors.sections_with_state(review):
            review = _answer_section(rng, as_worker, review, section, network)
        suggestion = assessment_selectors.suggestion_for(review)
        assessment_services.complete_assessment(
            as_assessor,
            review,
            expected_version=review.version,
            decision=(suggestion.decision or "not_eligible"),
            reasons=""
            if suggestion.decision
            else "The carer's needs are met by support already in place.",
            information_and_advice=DEMO_INFORMATION_AND_ADVICE,
        )


def add_carers(organisation, count, seed=2026, recorded_by=None):
    """Bulk-insert ``count`` fictional carers with the people they care for, consents to share
    and equality answers. No audit: nobody read or changed a real record."""
    rng = random.Random(seed)
    today = dt.date(2026, 1, 1)
    partnership = organisation.partnership
    by_type = {}
    for org in Organisation.objects.filter(partnership=partnership):
        by_type.setdefault(org.type, []).append(org)
    recorded_by = (
        recorded_by
        or User.objects.filter(memberships__organisation=organisation).order_by("pk").first()
    )
    made = 0
    references = set(Carer.unscoped.values_list("reference", flat=True))
    while made < count:
        size = min(BATCH, count - made)
        carers, people, links, consents, equality = [], [], [], [], []
        for _ in range(size):
            reference = _reference(rng)
            while reference in references:
                reference = _reference(rng)
            references.add(reference)
            carers.append(_fictional_carer(rng, organisation, reference, today, by_type))
        Carer.unscoped.bulk_create(carers)
        for carer in carers:
            people.append(_fictional_cared_for(rng, organisation, carer, today))
        CaredForPerson.unscoped.bulk_create(people)
        for carer, person in zip(carers, people, strict=True):
            links.append(
                CaringRelationship(
                    carer=carer,
                    cared_for=person,
                    relationship=person._relationship,
                    # The demo's parents of children hold parental responsibility,
                    # recorded as staff would.
                    parental_responsibility=True if person._relationship == "child" else None,
                    lives_together=rng.random() < 0.6,
                    is_main_carer=True,
                    # the council is kept per relationship (ADR 10)
                    responsible_council=carer.responsible_council,
                )
            )
            if recorded_by and rng.random() < 0.4:
                partner = rng.choice(
                    by_type.get("hospital_trust", []) + by_type.get("gp_practice", [])
                )
                young = carer.date_of_birth > today - dt.timedelta(days=18 * 365)
                consents.append(
                    ConsentToShare(
                        carer=carer,
                        organisation=partner,
                        purposes=["care_and_support", "hospital_discharge"],
                        competence="gillick" if young else "adult",
                        given_by="carer",
                        given_on=today - dt.timedelta(days=rng.randint(1, 300)),
                        recorded_by=recorded_by,
                    )
                )
            if rng.random() < 0.6:
                equality.append(
                    EqualityMonitoring(
                        carer=carer,
                        ethnicity=rng.choice(Ethnicity.values),
                        sex=rng.choice(["female", "female", "male", "prefer_not"]),
                        gender_same_as_sex_at_birth=rng.choice(["yes", "yes", "yes", "prefer_not"]),
                        religion=rng.choice(
                            ["none", "christian", "muslim", "sikh", "hindu", "prefer_not"]
                        ),
                        disability=rng.choice(["no", "no", "yes_a_little", "yes_a_lot"]),
                    )
                )
        CaringRelationship.objects.bulk_create(links)
        ConsentToShare.objects.bulk_create(consents)
        EqualityMonitoring.objects.bulk_create(equality)
        made += size
    return made


def _postcode(rng):
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return (
        f"{rng.choice(data.POSTCODE_DISTRICTS)} "
        f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    )


def _fictional_carer(rng, organisation, reference, today, by_type):
    age_days = rng.randint(8 * 365, 90 * 365)
    dob = today - dt.timedelta(days=age_days)
    young = age_days < 18 * 365
    hours = rng.choice([None, 5, 12, 20, 35, 50, 70, 100])
    given = rng.choice(data.GIVEN_NAMES)
    family = rng.choice(data.FAMILY_NAMES)
    method = rng.choice(["email", "phone", "text", "letter"])
    return Carer(
        reference=reference,
        holding_organisation=organisation,
        given_name=given,
        family_name=family,
        date_of_birth=dob,
        postcode=_postcode(rng),
        address_line_1=f"{rng.randint(1, 120)} {rng.choice(data.STREETS)}",
        town="Ashvale",
        email=f"{given}.{family}@example.com".lower() if method == "email" else "",
        phone=f"020 7946 0{rng.randint(100, 999)}" if method in ("phone", "letter") else "",
        mobile=f"07700 900{rng.randint(100, 999)}" if method == "text" else "",
        preferred_contact_method=method,
        preferred_format=rng.choice(
            ["standard"] * 6 + ["easy_read", "large_print", "audio", "other_language"]
        ),
        hours_per_week=hours,
        hours_band=HoursBand.for_hours(hours),
        work_status="school"
        if young
        else rng.choice(["full_time", "part_time", "not_working", "retired", "unable"]),
        school=rng.choice(by_type.get("school", [None])) if young else None,
        gp_practice=rng.choice(by_type.get("gp_practice", [None])),
        responsible_council=rng.choice(by_type.get("council_asc", [None])),
        caring_since=today
        - dt.timedelta(days=rng.randint(30, 15 * 365) if not young else rng.randint(30, 4 * 365)),
        lawful_basis="public_task",
    )


def _fictional_cared_for(rng, organisation, carer, today):
    young = carer.date_of_birth > today - dt.timedelta(days=18 * 365)
    relationship = rng.choice(
        ["parent", "sibling"]
        if young
        else ["partner", "parent", "child", "friend", "other_relative"]
    )
    if relationship == "child":
        dob = today - dt.timedelta(days=rng.randint(2 * 365, 17 * 365))
    elif relationship == "parent":
        dob = carer.date_of_birth - dt.timedelta(days=rng.randint(18 * 365, 40 * 365))
    else:
        dob = today - dt.timedelta(days=rng.randint(20 * 365, 90 * 365))
    person = CaredForPerson(
        holding_organisation=organisation,
        given_name=rng.choice(data.GIVEN_NAMES),
        family_name=carer.family_name,
        date_of_birth=dob,
        conditions=sorted(set(rng.sample(Condition.values, rng.choice([1, 1, 2])))),
    )
    person._relationship = relationship
    return person


def _reference(rng):
    return make_reference("C", rng)


def sign_ins():
    """(email, password, roles, authenticator secret) for each demo account,
    for `make run` to print.
    """
    rows = []
    for local, name, roles in data.STAFF:
        described = "; ".join(f"{role.label} at {org}" for org, role in roles)
        email = f"{local}@{data.DOMAIN}"
        rows.append((email, data.DEMO_PASSWORD, f"{name}: {described}", demo_secret(email)))
    return rows
