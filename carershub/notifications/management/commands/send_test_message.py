"""``manage.py send_test_message``: send one email or text message now, through the backend the
settings choose, to prove a live hub's messages go out (docs/admin/deploy.md)."""

from django.core.management.base import BaseCommand, CommandError

from carershub.notifications import services
from carershub.notifications.backends import backend_name_for
from carershub.notifications.models import Channel, Status
from carershub.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Send a test email or text message now, without waiting for the worker, "
        "and say what happened."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--email", help="Send a test email to this address.")
        target.add_argument("--sms", help="Send a test text message to this mobile number.")

    def handle(self, *args, email=None, sms=None, **options):
        partnership = Partnership.objects.current()
        if partnership is None:
            raise CommandError(
                "There is no partnership yet: run manage.py create_partnership first."
            )
        personalisation = {"hub": partnership.name}
        try:
            if email:
                notification = services.send_email(
                    to=email, template="test_message_email", personalisation=personalisation
                )
            else:
                notification = services.send_sms(
                    to=sms, template="test_message_sms", personalisation=personalisation
                )
        except (services.InvalidRecipient, services.NoSendingOrganisation) as error:
            raise CommandError(str(error)) from None

        # Delivered here rather than by the worker, so the answer is on the screen; the worker's
        # later attempt finds it already sent and leaves it alone.
        try:
            notification = services.deliver(notification.pk)
        except services.NotificationFailed:
            notification.refresh_from_db()
            raise CommandError(
                f"Not sent ({notification.reference}) through {notification.backend}: "
                f"{notification.error}"
            ) from None

        if notification.status == Status.HELD:
            setting = (
                "NOTIFICATIONS_EMAIL_BACKEND"
                if notification.channel == Channel.EMAIL
                else "NOTIFICATIONS_SMS_BACKEND"
            )
            raise CommandError(
                f"Not sent: {setting} is {backend_name_for(notification.channel)!r}, so the "
                f"message ({notification.reference}) is only held in the outbox. Set it to "
                f"{'smtp or notify' if notification.channel == Channel.EMAIL else 'notify'} to "
                "send."
            )
        self.stdout.write(
            f"Sent {notification.reference} through {notification.backend}"
            + (
                f" (provider reference {notification.provider_reference})"
                if notification.provider_reference
                else ""
            )
            + ". Check that it arrived."
        )
