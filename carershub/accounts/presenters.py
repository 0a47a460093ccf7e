"""How a member of staff appears on the team pages."""

from carershub.accounts.models import Role
from carershub.core.formats import date


class TeamMemberPresenter:
    def __init__(self, user):
        self.user = user
        memberships = getattr(user, "roles_here", None)
        self._roles = [m.role for m in memberships] if memberships is not None else []

    @property
    def pk(self):
        return self.user.pk

    @property
    def name(self):
        return self.user.full_name

    @property
    def email(self):
        return self.user.email

    @property
    def role_values(self):
        return self._roles

    @property
    def roles(self):
        return ", ".join(Role(r).label for r in Role.values if r in self._roles) or "No roles"

    @property
    def status_tag(self):
        if not self.user.is_active:
            return {"text": "Deactivated", "classes": "govuk-tag--grey"}
        if not self.user.has_usable_password():
            return {"text": "Invited", "classes": "govuk-tag--yellow"}
        return {"text": "Active", "classes": "govuk-tag--green"}

    @property
    def joined(self):
        return date(self.user.date_joined)
