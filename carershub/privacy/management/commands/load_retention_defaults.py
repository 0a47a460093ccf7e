"""Add the hub's default retention rules that are not yet in the schedule."""

from django.core.management.base import BaseCommand

from carershub.privacy import defaults
from carershub.privacy.models import RetentionRule


class Command(BaseCommand):
    help = "Add the default retention rules that are missing from the schedule."

    def handle(self, *args, **options):
        added = defaults.load(RetentionRule)
        self.stdout.write(f"Added {added} retention rule{'s' if added != 1 else ''}.")
