"""Print the demo sign-ins, for `make run`."""

from django.core.management.base import BaseCommand

from carershub.demo import services


class Command(BaseCommand):
    help = "Print the demo staff sign-ins."

    def handle(self, *args, **options):
        if not services.demo_loaded():
            self.stdout.write("No demo data loaded.")
            return
        rows = services.sign_ins()
        self.stdout.write("\nDemo sign-ins (all share one password):")
        width = max(len(email) for email, _, _ in rows)
        for email, _password, described in rows:
            self.stdout.write(f"  {email.ljust(width)}  {described}")
        self.stdout.write(f"  Password: {rows[0][1]}\n")
