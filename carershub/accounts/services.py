"""Changes to staff accounts: invite, accept, change roles, deactivate, unlock. Each is audited.

An account (its password, authenticator and whether it may sign in) belongs to its owner; an
organisation changes only its own roles for them (ADR 22).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carershub.accounts import security
from carershub.accounts.models import FormerMembership, Invitation, Membership, User
from carershub.audit import services as auditor
from carershub.notifications import services as notifications

INVITATION_LIFETIME = timedelta(days=7)


class NotYours(Exception):
    """An offer of membership opened by someone signed in as another person."""


@transaction.atomic
def invite_user(actor, *, full_name, email, roles, accept_url_for):
    """Invite someone to the actor's organisation and email them a link (ADR 22).

    Someone new gets an account with these roles and a link to set their first password. Someone
    who already has an account (perhaps at another organisation) is only offered the roles: their
    password, authenticator and account stay theirs, and the roles are theirs once they accept
    after signing in. ``accept_url_for(token)`` turns the invitation token into the link to send.
    """
    organisation = actor.organisation
    user = User.objects.filter(email=email.lower()).first()
    for_new_account = user is None or is_unused_account_of(user, organisation)
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name)
        auditor.created(actor, user, fields=["email", "full_name"])
    if for_new_account:
        _add_roles(actor, user, organisation, roles)
        # Sending it again: only the newest link sets the first password.
        for earlier in Invitation.objects.filter(user=user, accepted_at__isnull=True):
            auditor.deleted(actor, earlier, context={"reason": "invited again"})
            earlier.delete()
    invitation = Invitation.objects.create(
        user=user,
        organisation=organisation,
        invited_by=actor.user,
        expires_at=timezone.now() + INVITATION_LIFETIME,
        for_new_account=for_new_account,
        roles=[] if for_new_account else sorted(roles),
    )
    auditor.created(
        actor, invitation, fields=["user", "organisation", "expires_at", "for_new_account", "roles"]
    )
    notifications.send_email(
        to=user.email,
        template="staff_invitation" if for_new_account else "staff_membership_offer",
        personalisation={
            "full_name": user.full_name,
            "organisation": organisation.name,
            "invited_by": actor.user.full_name,
            "invitation_url": accept_url_for(invitation.token),
            "expires": f"{invitation.expires_at:%-d %B %Y}",
        },
        actor=actor,
        subject_type="accounts.user",
        subject_id=user.pk,
    )
    return user


def is_unused_account_of(user, organisation):
    """An account this organisation made whose first password was never set, and nobody else's.

    Its invitation can be sent again (say, after the first one expired): that link may set the
    first password, as the first one could have.
    """
    theirs = set(user.memberships.values_list("organisation_id", flat=True))
    return user.is_active and not user.has_usable_password() and theirs == {organisation.pk}


def _add_roles(actor, user, organisation, roles):
    for role in roles:
        membership, made = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        if made:
            auditor.created(
                actor, membership, fields=["user", "organisation", "role"], context={"role": role}
            )


@transaction.atomic
def accept_invitation(invitation, password):
    """Set the first password of an account made by this invitation. Nothing else sets a
    password.
    """
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if not invitation.is_usable or not invitation.sets_password:
        raise NotYours("This invitation does not set a password")
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    auditor.record(
        None,
        auditor.Operation.UPDATE,
        user,
        fields=["password"],
        context={"via": "invitation", "invitation": invitation.pk},
    )
    return user


@transaction.atomic
def accept_offer(actor, invitation):
    """The signed-in owner of an account takes the roles an organisation offered them."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )
    if not invitation.is_usable or actor.user.pk != invitation.user_id:
        raise NotYours("Only the person invited can accept")
    _add_roles(actor, actor.user, invitation.organisation, invitation.roles)
    FormerMembership.objects.filter(user=actor.user, organisation=invitation.organisation).delete()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    auditor.record(
        actor,
        auditor.Operation.UPDATE,
        invitation,
        fields=["accepted_at"],
        context={"via": "offer", "roles": invitation.roles},
    )
    return invitation.organisation


@transaction.atomic
def change_roles(actor, user, roles):
    """Give the user exactly these roles in the actor's organisation; end their sessions."""
    organisation = actor.organisation
    current = set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    wanted = set(roles)
    for membership in Membership.objects.filter(
        user=user, organisation=organisation, role__in=current - wanted
    ):
        auditor.deleted(actor, membership, context={"role": membership.role})
        membership.delete()
    for role in sorted(wanted - current):
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        auditor.created(
            actor, membership, fields=["user", "organisation", "role"], context={"role": role}
        )
    if current != wanted:
        end_sessions_of(user)
    return wanted


@transaction.atomic
def deactivate_user(actor, user):
    """End someone's roles in the actor's organisation (ADR 22). Their work stays attributed to
    them.

    Their roles in other organisations, their password and their authenticator are not this
    organisation's to change. Only when no organisation has them any more is the account itself
    deactivated, so that it cannot sign in at all; then the actor's organisation was their last.
    """
    organisation = actor.organisation
    for membership in Membership.objects.filter(user=user, organisation=organisation):
        auditor.deleted(
            actor, membership, context={"role": membership.role, "reason": "deactivated"}
        )
        membership.delete()
    for invitation in Invitation.objects.filter(
        user=user, organisation=organisation, accepted_at__isnull=True
    ):
        auditor.deleted(actor, invitation, context={"reason": "deactivated"})
        invitation.delete()
    former, _ = FormerMembership.objects.update_or_create(
        user=user,
        organisation=organisation,
        defaults={"ended_at": timezone.now(), "ended_by": actor.user},
    )
    auditor.created(actor, former, fields=["user", "organisation", "ended_at"])
    if not Membership.objects.filter(user=user).exists():
        user.is_active = False
        user.deactivated_at = timezone.now()
        user.save(update_fields=["is_active", "deactivated_at"])
        auditor.updated(actor, user, fields=["is_active", "deactivated_at"])
        end_sessions_of(user)
    return user


@transaction.atomic
def unlock(actor, user):
    """Let someone locked out by too many wrong passwords or codes try again now, from anywhere.

    Their count of failed sign-ins starts again from nothing. Returns how many records of failed
    attempts went.
    """
    cleared = security.clear_lockout(user)
    auditor.record(
        actor,
        auditor.Operation.UPDATE,
        user,
        context={"unlocked": True, "failed_attempts_cleared": cleared},
    )
    security.logger.warning("Sign-in unlocked for user %s by user %s", user.pk, actor.user.pk)
    return cleared


def end_sessions_of(user):
    """Sign the user out everywhere: every existing session's hash stops matching."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
