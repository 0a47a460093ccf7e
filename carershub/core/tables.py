"""Cells for the hub's tables (``hub_table`` in core/table.html): plain text, or links and tags
whose markup is built here with every value escaped, so no page marks a person's words safe."""

from markupsafe import Markup, escape

from carershub.core.components import component


def text(value, **options):
    """A cell showing ``value`` as text (escaped when the page is drawn); options such as
    ``format="numeric"`` or ``classes`` are govukTable's own."""
    return {"text": "" if value is None else str(value), **options}


def cell(*parts, **options):
    """A cell of several parts: text parts are escaped, markup from ``link``, ``tag`` or
    ``line_break`` is kept."""
    return {"html": Markup("").join(escape(part) for part in parts if part is not None), **options}


def link(href, label, hidden_text="", **attributes):
    """A GOV.UK link; ``hidden_text`` is said only to screen readers, to tell one row's link from
    another's; ``attributes`` (``aria_label="..."``) are escaped like the rest."""
    extra = Markup("").join(
        Markup(' {}="{}"').format(name.replace("_", "-"), value)
        for name, value in attributes.items()
    )
    if hidden_text:
        label = Markup("{}{}").format(label, hidden(f" {hidden_text}"))
    return Markup('<a class="govuk-link" href="{}"{}>{}</a>').format(href, extra, label)


def tag(params):
    """A GOV.UK tag from govukTag's params (``{"text": ..., "classes": ...}``)."""
    return Markup(component("tag", "govukTag")(params))


def small(value):
    """Text in the small body size, for a second line such as an organisation's name."""
    return Markup('<span class="govuk-body-s">{}</span>').format(value)


def hint(value):
    """A second, smaller line under the cell's first, such as a reference or who recorded it."""
    return Markup("{}{}").format(line_break, small(value))


def hidden(value):
    """Words only a screen reader says, such as which row a link in a column of links is for."""
    return Markup('<span class="govuk-visually-hidden">{}</span>').format(value)


def post_button(action, csrf_token, label, hidden_text="", *, fields=None, aria_label=None):
    """A secondary button that posts to ``action``, for a row's one action (such as "Done"):
    ``hidden_text`` says to a screen reader which row it is for, or ``aria_label`` names it
    outright; ``fields`` are hidden inputs sent with it (such as the record's version)."""
    inputs = Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">').format(name, value)
        for name, value in {"csrfmiddlewaretoken": csrf_token, **(fields or {})}.items()
    )
    button = {
        "html": Markup("{}{}").format(label, hidden(hidden_text) if hidden_text else ""),
        "classes": "govuk-button--secondary govuk-!-margin-bottom-0",
    }
    if aria_label:
        button["attributes"] = {"aria-label": aria_label}
    return Markup('<form method="post" action="{}" novalidate>{}{}</form>').format(
        action, inputs, Markup(component("button", "govukButton")(button))
    )


def numeric(value):
    """A count, right-aligned, with thousands separated."""
    return text(f"{value:,}", format="numeric")


line_break = Markup("<br>")
space = Markup(" ")
