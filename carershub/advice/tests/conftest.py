import pytest

from carershub.accounts.models import Role
from carershub.advice.tests.factories import make_article


@pytest.fixture
def assessor(make_staff, hub):
    return make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor")


@pytest.fixture
def managing(manager, actor_of, hub):
    return actor_of(manager, hub)


@pytest.fixture
def working(worker, actor_of, hub):
    return actor_of(worker, hub)


@pytest.fixture
def published(managing):
    return make_article(
        managing, published=True, title="Carer's Allowance", slug="carers-allowance"
    )


@pytest.fixture
def draft(working):
    return make_article(
        working,
        title="Carer's Credit",
        slug="carers-credit",
        summary="National Insurance credits while you care.",
        topics=["benefits-and-money"],
    )
