"""Setting up a partnership (its organisations and its first administrator) and changing its
settings.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from carershub.accounts.models import Invitation, Membership, Role, User
from carershub.audit import services as auditor
from carershub.core.concurrency import EditConflict, write_if_unchanged
from carershub.partnerships.models import HelplineHours, Organisation, OrganisationType, Partnership


@transaction.atomic
def create_partnership(
    *, name, slug, hub_name, admin_email, admin_name, helpline_phone="", helpline_email=""
):
    """Create a partnership with its hub provider and a first member of staff who runs it.

    The first person gets the hub manager and system administrator roles at the hub provider and an
    invitation (valid 7 days) to set their password. Returns (partnership, invitation).
    """
    partnership = Partnership.objects.create(
        name=name, slug=slug, helpline_phone=helpline_phone, helpline_email=helpline_email
    )
    hub = Organisation.objects.create(
        partnership=partnership, name=hub_name, type=OrganisationType.HUB_PROVIDER
    )
    roles = [Role.HUB_MANAGER, Role.SYSTEM_ADMIN]
    user = User.objects.filter(email=admin_email.lower()).first()
    for_new_account = user is None
    if for_new_account:
        user = User.objects.create_user(email=admin_email, full_name=admin_name)
        for role in roles:
            Membership.objects.create(user=user, organisation=hub, role=role)
    # Someone who already has an account is offered the roles and accepts them signed in as
    # themselves: the link never sets the password of an existing account (ADR 22).
    invitation = Invitation.objects.create(
        user=user,
        organisation=hub,
        invited_by=user,
        expires_at=timezone.now() + timedelta(days=7),
        for_new_account=for_new_account,
        roles=[] if for_new_account else [str(r) for r in roles],
    )
    for obj in (partnership, hub, user, invitation):
        auditor.created(None, obj, context={"via": "create_partnership command"})
    return partnership, invitation


@transaction.atomic
def add_organisation(*, partnership, name, type, ods_code=""):
    organisation = Organisation.objects.create(
        partnership=partnership, name=name, type=type, ods_code=ods_code
    )
    auditor.created(None, organisation, context={"via": "add_organisation command"})
    return organisation


# The figures the settings page changes. A referral copies its clocks when it arrives
# (referrals.services), so a change applies to referrals from then on.
TARGET_FIELDS = [
    "first_contact_working_days",
    "assessment_start_days",
    "plan_within_days",
    "review_within_months",
]
SETTINGS_FIELDS = ["helpline_phone", "helpline_email", *TARGET_FIELDS]


@transaction.atomic
def update_settings(actor, partnership, *, expected_version, hours, **fields):
    """Save the partnership's helpline details, opening hours and targets from the settings page.

    ``hours`` is {day (0 = Monday): [(opens, closes), ...]} for every day; a day with no periods is
    closed. Refused (EditConflict, nothing written) if someone saved the settings since the page
    was opened at ``expected_version``. Audited as one change of the partnership naming the fields
    that changed, and a created or deleted row for each opening period changed.
    """
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Not a partnership setting: {', '.join(sorted(unknown))}")
    changed = [name for name, value in fields.items() if getattr(partnership, name) != value]
    # The targets are figures, not personal data: the audit keeps each one's old and new value, so
    # the row's date says from when a figure applied (the partnership holds only the current one).
    targets = {
        name: {"from": getattr(partnership, name), "to": fields[name]}
        for name in changed
        if name in TARGET_FIELDS
    }
    saved_hours = {
        (row.day, row.opens, row.closes): row for row in partnership.helpline_hours.all()
    }
    wanted_hours = {
        (day, opens, closes) for day, periods in hours.items() for opens, closes in periods
    }
    # The version moves even when nothing changed, so "saved" always means "as you saw it".
    if not write_if_unchanged(
        Partnership.objects.filter(pk=partnership.pk), expected_version, **fields
    ):
        raise EditConflict(Partnership.objects.get(pk=partnership.pk))
    for key in sorted(set(saved_hours) - wanted_hours):
        row = saved_hours[key]
        auditor.deleted(actor, row)
        row.delete()
    for day, opens, closes in sorted(wanted_hours - set(saved_hours)):
        row = HelplineHours.objects.create(
            partnership=partnership, day=day, opens=opens, closes=closes
        )
        auditor.created(actor, row)
    partnership.refresh_from_db()
    if changed:
        auditor.updated(
            actor, partnership, fields=changed, context={"targets": targets} if targets else None
        )
    return partnership
