"""Failed sign-ins worth an alert: wrong codes count towards the lockout, and lockouts are logged.

Log lines go to the ``carershub.security`` logger at WARNING, for the hub's log alerting to
pick up; they hold user ids, never email addresses.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed

from carershub.accounts.models import User
from carershub.audit import services as auditor
from carershub.audit.models import Operation

logger = logging.getLogger("carershub.security")


def _credentials(user):
    return {settings.AXES_USERNAME_FORM_FIELD: user.email}


def is_locked_out(request, user):
    return AxesProxyHandler.is_locked(request, _credentials(user))


def wrong_code(request, user, step):
    """Count a wrong code like a wrong password (django-axes); True if the account is now locked."""
    auditor.record(None, Operation.SIGN_IN_FAILED, "accounts.user", user.pk, context={"step": step})
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    failures = AxesProxyHandler.get_failures(request, _credentials(user))
    logger.warning(
        "Wrong %s for user %s at sign-in (%s of %s failures before lockout)",
        step.replace("_", " "), user.pk, failures, settings.AXES_FAILURE_LIMIT,
    )
    return bool(getattr(request, "axes_locked_out", False)) or is_locked_out(request, user)


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes locked an account (wrong passwords or wrong codes): log it and audit it."""
    user_id = User.objects.filter(email=(username or "").lower()).values_list("pk", flat=True).first()
    auditor.record(None, Operation.SIGN_IN_FAILED, "accounts.user", user_id, context={"locked_out": True})
    logger.warning("Sign-in locked for user %s after %s failures", user_id, settings.AXES_FAILURE_LIMIT)
