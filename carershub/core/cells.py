"""Cells for the rows of a hub_table that hold markup (a link, a tag, a hint), built by presenters.

Every value is escaped here, so a presenter never marks text it was given as safe.
"""

from markupsafe import Markup

BREAK = Markup("<br>")


def text(value):
    return {"text": value}


def html(*parts):
    """A cell of markup parts, each from the functions below (or plain text, which is escaped)."""
    return {"html": Markup("").join(parts)}


def link(href, label, hidden=""):
    """A link; ``hidden`` is said only to screen readers, to tell one row's link from another's."""
    if hidden:
        return Markup(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>'
        ).format(href, label, hidden)
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, label)


def tag(params):
    """The markup of govukTag for ``{"text": ..., "classes": ...}``."""
    classes = f"govuk-tag {params['classes']}" if params.get("classes") else "govuk-tag"
    return Markup('<strong class="{}">{}</strong>').format(classes, params["text"])


def hint(value):
    """A second, smaller line under the cell's first."""
    return Markup('<br><span class="govuk-body-s">{}</span>').format(value)
