"""No record is reachable by guessing: numbers in URLs are signed,
and a wrong signature is a 404.
"""

import pytest
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse

from carershub.core.converters import CONVERTERS, KINDS, SignedIdConverter, converter_for, signature


def url_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def converters_of(pattern):
    return getattr(pattern.pattern, "converters", {})


def signed_routes():
    """Every route taking a signed number, with one made-up URL for it and the kind of each
    number.
    """
    for route, pattern in url_patterns():
        kinds = {
            name: c.kind
            for name, c in converters_of(pattern).items()
            if isinstance(c, SignedIdConverter)
        }
        if kinds:
            yield route, pattern, kinds


def test_no_url_takes_a_bare_number_or_an_unsalted_signature():
    bare = [
        route
        for route, pattern in url_patterns()
        if any(
            type(c).__name__ == "IntConverter"
            or (isinstance(c, SignedIdConverter) and c.kind is None)
            for c in converters_of(pattern).values()
        )
    ]
    assert not bare, (
        "Use <signed_KIND:...> (or a UUID or reference) instead of "
        f"<int:...> or <signed:...> in: {bare}"
    )
    from django.urls.converters import get_converters

    assert "signed" not in get_converters()


def test_every_kind_of_signed_number_is_used_and_registered_from_one_place():
    from django.urls.converters import get_converters

    used = {kind for _route, _pattern, kinds in signed_routes() for kind in kinds.values()}
    assert used == set(KINDS)
    assert all(type(get_converters()[name]) is converter for name, converter in CONVERTERS.items())
    with pytest.raises(KeyError):
        converter_for("carer")


def test_a_signed_number_reads_back_and_a_forged_one_is_refused():
    converter = CONVERTERS["signed_notification"]()
    assert converter.to_python(converter.to_url(42)) == 42
    assert converter.to_url(42) == f"42-{signature(42, 'notification')}"
    with pytest.raises(ValueError):
        converter.to_python(f"43-{signature(42, 'notification')}")


def _url_with(route, pattern, kinds, sign):
    """The route filled with number 42 signed by ``sign(kind)``,
    and other parts with plain words.
    """
    import re

    values = {
        name: sign(kinds[name]) if name in kinds else "R-AAAA-AAAA"
        for name in converters_of(pattern)
    }
    return "/" + re.sub(r"<(\w+):(\w+)>", lambda m: values[m.group(2)], route)


@pytest.mark.parametrize(
    "route,pattern,kinds", list(signed_routes()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_number_signed_for_one_kind_of_record_opens_no_other_kind(route, pattern, kinds):
    right = _url_with(route, pattern, kinds, lambda kind: f"42-{signature(42, kind)}")
    assert resolve(right).url_name == pattern.name
    for other in KINDS:
        if other in kinds.values():
            continue
        wrong = _url_with(
            route, pattern, kinds, lambda kind, other=other: f"42-{signature(42, other)}"
        )
        with pytest.raises(Resolver404):
            resolve(wrong)
    # The old unsalted signature opens nothing either.
    from django.utils.crypto import salted_hmac

    unsalted = salted_hmac(
        "carershub.core.converters.SignedIdConverter", "42", algorithm="sha256"
    ).hexdigest()[:16]
    with pytest.raises(Resolver404):
        resolve(_url_with(route, pattern, kinds, lambda kind: f"42-{unsalted}"))


@pytest.mark.parametrize(
    "route,pattern,kinds", list(signed_routes()), ids=lambda v: v if isinstance(v, str) else ""
)
@pytest.mark.parametrize(
    "written", ["042-{sig}", "0042-{sig}", "42-{upper}", "+42-{sig}", "42-{sig}0", " 42-{sig}"]
)
def test_only_the_canonical_form_of_a_signed_number_is_accepted(route, pattern, kinds, written):
    def sign(kind):
        sig = signature(42, kind)
        return written.format(sig=sig, upper=sig.upper())

    with pytest.raises(Resolver404):
        resolve(_url_with(route, pattern, kinds, sign))


@pytest.mark.django_db
def test_a_url_with_the_next_number_is_not_found(client, make_staff, hub):
    from carershub.accounts.models import Role

    manager = make_staff(Role.HUB_MANAGER, hub)
    client.force_login(manager)
    real = reverse("notifications:detail", kwargs={"notification_id": 7})
    number, _, signed = real.rstrip("/").rsplit("/", 1)[1].partition("-")
    guessed = real.replace(f"{number}-{signed}", f"{int(number) + 1}-{signed}")
    assert client.get(guessed).status_code == 404


@pytest.mark.django_db
def test_numbers_the_public_groups_page_hands_out_open_no_staff_page(client, make_staff, hub):
    import re

    from carershub.accounts.models import Role
    from carershub.groups.tests.factories import GroupFactory, SessionFactory

    session = SessionFactory(group=GroupFactory(organisation=hub, name="Carers cafe"))
    public = client.get(reverse("groups:calendar")).content.decode()
    public += client.get(
        reverse("groups:session", kwargs={"session_id": session.pk})
    ).content.decode()
    handed_out = set(re.findall(r"/groups/(?:sessions/)?(\d+-[0-9a-f]{16})", public))
    assert len(handed_out) == 2  # the session's page and its group's calendar feed

    client.force_login(make_staff(Role.HUB_MANAGER, hub))
    for signed in handed_out:
        for staff_page in (
            "/staff/groups/{}/",
            "/staff/groups/sessions/{}/",
            "/staff/groups/sessions/{}/book/",
            "/staff/groups/bookings/{}/cancel/",
        ):
            assert client.get(staff_page.format(signed)).status_code == 404
    assert (
        client.get(
            reverse("groups:session_bookings", kwargs={"session_id": session.pk})
        ).status_code
        == 200
    )
