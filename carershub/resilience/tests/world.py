"""A small hub's worth of data made through the services, and a snapshot of everything the hub
holds (every model's rows, every uploaded file) to compare before a backup and after a restore.

Run inside a throwaway hub's own process (see hubs.py), so both functions print their result.
"""

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

MARKER = "WORLD:"


@transaction.atomic
def build():
    """A partnership with carers, the people they care for, a completed assessment with its plan,
    one in progress, contacts, and an uploaded import file under MEDIA_ROOT."""
    from carershub.accounts.actor import actor_for
    from carershub.accounts.models import Role
    from carershub.accounts.tests.factories import MembershipFactory, UserFactory
    from carershub.assessments import selectors as assessment_selectors
    from carershub.assessments import services as assessments
    from carershub.assessments.situations import AssessmentType
    from carershub.assessments.tests.conftest import adult_answers, years_ago
    from carershub.carers import services as carers
    from carershub.carers.models.cared_for import Relationship
    from carershub.carers.models.contact import ContactKind, Direction
    from carershub.imports import services as imports
    from carershub.imports.tests.helpers import export, person, row
    from carershub.partnerships.models import OrganisationType
    from carershub.partnerships.tests.factories import (
        HelplineHoursFactory,
        OrganisationFactory,
        PartnershipFactory,
    )

    partnership = PartnershipFactory(name="Backupshire Carers Partnership", slug="backupshire")
    HelplineHoursFactory(partnership=partnership, day=0)
    hub = OrganisationFactory(
        partnership=partnership,
        name="Backupshire Carers Centre",
        type=OrganisationType.HUB_PROVIDER,
    )
    worker = UserFactory(full_name="Sam Worker")
    MembershipFactory(user=worker, organisation=hub, role=Role.SUPPORT_WORKER)
    assessor = UserFactory(full_name="Alex Assessor")
    MembershipFactory(user=assessor, organisation=hub, role=Role.ASSESSOR)
    as_worker, as_assessor = actor_for(worker, hub.pk), actor_for(assessor, hub.pk)

    people = []
    for given, family, age in [
        ("Ada", "Lovelace", 52),
        ("Grace", "Hopper", 67),
        ("Mary", "Seacole", 40),
    ]:
        carer = carers.register_carer(
            as_worker,
            given_name=given,
            family_name=family,
            date_of_birth=years_ago(age),
            postcode="ZZ1 1AA",
        )
        carers.add_cared_for_person(
            as_worker,
            carer,
            given_name="Bea",
            family_name=family,
            relationship=Relationship.PARENT,
            lives_together=True,
            date_of_birth=years_ago(84),
        )
        carers.log_contact(
            as_worker,
            carer,
            kind=ContactKind.PHONE,
            direction=Direction.INBOUND,
            happened_on=dt.date(2026, 11, 2),
            purpose="Asked about a break from caring",
            notes="Would like a sitting service",
        )
        people.append(carer)

    completed = assessments.start_assessment(
        as_worker, people[0], assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    answers = adult_answers(people[0])
    for section, _ in assessment_selectors.sections_with_state(completed):
        form = section.form_class(
            answers[section.slug], carer=assessment_selectors.carer_with_network(people[0])
        )
        assert form.is_valid(), form.errors
        completed = assessments.save_section(
            as_worker,
            completed,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=completed.version,
        )
    completed = assessments.complete_assessment(
        as_assessor, completed, expected_version=completed.version, decision="eligible"
    )
    assessments.create_plan(as_worker, completed)

    in_progress = assessments.start_assessment(
        as_worker, people[1], assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    section, _ = next(iter(assessment_selectors.sections_with_state(in_progress)))
    form = section.form_class(
        adult_answers(people[1])[section.slug],
        carer=assessment_selectors.carer_with_network(people[1]),
    )
    assert form.is_valid(), form.errors
    assessments.save_section(
        as_worker,
        in_progress,
        section,
        answers=form.answers(),
        completed=True,
        expected_version=in_progress.version,
    )

    upload = export(row(), person(2), person(3))
    imports.start_import(
        as_worker,
        organisation=hub,
        data=upload,
        filename="carepoint.csv",
        source_system="CarePoint",
    )


def snapshot():
    """{"models": {label: {"count", "digest"}}, "files": {path: sha256}, "carers": [names]}."""
    from carershub.audit.models import AuditLog
    from carershub.carers.models import Carer

    models = {}
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.db_table not in tables:
            models[model._meta.label] = (
                None  # a model still without its migration: no table either side
            )
            continue
        rows = model._base_manager.all()
        if model is AuditLog:
            # Taking the backup and restoring it are audited in the database they happen in.
            rows = rows.exclude(object_type__startswith="resilience.")
        columns = [field.attname for field in model._meta.concrete_fields]
        values = list(rows.order_by("pk").values_list(*columns))
        encoded = json.dumps(values, default=_plain, sort_keys=True).encode()
        models[model._meta.label] = {
            "count": len(values),
            "digest": hashlib.sha256(encoded).hexdigest(),
        }
    media = Path(settings.MEDIA_ROOT)
    files = {}
    for folder, _, names in os.walk(media):
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(media).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    names = sorted(f"{c.given_name} {c.family_name}" for c in Carer.unscoped.all())
    return {"models": models, "files": files, "carers": names}


def _plain(value):
    if isinstance(value, bytes | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return str(value)


def show(result):
    print(MARKER + json.dumps(result))


def parse(output):
    for line in output.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise AssertionError(f"No result in the output:\n{output}")
