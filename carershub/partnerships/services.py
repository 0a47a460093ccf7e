"""Setting up a partnership: its organisations and its first administrator."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from carershub.accounts.models import Invitation, Membership, Role, User
from carershub.audit import services as auditor
from carershub.partnerships.models import Organisation, OrganisationType, Partnership


@transaction.atomic
def create_partnership(*, name, slug, hub_name, admin_email, admin_name, helpline_phone="", helpline_email=""):
    """Create a partnership with its hub provider and a first member of staff who runs it.

    The first person gets the hub manager and system administrator roles at the hub provider and an
    invitation (valid 7 days) to set their password. Returns (partnership, invitation).
    """
    partnership = Partnership.objects.create(
        name=name, slug=slug, helpline_phone=helpline_phone, helpline_email=helpline_email
    )
    hub = Organisation.objects.create(partnership=partnership, name=hub_name, type=OrganisationType.HUB_PROVIDER)
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
        user=user, organisation=hub, invited_by=user, expires_at=timezone.now() + timedelta(days=7),
        for_new_account=for_new_account, roles=[] if for_new_account else [str(r) for r in roles],
    )
    for obj in (partnership, hub, user, invitation):
        auditor.created(None, obj, context={"via": "create_partnership command"})
    return partnership, invitation


@transaction.atomic
def add_organisation(*, partnership, name, type, ods_code=""):
    organisation = Organisation.objects.create(partnership=partnership, name=name, type=type, ods_code=ods_code)
    auditor.created(None, organisation, context={"via": "add_organisation command"})
    return organisation
