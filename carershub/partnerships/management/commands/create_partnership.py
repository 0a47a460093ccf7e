"""Create a partnership, its hub provider and its first administrator
(prints their invitation link).
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from carershub.partnerships import services
from carershub.partnerships.models import Partnership


class Command(BaseCommand):
    help = "Create a carers partnership with its hub provider organisation and first administrator."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Ashvale Carers Partnership"')
        parser.add_argument(
            "--slug", required=True, help="Short name used in settings, e.g. ashvale"
        )
        parser.add_argument(
            "--hub", required=True, help="Name of the organisation that runs the hub"
        )
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)
        parser.add_argument("--helpline-phone", default="")
        parser.add_argument("--helpline-email", default="")
        parser.add_argument(
            "--site-url", default="http://127.0.0.1:8000", help="Public address of the hub"
        )

    def handle(self, *args, **o):
        if Partnership.objects.filter(slug=o["slug"]).exists():
            raise CommandError(f"A partnership with the short name {o['slug']!r} already exists.")
        partnership, invitation = services.create_partnership(
            name=o["name"],
            slug=o["slug"],
            hub_name=o["hub"],
            admin_email=o["admin_email"],
            admin_name=o["admin_name"],
            helpline_phone=o["helpline_phone"],
            helpline_email=o["helpline_email"],
        )
        link = o["site_url"].rstrip("/") + reverse(
            "accounts:accept_invitation", args=[invitation.token]
        )
        self.stdout.write(self.style.SUCCESS(f"Created {partnership.name}."))
        self.stdout.write(
            f"Send this link to {invitation.user.email} to set their "
            f"password (valid 7 days):\n  {link}"
        )
