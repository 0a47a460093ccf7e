"""Staff pages for groups: groups and their sessions, booking carers, the waiting list, registers,
cancelling, a carer's bookings and calendar link, and the demand report."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from carershub.accounts.permissions import can, permission_required, record_or_404, require
from carershub.audit import services as auditor
from carershub.carers import restrictions
from carershub.core.concurrency import edit_with_version
from carershub.groups import selectors, services
from carershub.groups.forms import (
    AvailabilityForm,
    BookForm,
    CancelSessionForm,
    GroupForm,
    NewSessionsForm,
    RegisterForm,
    SessionForm,
)
from carershub.groups.models import Booking, BookingStatus
from carershub.groups.presenters import (
    BookingPresenter,
    SessionPresenter,
    bookings_with_positions,
    carer_booking_rows,
    demand_rows,
    people_rows,
    session_details,
    staff_session_rows,
)

CARER_FIELDS = ["reference", "given_name", "family_name"]


def _to_session(session):
    return redirect("groups:session_bookings", session_id=session.pk)


# --- Groups ------------------------------------------------------------------------------------


@permission_required("groups.list_groups")
def manage(request):
    groups = list(selectors.groups_run_by(request.actor))
    return render(
        request,
        "groups/staff/groups.html",
        {
            "page_title": "Groups and events",
            "groups": groups,
            "can_plan": can(request.actor, "groups.plan_groups"),
            "can_see_demand": can(request.actor, "groups.view_demand"),
        },
    )


@permission_required("groups.plan_groups")
def new_group(request):
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        group = services.create_group(request.actor, **form.cleaned_data)
        messages.success(request, f"{group.name} added. Now add its sessions.")
        return redirect("groups:new_sessions", group_id=group.pk)
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "Add a group",
            "form": form,
            "button": "Add group",
            "cancel": reverse("groups:manage"),
        },
    )


@permission_required("groups.list_groups")
def group(request, group_id):
    found = record_or_404(
        request, selectors.groups_run_by(request.actor), "groups.view_bookings", pk=group_id
    )
    return render(
        request,
        "groups/staff/group.html",
        {
            "page_title": found.name,
            "group": found,
            "upcoming": staff_session_rows(
                SessionPresenter(s) for s in selectors.sessions_of(found)
            ),
            "past": staff_session_rows(
                SessionPresenter(s) for s in selectors.sessions_of(found, past=True)[:10]
            ),
            "can_edit": can(request.actor, "groups.edit_group", found),
        },
    )


@permission_required("groups.plan_groups")
def edit_group(request, group_id):
    """The group's details: refused, showing both versions, if someone saved it since."""
    found = record_or_404(
        request, selectors.groups_run_by(request.actor), "groups.edit_group", pk=group_id
    )
    form = GroupForm(
        request.POST if request.method == "POST" else None, initial=_group_details(found)
    )
    # A form sent back with mistakes keeps the version it was opened at, so a save by someone else
    # in the meantime is still noticed when it is sent again.
    edit = edit_with_version(
        request,
        found,
        form,
        lambda version: services.update_group(
            request.actor, found, expected_version=version, **form.cleaned_data
        ),
        theirs=_group_details,
    )
    if edit.saved:
        messages.success(request, "Group saved")
        return redirect("groups:group", group_id=found.pk)
    found = edit.record
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": f"Change {found.name}",
            "form": form,
            "button": "Save",
            "cancel": reverse("groups:group", kwargs={"group_id": found.pk}),
            "version": edit.version,
            "conflict_rows": edit.refused,
            "record": "group",
        },
        status=edit.status,
    )


def _group_details(group):
    return {name: getattr(group, name) for name in services.GROUP_FIELDS}


# --- Sessions ----------------------------------------------------------------------------------


