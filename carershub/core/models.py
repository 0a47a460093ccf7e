"""What the database says about the hub it belongs to (ADR 30)."""

from django.db import models


class HubIdentity(models.Model):
    """One row, written at the first start under the live hub's settings: this database is a live
    hub's, and these are fingerprints of the keys its encrypted values and lookup hashes are under.

    A fingerprint is the HMAC-SHA256 of a fixed label under a key: it shows whether a configured key
    is one of them without holding (or revealing) the key.
    """

    live_since = models.DateTimeField()
    field_key_fingerprints = models.JSONField(
        default=list, help_text="Keys values may be encrypted with"
    )
    lookup_key_fingerprints = models.JSONField(
        default=list, help_text="Keys lookup hashes may be made with"
    )
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "hub identity"

    def __str__(self):
        return f"Live hub since {self.live_since:%Y-%m-%d %H:%M}"
