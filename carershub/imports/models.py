"""An import of carers from another system's export, and its rows while they are checked.

Both hold personal data (a row is a carer's details; a run names a file and owns the rejected
rows), so both are reached through ``visible_to(actor)``; the import itself, which acts for
the system, uses ``.unscoped``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation


class Status(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    VALIDATING = "validating", "Checking rows"
    VALIDATED = "validated", "Checked"
    IMPORTING = "importing", "Adding to the register"
    DONE = "done", "Imported"
    FAILED = "failed", "Stopped"


class Outcome(models.TextChoices):
    NEW = "new", "New carer"
    EXISTING = "existing", "Already on the register"
    REJECTED = "rejected", "Rejected"


class ImportRunQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Imports into the acting organisation: all of them for its hub managers, and each
        person's own uploads for them (so the uploader can always fetch their rejected rows)."""
        if not actor.is_authenticated or actor.organisation is None:
            return self.none()
        mine = self.filter(holding_organisation=actor.organisation)
        if actor.has_role(Role.HUB_MANAGER):
            return mine
        return mine.filter(uploaded_by=actor.user)


class ImportRun(models.Model):
    holding_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation the carers are imported into.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the import was run from the command line.",
    )
    source_system = models.CharField(
        max_length=60, help_text="The system the file was exported from."
    )
    original_filename = models.CharField(max_length=255)
    # A random name under MEDIA_ROOT/imports/, never served directly; emptied when deleted.
    stored_file = models.CharField(max_length=255, blank=True)
    file_format = models.CharField(max_length=10)
    encoding = models.CharField(max_length=60, blank=True)
    headings = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text="Column index (as text) to carer field.")
    notes = models.JSONField(
        default=list, blank=True, help_text="What the reader noticed about the file."
    )

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADED)
    error = models.TextField(
        blank=True, help_text="Why the import stopped, in plain English (no personal data)."
    )
    total_rows = models.PositiveIntegerField(default=0)
    rows_processed = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    existing_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    blank_count = models.PositiveIntegerField(default=0)
    added_count = models.PositiveIntegerField(default=0)
    # Publishing goes in batches, each committed on its own (ADR 29): the last line of the file
    # published so far, so that a publish cut off part way resumes after it.
    published_through_line = models.PositiveIntegerField(default=0)

    rejected_file = models.CharField(max_length=255, blank=True)
    rejected_expires_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    last_progress_at = models.DateTimeField(default=timezone.now)
    validated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(ImportRunQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.pk}"

    @property
    def percent(self):
        if self.status in {Status.VALIDATED, Status.IMPORTING, Status.DONE}:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.rows_processed * 100 // self.total_rows)


class StagedRowQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        return self.filter(run__in=ImportRun.objects.visible_to(actor))


class StagedRow(models.Model):
    """One row of the file, checked. Written in batches before anything touches the register."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(help_text="Line (or spreadsheet row) number in the file.")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    values = models.JSONField(
        default=dict, help_text="The cleaned values, as the register will store them."
    )
    match_key = models.CharField(
        max_length=400, blank=True, help_text="The strongest key of the row."
    )
    problem = models.TextField(
        blank=True, help_text="Why the row was rejected (names columns, not values)."
    )
    original = models.JSONField(
        default=list, blank=True, help_text="The row as it was, for rejected rows only."
    )

    unscoped = models.Manager()
    objects = scoped_manager_for(StagedRowQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["run", "line"]
        indexes = [
            models.Index(fields=["run", "outcome", "line"], name="staged_row_run_outcome_line")
        ]

    def __str__(self):
        return f"Line {self.line} of import {self.run_id}"