@permission_required("groups.plan_groups")
def new_sessions(request, group_id):
    found = record_or_404(
        request, selectors.groups_run_by(request.actor), "groups.edit_group", pk=group_id
    )
    form = NewSessionsForm(request.POST if request.method == "POST" else None, initial={"weeks": 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = services.add_sessions(
            request.actor,
            found,
            first_day=data["day"],
            starts=data["starts"],
            ends=data["ends"],
            weeks=data["weeks"],
            capacity=data["capacity"],
            **form.place(),
        )
        messages.success(
            request, f"{len(added)} {'session' if len(added) == 1 else 'sessions'} added"
        )
        return redirect("groups:group", group_id=found.pk)
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "Add sessions",
            "caption": found.name,
            "form": form,
            "button": "Add sessions",
            "cancel": reverse("groups:group", kwargs={"group_id": found.pk}),
        },
    )


@permission_required("groups.list_groups")
def session_bookings(request, session_id):
    """One session for staff: who is booked, the waiting list in order, and what to do next."""
    found = record_or_404(
        request, selectors.sessions_run_by(request.actor), "groups.view_bookings", pk=session_id
    )
    bookings = selectors.bookings_on(request.actor, found)
    booked, waiting = bookings_with_positions(bookings)
    if bookings:
        auditor.listed(
            request.actor,
            Booking,
            bookings,
            fields=BookingPresenter.FIELDS,
            context={"view": "groups:session_bookings"},
        )
    presenter = SessionPresenter(found)
    return render(
        request,
        "groups/staff/session.html",
        {
            "page_title": f"{presenter.title}: {presenter.day}",
            "session": presenter,
            "booked": booked,
            "waiting": waiting,
            "booked_rows": people_rows(booked, waiting=False, session_cancelled=found.is_cancelled),
            "waiting_rows": people_rows(
                waiting, waiting=True, session_cancelled=found.is_cancelled
            ),
            "can_edit": can(request.actor, "groups.edit_group", found) and not found.is_cancelled,
            "open_for_booking": not found.is_cancelled and found.starts_at > timezone.now(),
        },
    )


@permission_required("groups.plan_groups")
def edit_session(request, session_id):
    """When and where the session is and its places: refused, showing both versions, if someone
    saved it since."""
    found = record_or_404(
        request, selectors.sessions_run_by(request.actor), "groups.edit_group", pk=session_id
    )
    if found.is_cancelled:
        return _to_session(found)
    initial = session_details(found)
    initial.update(starts=f"{initial['starts']:%H:%M}", ends=f"{initial['ends']:%H:%M}")
    form = SessionForm(request.POST if request.method == "POST" else None, initial=initial)
    # A form sent back with mistakes keeps the version it was opened at (see edit_group).
    edit = edit_with_version(
        request,
        found,
        form,
        lambda version: services.update_session(
            request.actor,
            found,
            day=form.cleaned_data["day"],
            starts=form.cleaned_data["starts"],
            ends=form.cleaned_data["ends"],
            capacity=form.cleaned_data["capacity"],
            expected_version=version,
            **form.place(),
        ),
        theirs=session_details,
        refusal_field="capacity",
    )
    if edit.saved:
        messages.success(request, "Session saved")
        return _to_session(found)
    found = edit.record
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "Change the session",
            "caption": found.group.name,
            "form": form,
            "button": "Save",
            "cancel": reverse("groups:session_bookings", kwargs={"session_id": found.pk}),
            "version": edit.version,
            "conflict_rows": edit.refused,
            "record": "session",
        },
        status=edit.status,
    )


@permission_required("groups.plan_groups")
def cancel_session(request, session_id):
    found = record_or_404(
        request, selectors.sessions_run_by(request.actor), "groups.edit_group", pk=session_id
    )
    if found.is_cancelled:
        return _to_session(found)
    form = CancelSessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.cancel_session(request.actor, found, reason=form.cleaned_data["reason"])
        messages.success(request, "Session cancelled. Everyone booked or waiting has been told.")
        return _to_session(found)
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "Cancel the session",
            "caption": SessionPresenter(found).when,
            "form": form,
            "button": "Cancel session",
            "warning": True,
            "question_page": True,
            "cancel": reverse("groups:session_bookings", kwargs={"session_id": found.pk}),
        },
    )


# --- Bookings and the register -----------------------------------------------------------------


