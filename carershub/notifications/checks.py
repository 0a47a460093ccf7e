"""Settings checks: a hub set up to send through Notify or SMTP says what is missing at start-up,
not when the first carer's letter fails in the night."""

import uuid

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from carershub.notifications.backends import backend_for, backend_name_for
from carershub.notifications.message_templates import TEMPLATES, templates_for
from carershub.notifications.models import Channel
from carershub.notifications.selectors import channels_held_on_a_live_hub


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _notify_api_key_is_valid(key):
    # "<key name>-<service id>-<secret>": the client reads the last 73 characters.
    return len(key) >= 74 and key[-37] == "-" and _is_uuid(key[-73:-37]) and _is_uuid(key[-36:])


@checks.register("notifications")
def check_notification_settings(app_configs=None, **kwargs):
    errors = []
    chosen = {}
    for channel in Channel.values:
        try:
            backend_for(channel)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="notifications.E001"))
            continue
        chosen[channel] = backend_name_for(channel)

    uses_notify = [channel for channel, name in chosen.items() if name == "notify"]
    if uses_notify and not _notify_api_key_is_valid(settings.NOTIFY_API_KEY or ""):
        errors.append(
            checks.Error(
                "NOTIFY_API_KEY must be a GOV.UK Notify API key (name-serviceid-secret) when a "
                "channel uses Notify",
                id="notifications.E002",
            )
        )
    for channel in uses_notify:
        if channel == Channel.LETTER:
            continue  # letters go to Notify as PDFs, without a template
        for template in templates_for(channel):
            if not _is_uuid(template.notify_template_id):
                errors.append(
                    checks.Error(
                        "NOTIFY_TEMPLATE_IDS needs the GOV.UK Notify template id for "
                        f"{template.key!r}",
                        hint='Set NOTIFY_TEMPLATE_IDS to JSON such as {"staff_invitation": '
                        '"<template uuid>"}',
                        id="notifications.E003",
                    )
                )
    unknown = sorted(set(getattr(settings, "NOTIFY_TEMPLATE_IDS", {})) - set(TEMPLATES))
    if unknown:
        errors.append(
            checks.Warning(
                f"NOTIFY_TEMPLATE_IDS names templates the hub does not have: {', '.join(unknown)}",
                id="notifications.W001",
            )
        )
    on_console = sorted(channel for channel, name in chosen.items() if name == "console")
    if on_console and not getattr(settings, "DEVELOPER_MACHINE", False):
        errors.append(
            checks.Error(
                "The console backend prints messages with their secret links where the worker "
                "runs: it is for a developer's machine only (`make run`), not for "
                f"{', '.join(on_console)} here",
                hint="Set NOTIFICATIONS_EMAIL_BACKEND and NOTIFICATIONS_SMS_BACKEND to notify, "
                "smtp or outbox",
                id="notifications.E005",
            )
        )
    held = channels_held_on_a_live_hub()
    if held:
        errors.append(
            checks.Warning(
                f"This live hub sends no {' and no '.join(held)}: they are only held in the outbox",
                hint="Set NOTIFICATIONS_EMAIL_BACKEND (smtp or notify) and "
                "NOTIFICATIONS_SMS_BACKEND (notify); see docs/admin/deploy.md",
                id="notifications.W002",
            )
        )
    if chosen.get(Channel.EMAIL) == "smtp" and not settings.EMAIL_HOST:
        errors.append(
            checks.Error(
                "EMAIL_HOST must be set to send email through SMTP", id="notifications.E004"
            )
        )
    return errors
