"""Reads about staff: the team of an organisation, one member, an invitation, sign-in devices,
lockouts.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from carershub.accounts import security
from carershub.accounts.models import FormerMembership, Invitation, Membership, User


def team_of(organisation):
    """Everyone with a role in the organisation, and those it deactivated, with their roles there.

    Each says whether they have an authenticator app and whether they are locked out of signing in
    now.
    """
    return (
        User.objects.filter(
            Q(pk__in=Membership.objects.filter(organisation=organisation).values("user_id"))
            | Q(pk__in=FormerMembership.objects.filter(organisation=organisation).values("user_id"))
        )
        .annotate(
            has_authenticator=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            ),
            is_locked_out=security.locked_out_now(OuterRef("email")),
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organisation=organisation),
                to_attr="roles_here",
            )
        )
        .order_by("-is_active", "full_name")
    )


def usable_invitation(token):
    invitation = (
        Invitation.objects.select_related("user", "organisation").filter(token=token).first()
    )
    return invitation if invitation and invitation.is_usable else None


def authenticator_of(user):
    """The user's confirmed authenticator app, or None if they have not set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_locked_out(user):
    """True if too many failed sign-ins have locked the user out for now, from any address."""
    answer = User.objects.filter(pk=user.pk).annotate(
        locked=security.locked_out_now(OuterRef("email"))
    )
    return bool(answer.values_list("locked", flat=True).first())
