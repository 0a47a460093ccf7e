"""Article bodies: Markdown written by staff, drawn as GOV.UK-styled HTML that holds nothing else.

Raw HTML in the Markdown is shown as text, never passed through; the result is sanitised with nh3
(an allow-list of tags, attributes and classes), so no style, script or event handler can reach a
page whose Content Security Policy forbids them anyway.
"""

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Headings start at h2: the article's title is the page's only h1.
_HEADING_TAGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
}
_ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br"}
_ALLOWED_CLASSES = {tag: set(classes.split()) for tag, classes in _CLASSES.items()}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "code", "fence", "html_block", "html_inline", "backticks", "hr"]
)


def _add_classes(tokens):
    for token in tokens:
        if token.type == "heading_open" or token.type == "heading_close":
            token.tag = _HEADING_TAGS[token.tag]
        if token.nesting == 1 and token.tag in _CLASSES:
            token.attrSet("class", _CLASSES[token.tag])
        if token.children:
            _add_classes(token.children)


def to_html(text):
    """The Markdown as safe HTML with GOV.UK typography classes."""
    tokens = _parser.parse(text or "")
    _add_classes(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        allowed_classes=_ALLOWED_CLASSES,
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)


def to_text(text):
    """The words of the Markdown without its marks: for search and the reading age."""
    tokens = _parser.parse(text or "")
    blocks = []
    for token in tokens:
        if token.type == "inline":
            words = (
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "softbreak", "hardbreak")
            )
            blocks.append("".join(words))
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def normalise(*texts):
    """Lower-case words separated by single spaces, as stored for search."""
    joined = " ".join(texts).casefold()
    return " ".join(re.findall(r"[\w']+", joined))
