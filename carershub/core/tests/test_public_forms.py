"""Every public form is rate-limited and no public page is kept in a cache: walked over every URL
the access matrix knows, so a public form or page added later is checked without a new test."""

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.urls import reverse

from carershub.core.tests import test_access_matrix as matrix
from carershub.core.tests.test_access_matrix import ANONYMOUS, MATRIX, sent_to_sign_in, urls_of

world = matrix.world  # the access matrix's hub with one of everything, as a fixture here too

# Public POST URLs that are not forms a visitor fills in, and why they need no limit.
NOT_FORMS = {
    "accounts:sign_out": "signing out takes nothing from the visitor, keeps nothing and sends "
    "nothing",
}


class OnePerHour(dict):
    """Every form's rates, at one POST an hour from an address and to a recipient."""

    def __getitem__(self, form):
        return {"address": "1/h", "recipient": "1/h"}


@pytest.fixture
def form_reads(monkeypatch):
    """The paths of the requests whose POST data something read: a view that reads it is a form."""
    paths = []
    original = WSGIRequest.POST

    def read(request):
        paths.append(request.path)
        return original.fget(request)

    monkeypatch.setattr(WSGIRequest, "POST", property(read, original.fset))
    return paths


def public_urls(world):
    return [
        (name, url)
        for name, entry in sorted(MATRIX.items())
        if ANONYMOUS in entry.allowed
        for url in urls_of(name, entry, world)
    ]


def public_forms(world, form_reads, settings):
    """(name, url) of every URL that takes a POST from someone not signed in: a view that reads
    what was sent, or one that answers only POST."""
    settings.RATELIMIT_ENABLE = False
    found = []
    for name, url in public_urls(world):
        before = len(form_reads)
        response = Client().post(url, {})
        if response.status_code == 405 or sent_to_sign_in(response):
            continue
        if len(form_reads) > before or Client().get(url).status_code == 405:
            found.append((name, url))
    settings.RATELIMIT_ENABLE = True
    return found


def test_every_public_form_is_rate_limited(world, form_reads, settings):
    forms = public_forms(world, form_reads, settings)
    names = {name for name, _ in forms}
    # The walk finds the forms named in the threat model (and any added since).
    assert {
        "front_door:self_referral",
        "front_door:self_referral_submit",
        "helpline:contact",
        "groups:availability",
        "carer_documents:open",
        "carers_allowance:question",
        "front_door:checker",
        "accounts:sign_in",
        "accounts:accept_invitation",
    } <= names
    settings.PUBLIC_FORM_RATE_LIMITS = OnePerHour()
    not_limited = []
    for n, (name, url) in enumerate(forms):
        if name in NOT_FORMS:
            continue
        visitor = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        visitor.post(url, {})
        second = visitor.post(url, {})
        if second.status_code != 429 or "Retry-After" not in second:
            not_limited.append(f"{name} (POST {url}): second POST got {second.status_code}")
    assert not not_limited, (
        "Public forms without a rate limit (decorate the view with "
        "carershub.core.ratelimits.limit_public_form):\n" + "\n".join(not_limited)
    )


def test_every_public_page_and_form_answer_is_kept_out_of_caches(world, form_reads, settings):
    """Whatever a page shows, the browser's Back button and any shared cache must not keep it."""
    kept = []
    for name, url in public_urls(world):
        for method in ("get", "post"):
            response = getattr(Client(), method)(url, {})
            if response.status_code == 405:
                continue
            if "no-store" not in response.get("Cache-Control", ""):
                kept.append(
                    f"{name} ({method.upper()} {url}): Cache-Control "
                    f"{response.get('Cache-Control')!r}"
                )
    assert not kept, "Public responses a cache may keep:\n" + "\n".join(kept)


# --- The pages that show back what a visitor typed ------------------------------------------------


def self_referral_answers(client):
    from carershub.referrals.tests.test_front_door import SELF, answer

    for slug, data in SELF:
        answer(client, slug, data)


def carers_allowance_answers(client):
    from carershub.carers_allowance.tests.test_checker_pages import answer_all

    answer_all(client)


ECHOES = {
    "self-referral check answers": (
        self_referral_answers,
        "get",
        reverse("front_door:self_referral_check"),
        {},
        "Foxglove",
    ),
    "self-referral question": (
        self_referral_answers,
        "get",
        reverse("front_door:self_referral", args=["name"]),
        {},
        'value="Foxglove"',
    ),
    "self-referral question after an error": (
        None,
        "post",
        reverse("front_door:self_referral", args=["postcode"]),
        {"postcode": "nowhere-ZZ9"},
        "nowhere-ZZ9",
    ),
    "helpline form after an error": (
        None,
        "post",
        reverse("helpline:contact"),
        {"name": "Ada Foxglove", "message": "My husband Bill"},
        "My husband Bill",
    ),
    "when could you come, after an error": (
        None,
        "post",
        reverse("groups:availability"),
        {"outward_code": "ZZ99 9ZZ"},
        "ZZ99 9ZZ",
    ),
    "Carer's Allowance check answers": (
        carers_allowance_answers,
        "get",
        reverse("carers_allowance:check"),
        {},
        "£120",
    ),
    "Carer's Allowance question after an error": (
        None,
        "post",
        reverse("carers_allowance:question", args=["age"]),
        {"age": "forty-seven"},
        "forty-seven",
    ),
    "Am I a carer? question answered": (
        lambda client: client.post(reverse("front_door:checker", args=["helps"]), {"helps": "yes"}),
        "get",
        reverse("front_door:checker", args=["helps"]),
        {},
        "checked",
    ),
    "directory search": (
        None,
        "get",
        reverse("directory:find"),
        {"postcode": "ZZ9 9ZZ", "q": "sitting"},
        "ZZ9 9ZZ",
    ),
    "advice search": (
        None,
        "get",
        reverse("advice:search"),
        {"q": "my husband's dementia"},
        "dementia",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(ECHOES))
def test_a_public_page_showing_what_a_visitor_typed_is_not_kept(page, client, hub):
    before, method, url, data, typed = ECHOES[page]
    if before is not None:
        before(client)
    response = getattr(client, method)(url, data)
    assert response.status_code == 200
    assert typed in response.content.decode()
    assert response["Cache-Control"] == "no-store"
