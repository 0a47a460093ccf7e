"""Reads for the advice library's public and staff pages. Articles hold nothing personal, so no
scope: public pages see the current partnership's published articles, staff their own
partnership's."""

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from carershub.advice.markup import normalise
from carershub.advice.models import Article, ArticleVersion, Status
from carershub.partnerships.selectors import current_partnership

DUE_WITHIN_DAYS = 30


def _with_labels(articles):
    return articles.prefetch_related("audiences", "topics")


def published():
    """The current partnership's published articles, with what their lists show."""
    partnership = current_partnership()
    if partnership is None:
        return Article.objects.none()
    return _with_labels(Article.objects.filter(partnership=partnership, status=Status.PUBLISHED))


def published_article(slug):
    """A published article with everything its public page shows, or None."""
    return (
        published()
        .filter(slug=slug)
        .select_related("partnership")
        .prefetch_related(
            "sources", Prefetch("versions", queryset=ArticleVersion.objects.order_by("language"))
        )
        .first()
    )


def search(words="", audience="", topic=""):
    """Published articles whose title, summary or body hold every word, newest checked first."""
    articles = published()
    for word in normalise(words or "").split():
        articles = articles.filter(search_text__contains=word)
    if audience:
        articles = articles.filter(audiences__audience=audience)
    if topic:
        articles = articles.filter(topics__topic=topic)
    return articles.distinct().order_by("title", "pk")


def partnership_of(actor):
    return actor.organisation.partnership if actor.organisation else None


def articles_for_staff(actor):
    """Every article of the actor's partnership, drafts too."""
    return _with_labels(
        Article.objects.filter(partnership=partnership_of(actor)).select_related("owner")
    )


def articles_in_full(actor):
    """The articles of the actor's partnership, each with what its staff page shows."""
    return (
        Article.objects.filter(partnership=partnership_of(actor))
        .select_related("owner", "partnership", "updated_by")
        .prefetch_related(
            "audiences", "topics", "sources", "versions__updated_by", "revisions__changed_by"
        )
    )


def due_for_review(actor, today=None):
    """Articles whose review date has passed or comes within 30 days, soonest first."""
    today = today or timezone.localdate()
    return (
        articles_for_staff(actor)
        .filter(review_on__lte=today + dt.timedelta(days=DUE_WITHIN_DAYS))
        .order_by("review_on", "title")
    )
