"""Where uploaded exports and rejected-rows files are kept: MEDIA_ROOT/imports/, outside the web
root.

Nothing under MEDIA_ROOT is served by a URL; these files only leave through the rejected-rows
view's permission check. Names are random (never the uploaded name, which may name a person),
and files are readable by the hub's own user only.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage


def storage():
    return FileSystemStorage(
        location=Path(settings.MEDIA_ROOT) / "imports",
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def save(folder, extension, content):
    """Store bytes under a random name; return the name to keep on the run."""
    return storage().save(f"{folder}/{uuid.uuid4().hex}.{extension}", ContentFile(content))


def read(name):
    with storage().open(name, "rb") as handle:
        return handle.read()


def delete(name):
    if name:
        storage().delete(name)


def exists(name):
    return bool(name) and storage().exists(name)
