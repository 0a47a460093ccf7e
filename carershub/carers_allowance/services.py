"""Changes to the Carer's Allowance rules: loading rule sets from a file, all or nothing."""

from django.db import IntegrityError, transaction

from carershub.audit import services as auditor
from carershub.carers_allowance.loading import BUNDLED_RULES, read_rules_file
from carershub.carers_allowance.models import RuleSet


@transaction.atomic
def load_rule_sets(actor, rule_sets):
    """Save checked rule sets (from loading.parse_rules). One with the same start date is replaced.

    Returns [(rule set, created)]."""
    saved = []
    for values in rule_sets:
        fields = dict(values)
        start = fields.pop("effective_from")
        rule_set, created = RuleSet.objects.update_or_create(effective_from=start, defaults=fields)
        if created:
            auditor.created(actor, rule_set)
        else:
            auditor.updated(actor, rule_set, fields=sorted(fields))
        saved.append((rule_set, created))
    return saved


def load_rules_file(actor, path):
    """Read, check and save a rules file; raises loading.RulesFileError (nothing saved) if it has problems."""
    return load_rule_sets(actor, read_rules_file(path))


def ensure_rules_loaded():
    """Load the rules shipped with the hub when the database has none, so a new hub's checker works."""
    if RuleSet.objects.exists():
        return
    try:
        load_rules_file(None, BUNDLED_RULES)
    except IntegrityError:  # another request loaded them at the same moment
        pass
