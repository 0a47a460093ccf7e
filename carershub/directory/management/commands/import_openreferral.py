"""manage.py import_openreferral URL_OR_FILE [--partnership SLUG] [--source NAME] [--dry-run]

Loads another directory's services from its Open Referral UK API (the address of the API, e.g.
https://example.org/openreferral) or from a JSON file (one service, a page of them or a list).
Running it again updates the services it brought in before; nothing is added twice. All or
nothing: if any service cannot be imported, nothing is saved and every problem is listed.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carershub.directory import importing
from carershub.partnerships.models import Partnership
from carershub.partnerships.selectors import current_partnership

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "Import services from an Open Referral UK feed or file into a partnership's directory."

    def add_arguments(self, parser):
        parser.add_argument(
            "location", metavar="URL_OR_FILE", help="The feed's API address, or a JSON file"
        )
        parser.add_argument("--partnership", help="Slug of the partnership (default: this hub's)")
        parser.add_argument(
            "--source", help="Name to remember the feed by (default: its address or file name)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check everything, save nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar")

    def handle(self, *args, location, partnership, source, dry_run, no_progress, **options):
        target = self._partnership(partnership)
        bar = None

        def progress(step, total):
            nonlocal bar
            if no_progress:
                return
            if bar is None:
                bar = tqdm(total=total, unit="service", desc="Reading", file=self.stderr._out)
            bar.update(step)

        try:
            documents = importing.read(location, progress)
            if bar is not None:
                bar.close()
            if dry_run:
                problems = importing.check(documents)
                if problems:
                    raise importing.FeedProblem(problems)
                self.stdout.write(
                    f"Checked {len(documents)} services: all can be imported (nothing saved)."
                )
                return
            result = importing.import_services(
                target, documents, source=source or importing.source_name(location)
            )
        except importing.FeedProblem as problem:
            shown = problem.problems[:SHOWN_PROBLEMS]
            more = len(problem.problems) - len(shown)
            lines = "\n  ".join(shown) + (f"\n  ... and {more} more" if more > 0 else "")
            raise CommandError(
                f"Nothing was imported. {len(problem.problems)} problem(s):\n  {lines}"
            ) from problem
        self.stdout.write(
            f"Imported {result.total} services into {target.name}: {len(result.added)} added, "
            f"{len(result.updated)} updated."
        )

    def _partnership(self, slug):
        if slug:
            found = Partnership.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"There is no partnership with the slug '{slug}'")
            return found
        found = current_partnership()
        if found is None:
            raise CommandError("Say which partnership to import into with --partnership SLUG")
        return found
