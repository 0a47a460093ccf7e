"""manage.py load_quality_of_life FILE --partnership SLUG: the wording of the six quality-of-life
questions (scored by the ASCOF 1D method) that the partnership is licensed to use, as a JSON
file."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from carershub.assessments.loading import load_question_set
from carershub.partnerships.models import Partnership

EXAMPLE = """{
  "name": "ASCOT-Carer questions (ASCOF 1D method)",
  "source": "PSSRU, University of Kent, used under licence",
  "questions": [
    {"domain": "occupation", "wording": "...", "answers": ["best", "middle", "worst"]},
    ... one for each of occupation, control, self_care, safety, social, support
  ]
}"""


class Command(BaseCommand):
    help = (
        "Load the partnership's quality-of-life questions and answers from a JSON file.\n\n"
        + EXAMPLE
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")

    def handle(self, *args, file, partnership, **options):
        try:
            owner = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist as missing:
            raise CommandError(f"No partnership called {partnership!r}") from missing
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {file}: {error}") from error
        try:
            question_set = load_question_set(owner, text, file_name=Path(file).name)
        except ValidationError as invalid:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"- {m}" for m in invalid.messages)
            ) from invalid
        self.stdout.write(
            f"Loaded “{question_set.name}” for {owner.name}: "
            f"{question_set.questions.count()} questions"
        )
