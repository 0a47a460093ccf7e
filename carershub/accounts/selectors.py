"""Reads about staff: the team of an organisation, one member, an invitation."""

from django.db.models import Prefetch

from carershub.accounts.models import Invitation, Membership, User


def team_of(organisation):
    """Everyone with a role in the organisation, with their roles there, in one query."""
    return (
        User.objects.filter(memberships__organisation=organisation)
        .distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organisation=organisation),
                to_attr="roles_here",
            )
        )
        .order_by("-is_active", "full_name")
    )


def team_member(organisation, user_id):
    return team_of(organisation).filter(pk=user_id).first()


def usable_invitation(token):
    invitation = Invitation.objects.select_related("user", "organisation").filter(token=token).first()
    return invitation if invitation and invitation.is_usable else None
