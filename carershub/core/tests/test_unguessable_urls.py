"""No record is reachable by guessing: numbers in URLs are signed, and a wrong signature is a 404."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from carershub.core.converters import SignedIdConverter, signature


def url_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def test_no_url_takes_a_bare_number():
    bare = [route for route, pattern in url_patterns()
            if any(type(c).__name__ == "IntConverter" for c in getattr(pattern.pattern, "converters", {}).values())]
    assert not bare, f"Use <signed:...> (or a UUID or reference) instead of <int:...> in: {bare}"


def test_a_signed_number_reads_back_and_a_forged_one_is_refused():
    converter = SignedIdConverter()
    assert converter.to_python(converter.to_url(42)) == 42
    assert converter.to_url(42) == f"42-{signature(42)}"
    with pytest.raises(ValueError):
        converter.to_python(f"43-{signature(42)}")


@pytest.mark.django_db
def test_a_url_with_the_next_number_is_not_found(client, make_staff, hub):
    from carershub.accounts.models import Role

    manager = make_staff(Role.HUB_MANAGER, hub)
    client.force_login(manager)
    real = reverse("notifications:detail", kwargs={"notification_id": 7})
    number, _, signed = real.rstrip("/").rsplit("/", 1)[1].partition("-")
    guessed = real.replace(f"{number}-{signed}", f"{int(number) + 1}-{signed}")
    assert client.get(guessed).status_code == 404
