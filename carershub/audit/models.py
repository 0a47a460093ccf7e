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
    fields = models.JSONField(default=list, blank=True, help_text="Names of fields read or changed.")
    context = models.JSONField(
        default=dict, blank=True, help_text="Non-personal context: view name, result counts, format."
    )
    request_id = models.CharField(max_length=36, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self):
        return f"{self.operation} {self.object_type}:{self.object_id} by {self.actor_user_id}"
