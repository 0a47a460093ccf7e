"""Add a member organisation (a hospital trust, GP practice, school...) to a partnership."""

from django.core.management.base import BaseCommand, CommandError

from carershub.partnerships import services
from carershub.partnerships.models import OrganisationType, Partnership


class Command(BaseCommand):
    help = "Add an organisation to a partnership. Types: " + ", ".join(OrganisationType.values)

    def add_arguments(self, parser):
        parser.add_argument(
            "--partnership", required=True, help="The partnership's short name (slug)"
        )
        parser.add_argument("--name", required=True)
        parser.add_argument("--type", required=True, choices=OrganisationType.values)
        parser.add_argument("--ods-code", default="")

    def handle(self, *args, **o):
        partnership = Partnership.objects.filter(slug=o["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the short name {o['partnership']!r}.")
        if partnership.organisations.filter(name=o["name"]).exists():
            raise CommandError(f"{o['name']} is already in {partnership.name}.")
        organisation = services.add_organisation(
            partnership=partnership, name=o["name"], type=o["type"], ods_code=o["ods_code"]
        )
        self.stdout.write(
            self.style.SUCCESS(f"Added {organisation.name} ({organisation.get_type_display()}).")
        )
