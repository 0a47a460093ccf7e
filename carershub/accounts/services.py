"""Changes to staff accounts: invite, accept, change roles, deactivate, unlock. Each is audited."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carershub.accounts import security
from carershub.accounts.models import Invitation, Membership, User
from carershub.audit import services as auditor

INVITATION_LIFETIME = timedelta(days=7)


@transaction.atomic
def invite_user(actor, *, full_name, email, roles, accept_url_for):
    """Add someone to the actor's organisation and email them a link to set a password.

    ``accept_url_for(token)`` turns the invitation token into the absolute link to send.
    """
    from carershub.notifications import services as notifications

    organisation = actor.organisation
    user = User.objects.filter(email=email.lower()).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name)
        auditor.created(actor, user, fields=["email", "full_name"])
    for role in roles:
        membership, made = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        if made:
            auditor.created(actor, membership, fields=["user", "organisation", "role"])
    invitation = Invitation.objects.create(
        user=user,
        organisation=organisation,
        invited_by=actor.user,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    auditor.created(actor, invitation, fields=["user", "organisation", "expires_at"])
    notifications.send_email(
        to=user.email,
        template="staff_invitation",
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


@transaction.atomic
def accept_invitation(invitation, password):
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.deactivated_at = None
    user.save(update_fields=["password", "is_active", "deactivated_at"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    auditor.record(None, auditor.Operation.UPDATE, user, fields=["password", "is_active"],
                   context={"via": "invitation", "invitation": invitation.pk})
    return user


@transaction.atomic
def change_roles(actor, user, roles):
    """Give the user exactly these roles in the actor's organisation; end their sessions."""
    organisation = actor.organisation
    current = set(Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True))
    wanted = set(roles)
    for membership in Membership.objects.filter(user=user, organisation=organisation, role__in=current - wanted):
        auditor.deleted(actor, membership, context={"role": membership.role})
        membership.delete()
    for role in sorted(wanted - current):
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        auditor.created(actor, membership, fields=["user", "organisation", "role"], context={"role": role})
    if current != wanted:
        end_sessions_of(user)
    return wanted


@transaction.atomic
def deactivate_user(actor, user):
    """Stop someone signing in. Their work stays attributed to them."""
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
    auditor.record(actor, auditor.Operation.UPDATE, user, context={"unlocked": True, "failed_attempts_cleared": cleared})
    security.logger.warning("Sign-in unlocked for user %s by user %s", user.pk, actor.user.pk)
    return cleared


def end_sessions_of(user):
    """Sign the user out everywhere: every existing session's hash stops matching."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
