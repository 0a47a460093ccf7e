"""A merge of a duplicate carer record into another, kept so that it can be undone."""

from django.conf import settings
from django.db import models


class Merge(models.Model):
    """Everything a merge moved or changed, as ids and field names, so undo can reverse it exactly.

    ``changes`` holds lists of ids per kind of record moved from the duplicate to the survivor,
    the survivor's fields that were blank and filled from the duplicate, the consents the merge
    withdrew because the other record's choice was stricter, the duplicate's relationships that
    repeated one of the survivor's (removed, with their values to recreate them), and the
    duplicate's status before it was closed.
    """

    survivor = models.ForeignKey("carers.Carer", on_delete=models.PROTECT, related_name="merges_in")
    duplicate = models.ForeignKey(
        "carers.Carer", on_delete=models.PROTECT, related_name="merges_out"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]

    def __str__(self):
        return f"Merge {self.pk}: {self.duplicate_id} into {self.survivor_id}"
