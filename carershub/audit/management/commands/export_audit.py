"""``manage.py export_audit``: the audit trail of one record or one member of staff, as CSV.

For an investigation or a subject access request. The export is itself audited (an EXPORT
entry on the record or the staff member), and every cell is made safe to open in a spreadsheet.
"""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from carershub.accounts.models import User
from carershub.audit import selectors
from carershub.audit import services as auditor
from carershub.audit.models import Operation
from carershub.core.csv_safety import SafeWriter


def a_date(text):
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError as error:
        raise CommandError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, for example 2026-11-23"
        ) from error


class Command(BaseCommand):
    help = "Write the audit trail of one record (--object) or one member of staff (--user) as CSV."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--object", help='The record, as "app_label.model:id", for example carers.carer:42.'
        )
        which.add_argument(
            "--user", help="The email address of the member of staff whose actions to export."
        )
        parser.add_argument(
            "--from", dest="start", type=a_date, help="First day to include (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--to", dest="end", type=a_date, help="Last day to include (YYYY-MM-DD)."
        )
        parser.add_argument("--output", help="The file to write (default: standard output).")

    def handle(self, *args, object=None, user=None, start=None, end=None, output=None, **options):
        if start and end and start > end:
            raise CommandError("--from must be on or before --to")
        since = timezone.make_aware(datetime.combine(start, time.min)) if start else None
        until = (
            timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
            if end
            else None
        )
        if object:
            object_type, object_id = self._record(object)
            entries = selectors.entries_about(object_type, object_id, since=since, until=until)
            subject = (object_type, object_id)
        else:
            staff = User.objects.filter(email__iexact=user.strip()).first()
            if staff is None:
                raise CommandError(f"No member of staff has the email address {user}")
            entries = selectors.entries_by(staff.pk, since=since, until=until)
            subject = ("accounts.user", staff.pk)

        if output:
            with open(output, "w", newline="", encoding="utf-8") as out:
                count = self._write(out, entries)
        else:
            count = self._write(self.stdout, entries)

        auditor.record(
            None,
            Operation.EXPORT,
            subject[0],
            subject[1],
            context={
                "format": "csv",
                "export": "audit trail",
                "command": "export_audit",
                "from": start.isoformat() if start else "",
                "to": end.isoformat() if end else "",
                "rows": count,
            },
        )
        if output:
            self.stderr.write(f"{count:,} audit entries written to {output}.")

    def _record(self, text):
        label, _, object_id = text.partition(":")
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError) as error:
            raise CommandError(
                f'{label!r} is not a kind of record: write it as "app_label.model:id"'
            ) from error
        if not object_id:
            raise CommandError(f'Give the record\'s id after a colon, for example "{label}:42"')
        return f"{model._meta.app_label}.{model._meta.model_name}", object_id

    def _write(self, out, entries):
        writer = SafeWriter(out)
        writer.writerow(selectors.EXPORT_HEADINGS)
        count = 0
        for row in selectors.export_rows(entries):
            writer.writerow(row)
            count += 1
        return count
