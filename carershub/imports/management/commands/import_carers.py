"""manage.py import_carers FILE --organisation ORG --source-system NAME [--mapping COLUMN=FIELD ...]
[--dry-run]

Imports carers from another case system's CSV or Excel export into one organisation's register,
exactly as the upload pages do: every row is checked first, then the new carers are added in one
transaction (or, with --dry-run, nothing is added). Progress bars go to standard error and the
summary to standard output. Running the same file again adds nothing.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from carershub.accounts.actor import Actor
from carershub.imports import files, services
from carershub.imports.mapping import TARGETS, TARGETS_BY_NAME, column_label
from carershub.imports.models import Outcome, StagedRow
from carershub.imports.presenters import plural
from carershub.partnerships.models import Organisation

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "Import carers from a CSV or Excel (.xlsx) export of another case system."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or .xlsx file")
        parser.add_argument(
            "--organisation", required=True, help="Name or id of the hub organisation"
        )
        parser.add_argument(
            "--source-system", required=True, help="Name of the system the file came from"
        )
        parser.add_argument(
            "--mapping",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="Column heading (or number, from 1) and the field it holds; FIELD empty to skip "
            "the column. Fields: " + ", ".join(t.name for t in TARGETS),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and add nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars")

    def handle(
        self, *args, file, organisation, source_system, mapping, dry_run, no_progress, **options
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        org = self._organisation(organisation)
        actor = Actor(organisation=org)
        try:
            run = services.start_import(
                actor,
                organisation=org,
                data=path.read_bytes(),
                filename=path.name,
                source_system=source_system,
                keep_file=False,
            )
        except services.UnreadableFile as exc:
            raise CommandError(str(exc)) from exc
        chosen = self._mapping(run, mapping)
        try:
            run = services.set_mapping(actor, run, chosen)
        except services.MappingInvalid as exc:
            raise CommandError(
                "The column mapping is not complete:\n  " + "\n  ".join(exc.problems.values())
            ) from exc
        for note in run.notes:
            self.stderr.write(note)
        self.stderr.write(self._mapping_text(run))

        with self._bar(run.total_rows, "Checking rows", no_progress) as bar:
            try:
                run = services.check_rows(run, actor, data=path.read_bytes(), progress=bar.update)
            except services.UnreadableFile as exc:
                raise CommandError(str(exc)) from exc
        self._summary(run)
        if dry_run:
            StagedRow.unscoped.filter(run=run).exclude(outcome=Outcome.REJECTED).delete()
            self.stdout.write("Dry run: nothing was added to the register.")
            return
        if run.new_count:
            with self._bar(run.new_count, "Adding to the register", no_progress) as bar:
                run = services.publish(run, actor, progress=bar.update)
        else:
            run = services.publish(run, actor)
        self.stdout.write(
            self.style.SUCCESS(f"Added {plural(run.added_count, 'carer')} to the register.")
        )
        if run.existing_count:
            self.stdout.write(
                f"{run.existing_count:,} were already on the register and were left as they were."
            )

    def _organisation(self, value):
        query = Q(name__iexact=value.strip())
        if value.strip().isdigit():
            query |= Q(pk=int(value))
        matches = list(Organisation.objects.filter(query).select_related("partnership"))
        if not matches:
            raise CommandError(f"No organisation called {value!r}")
        if len(matches) > 1:
            listed = ", ".join(f"{o.pk} ({o.partnership})" for o in matches)
            raise CommandError(
                f"Several organisations are called {value!r}: give the id of one of {listed}"
            )
        return matches[0]

    def _mapping(self, run, pairs):
        chosen = dict(run.mapping)
        by_heading = {heading.casefold(): index for index, heading in enumerate(run.headings)}
        for pair in pairs:
            column, sep, field = pair.partition("=")
            if not sep:
                raise CommandError(f"--mapping {pair!r} must be COLUMN=FIELD")
            column, field = column.strip(), field.strip()
            if column.isdigit() and 1 <= int(column) <= len(run.headings):
                index = int(column) - 1
            elif column.casefold() in by_heading:
                index = by_heading[column.casefold()]
            else:
                raise CommandError(
                    f"The file has no column {column!r}. Its headings: {', '.join(run.headings)}"
                )
            if field and field not in TARGETS_BY_NAME:
                raise CommandError(f"Unknown field {field!r}. Fields: {', '.join(TARGETS_BY_NAME)}")
            chosen = {k: v for k, v in chosen.items() if v != field or not field}
            chosen[str(index)] = field
        return {k: v for k, v in chosen.items() if v}

    def _mapping_text(self, run):
        lines = ["Columns:"]
        for index, heading in enumerate(run.headings):
            target = run.mapping.get(str(index))
            lines.append(
                f"  {column_label(index, heading)} -> "
                f"{TARGETS_BY_NAME[target].label if target else 'not imported'}"
            )
        return "\n".join(lines)

    def _bar(self, total, description, disabled):
        # The stream itself, not Django's wrapper, which would end every redraw with a new line.
        return tqdm(
            total=total,
            desc=description,
            unit=" rows",
            file=getattr(self.stderr, "_out", sys.stderr),
            disable=disabled,
            mininterval=0.2,
            dynamic_ncols=True,
        )

    def _summary(self, run):
        self.stdout.write(
            f"Read {run.original_filename}"
            + (f" ({run.encoding})" if run.encoding else "")
            + f": {run.total_rows:,} rows"
            + (f", {plural(run.blank_count, 'blank line')} skipped" if run.blank_count else "")
            + "."
        )
        self.stdout.write(f"New carers: {run.new_count:,}")
        self.stdout.write(f"Already on the register: {run.existing_count:,}")
        self.stdout.write(f"Rejected: {run.rejected_count:,}")
        rejected = StagedRow.unscoped.filter(run=run, outcome=Outcome.REJECTED).order_by("line")
        for row in rejected[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  line {row.line}: {row.problem}")
        if run.rejected_count > SHOWN_PROBLEMS:
            self.stdout.write(f"  ... and {run.rejected_count - SHOWN_PROBLEMS:,} more")
        if run.rejected_file:
            self.stdout.write(
                "The rejected rows, each with its problem, are in "
                f"{files.storage().path(run.rejected_file)} "
                f"until {run.rejected_expires_at:%d %B %Y}: "
                "correct them there and import that file."
            )
