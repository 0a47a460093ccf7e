"""How the retention schedule and a subject access summary's tables appear: rows for hub_table."""

from carershub.core import tables


def schedule_rows(schedule):
    """The retention rules in force, each with how many records are past or near their period."""
    return [
        [
            tables.text(rule.get_applies_to_display()),
            tables.text(f"{rule.period_in_words}, from {rule.get_runs_from_display().lower()}"),
            tables.text(rule.get_action_display()),
            tables.numeric(due_now),
            tables.numeric(due_soon),
        ]
        for rule, due_now, due_soon in schedule
    ]


def summary_sections(sections):
    """A subject access summary's sections, each record a two-column table of label and value."""
    return [
        {
            "title": section["title"],
            "records": [
                [[tables.text(label), tables.text(value)] for label, value in record]
                for record in section["records"]
            ],
        }
        for section in sections
    ]


def summary_audit_rows(audit):
    """Who has seen or changed the records, oldest first, as the summary's last table."""
    rows = []
    for row in audit:
        staff = row["staff"] + (f" ({row['acting_for']})" if row["acting_for"] else "")
        rows.append(
            [
                tables.text(row["when"].strftime("%-d %B %Y %H:%M")),
                tables.text(row["what"]),
                tables.text(staff),
                tables.text(f"{row['record_type']} {row['record_id']}"),
            ]
        )
    return rows


def sharing_rows(events):
    """One organisation's consent history in the summary: when, what happened, for what,
    agreed by.
    """
    return [
        [
            tables.text(event["on"]),
            tables.text(event["what"]),
            tables.text("; ".join(event["purposes"])),
            tables.text(event["by"]),
        ]
        for event in events
    ]