@permission_required("groups.list_groups")
def book(request, session_id):
    """Book a carer from the register, found by their reference."""
    found = record_or_404(
        request, selectors.sessions_run_by(request.actor), "groups.view_bookings", pk=session_id
    )
    if found.is_cancelled or found.starts_at <= timezone.now():
        return _to_session(found)
    form = BookForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        carer = selectors.carer_by_reference(request.actor, form.cleaned_data["reference"])
        if carer is None or not can(request.actor, "groups.book_carer", carer):
            form.add_error("reference", "There is no carer with that reference on your register")
        else:
            auditor.read(request.actor, carer, fields=CARER_FIELDS, context={"view": "groups:book"})
            try:
                booking = services.book(request.actor, found, carer)
            except services.BookingRefused as refusal:
                form.add_error("reference", str(refusal))
            else:
                if booking.status == BookingStatus.BOOKED:
                    messages.success(request, f"{carer.full_name} is booked")
                else:
                    messages.success(
                        request, f"The session is full: {carer.full_name} is on the waiting list"
                    )
                return _to_session(found)
    presenter = SessionPresenter(found)
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "Book a carer",
            "caption": f"{presenter.title}: {presenter.when}",
            "intro": presenter.places_text(staff=True)
            + (
                ""
                if found.spaces_left
                else ". The session is full: a carer booked now joins the waiting list."
            ),
            "form": form,
            "button": "Book",
            "cancel": reverse("groups:session_bookings", kwargs={"session_id": found.pk}),
        },
    )


@permission_required("groups.list_groups")
def cancel_booking(request, booking_id):
    found = selectors.booking(request.actor, booking_id)
    if found is None:
        raise Http404
    require(request.actor, "groups.book_carer", found.carer)
    if found.status == BookingStatus.CANCELLED:
        return _to_session(found.session)
    if request.method == "POST":
        promoted = services.cancel_booking(request.actor, found)
        text = f"Booking for {found.carer.full_name} cancelled"
        if promoted is not None:
            text += (
                f". {promoted.carer.full_name} has the place from "
                "the waiting list and has been told."
            )
        messages.success(request, text)
        return _to_session(found.session)
    auditor.read(
        request.actor,
        found,
        fields=BookingPresenter.FIELDS,
        context={"view": "groups:cancel_booking"},
    )
    return render(
        request,
        "groups/staff/cancel_booking.html",
        {
            "page_title": f"Cancel {found.carer.full_name}'s booking",
            "booking": BookingPresenter(found),
            "session": SessionPresenter(found.session),
        },
    )


@permission_required("groups.list_groups")
def register(request, session_id):
    """The attendance register: who came and who did not, for each carer with a place."""
    found = record_or_404(
        request, selectors.sessions_run_by(request.actor), "groups.view_bookings", pk=session_id
    )
    bookings = [
        b for b in selectors.bookings_on(request.actor, found) if b.status == BookingStatus.BOOKED
    ]
    names = {b.pk: b.carer.full_name for b in bookings}
    form = RegisterForm(
        request.POST if request.method == "POST" else None, bookings=bookings, names=names
    )
    if request.method == "POST" and form.is_valid():
        services.record_attendance(request.actor, found, form.marks())
        messages.success(request, "Register saved")
        return _to_session(found)
    if bookings:
        auditor.listed(
            request.actor,
            Booking,
            bookings,
            fields=["carer", "attendance"],
            context={"view": "groups:register"},
        )
    presenter = SessionPresenter(found)
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "Attendance register",
            "caption": f"{presenter.title}: {presenter.when}",
            "form": form,
            "button": "Save register",
            "intro": None if bookings else "Nobody has a place on this session.",
            "cancel": reverse("groups:session_bookings", kwargs={"session_id": found.pk}),
        },
    )


# --- A carer's bookings, calendar link and availability ----------------------------------------


