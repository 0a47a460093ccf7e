"""The demo partnership's Carer's Allowance rules: the ones shipped with the hub."""

from carershub.carers_allowance.loading import BUNDLED_RULES
from carershub.carers_allowance.services import load_rules_file


def seed_carers_allowance_rules():
    """Load the shipped rule sets (the same file a new hub loads on first use), replacing any loaded before."""
    return load_rules_file(None, BUNDLED_RULES)
