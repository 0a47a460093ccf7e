"""The parts other apps add to a carer's record: panels on the record page and timeline events.

Each app that shows something about a carer offers ``record_panel(actor, carer)`` and
``timeline_entries(actor, carer)`` in its selectors and registers them here from its
``AppConfig.ready``, so the carers app shows them without importing the app (ADR 34).
"""

import dataclasses
import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# Where each app's panel stands on the record page, between the people the carer cares for and
# their consents. A new app's panel takes a place here when the app registers it.
PANEL_ORDER = ("carers", "safeguarding", "assessments", "emergency_plans")


@dataclasses.dataclass(frozen=True)
class PanelRead:
    """Records a panel showed, for the page's audit row: the model, their ids and the fields."""

    model: type
    ids: tuple
    fields: tuple


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    """One dated event on a carer's timeline, in the words the timeline shows."""

    at: dt.datetime
    kind: str
    title: str
    detail: str = ""
    notes: str = ""


_panels = {}
_timelines = {}


def register(name, *, panel=None, timeline=None):
    """Add an app's ``panel`` and ``timeline`` providers to every carer's record.

    Each is a function or its dotted path; a path lets ``AppConfig.ready`` register selectors
    without importing them, and so without importing models before every app is ready.
    ``panel(actor, carer)`` returns None when the actor may not see it, or a frozen dataclass
    with a ``template`` to draw it and ``reads``, a tuple of ``PanelRead``; ``timeline(actor,
    carer)`` returns ``TimelineEntry`` items. Registering a name again replaces its providers.
    """
    if panel is not None:
        if name not in PANEL_ORDER:
            raise ImproperlyConfigured(
                f"The record page has no place for a panel named {name!r}: add it to PANEL_ORDER"
            )
        _panels[name] = panel
    if timeline is not None:
        _timelines[name] = timeline


def _function(provider):
    return import_string(provider) if isinstance(provider, str) else provider


def panel_providers():
    """The registered panel providers, in the page's order."""
    return [_function(_panels[name]) for name in PANEL_ORDER if name in _panels]


def timeline_providers():
    """The registered timeline providers, in the order their apps are installed."""
    return [_function(provider) for provider in _timelines.values()]
