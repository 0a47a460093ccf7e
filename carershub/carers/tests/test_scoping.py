import ast
import pathlib

import pytest

from carershub.accounts.actor import ANONYMOUS
from carershub.accounts.models import Role
from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory
from carershub.core.scoping import UnscopedQueryError


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
    assert list(Carer.objects.visible_to(actor)) == [mine]


@pytest.mark.django_db
def test_roles_that_do_not_work_with_carers_see_nothing(make_staff, actor_of, hub):
    CarerFactory(holding_organisation=hub)
    for role in [Role.PARTNER_REFERRER, Role.COMMISSIONER, Role.SYSTEM_ADMIN]:
        actor = actor_of(make_staff(role, hub), hub)
        assert not Carer.objects.visible_to(actor).exists()
    assert not Carer.objects.visible_to(ANONYMOUS).exists()


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
