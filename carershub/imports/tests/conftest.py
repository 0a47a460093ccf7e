"""Fixtures for import tests: files kept in a folder of each test's own."""

import pytest

from carershub.accounts.actor import actor_for


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and rejected-rows files go to this test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def manager_actor(manager, hub):
    return actor_for(manager, hub.pk)
