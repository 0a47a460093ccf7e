"""What the advice pages show of an article: labels in words, the body as HTML, its other formats
and, for editors, its reading age."""

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from carershub.advice import figures, readability
from carershub.advice.markup import to_html, to_text
from carershub.advice.models import (
    EASY_READ,
    LANGUAGE_NAMES,
    LANGUAGE_OWN_NAMES,
    RIGHT_TO_LEFT,
    Audience,
    Status,
    Topic,
)
from carershub.advice.selectors import DUE_WITHIN_DAYS
from carershub.core import tables
from carershub.core.formats import date, datetime


class ReadingAgePresenter:
    """The plain-English check as the edit and staff pages show it."""

    def __init__(self, text, *, easy_read=False):
        self.measure = readability.reading_age(to_text(text))
        self.easy_read = easy_read
        self.advice = readability.advice(self.measure, easy_read=easy_read)

    @property
    def age(self):
        if not self.measure.measured:
            return "Not measured yet"
        if self.measure.age > 18:
            return "18 or over"
        return str(self.measure.age)

    @property
    def good(self):
        return self.advice.startswith("Good")

    @property
    def long_sentences(self):
        return self.measure.long_sentences

    def rows(self):
        m = self.measure
        return [
            {"key": {"text": "Reading age"}, "value": {"text": self.age}},
            {
                "key": {"text": "Flesch reading ease"},
                "value": {
                    "text": f"{m.reading_ease:g} out of 100 (higher is easier)"
                    if m.measured
                    else "Not measured yet"
                },
            },
            {
                "key": {"text": "Words and sentences"},
                "value": {"text": f"{m.words} words in {m.sentences} sentences"},
            },
            {
                "key": {"text": "Long sentences"},
                "value": {
                    "text": f"{len(m.long_sentences)} longer than "
                    f"{readability.LONG_SENTENCE_WORDS} words"
                },
            },
        ]


class _Figures:
    """The rules' figures, read once per page and only by a page whose text uses them."""

    _values = None

    def filled(self, text):
        if not figures.uses_figures(text):
            return text
        if self._values is None:
            self._values = figures.current_values()
        return figures.fill(text, self._values)


class ArticlePresenter(_Figures):
    def __init__(self, article):
        self.article = article

    def __getattr__(self, name):
        return getattr(self.article, name)

    @property
    def body_html(self):
        return to_html(self.filled(self.article.body))

    @property
    def stale_figures(self):
        """The "figures may be out of date" warning,
        for an article that shows the rules' figures.
        """
        texts = [self.article.body] + [v.body for v in self._versions()]
        return figures.stale_warning() if any(figures.uses_figures(t) for t in texts) else None

    @property
    def audience_names(self):
        return [Audience(a.audience).label for a in self.article.audiences.all()]

    @property
    def topic_names(self):
        return [
            Topic(t.topic).label for t in sorted(self.article.topics.all(), key=lambda t: t.topic)
        ]

    @property
    def status_tag(self):
        if self.article.status == Status.PUBLISHED:
            return {"text": "Published", "classes": "govuk-tag--green"}
        return {"text": "Draft", "classes": "govuk-tag--grey"}

    @property
    def review_tag(self):
        days = (self.article.review_on - timezone.localdate()).days
        if days < 0:
            return {"text": "Overdue", "classes": "govuk-tag--red"}
        if days <= DUE_WITHIN_DAYS:
            return {"text": "Due soon", "classes": "govuk-tag--yellow"}
        return None

    @property
    def review_on_text(self):
        return date(self.article.review_on)

    @property
    def last_checked(self):
        """The most recent date anyone checked a source, or None."""
        dates = [source.checked_on for source in self.article.sources.all()]
        return date(max(dates)) if dates else None

    @property
    def sources(self):
        return [
            {"title": s.title, "url": s.url, "checked_on": date(s.checked_on), "pk": s.pk}
            for s in self.article.sources.all()
        ]

    def _versions(self):
        return list(self.article.versions.all())

    @property
    def easy_read(self):
        return next((v for v in self._versions() if v.language == EASY_READ), None)

    @property
    def translations(self):
        return [VersionPresenter(v) for v in self._versions() if v.language != EASY_READ]

    def other_formats(self):
        """Links to the article in the other formats that exist, for the public page."""
        slug = self.article.slug
        links = []
        if self.easy_read is not None:
            links.append(
                {
                    "text": "Easy read",
                    "href": reverse("advice:easy_read", kwargs={"slug": slug}),
                    "lang": None,
                }
            )
        links.append(
            {
                "text": "Large print (PDF)",
                "href": reverse("advice:large_print", kwargs={"slug": slug}),
                "lang": None,
            }
        )
        for version in self.translations:
            links.append(
                {
                    "text": f"{version.own_name} ({version.language_name})",
                    "href": version.public_url,
                    "lang": version.language,
                }
            )
        return links

    def summary_rows(self, editable):
        change = reverse("advice:edit", kwargs={"pk": self.article.pk}) if editable else None

        def row(key, value, anchor):
            item = {"key": {"text": key}, "value": {"text": value}}
            if change:
                item["actions"] = {
                    "items": [
                        {
                            "href": f"{change}#{anchor}",
                            "text": "Change",
                            "visuallyHiddenText": key.lower(),
                        }
                    ]
                }
            return item

        return [
            row(
                "Web address",
                reverse("advice:article", kwargs={"slug": self.article.slug}),
                "id_slug",
            ),
            row("Who it is for", ", ".join(self.audience_names), "id_audiences"),
            row("Topics", ", ".join(self.topic_names), "id_topics"),
            row("Owner", self.article.owner.full_name, "id_owner"),
            row("Review date", self.review_on_text, "review_on-day"),
        ]

    def history(self):
        return [
            {
                "when": datetime(r.changed_at),
                "who": r.changed_by.full_name,
                "what": ", ".join(name.replace("_", " ") for name in r.changed_fields),
                "title": r.title,
                "summary": r.summary,
                "body_html": to_html(self.filled(r.body)),
            }
            for r in self.article.revisions.all()
        ]


