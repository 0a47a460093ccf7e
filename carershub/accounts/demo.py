"""Demo staff's authenticator apps: a fixed secret per demo account, printed by `make run`.

The secret is derived from the email address with a salt that is only ever used for the demo,
so anyone can add a demo account to their authenticator app. Never use this for real staff.
"""

import hashlib
import hmac
from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from carershub.accounts.sign_in_codes import AUTHENTICATOR_NAME

DEMO_ONLY_SALT = b"carershub-demo-authenticator-not-secret"


def demo_key(email):
    """The 20-byte TOTP key (hex, as django-otp stores it) of a demo account."""
    return hmac.new(DEMO_ONLY_SALT, email.lower().encode(), hashlib.sha1).hexdigest()


def demo_secret(email):
    """The same key in base32, as an authenticator app asks for it."""
    return b32encode(bytes.fromhex(demo_key(email))).decode("ascii")


def add_demo_authenticators(users):
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name=AUTHENTICATOR_NAME, key=demo_key(user.email), confirmed=True)
        for user in users
    )
