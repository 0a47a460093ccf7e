"""Table cells and the hub_table macro: a person's words are escaped, links and tags are kept."""

from django.template import engines
from markupsafe import Markup

from carershub.core import tables


def hub_table(params, name=None):
    template = engines["jinja2"].from_string(
        '{% from "core/table.html" import hub_table %}{{ hub_table(params, name) }}'
    )
    return template.render({"params": params, "name": name})


def test_a_text_cell_escapes_what_a_person_typed():
    html = hub_table({"rows": [[tables.text("<b>Ann</b>")]]})
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html
    assert "<b>" not in html


def test_a_missing_value_is_an_empty_cell():
    assert tables.text(None) == {"text": ""}
    assert tables.text(3, format="numeric") == {"text": "3", "format": "numeric"}


def test_a_link_cell_escapes_its_label_and_address():
    cell = tables.cell(tables.link('/carers/1?a="x"', "<Ann>"), tables.line_break, "<Lee>")
    html = hub_table({"rows": [[cell]]})
    assert (
        '<a class="govuk-link" href="/carers/1?a=&#34;x&#34;">&lt;Ann&gt;</a><br>&lt;Lee&gt;'
        in html
    )


def test_a_link_may_say_more_to_a_screen_reader():
    link = tables.link("/x", "Change", aria_label="Change <Ann>")
    assert link == '<a class="govuk-link" href="/x" aria-label="Change &lt;Ann&gt;">Change</a>'


def test_a_tag_is_drawn_by_the_govuk_macro():
    html = tables.tag({"text": "Overdue <1>", "classes": "govuk-tag--red"})
    assert '<strong class="govuk-tag govuk-tag--red">' in html
    assert "Overdue &lt;1&gt;" in html


def test_the_table_scrolls_in_a_focusable_region_named_for_screen_readers():
    html = hub_table({"caption": "Carers", "rows": []})
    assert 'role="region" tabindex="0" aria-label="Carers"' in html
    assert 'aria-label="People"' in hub_table({"rows": []}, name="People")


def test_a_row_action_posts_with_its_token_and_fields_escaped():
    form = tables.post_button(
        "/done/1", "tok", "Done", " following up <tea>", fields={"version": '3"'}
    )
    assert form.startswith('<form method="post" action="/done/1" novalidate>')
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="tok">' in form
    assert '<input type="hidden" name="version" value="3&#34;">' in form
    assert '<span class="govuk-visually-hidden"> following up &lt;tea&gt;</span>' in form
    assert 'aria-label="Remove &lt;x&gt;"' in tables.post_button(
        "/r", "tok", "Remove", aria_label="Remove <x>"
    )


def test_a_caption_with_markup_names_the_region_by_its_words_only():
    caption = Markup('12 carers<span class="govuk-caption-m">Filtered</span>')
    assert 'aria-label="12 carersFiltered"' in hub_table({"caption": caption, "rows": []})
