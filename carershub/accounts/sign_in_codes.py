"""Changes for the second sign-in step: authenticator apps (TOTP) and recovery codes (ADR 17).

The devices are django-otp's: a ``TOTPDevice`` per member of staff (confirmed once they have
typed a code from it) and a ``StaticDevice`` holding their recovery codes, each deleted when used.
"""

import re

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from carershub.accounts.services import end_sessions_of
from carershub.audit import services as auditor

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


# --- Helpers ----------------------------------------------------------------------------------


def normalise_code(text):
    """What someone typed, without the spaces, dashes and capitals an app or a print-out adds."""
    return re.sub(r"[\s-]", "", text or "").lower()


def current_code(device, at=None):
    """The code the device's app shows now (or at a given Unix time): for tests and the demo."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{device.digits}d}"


# --- Changes ---------------------------------------------------------------------------------


@transaction.atomic
def authenticator_being_set_up(user):
    """The unconfirmed device whose secret the set-up page shows (the same one on every visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def check_code(device, code):
    """True if the code is the app's current one and not used before
    (django-otp refuses replays).
    """
    return bool(code) and device.verify_token(normalise_code(code))


@transaction.atomic
def confirm_authenticator(device, code):
    """Make the device the user's authenticator if the code is right. Returns True if it was."""
    if not check_code(device, code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    auditor.record(
        None,
        auditor.Operation.CREATE,
        device,
        fields=["user", "confirmed"],
        context={"user": device.user_id},
    )
    return True


@transaction.atomic
def use_recovery_code(user, code):
    """True if the code is one of the user's unused recovery codes; it never works again."""
    code = normalise_code(code)
    for device in StaticDevice.objects.filter(user=user, confirmed=True).select_for_update():
        if code and device.verify_token(code):
            auditor.record(
                None,
                auditor.Operation.UPDATE,
                device,
                fields=["token_set"],
                context={"user": user.pk, "used": "recovery_code"},
            )
            return True
    return False


@transaction.atomic
def replace_recovery_codes(actor, user):
    """Make a new set of recovery codes; the old ones stop working. Returns the codes to show
    once.
    """
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    auditor.record(
        actor, auditor.Operation.CREATE, device, fields=["token_set"], context={"user": user.pk}
    )
    return codes


@transaction.atomic
def reset(actor, user):
    """Forget the user's authenticator and recovery codes:
    they set up again at their next sign-in.
    """
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user):
            auditor.deleted(
                actor, device, context={"user": user.pk, "reason": "reset by a manager"}
            )
            device.delete()
    end_sessions_of(user)