class VersionPresenter(_Figures):
    def __init__(self, version):
        self.version = version

    def __getattr__(self, name):
        return getattr(self.version, name)

    @property
    def is_easy_read(self):
        return self.version.language == EASY_READ

    @property
    def language_name(self):
        return (
            "Easy read"
            if self.is_easy_read
            else LANGUAGE_NAMES.get(self.version.language, self.version.language)
        )

    @property
    def own_name(self):
        return LANGUAGE_OWN_NAMES.get(self.version.language, self.language_name)

    @property
    def lang(self):
        return "en-GB" if self.is_easy_read else self.version.language

    @property
    def dir(self):
        return "rtl" if self.rtl(self.version.language) else "ltr"

    @staticmethod
    def rtl(language):
        return language in RIGHT_TO_LEFT

    @property
    def body_html(self):
        return to_html(self.filled(self.version.body))

    @property
    def public_url(self):
        slug = self.version.article.slug
        if self.is_easy_read:
            return reverse("advice:easy_read", kwargs={"slug": slug})
        return reverse(
            "advice:translation", kwargs={"slug": slug, "language": self.version.language}
        )

    @property
    def edit_url(self):
        return reverse(
            "advice:edit_version",
            kwargs={"pk": self.version.article_id, "language": self.version.language},
        )


def _article_link(article):
    return tables.link(reverse("advice:staff_article", kwargs={"pk": article.pk}), article.title)


def _review_cell(article):
    tag = [tables.space, tables.tag(article.review_tag)] if article.review_tag else []
    return tables.cell(article.review_on_text, *tag)


def manage_rows(articles):
    """Every article (ArticlePresenters): title, status, owner and review date."""
    return [
        [
            tables.cell(_article_link(a)),
            tables.cell(tables.tag(a.status_tag)),
            tables.text(a.owner.full_name),
            _review_cell(a),
        ]
        for a in articles
    ]


def due_rows(articles):
    """Articles due for review (ArticlePresenters): title and status, owner, review date."""
    return [
        [
            tables.cell(_article_link(a), tables.space, tables.tag(a.status_tag)),
            tables.text(a.owner.full_name),
            _review_cell(a),
        ]
        for a in articles
    ]


def source_rows(article, csrf_token, version):
    """An article's official sources, each with a button to remove it."""
    return [
        [
            tables.cell(
                Markup('<a class="govuk-link" href="{}" rel="noopener noreferrer">{}</a>').format(
                    source["url"], source["title"]
                )
            ),
            tables.text(source["checked_on"]),
            tables.cell(
                tables.post_button(
                    reverse(
                        "advice:remove_source",
                        kwargs={"pk": article.pk, "source_id": source["pk"]},
                    ),
                    csrf_token,
                    "Remove",
                    fields={"version": version},
                    aria_label=f"Remove {source['title']}",
                )
            ),
        ]
        for source in article.sources
    ]


def history_rows(article):
    """Changes to the published article, each with what it said before (its body already made
    safe by to_html)."""
    rows = []
    for change in article.history():
        before = Markup(
            '<details class="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">'
            '<summary class="govuk-details__summary"><span class="govuk-details__summary-text">'
            "What it said before</span></summary>"
            '<div class="govuk-details__text"><p class="govuk-body">{}</p>{}</div></details>'
        ).format(change["summary"], change["body_html"])
        what = f"{change['what'].capitalize()} (the title was \u2018{change['title']}\u2019)"
        rows.append(
            [
                tables.text(change["when"]),
                tables.text(change["who"]),
                tables.cell(what, before),
            ]
        )
    return rows
