"""Messages keep their secret links redacted (ADR 24): a column for the secrets a transport has
not yet taken, and the links already in stored messages replaced.

The templates and their secret placeholders are written out here, not imported, so that this
migration means the same thing whatever the templates become. A message not yet sent (pending
or failed) keeps its secrets in the new, encrypted column so that it can still be sent.
"""

from django.db import migrations

import carershub.core.encrypted_fields

REDACTED = "[link or code removed: only the recipient has it]"
SECRETS = {
    "staff_invitation": ["invitation_url"],
    "assessment_copy_email": ["link"],
    "assessment_copy_sms": ["link"],
}
NOT_YET_SENT = ["pending", "failed"]


def redact_stored_secrets(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for notification in Notification._default_manager.filter(template__in=list(SECRETS)).iterator():
        personalisation = dict(notification.personalisation or {})
        secrets = {key: personalisation[key] for key in SECRETS[notification.template]
                   if personalisation.get(key) not in (None, "", REDACTED)}
        if not secrets:
            continue
        for key, value in secrets.items():
            personalisation[key] = REDACTED
            notification.subject = notification.subject.replace(str(value), REDACTED)
            notification.body = notification.body.replace(str(value), REDACTED)
        notification.personalisation = personalisation
        notification.secret_personalisation = secrets if notification.status in NOT_YET_SENT else None
        notification.save(update_fields=["personalisation", "subject", "body", "secret_personalisation"])


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="secret_personalisation",
            field=carershub.core.encrypted_fields.EncryptedJSONField(blank=True, editable=False, null=True),
        ),
        # Not reversed: a secret once removed from a sent message is not brought back.
        migrations.RunPython(redact_stored_secrets, migrations.RunPython.noop),
    ]
