"""Print the demo sign-ins, for `make run`: email, password and authenticator secret."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from carershub.accounts.sign_in_codes import current_code
from carershub.demo import services


class Command(BaseCommand):
    help = (
        "Print the demo staff sign-ins, or with --code EMAIL the code that account's "
        "authenticator shows now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--code", metavar="EMAIL", help="print the current sign-in code of this demo account"
        )

    def handle(self, *args, **options):
        if not services.demo_loaded():
            self.stdout.write("No demo data loaded.")
            return
        rows = services.sign_ins()
        if options["code"]:
            self.stdout.write(self._code_for(options["code"], rows))
            return
        self.stdout.write(
            "\nDemo sign-ins (all share one password; each has its own authenticator secret):"
        )
        width = max(len(email) for email, *_ in rows)
        for email, _password, described, secret in rows:
            self.stdout.write(f"  {email.ljust(width)}  {secret}  {described}")
        self.stdout.write(f"  Password: {rows[0][1]}")
        self.stdout.write(
            "  Second step: add a secret to an authenticator app (time-based, 6 digits), or "
            "print the code\n"
            f"  it shows now with: manage.py demo_sign_ins --code {rows[0][0]}\n"
        )

    def _code_for(self, email, rows):
        if email.lower() not in {row[0] for row in rows}:
            raise CommandError(f"{email} is not a demo account")
        device = TOTPDevice.objects.filter(user__email=email.lower(), confirmed=True).first()
        if device is None:
            raise CommandError(
                f"{email} has no authenticator app (it was reset): sign in to set one up"
            )
        return current_code(device)
