"""Load the fictional Ashvale partnership: organisations of every type, staff of every role,
carers.
"""

from django.core.management.base import BaseCommand, CommandError

from carershub.demo import services


class Command(BaseCommand):
    help = "Load deterministic, fictional demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--carers", type=int, default=200, help="How many fictional carers (default 200)."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed; the same seed gives the same data."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the demo data is already loaded."
        )

    def handle(self, *args, carers, seed, if_empty, **options):
        if carers < 0:
            raise CommandError("--carers must be 0 or more")
        if services.demo_loaded():
            if if_empty:
                self.stdout.write("Demo data already loaded; keeping it.")
                return
            raise CommandError(
                "Demo data is already loaded. Use a fresh database to load it again."
            )
        services.seed(carers=carers, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the Ashvale demo partnership with {carers} fictional carers."
            )
        )
