"""Every read the groups pages need: the public calendar, a group's sessions, who is booked, and
the demand report."""

import datetime as dt
from collections import Counter

from django.utils import timezone

from carershub.carers.models import HUB_RECORD, Carer
from carershub.groups.models import (
    Availability,
    Booking,
    BookingStatus,
    CalendarFeed,
    Day,
    Group,
    Mode,
    PartOfDay,
    Session,
    SessionStatus,
)

DEMAND_MONTHS = 3
_DAYS = list(Day.values)  # Monday first, as datetime.weekday() counts


def upcoming_sessions(*, group_id=None, audience=None, mode=None, now=None):
    """Sessions from now on, soonest first (cancelled ones too, so nobody travels to one)."""
    sessions = Session.objects.filter(ends_at__gte=now or timezone.now()).select_related("group")
    if group_id:
        sessions = sessions.filter(group_id=group_id)
    if audience:
        sessions = sessions.filter(group__audience=audience)
    if mode:
        sessions = sessions.filter(mode=mode)
    return sessions.order_by("starts_at", "pk")


def public_session(session_id):
    return Session.objects.select_related("group__organisation").filter(pk=session_id).first()


def public_group(group_id):
    return Group.objects.filter(pk=group_id).first()


def group_sessions_for_feed(group, now=None):
    """A group's sessions for its calendar feed: from a month ago on."""
    since = (now or timezone.now()) - dt.timedelta(days=31)
    return group.sessions.filter(starts_at__gte=since).select_related("group").order_by("starts_at")


def all_groups():
    return Group.objects.order_by("name")


def groups_run_by(actor):
    return (
        Group.objects.filter(organisation=actor.organisation)
        .select_related("organisation")
        .order_by("name")
    )


def sessions_of(group, *, past=False, now=None):
    now = now or timezone.now()
    sessions = group.sessions.select_related("group")
    if past:
        return sessions.filter(starts_at__lt=now).order_by("-starts_at")
    return sessions.filter(starts_at__gte=now).order_by("starts_at")


def sessions_run_by(actor):
    """The sessions of the groups the actor's organisation runs."""
    return Session.objects.filter(group__organisation=actor.organisation).select_related(
        "group__organisation"
    )


def bookings_on(actor, session):
    """Who is booked and who is waiting (in order), as far as the actor may see them."""
    return list(
        Booking.objects.visible_to(actor)
        .filter(session=session)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("carer")
        .order_by("queued_at", "pk")
    )


def booking(actor, booking_id):
    """One booking the actor may see on a session their organisation runs, or None."""
    return (
        Booking.objects.visible_to(actor)
        .filter(session__group__organisation=actor.organisation)
        .select_related("carer", "session__group__organisation")
        .filter(pk=booking_id)
        .first()
    )


def bookable_carers(actor):
    """The carers the actor may see who can be booked (a merged record cannot)."""
    return Carer.objects.visible_to(actor, HUB_RECORD).filter(merged_into__isnull=True)


def as_reference(text):
    """A carer's reference as typed (spaces around it, lower case) in the form it is stored."""
    return (text or "").strip().upper()


def carer_by_reference(actor, reference):
    return bookable_carers(actor).filter(reference=as_reference(reference)).first()


def carer_bookings(actor, carer):
    return list(
        Booking.objects.visible_to(actor)
        .filter(carer=carer)
        .select_related("session__group")
        .order_by("-session__starts_at")
    )


def carer_availability(actor, carer):
    return Availability.objects.visible_to(actor).filter(carer=carer).first()


def part_of_day(moment):
    hour = timezone.localtime(moment).hour
    if hour < 12:
        return PartOfDay.MORNING
    if hour < 17:
        return PartOfDay.AFTERNOON
    return PartOfDay.EVENING


def slot_of(moment):
    local = timezone.localtime(moment)
    return f"{_DAYS[local.weekday()]}-{part_of_day(local)}"


def demand(actor, now=None):
    """For each day and part of day, and each area (the first half of a postcode): how many
    carers said they could come, and how many sessions are scheduled then in the next three
    months, in that area and online. Rows where carers could come, most wanted first."""
    now = now or timezone.now()
    wanted = Counter()
    for answer in Availability.objects.visible_to(actor).only("slots", "outward_code"):
        for slot in answer.slots:
            wanted[(slot, answer.outward_code)] += 1
    in_person = Counter()
    online = Counter()
    sessions = Session.objects.filter(
        group__organisation__partnership_id=actor.organisation.partnership_id,
        status=SessionStatus.SCHEDULED,
        starts_at__gte=now,
        starts_at__lt=now + dt.timedelta(days=DEMAND_MONTHS * 31),
    ).only("starts_at", "mode", "postcode")
    for each in sessions:
        if each.mode == Mode.ONLINE:
            online[slot_of(each.starts_at)] += 1
        else:
            in_person[(slot_of(each.starts_at), each.outward_code)] += 1
    order = {
        key: n for n, key in enumerate(f"{d}-{p}" for d in Day.values for p in PartOfDay.values)
    }
    labels = {
        f"{d}-{p}": f"{dl} {pl.lower()}" for d, dl in Day.choices for p, pl in PartOfDay.choices
    }
    rows = {}
    for (slot, area), count in wanted.items():
        rows[(slot, area)] = {
            "key": slot,
            "slot": labels.get(slot, slot),
            "area": area,
            "carers": count,
            "in_person": in_person[(slot, area)],
            "online": online[slot],
        }
    return sorted(rows.values(), key=lambda r: (-r["carers"], order.get(r["key"], 99), r["area"]))


def live_feed(actor, carer):
    return (
        CalendarFeed.objects.visible_to(actor).filter(carer=carer, revoked_at__isnull=True).first()
    )
