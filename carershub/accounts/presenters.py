"""How a member of staff appears on the team pages, and what the authenticator set-up page shows."""

from base64 import b32encode
from functools import cached_property
from urllib.parse import quote, urlencode

import segno
from django.urls import reverse
from markupsafe import Markup

from carershub.accounts.models import Role
from carershub.accounts.selectors import authenticator_of, is_locked_out
from carershub.core import tables
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
    def is_member_here(self):
        """Holds a role in the organisation whose team this is (not deactivated there)."""
        return self.user.is_active and bool(self._roles)

    @property
    def status_tag(self):
        if not self.is_member_here:
            return {"text": "Deactivated", "classes": "govuk-tag--grey"}
        if self.is_locked_out:
            return {"text": "Locked out", "classes": "govuk-tag--red"}
        if not self.user.has_usable_password():
            return {"text": "Invited", "classes": "govuk-tag--yellow"}
        return {"text": "Active", "classes": "govuk-tag--green"}

    @property
    def joined(self):
        return date(self.user.date_joined)

    @property
    def has_authenticator(self):
        known = getattr(self.user, "has_authenticator", None)
        if known is None:
            known = authenticator_of(self.user) is not None
        return known

    @cached_property
    def is_locked_out(self):
        """Locked out of signing in now, after too many wrong passwords or codes."""
        known = getattr(self.user, "is_locked_out", None)
        if known is None:
            known = is_locked_out(self.user)
        return known

    @property
    def can_be_unlocked(self):
        return self.is_member_here and self.is_locked_out

    @property
    def authenticator(self):
        return "Set up" if self.has_authenticator else "Not set up yet"


class AuthenticatorSetUpPresenter:
    """The secret of a new authenticator app, as a QR code to scan and as text to type."""

    def __init__(self, device, issuer):
        self.device = device
        self.issuer = issuer.replace(":", "")  # the app lists the account under this name

    @property
    def secret(self):
        return b32encode(self.device.bin_key).decode("ascii")

    @property
    def secret_in_fours(self):
        """Grouped as authenticator apps show it, so it is easier to type without a mistake."""
        return " ".join(self.secret[i : i + 4] for i in range(0, len(self.secret), 4))

    @property
    def uri(self):
        """The otpauth:// address an authenticator app reads from the QR code (Key Uri Format)."""
        label = quote(f"{self.issuer}:{self.device.user.email}")
        params = urlencode(
            {
                "secret": self.secret,
                "issuer": self.issuer,
                "algorithm": "SHA1",
                "digits": self.device.digits,
                "period": self.device.step,
            },
            quote_via=quote,
        )
        return f"otpauth://totp/{label}?{params}"

    @property
    def qr_code_svg(self):
        # An inline SVG with presentation attributes only: the CSP allows no inline styles.
        svg = segno.make(self.uri, error="m").svg_inline(
            scale=5,
            border=4,
            dark="#0b0c0c",
            light="#ffffff",
            svgclass="app-qr-code",
            lineclass=None,
            title="QR code for your authenticator app",
        )
        return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def team_rows(members, me):
    """The team table: each member's name (a link, but not for yourself), roles and status, with
    a link to unlock an account that too many wrong codes have locked."""
    rows = []
    for m in members:
        yourself = m.pk == me.pk
        name = (
            m.name + " (you)"
            if yourself
            else tables.link(reverse("accounts:member", kwargs={"user_id": m.pk}), m.name)
        )
        status = [tables.tag(m.status_tag)]
        if m.can_be_unlocked and not yourself:
            unlock = Markup("Unlock{}").format(tables.hidden(f" {m.name}'s account"))
            status += [
                tables.line_break,
                tables.link(reverse("accounts:unlock", kwargs={"user_id": m.pk}), unlock),
            ]
        rows.append(
            [
                tables.cell(name, tables.line_break, tables.small(m.email)),
                tables.text(m.roles),
                tables.cell(*status),
            ]
        )
    return rows
