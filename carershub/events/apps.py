"""Events: every request, assessment, review and service as a dated, typed record that returns
(the DHSC Client Level Data return first) can count without re-keying."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "carershub.events"
    label = "events"
