"""Staff users and the roles they hold in each organisation."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from carershub.partnerships.models import Organisation


class Role(models.TextChoices):
    SUPPORT_WORKER = "support_worker", "Hub support worker"
    ASSESSOR = "assessor", "Assessor"
    HUB_MANAGER = "hub_manager", "Hub manager"
    PARTNER_REFERRER = "partner_referrer", "Partner referrer"
    COMMISSIONER = "commissioner", "Commissioner or board viewer"
    SYSTEM_ADMIN = "system_admin", "System administrator"


ROLE_DESCRIPTIONS = {
    Role.SUPPORT_WORKER: "Works with carers: registers them, logs contacts and support.",
    Role.ASSESSOR: "Carries out statutory carer assessments and support plans.",
    Role.HUB_MANAGER: "Runs the hub: manages staff, allocates work and sees audit trails.",
    Role.PARTNER_REFERRER: "Refers carers from a hospital ward, GP practice, school or Early Help.",
    Role.COMMISSIONER: "Sees strategy progress and anonymous reports, never carers' records.",
    Role.SYSTEM_ADMIN: "Configures the partnership and its organisations.",
}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("Staff users need an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff of a partner organisation. Carers never sign in with this model."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # Raised to sign the user out everywhere (role change, deactivation): it is part of the
    # session hash, so every existing session stops matching.
    session_generation = models.PositiveIntegerField(default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def _get_session_auth_hash(self, secret=None):
        return salted_hmac(
            "carershub.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_staff(self):
        # Django's admin site is not installed; nobody uses it.
        return False


class Membership(models.Model):
    """One role that a user holds in one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} at {self.organisation}"


def _invitation_token():
    return secrets.token_urlsafe(32)


class FormerMembership(models.Model):
    """Someone an organisation deactivated: they keep their account and any other organisation's
    roles.

    Kept so that the organisation's team page still lists them (their work stays attributed to them)
    and a manager there can see who left and when.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="former_memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="former_memberships"
    )
    ended_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="former_membership_unique"
            ),
        ]

    def __str__(self):
        return f"Former membership {self.pk} of user {self.user_id}"


class Invitation(models.Model):
    """An invitation to join an organisation (ADR 22).

    For someone new it creates their account, and its link lets them set their first password.
    For someone who already has an account it only offers the roles: they accept after signing in
    with their own password and code, and the link changes nothing about the account itself.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    # True only when this invitation made the account: only then may its link set a password.
    for_new_account = models.BooleanField(default=False)
    # The roles offered to an existing account, given when its owner accepts.
    roles = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"Invitation {self.pk} for user {self.user_id}"

    @property
    def sets_password(self):
        """The link sets the first password of an account nobody has signed in to yet."""
        return self.for_new_account and not self.user.has_usable_password()

    @property
    def is_usable(self):
        return self.accepted_at is None and self.expires_at > timezone.now()
