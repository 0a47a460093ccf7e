"""What the import pages show of an import: words, numbers and tags, no logic in templates."""

from django.urls import reverse
from markupsafe import Markup

from carershub.core import formats, tables
from carershub.imports import services
from carershub.imports.mapping import TARGETS_BY_NAME, column_label
from carershub.imports.models import Status

_TAGS = {
    Status.UPLOADED: "govuk-tag--grey",
    Status.VALIDATING: "govuk-tag--blue",
    Status.VALIDATED: "govuk-tag--light-blue",
    Status.IMPORTING: "govuk-tag--blue",
    Status.DONE: "govuk-tag--green",
    Status.FAILED: "govuk-tag--red",
}


def plural(count, one, many=None):
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def next_page_url(run):
    """The page that shows an import as it is now."""
    if run.status == Status.UPLOADED:
        return reverse("imports:columns", args=[run.pk])
    if run.status == Status.VALIDATED:
        return reverse("imports:results", args=[run.pk])
    if run.status == Status.DONE:
        return reverse("imports:done", args=[run.pk])
    return reverse("imports:progress", args=[run.pk])


class RunPresenter:
    def __init__(self, run):
        self.run = run
        self.pk = run.pk
        self.filename = run.original_filename
        self.source_system = run.source_system
        self.created = formats.datetime(run.created_at)
        self.url = next_page_url(run)
        self.stalled = services.is_stalled(run)

    @property
    def status_tag(self):
        text = "Stopped" if self.stalled else self.run.get_status_display()
        classes = _TAGS[Status.FAILED] if self.stalled else _TAGS[self.run.status]
        return {"text": text, "classes": classes}

    @property
    def uploaded_by(self):
        return self.run.uploaded_by.full_name if self.run.uploaded_by else "Command line"

    @property
    def percent(self):
        return self.run.percent

    @property
    def heading(self):
        if self.run.status == Status.FAILED or self.stalled:
            return "The import stopped"
        if self.run.status == Status.IMPORTING:
            return "Adding carers to the register"
        return "Checking the file"

    @property
    def progress_text(self):
        run = self.run
        if run.status == Status.IMPORTING:
            return (
                f"Adding {plural(run.new_count, 'carer')} to the register. The page will move on "
                "when they are all in."
            )
        if run.status == Status.VALIDATING and not run.rows_processed:
            return f"Waiting to start checking {plural(run.total_rows, 'row')}."
        return f"{run.percent}% checked: {run.rows_processed:,} of {plural(run.total_rows, 'row')}."

    @property
    def error(self):
        if self.stalled and not self.run.error:
            return services.FAILED_MESSAGE
        return self.run.error

    @property
    def counts(self):
        run = self.run
        rows = [
            ("New carers to add" if run.status != Status.DONE else "Carers added", run.new_count),
            ("Already on the register", run.existing_count),
            ("Rows with problems, not imported", run.rejected_count),
        ]
        if run.blank_count:
            rows.append(("Blank lines skipped", run.blank_count))
        return [{"key": {"text": label}, "value": {"text": f"{count:,}"}} for label, count in rows]

    @property
    def columns(self):
        """Summary-list rows: each column of the file and what it is imported as."""
        rows = []
        for index, heading in enumerate(self.run.headings):
            target = self.run.mapping.get(str(index))
            rows.append(
                {
                    "key": {"text": column_label(index, heading)},
                    "value": {"text": TARGETS_BY_NAME[target].label if target else "Not imported"},
                }
            )
        return rows

    @property
    def panel_html(self):
        """The confirmation panel's body: "<strong>1,234</strong> carers added to the register"."""
        count = self.run.added_count
        return Markup("<strong>{:,}</strong> {} added to the register").format(
            count, "carer" if count == 1 else "carers"
        )

    @property
    def has_rejected_file(self):
        return bool(self.run.rejected_file)

    @property
    def rejected_expires(self):
        return formats.datetime(self.run.rejected_expires_at)

    def status_json(self):
        return {
            "status": "failed" if self.stalled else self.run.status,
            "percent": self.percent if self.run.status != Status.IMPORTING else None,
            "text": self.progress_text,
            "next_url": self.url,
        }


def recent_run_rows(runs):
    """Recent imports (RunPresenters): file, where from, when, by whom and how far it got."""
    return [
        [
            tables.cell(tables.link(run.url, run.filename)),
            tables.text(run.source_system),
            tables.text(run.created),
            tables.text(run.uploaded_by),
            tables.cell(tables.tag(run.status_tag)),
        ]
        for run in runs
    ]


def problem_rows(rows):
    """Rows of the file that will not be imported: the line and what is wrong with it."""
    return [[tables.text(row.line), tables.text(row.problem)] for row in rows]