@permission_required("groups.list_groups")
def carer_bookings(request, carer_reference):
    carer = record_or_404(
        request,
        selectors.bookable_carers(request.actor),
        "groups.book_carer",
        reference=selectors.as_reference(carer_reference),
    )
    bookings = selectors.carer_bookings(request.actor, carer)
    auditor.read(
        request.actor,
        carer,
        fields=CARER_FIELDS + ["group_bookings", "calendar_feeds", "group_availability"],
        context={"view": "groups:carer_bookings"},
    )
    live_feed = selectors.live_feed(request.actor, carer)
    new_link = request.session.pop("groups_new_feed_link", None)
    return render(
        request,
        "groups/staff/carer_bookings.html",
        {
            "page_title": f"Groups for {carer.full_name}",
            "carer": carer,
            "bookings": carer_booking_rows(BookingPresenter(b) for b in bookings),
            "live_feed": live_feed,
            "new_link": new_link if live_feed else None,
            "availability": selectors.carer_availability(request.actor, carer),
            # The first half of the postcode is part of the address a restriction hides (ADR 19).
            "shows_area": can(request.actor, "carers.view_contact_details", carer),
        },
    )


@require_POST
@permission_required("groups.list_groups")
def issue_feed(request, carer_reference):
    carer = record_or_404(
        request,
        selectors.bookable_carers(request.actor),
        "groups.book_carer",
        reference=selectors.as_reference(carer_reference),
    )
    token = services.issue_feed(request.actor, carer)
    # Shown once, on the next page: only its hash is kept.
    request.session["groups_new_feed_link"] = request.build_absolute_uri(
        reverse("groups:carer_feed", kwargs={"token": token})
    )
    messages.success(request, "New calendar link made. Any earlier link has stopped working.")
    return redirect("groups:carer_bookings", carer_reference=carer.reference)


@require_POST
@permission_required("groups.list_groups")
def revoke_feed(request, carer_reference):
    carer = record_or_404(
        request,
        selectors.bookable_carers(request.actor),
        "groups.book_carer",
        reference=selectors.as_reference(carer_reference),
    )
    if services.revoke_feed(request.actor, carer):
        messages.success(request, "Calendar link stopped")
    return redirect("groups:carer_bookings", carer_reference=carer.reference)


@permission_required("groups.list_groups")
def carer_availability(request, carer_reference):
    carer = record_or_404(
        request,
        selectors.bookable_carers(request.actor),
        "groups.book_carer",
        reference=selectors.as_reference(carer_reference),
    )
    # The first half of the postcode is part of the address a restriction hides (ADR 19): those
    # who may not see it neither see it filled in nor type over it; what is recorded is kept.
    shows_area = can(request.actor, "carers.view_contact_details", carer)
    current = selectors.carer_availability(request.actor, carer)
    initial = AvailabilityForm.initial_for(current) or {
        "outward_code": carer.postcode.split()[0] if carer.postcode.strip() else ""
    }
    if not shows_area:
        initial.pop("outward_code", None)
    form = AvailabilityForm(
        request.POST if request.method == "POST" else None, initial=initial, asks_area=shows_area
    )
    if request.method == "POST" and form.is_valid():
        services.record_availability(
            request.actor,
            carer.holding_organisation.partnership,
            slots=form.slots(),
            outward_code=form.cleaned_data.get("outward_code"),
            audience=form.cleaned_data["audience"],
            carer=carer,
        )
        messages.success(request, "Days and times saved")
        return redirect("groups:carer_bookings", carer_reference=carer.reference)
    fields = CARER_FIELDS + (
        ["postcode", "group_availability"] if shows_area else ["group_availability"]
    )
    auditor.read(request.actor, carer, fields=fields, context={"view": "groups:carer_availability"})
    return render(
        request,
        "groups/staff/form.html",
        {
            "page_title": "When could they come to a group?",
            "title_carer": carer.full_name,
            "caption": carer.full_name,
            "form": form,
            "button": "Save",
            "cancel": reverse("groups:carer_bookings", kwargs={"carer_reference": carer.reference}),
            "intro": None
            if shows_area
            else restrictions.withheld_message(carer)
            + " Where they live is not asked here: it stays as recorded.",
        },
    )


# --- Demand ------------------------------------------------------------------------------------


@permission_required("groups.view_demand")
def demand(request):
    return render(
        request,
        "groups/staff/demand.html",
        {
            "page_title": "When carers could come to a group",
            "rows": demand_rows(selectors.demand(request.actor)),
            "months": selectors.DEMAND_MONTHS,
        },
    )
