"""The parts other apps add to a carer's record: panels, alerts and timeline events.

Each app that shows something about a carer offers ``record_panel(actor, carer)``,
``record_alerts(actor, carer)`` and ``timeline_entries(actor, carer)`` in its selectors and
registers them here from its ``AppConfig.ready``, so the carers app shows them without importing
the app (ADR 34).
"""

import dataclasses
import datetime as dt

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# Where each app's panel stands on the record page, between the people the carer cares for and
# their consents. A new app's panel takes a place here when the app registers it. "sharing" (who
# may see the record and why) is the register's own, kept last, beside the consents it explains.
PANEL_ORDER = ("carers", "safeguarding", "assessments", "emergency_plans", "sharing")


@dataclasses.dataclass(frozen=True)
class PanelRead:
    """Records a panel showed, for the page's audit row: the model, their ids and the fields."""

    model: type
    ids: tuple
    fields: tuple


@dataclasses.dataclass(frozen=True)
class Alert:
    """One thing anyone opening the record must know first, in the banner at its top.

    ``href`` leads to where the alert is explained; ``warning`` marks what puts someone at risk.
    """

    text: str
    href: str = ""
    warning: bool = False


@dataclasses.dataclass(frozen=True)
class TimelineEntry:
    """One dated event on a carer's timeline, in the words the timeline shows."""

    at: dt.datetime
    kind: str
    title: str
    detail: str = ""
    notes: str = ""


_panels = {}
_alerts = {}
_timelines = {}


def register(name, *, panel=None, alerts=None, timeline=None):
    """Add an app's ``panel``, ``alerts`` and ``timeline`` providers to every carer's record.

    Each is a function or its dotted path; a path lets ``AppConfig.ready`` register selectors
    without importing them, and so without importing models before every app is ready.
    ``panel(actor, carer)`` returns None when the actor may not see it, or a frozen dataclass
    with a ``template`` to draw it and ``reads``, a tuple of ``PanelRead``; ``timeline(actor,
    carer)`` returns ``TimelineEntry`` items. ``alerts(actor, carer)`` returns the ``Alert``
    items this actor may see, none when they may see nothing of what the alert is about; the
    banner lists them in ``PANEL_ORDER``. Registering a name again replaces its providers.
    """
    if (panel is not None or alerts is not None) and name not in PANEL_ORDER:
        raise ImproperlyConfigured(
            f"The record page has no place for a panel named {name!r}: add it to PANEL_ORDER"
        )
    if panel is not None:
        _panels[name] = panel
    if alerts is not None:
        _alerts[name] = alerts
    if timeline is not None:
        _timelines[name] = timeline


def _function(provider):
    return import_string(provider) if isinstance(provider, str) else provider


def panel_providers():
    """The registered panel providers, in the page's order."""
    return [_function(_panels[name]) for name in PANEL_ORDER if name in _panels]


def alert_providers():
    """The registered alert providers, in the page's order."""
    return [_function(_alerts[name]) for name in PANEL_ORDER if name in _alerts]


def timeline_providers():
    """The registered timeline providers, in the order their apps are installed."""
    return [_function(provider) for provider in _timelines.values()]
