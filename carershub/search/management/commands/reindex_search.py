"""Build the search index again from the register (after a bulk load, or if it is ever in doubt)."""

import time

from django.core.management.base import BaseCommand

from carershub.search import services


class Command(BaseCommand):
    help = "Rebuild the carer search index from the register."

    def add_arguments(self, parser):
        parser.add_argument(
            "--chunk-size", type=int, default=20_000, help="Carers read and indexed at a time."
        )

    def handle(self, *args, chunk_size, **options):
        started = time.perf_counter()

        def progress(done, written):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done:,} carers, {written:,} keys")

        written = services.rebuild_index(chunk_size=chunk_size, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {written:,} keys in {time.perf_counter() - started:.1f} s"
            )
        )
