"""How a record's audit trail appears on pages: who, when and which details, never the details."""

from carershub.core import tables
from carershub.core.formats import datetime


def trail_rows(trail):
    """The audit trail's table (rows from selectors.trail_for), newest first."""
    rows = []
    for row in trail:
        who = [row.actor_name]
        if row.actor_organisation_name:
            who += [tables.line_break, tables.small(row.actor_organisation_name)]
        rows.append(
            [
                tables.text(datetime(row.occurred_at)),
                tables.cell(*who),
                tables.text(row.get_operation_display()),
                tables.text(", ".join(row.fields).replace("_", " ")),
            ]
        )
    return rows
