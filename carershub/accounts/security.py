"""Failed sign-ins worth an alert: wrong codes count towards the lockout, lockouts are logged,
and who is locked out now (for a manager to unlock).

Log lines go to the ``carershub.security`` logger at WARNING, for the hub's log alerting to
pick up; they hold user ids, never email addresses.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import BooleanField, Exists, ExpressionWrapper, Q, Sum, Value
from django.utils import timezone

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
        step.replace("_", " "),
        user.pk,
        failures,
        settings.AXES_FAILURE_LIMIT,
    )
    return bool(getattr(request, "axes_locked_out", False)) or is_locked_out(request, user)


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """django-axes locked an account (wrong passwords or wrong codes): log it and audit it."""
    user_id = (
        User.objects.filter(email=(username or "").lower()).values_list("pk", flat=True).first()
    )
    auditor.record(
        None, Operation.SIGN_IN_FAILED, "accounts.user", user_id, context={"locked_out": True}
    )
    logger.warning(
        "Sign-in locked for user %s after %s failures", user_id, settings.AXES_FAILURE_LIMIT
    )


def locked_out_now(username):
    """An expression: True if django-axes refuses sign-in as ``username`` now, from any address.

    django-axes answers "is this request locked out?" for one request, from its address. A team
    page needs the answer for every member at once and whatever address they tried from, so this
    asks the same question of the records django-axes' database handler keeps, with django-axes'
    own limit, cool-off and lockout parameters: the failures since the cool-off began, added up
    for each address (each combination of the parameters), reaching the limit.
    """
    attempts = AccessAttempt.objects.filter(username=username)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    locked = Q()
    for parameter in get_lockout_parameters(None):
        fields = [parameter] if isinstance(parameter, str) else list(parameter)
        # A parameter without the username locks an address for everyone, not one person.
        if "username" in fields:
            counted = attempts.values(*fields).annotate(failures=Sum("failures_since_start"))
            locked |= Exists(counted.filter(failures__gte=get_failure_limit(None, None)))
    return ExpressionWrapper(locked, output_field=BooleanField()) if locked else Value(False)


def clear_lockout(user):
    """Forget the user's failed sign-ins from every address
    (django-axes). Returns how many records went.
    """
    return reset_axes_attempts(username=user.email)
