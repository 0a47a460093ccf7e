import ast
import pathlib

import pytest

from carershub.accounts.actor import ANONYMOUS
from carershub.accounts.models import Role
from carershub.carers import selectors
from carershub.carers.models import HUB_RECORD, CaredForPerson, Carer, SharingPurpose
from carershub.carers.tests.factories import CarerFactory
from carershub.core.scoping import UnscopedQueryError
from carershub.search.models import CarerSearchKey


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        lambda: list(Carer.objects.all()),
        lambda: Carer.objects.filter(given_name="Ada").exists(),
        lambda: Carer.objects.get(pk=1),
        lambda: Carer.objects.count(),
    ],
)
def test_an_unscoped_query_of_personal_data_fails_loudly(query):
    with pytest.raises(UnscopedQueryError, match="visible_to"):
        query()


@pytest.mark.django_db
def test_scoped_queries_see_only_the_acting_organisations_records(
    make_staff, actor_of, hub, other_hub
):
    mine = CarerFactory(holding_organisation=hub)
    CarerFactory(holding_organisation=other_hub)
    actor = actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)
    assert list(Carer.objects.visible_to(actor, HUB_RECORD)) == [mine]


@pytest.mark.django_db
def test_roles_that_do_not_work_with_carers_see_nothing(make_staff, actor_of, hub):
    CarerFactory(holding_organisation=hub)
    for role in [Role.PARTNER_REFERRER, Role.COMMISSIONER, Role.SYSTEM_ADMIN]:
        actor = actor_of(make_staff(role, hub), hub)
        for purpose in [*SharingPurpose.values, HUB_RECORD]:
            assert not Carer.objects.visible_to(actor, purpose).exists()
    for purpose in [*SharingPurpose.values, HUB_RECORD]:
        assert not Carer.objects.visible_to(ANONYMOUS, purpose).exists()


# What a module that serves a page does, by the last word of its name: views.py and staff_views.py,
# selectors.py and staff_selectors.py, presenters.py and staff_presenters.py, forms.py and
# public_forms.py, and the API's api.py.
PAGE_MODULE_KINDS = {"views", "selectors", "presenters", "forms", "api"}


def _page_code():
    root = pathlib.Path(__file__).resolve().parents[2]
    for path in root.rglob("*.py"):
        if path.stem.split("_")[-1] in PAGE_MODULE_KINDS and "tests" not in path.parts:
            yield path


def test_pages_never_reach_personal_data_around_the_scope():
    """The lint behind the scoped managers: page code may not use .unscoped or default managers."""
    offenders = []
    for path in _page_code():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {
                "unscoped",
                "_default_manager",
                "_base_manager",
            }:
                offenders.append(f"{path}:{node.lineno} uses .{node.attr}")
    assert offenders == []
    looked_at = {p.name for p in _page_code()}  # the check really looked at every kind
    assert {
        "views.py",
        "staff_views.py",
        "selectors.py",
        "staff_selectors.py",
        "presenters.py",
        "staff_presenters.py",
        "forms.py",
        "public_forms.py",
        "api.py",
    } <= looked_at


# Asking for carers for a purpose (ADR 36) ---------------------------------------------------------

# The managers that reach a carer, or what follows the carer, and the selectors built on them: each
# takes the actor and the purpose, then anything else.
CARER_MANAGERS = {"Carer", "CaredForPerson", "CarerSearchKey"}
CARER_SELECTORS = {"carers_visible_to": 2, "carer_for": 3, "visible_carer_ids": 3}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        lambda actor: Carer.objects.visible_to(actor),
        lambda actor: CaredForPerson.objects.visible_to(actor),
        lambda actor: CarerSearchKey.objects.visible_to(actor),
        lambda actor: selectors.carers_visible_to(actor),
    ],
)
def test_asking_for_carers_without_a_purpose_fails(query, make_staff, actor_of, hub):
    actor = actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)
    with pytest.raises(TypeError):
        query(actor)


@pytest.mark.django_db
def test_a_purpose_that_is_not_one_fails_rather_than_showing_nothing(make_staff, actor_of, hub):
    actor = actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)
    with pytest.raises(ValueError, match="not a purpose"):
        Carer.objects.visible_to(actor, "curiosity")


@pytest.mark.django_db
def test_hub_staff_see_their_own_carers_whatever_the_purpose(make_staff, actor_of, hub, other_hub):
    mine = CarerFactory(holding_organisation=hub)
    CarerFactory(holding_organisation=other_hub)
    actor = actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)
    for purpose in [*SharingPurpose.values, HUB_RECORD]:
        assert list(Carer.objects.visible_to(actor, purpose)) == [mine], purpose


def _calls_without_a_purpose(tree, path):
    """Calls in one module that ask for carers without naming a purpose, and how many it made."""
    offenders, checked = [], 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        wanted = CARER_SELECTORS.get(name)
        if name == "visible_to" and isinstance(func.value, ast.Attribute):
            owner = func.value.value
            if func.value.attr == "objects" and getattr(owner, "id", "") in CARER_MANAGERS:
                wanted = 2
        if wanted is None:
            continue
        checked += 1
        given = len(node.args) + len(node.keywords)
        if given < wanted and not any(isinstance(a, ast.Starred) for a in node.args):
            offenders.append(f"{path}:{node.lineno} calls {name} without a purpose")
    return offenders, checked


def test_no_code_asks_for_carers_without_a_purpose():
    """Read every module, tests too: each call for carers names why (ADR 36)."""
    root = pathlib.Path(__file__).resolve().parents[2]
    this_test = pathlib.Path(__file__).resolve()
    offenders, checked = [], 0
    for path in root.rglob("*.py"):
        if path.resolve() == this_test or "migrations" in path.parts:
            continue
        found, count = _calls_without_a_purpose(ast.parse(path.read_text()), path)
        offenders += found
        checked += count
    assert offenders == []
    assert checked > 40  # the check really found the calls it is about


def test_the_purpose_check_finds_a_call_without_a_purpose():
    code = "Carer.objects.visible_to(actor)\nselectors.carer_for(actor, reference)\n"
    offenders, checked = _calls_without_a_purpose(ast.parse(code), "example.py")
    assert checked == 2 and len(offenders) == 2
