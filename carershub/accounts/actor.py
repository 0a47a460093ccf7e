"""The actor: who is doing something, acting for which organisation, with which roles.

Every permission check and every audit row is about an actor, never a bare user, so that a
person who works for two organisations is only ever acting for one at a time.
"""

from dataclasses import dataclass, field

from carershub.accounts.models import Membership, Role

SESSION_KEY = "acting_organisation_id"


@dataclass(frozen=True)
class Actor:
    user: object = None
    organisation: object = None
    roles: frozenset = field(default_factory=frozenset)

    @property
    def is_authenticated(self):
        return self.user is not None and self.user.is_authenticated

    @property
    def partnership_id(self):
        return self.organisation.partnership_id if self.organisation else None

    def has_role(self, *roles):
        return bool(self.roles.intersection(roles))

    def role_labels(self):
        return [Role(r).label for r in Role.values if r in self.roles]


ANONYMOUS = Actor()


def organisations_for(user):
    """The active organisations a user can act for, each with the roles held there."""
    memberships = (
        Membership.objects.filter(user=user, organisation__is_active=True)
        .select_related("organisation", "organisation__partnership")
        .order_by("organisation__name", "role")
    )
    organisations = {}
    for membership in memberships:
        org, roles = organisations.setdefault(
            membership.organisation_id, (membership.organisation, set())
        )
        roles.add(membership.role)
    return {org_id: (org, frozenset(roles)) for org_id, (org, roles) in organisations.items()}


def actor_for(user, organisation_id=None):
    """Build the actor for a signed-in user, acting for the chosen (or only) organisation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    options = organisations_for(user)
    if organisation_id in options:
        org, roles = options[organisation_id]
        return Actor(user=user, organisation=org, roles=roles)
    if len(options) == 1:
        org, roles = next(iter(options.values()))
        return Actor(user=user, organisation=org, roles=roles)
    return Actor(user=user)
