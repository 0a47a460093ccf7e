"""The data map names every model that holds personal data."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from carershub.carers.models import Carer
from carershub.core.scoping import ScopedManager

DATA_MAP = Path(settings.BASE_DIR) / "docs" / "data-map.md"


def personal_data_models():
    """Every model of the hub's own apps with a foreign key straight to Carer, or reached only
    through a scoped manager (the mark of personal data)."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("carershub."):
            continue
        points_at_carer = any(
            isinstance(f, models.ForeignKey) and f.related_model is Carer
            for f in model._meta.concrete_fields
        )
        if points_at_carer or isinstance(getattr(model, "objects", None), ScopedManager):
            found.append(model._meta.label)
    return found


def test_every_model_holding_personal_data_is_in_the_data_map():
    text = DATA_MAP.read_text()
    found = personal_data_models()
    assert {"carers.Carer", "carers.Contact", "notifications.Notification"} <= set(found)
    missing = [label for label in found if f"`{label}`" not in text]
    assert not missing, f"Add these to docs/data-map.md: {missing}"
