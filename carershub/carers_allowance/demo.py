"""The demo partnership's Carer's Allowance rules: the ones shipped with the hub."""

from carershub.carers_allowance.services import bundled_rule_sets, load_rule_sets


def seed_carers_allowance_rules():
    """Load the shipped rule sets (the same ones a new hub loads on first use),
    replacing any loaded before.
    """
    return load_rule_sets(None, bundled_rule_sets())
