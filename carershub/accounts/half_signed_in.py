"""Someone who has given the right password but not yet a code: not signed in, only remembered.

Until the second step is done Django's ``login()`` is not called, so every page that needs a
signed-in user treats them as a visitor. Only the second-step pages read this session key.
"""

import time

from django.utils.crypto import constant_time_compare

from carershub.accounts.models import User

SESSION_KEY = "accounts.half_signed_in"
# Long enough to open an authenticator app, or to install one and set it up.
LIFETIME_SECONDS = 15 * 60


def start(request, user, next_url=""):
    # A new session key: the password step must not hand a half-signed-in session to anyone who
    # knew the old key (the same reason login() cycles it).
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "user": user.pk,
        "hash": user.get_session_auth_hash(),
        "next": next_url,
        "since": time.time(),
    }


def user_of(request):
    """The user half-way through signing in on this browser, or None (expired, changed, gone)."""
    state = request.session.get(SESSION_KEY)
    if not state:
        return None
    if time.time() - state.get("since", 0) > LIFETIME_SECONDS:
        forget(request)
        return None
    user = User.objects.filter(pk=state.get("user"), is_active=True).first()
    # A password change, deactivation or role change since the password step ends it.
    if user is None or not constant_time_compare(
        state.get("hash", ""), user.get_session_auth_hash()
    ):
        forget(request)
        return None
    return user


def next_url(request):
    return (request.session.get(SESSION_KEY) or {}).get("next", "")


def forget(request):
    request.session.pop(SESSION_KEY, None)
