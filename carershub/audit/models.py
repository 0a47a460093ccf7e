"""The audit log. Rows hold identifiers and field names, never personal values."""

from django.db import models


class Operation(models.TextChoices):
    CREATE = "create", "Created"
    READ = "read", "Viewed"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    SEARCH = "search", "Found in a search or list"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    SIGN_OUT = "sign_out", "Signed out"


class AuditLog(models.Model):
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    operation = models.CharField(max_length=20, choices=Operation.choices)
    # Who, acting for which organisation. Plain ids so that deleting a user or an
    # organisation never rewrites the audit.
    actor_user_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_organisation_id = models.BigIntegerField(null=True, blank=True)
    # What: "app_label.model" and the record's id.
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    fields = models.JSONField(
        default=list, blank=True, help_text="Names of fields read or changed."
    )
    context = models.JSONField(
        default=dict,
        blank=True,
        help_text="Non-personal context: view name, result counts, format.",
    )
    request_id = models.CharField(max_length=36, blank=True)
    # Set once by the sealing job (see seal.py), never by the code that writes the row. The
    # position is the row's place in the hash chain: rows are chained in the order they are
    # sealed, which is not always id order (see ADR 0015). The database refuses any other change.
    chain_position = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    chain_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "occurred_at"]),
            # Few rows are unsealed at any moment, so the sealer finds them without a scan.
            models.Index(
                fields=["id"],
                condition=models.Q(chain_position__isnull=True),
                name="audit_unsealed_idx",
            ),
        ]

    def __str__(self):
        return f"{self.operation} {self.object_type}:{self.object_id} by {self.actor_user_id}"


class AuditSeal(models.Model):
    """The end of the sealed chain: one row, locked by the sealer so only one seals at a time.

    Also a checkpoint inside the database; the same checkpoint is written outside it (a file and
    the log), because someone who can rewrite the audit table can rewrite this row too.
    """

    last_position = models.BigIntegerField(default=0)
    last_entry_id = models.BigIntegerField(null=True, blank=True)
    last_hash = models.CharField(max_length=64, blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"sealed up to position {self.last_position}"
