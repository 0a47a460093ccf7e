# The assessments' fixtures (a carer caring for someone, a completed assessment,
# a plan) serve here too.
from carershub.assessments.tests.conftest import (  # noqa: F401
    adult_answers,
    assessor,
    completed,
    hub_actor,
    make_carer_caring,
    plan,
)
