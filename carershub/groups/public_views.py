"""Public pages: the calendar of sessions, a session, calendar feeds, and "When could you come to
a group?". No account needed, and nothing on them names a carer."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carershub.core.pagination import paginate, pagination_params
from carershub.core.ratelimits import limit_public_form
from carershub.core.text import set_download
from carershub.groups import calendars, selectors, services
from carershub.groups.forms import AvailabilityForm
from carershub.groups.models import Audience, Mode
from carershub.groups.presenters import SessionPresenter, calendar_rows
from carershub.partnerships.selectors import current_partnership

SESSIONS_PER_PAGE = 20


class CalendarFilters(forms.Form):
    group = forms.ChoiceField(label="Group", required=False)
    audience = forms.ChoiceField(
        label="Who it is for", required=False, choices=[("", "Everyone"), *Audience.choices]
    )
    mode = forms.ChoiceField(
        label="In person or online",
        required=False,
        choices=[("", "In person or online"), *Mode.choices],
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "All groups"), *((str(g.pk), g.name) for g in groups)]

    def chosen(self):
        """The filters chosen, leaving out any that are not offered
        (an old link to a group gone).
        """
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {
            "group_id": data.get("group") or None,
            "audience": data.get("audience") or None,
            "mode": data.get("mode") or None,
        }


@require_GET
def calendar(request):
    """Upcoming sessions of every group, soonest first,
    with filters that work without JavaScript.
    """
    groups = list(selectors.all_groups())
    filters = CalendarFilters(request.GET or None, groups=groups)
    chosen = filters.chosen()
    if filters.errors:
        # A filter, not a question: show what is applied rather than an error.
        filters = CalendarFilters(
            initial={name: value for name, value in filters.cleaned_data.items()}, groups=groups
        )
    page = paginate(
        selectors.upcoming_sessions(**chosen), request.GET.get("page"), SESSIONS_PER_PAGE
    )
    return render(
        request,
        "groups/public/calendar.html",
        {
            "page_title": "Carers groups and events",
            "filters": filters,
            "sessions": calendar_rows(SessionPresenter(s) for s in page.object_list),
            "page": page,
            "pagination": pagination_params(page, request.GET),
            "filtered": any(chosen.values()),
        },
    )


@require_GET
def session(request, session_id):
    found = selectors.public_session(session_id)
    if found is None:
        raise Http404
    presenter = SessionPresenter(found)
    return render(
        request,
        "groups/public/session.html",
        {
            "page_title": f"{presenter.title}: {presenter.day}",
            "session": presenter,
            "group": found.group,
        },
    )


def _ics(content, filename):
    response = HttpResponse(content, content_type=calendars.CONTENT_TYPE)
    set_download(response, filename, inline=True)
    return response


@require_GET
def group_feed(request, group_id):
    group = selectors.public_group(group_id)
    if group is None:
        raise Http404
    sessions = selectors.group_sessions_for_feed(group)
    return _ics(
        calendars.calendar(group.name, sessions, domain=request.get_host().split(":")[0]),
        f"group-{group.pk}.ics",
    )


@never_cache
@require_GET
def carer_feed(request, token):
    """A carer's own sessions, at a secret link: titles, times and places, nothing about them."""
    feed = services.feed_for_token(token)
    if feed is None:
        raise Http404
    sessions = services.feed_sessions(feed)
    response = _ics(
        calendars.calendar(
            "My carers group sessions", sessions, domain=request.get_host().split(":")[0]
        ),
        "my-sessions.ics",
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@limit_public_form("group_availability")
def availability(request):
    """When could you come to a group? Anonymous: days and times, the first half of a postcode,
    and what kind of carer."""
    form = AvailabilityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        partnership = current_partnership()
        if partnership is None:
            raise Http404
        services.record_availability(
            None,
            partnership,
            slots=form.slots(),
            outward_code=form.cleaned_data["outward_code"],
            audience=form.cleaned_data["audience"],
        )
        return redirect("groups:availability_done")
    return render(
        request,
        "groups/public/availability.html",
        {
            "page_title": "When could you come to a group?",
            "form": form,
        },
    )


@require_GET
def availability_done(request):
    return render(request, "groups/public/availability_done.html", {"page_title": "Thank you"})
