"""Rate limits on public forms: one decorator counts every POST against the visitor's address and
against whoever the form would reach, and answers "try again later" (429) past the limit (ADR 27).

Counting is django-ratelimit's, on the shared cache (settings.CACHES["default"]). The visitor's
address comes from ``client_address``, which believes X-Forwarded-For only from a proxy named in
settings.TRUSTED_PROXIES.
"""

import functools
import ipaddress
import logging
import math
import re
from datetime import timedelta

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import get_usage

from carershub.core.hooks import Hook

log = logging.getLogger(__name__)

# The "try again later" page offers the helpline meanwhile; its opening times are the partnership's
# to say, and core imports no app, so the partnerships app answers (partnerships/hooks.py).
helpline_opening_times = Hook("the helpline's opening times, for the too-many-attempts page")


# --- The visitor's address ----------------------------------------------------------------------


def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an address or a network"
            ) from error
    return networks


def check_trusted_proxies(app_configs=None, **kwargs):
    """A system check: TRUSTED_PROXIES that cannot be read stop the hub at start,
    not at a visitor.
    """
    try:
        _networks(getattr(settings, "TRUSTED_PROXIES", ()))
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error),
                hint="Give addresses or networks, e.g. 10.0.0.0/24,192.0.2.10",
                id="carershub.E027",
            )
        ]
    return []


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request):
    """The address of the visitor, not of a proxy in front of the hub.

    X-Forwarded-For is anyone's to write, so it is believed only when the request came from a
    trusted proxy, and only as far as the proxies that added to it are trusted: reading right to
    left, the first address that is not a trusted proxy is the visitor's. Anything a visitor put
    at the left of the header is never reached.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = _networks(getattr(settings, "TRUSTED_PROXIES", ()))
    nearest = _address(remote)
    if nearest is None or not any(nearest in network for network in trusted):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # not written by a proxy we trust: stop at the last address we can vouch for
        nearest = address
        if not any(address in network for network in trusted):
            return str(address)
    return str(nearest)


# --- Who a form reaches -------------------------------------------------------------------------


def recipient_key(value):
    """One spelling of an email address or phone number, so that case and spacing do not make a
    second recipient: "Ada@Example.com " and "ada@example.com" are one; so are "07700 900982" and
    "+44 7700 900982"."""
    value = (value or "").strip()
    if "@" in value:
        return value.lower()
    if not re.fullmatch(r"[\d\s()+-]+", value):
        return value  # a secret link's token, kept exactly
    digits = re.sub(r"\D", "", value)
    if digits.startswith("440") and len(digits) == 13:  # +44 (0)7700 ...
        digits = digits[2:]
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits


# --- The limit ----------------------------------------------------------------------------------


def rates_for(form):
    try:
        return settings.PUBLIC_FORM_RATE_LIMITS[form]
    except KeyError:
        raise ImproperlyConfigured(
            f"PUBLIC_FORM_RATE_LIMITS has no rates for the form {form!r}"
        ) from None


def _usage(request, form, kind, value, rate, *, increment):
    try:
        return get_usage(
            request,
            group=f"public-form:{form}:{kind}",
            key=lambda group, request: value,
            rate=rate,
            method="POST",
            increment=increment,
        )
    except Exception:  # a broken cache must not turn every visitor away (ADR 27)
        log.exception(
            "Rate limit for the %s form could not be counted: letting the request through", form
        )
        return None


def _count(request, form, kind, value, rate):
    """Count this POST; seconds until the count's window ends when it is over its limit,
    else None.
    """
    usage = _usage(request, form, kind, value, rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)


def _full(request, form, kind, value, rate):
    """Without counting: seconds until the window ends when one more would be over the limit."""
    usage = _usage(request, form, kind, value, rate, increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return None
    return max(usage["time_left"], 1)


def _keys(found):
    return sorted({recipient_key(value) for value in found if value} - {""})


def limit_public_form(form, *, recipients=None, links=None, show_back=None):
    """Limit a public form at the rates ``settings.PUBLIC_FORM_RATE_LIMITS[form]``: over a limit
    the view is not run and the visitor sees "try again later", status 429.

    - Every POST counts against the visitor's address, a form sent with mistakes too.
    - ``recipients(request, *args, **kwargs)`` names who a message or a call would go to (emails,
      phone numbers). Each counts once the form is accepted (the view redirects), so someone
      correcting a mistake is not held against their own address; a recipient at its limit
      refuses the form before anything is sent.
    - ``links(request, *args, **kwargs)`` names secret links being tried: each try counts.
    - ``show_back`` names free-text fields ({field: label}) that the 429 page shows back to the
      visitor, so that a long message is not lost (answers kept in the session need nothing).
    """

    def decorate(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            rates = rates_for(form)
            per_recipient = rates.get("recipient")
            tried = [("address", _ratelimit_address(request))] if rates.get("address") else []
            sent = []
            if per_recipient and links is not None:
                tried += [("recipient", key) for key in _keys(links(request, *args, **kwargs))]
            if per_recipient and recipients is not None:
                sent = _keys(recipients(request, *args, **kwargs))
            waits = [
                wait
                for kind, value in tried
                if (wait := _count(request, form, kind, value, rates[kind]))
            ]
            waits += [
                wait
                for value in sent
                if (wait := _full(request, form, "recipient", value, per_recipient))
            ]
            if waits:
                typed = [
                    (label, request.POST.get(field, "").strip())
                    for field, label in (show_back or {}).items()
                ]
                return too_many_requests(
                    request, max(waits), typed=[(label, text) for label, text in typed if text]
                )
            response = view(request, *args, **kwargs)
            if sent and 300 <= response.status_code < 400:
                for value in sent:
                    _usage(request, form, "recipient", value, per_recipient, increment=True)
            return response

        limited.public_form = form
        return limited

    return decorate


def _ratelimit_address(request):
    """The visitor's address, an IPv6 visitor counted by their /64 (one household or device)."""
    address = _address(client_address(request))
    if address is None:
        return request.META.get("REMOTE_ADDR", "") or "unknown"
    prefix = 64 if address.version == 6 else 32
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def too_many_requests(request, seconds, typed=()):
    """The GOV.UK "try again later" page: when, other ways to get help meanwhile, and what the
    visitor wrote (``typed``: [(label, text)]) so they can keep it."""
    minutes = max(1, math.ceil(seconds / 60))
    retry_at = timezone.localtime(timezone.now() + timedelta(seconds=seconds))
    response = render(
        request,
        "core/429.html",
        {
            "page_title": "Sorry, there have been too many attempts",
            "minutes": minutes,
            "retry_at": retry_at,
            "now_date": timezone.localdate(),
            "typed": typed,
            "opening_times": helpline_opening_times(),
        },
        status=429,
    )
    response["Retry-After"] = str(int(seconds))
    return response
