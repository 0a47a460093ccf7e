"""The carers app's tables as rows for hub_table: lists of carers, caseloads, follow-ups,
possible duplicates and the merge comparison."""

from django.urls import reverse

from carershub.core import tables
from carershub.core.formats import date


def _record_link(carer, name):
    return tables.link(reverse("carers:detail", kwargs={"reference": carer.reference}), name)


def carer_list(carers):
    """Find a carer: name, reference, date of birth and postcode of each CarerPresenter."""
    return [
        [
            tables.cell(_record_link(c, c.name)),
            tables.text(c.reference),
            tables.text(c.date_of_birth),
            tables.text(c.postcode),
        ]
        for c in carers
    ]


def possible_duplicates(matches):
    """Records that may be the person being registered, and why."""
    rows = []
    for m in matches:
        carer = m.carer
        if carer.contact_restricted:
            postcode = "Restricted"
        else:
            postcode = carer.postcode or "Not known"
        rows.append(
            [
                tables.cell(
                    _record_link(carer, carer.full_name),
                    tables.line_break,
                    tables.small(carer.reference),
                ),
                tables.text(date(carer.date_of_birth) if carer.date_of_birth else "Not known"),
                tables.text(postcode),
                tables.text("; ".join(m.reasons).capitalize()),
            ]
        )
    return rows


def follow_ups(contacts, csrf_token):
    """Follow-ups due: when, for whom, about what, and a button to mark each done."""
    return [
        [
            tables.text(c.follow_up),
            tables.cell(_record_link(c.carer, c.carer.full_name))
            if c.carer
            else tables.text("Anonymous caller"),
            tables.text(c.purpose),
            tables.cell(
                tables.post_button(
                    reverse("carers:complete_follow_up", kwargs={"contact_id": c.pk}),
                    csrf_token,
                    "Done",
                    f" following up {c.purpose}",
                )
            ),
        ]
        for c in contacts
    ]


def caseload_sizes(sizes):
    """Each key worker's caseload, linking to the caseload filtered to them."""
    return [
        [
            tables.cell(
                tables.link(f"?filtered=1&status=active&worker={row['worker']}", row["name"])
            ),
            tables.numeric(row["carers"]),
            tables.numeric(row["overdue"]),
        ]
        for row in sizes
    ]


def _caseload_carer(c):
    parts = [
        _record_link(c, c.name),
        tables.line_break,
        tables.small(c.reference),
        tables.line_break,
        tables.tag(c.status_tag),
    ]
    if c.overdue_tag:
        parts += [tables.space, tables.tag(c.overdue_tag)]
    return tables.cell(*parts)


def caseload(carers, *, team=False):
    """The carers on a caseload (CaseloadRow presenters), with their key worker on the team's."""
    rows = []
    for c in carers:
        row = [
            _caseload_carer(c),
            tables.cell(*(part for t in c.type_tags() for part in (tables.tag(t), tables.space))),
            tables.text(c.hours),
        ]
        if team:
            row.append(tables.text(c.key_worker_name))
        rows.append(row)
    return rows


def merge_comparison(rows):
    """The two records side by side (CarerPresenter.compare), marking each detail that differs."""
    differs = tables.tag({"text": "Differs", "classes": "govuk-tag--yellow"})
    return [
        [
            tables.cell(row["label"], tables.space, differs)
            if row["differs"]
            else tables.text(row["label"]),
            tables.text(row["keep"]),
            tables.text(row["merge"]),
        ]
        for row in rows
    ]
