"""Changes to the Carer's Allowance rules: loading rule sets from a file, all or nothing."""

from django.db import IntegrityError, transaction

from carershub.audit import services as auditor
from carershub.carers_allowance.loading import bundled_rules_files, read_rules_file
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
    """Read, check and save a rules file; raises core.data_files.DataFileError
    (nothing saved) if it has problems.
    """
    return load_rule_sets(actor, read_rules_file(path))


def bundled_rule_sets():
    """Every rule set shipped with the hub, checked, oldest first."""
    rule_sets = [values for path in bundled_rules_files() for values in read_rules_file(path)]
    return sorted(rule_sets, key=lambda values: values["effective_from"])


_bundled_starts = None


def ensure_rules_loaded():
    """Add any rule set shipped with the hub whose start date the database lacks.

    A new hub's checker works straight away, and a hub upgraded to a release that ships a new
    year's figures uses them from their start date without anyone loading a file. Rule sets
    already in the database are never replaced, so a figure an administrator corrected stays
    corrected. The shipped start dates are read once per process, so a page costs one query.
    """
    global _bundled_starts
    if _bundled_starts is None:
        _bundled_starts = {values["effective_from"] for values in bundled_rule_sets()}
    loaded = set(
        RuleSet.objects.filter(effective_from__in=_bundled_starts).values_list(
            "effective_from", flat=True
        )
    )
    if loaded >= _bundled_starts:
        return
    missing = [values for values in bundled_rule_sets() if values["effective_from"] not in loaded]
    try:
        with transaction.atomic():
            load_rule_sets(None, missing)
    except IntegrityError:  # another request loaded them at the same moment
        pass
