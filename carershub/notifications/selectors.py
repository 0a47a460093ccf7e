"""Reads of the outbox, always scoped to the actor, who may read which messages in it, and whether
a live hub is sending at all."""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q

from carershub.core.pagination import paginate
from carershub.notifications import subjects
from carershub.notifications.backends import backend_name_for
from carershub.notifications.models import Channel, Notification


def outbox_page(actor, page=1):
    """A page of the messages the actor's organisation sent, newest first.

    The PDF, the body and the personalisation are left in the database: a list needs none of them.
    """
    notifications = (
        Notification.objects.visible_to(actor)
        .defer("letter_pdf", "body", "personalisation", "secret_personalisation")
        .order_by("-created_at", "-pk")
    )
    return paginate(notifications, page)


def notification_for(actor, notification_id):
    """One message, if the actor may see it; the PDF stays in the database until downloaded."""
    return (
        Notification.objects.visible_to(actor)
        .defer("letter_pdf", "secret_personalisation")
        .annotate(
            has_letter_pdf=ExpressionWrapper(
                Q(letter_pdf__isnull=False), output_field=BooleanField()
            )
        )
        .select_related("organisation", "requested_by")
        .filter(pk=notification_id)
        .first()
    )


def letter_pdf_for(actor, notification_id):
    """(PDF bytes, Reading) if the actor may read the letter and it has been printed; else (None,
    None).
    """
    notification = (
        Notification.objects.visible_to(actor)
        .filter(pk=notification_id, channel=Channel.LETTER)
        .only("pk", "subject_type", "subject_id")
        .first()
    )
    if notification is None:
        return None, None
    allowed = reading(actor, [notification])[notification.pk]
    if not allowed.shows_message:
        return None, None
    pdf = (
        Notification.objects.visible_to(actor)
        .filter(pk=notification.pk)
        .values_list("letter_pdf", flat=True)
        .first()
    )
    return (bytes(pdf), allowed) if pdf else (None, None)


# --- Who may read a message ----------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What one actor may read of one message (ADR 24).

    A message about a carer says who they are and how to reach them, so its recipient and words
    are shown only to those who may see that carer's contact details
    (``carers.view_contact_details``, which leaves out system administrators, partners and, for a
    restricted record, everyone but the holding organisation's hub managers and the named workers).
    A message about a referral not yet linked to a carer follows the referral's own rule. A list
    shows no restricted carer's recipient to anyone (ADR 19: lists are read over shoulders). Each
    rule is registered by the app that holds the person (``notifications.subjects``, from
    ``carers/hooks.py`` and ``referrals/hooks.py``).
    """

    shows_message: bool
    shows_recipient_in_list: bool
    restricted_carer: object = None  # the restricted carer whose details are shown, for the audit
    # The record the message is about, for a reader who may open it: (reference, address).
    record_link: tuple = ()


_UNKNOWN = object()


def reading(actor, notifications):
    """{notification id: Reading} for the actor, reading the records the messages are about in one
    query per kind of record (not one per message)."""
    about = _records_about(actor, notifications)
    answers = {}
    for notification in notifications:
        person = about.get(notification.pk)
        if person is None:  # about a member of staff, or about nobody: the outbox's own rule
            answers[notification.pk] = Reading(True, True)
        elif person is _UNKNOWN:  # a kind of record no app registered: shown to nobody
            answers[notification.pk] = Reading(False, False)
        else:  # the rule the person's app registered (a carer's, a referral's)
            kind, record = person
            answers[notification.pk] = kind.reading(actor, record)
    return answers


# Messages about staff (an invitation) are for those who run the team, who see the outbox anyway.
_ABOUT_STAFF = {"accounts.user"}


def _records_about(actor, notifications):
    """{notification id: (kind of person, the person it is about), _UNKNOWN, or None}."""
    ids_by_type = defaultdict(set)
    for notification in notifications:
        if notification.subject_type and notification.subject_type not in _ABOUT_STAFF:
            ids_by_type[notification.subject_type].add(notification.subject_id)
    person_of = {}  # (type, id) -> (kind, person id)
    for subject_type, ids in ids_by_type.items():
        person_of.update(_people_named(subject_type, ids))
    wanted = defaultdict(set)
    for kind, person_id in person_of.values():
        wanted[kind].add(person_id)
    # Through each kind's own scope: a person the reader cannot see at all is one whose message
    # they may not read (shown to nobody, below).
    people = {kind: kind.visible(actor).in_bulk(ids) for kind, ids in wanted.items()}
    about = {}
    for notification in notifications:
        key = (notification.subject_type, notification.subject_id)
        if not notification.subject_type or notification.subject_type in _ABOUT_STAFF:
            about[notification.pk] = None
        elif key in person_of and person_of[key][1] in people[person_of[key][0]]:
            kind, person_id = person_of[key]
            about[notification.pk] = (kind, people[kind][person_id])
        else:  # unknown, or the record has gone (erased): shown to nobody
            about[notification.pk] = _UNKNOWN
    return about


def _people_named(subject_type, ids):
    """{(subject type, id): (kind, person id)} for one type of subject: a record is about the person
    it names (a booking's carer; a referral's, once linked), else, if it is a kind of person
    itself (a carer; a referral not yet linked), about itself."""
    try:
        model = apps.get_model(subject_type)
    except (LookupError, ValueError):
        return {}
    numeric = [int(i) for i in ids if str(i).isdigit()]
    fields = {f.name for f in model._meta.concrete_fields}
    found = {}
    for kind in subjects.kinds():
        if kind.linked_by and kind.linked_by in fields:
            for pk, person_id in subjects.linked_ids(model, kind.linked_by, numeric):
                if person_id is not None:
                    found.setdefault((subject_type, str(pk)), (kind, person_id))
    itself = subjects.kind_of(model._meta.label_lower)
    if itself is not None:
        for pk in numeric:
            found.setdefault((subject_type, str(pk)), (itself, pk))
    return found


# Letters are often printed from the outbox by hand on purpose; email and text messages never are.
_MUST_BE_SENT_ON_A_LIVE_HUB = (Channel.EMAIL, Channel.SMS)


def channels_held_on_a_live_hub():
    """Labels of the channels ("email", "text messages") a live hub only holds in the outbox.

    Empty outside the production settings (``HUB_IS_LIVE``): there the outbox is the point.
    """
    if not getattr(settings, "HUB_IS_LIVE", False):
        return []
    labels = {Channel.EMAIL: "emails", Channel.SMS: "text messages"}
    return [
        labels[channel]
        for channel in _MUST_BE_SENT_ON_A_LIVE_HUB
        if backend_name_for(channel) == "outbox"
    ]
