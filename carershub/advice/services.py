"""Changes to the advice library. Each writes its audit row in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from carershub.advice.markup import normalise, to_text
from carershub.advice.models import (
    EASY_READ,
    LANGUAGE_NAMES,
    Article,
    ArticleAudience,
    ArticleTopic,
    ArticleVersion,
    Revision,
    Source,
    Status,
)
from carershub.audit import services as auditor
from carershub.core.concurrency import EditConflict, write_if_unchanged  # noqa: F401 (raised here, caught by views)

CONTENT_FIELDS = ["title", "slug", "summary", "body", "owner", "review_on", "audiences", "topics"]
# A published article keeps what it said before a change to any of these.
REVISED_FIELDS = {"title", "summary", "body"}
# Addresses the public library's own pages use.
RESERVED_SLUGS = {"search"}


def search_text_for(title, summary, body):
    return normalise(title, summary, to_text(body))


def _clean(title, slug, summary, body):
    return title.strip(), slug.strip().lower(), summary.strip(), body.strip().replace("\r\n", "\n")


def _refuse_taken_slug(partnership, slug, article=None):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            f"The web address {slug} is used by the library itself: choose a different one",
            code="slug",
        )
    taken = Article.objects.filter(partnership=partnership, slug=slug)
    if article is not None:
        taken = taken.exclude(pk=article.pk)
    if taken.exists():
        raise ValidationError(
            "Another article already has this web address: choose a different one", code="slug"
        )


def _set_labels(article, audiences, topics):
    ArticleAudience.objects.filter(article=article).exclude(audience__in=audiences).delete()
    ArticleTopic.objects.filter(article=article).exclude(topic__in=topics).delete()
    have_audiences = set(
        ArticleAudience.objects.filter(article=article).values_list("audience", flat=True)
    )
    have_topics = set(ArticleTopic.objects.filter(article=article).values_list("topic", flat=True))
    ArticleAudience.objects.bulk_create(
        ArticleAudience(article=article, audience=a)
        for a in sorted(set(audiences) - have_audiences)
    )
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic=t) for t in sorted(set(topics) - have_topics)
    )


@transaction.atomic
def create_article(
    actor, *, partnership, title, slug, summary, body, owner, review_on, audiences, topics
):
    """A draft article; nobody outside the hub sees it until a manager publishes it."""
    title, slug, summary, body = _clean(title, slug, summary, body)
    _refuse_taken_slug(partnership, slug)
    now = timezone.now()
    try:
        with transaction.atomic():
            article = Article.objects.create(
                partnership=partnership,
                title=title,
                slug=slug,
                summary=summary,
                body=body,
                owner=owner,
                review_on=review_on,
                search_text=search_text_for(title, summary, body),
                created_at=now,
                created_by=actor.user,
                updated_at=now,
                updated_by=actor.user,
            )
    except IntegrityError as clash:  # the same address taken by someone else a moment ago
        raise ValidationError(
            "Another article already has this web address: choose a different one", code="slug"
        ) from clash
    _set_labels(article, audiences, topics)
    auditor.created(actor, article)
    return article


@transaction.atomic
def update_article(
    actor,
    article,
    *,
    expected_version,
    title,
    slug,
    summary,
    body,
    owner,
    review_on,
    audiences,
    topics,
):
    """Change the article. Refused if someone saved since the page was opened; a published article
    keeps what it said before."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    title, slug, summary, body = _clean(title, slug, summary, body)
    _refuse_taken_slug(current.partnership_id, slug, current)
    before = {
        "title": current.title,
        "slug": current.slug,
        "summary": current.summary,
        "body": current.body,
        "owner": current.owner_id,
        "review_on": current.review_on,
        "audiences": sorted(current.audiences.values_list("audience", flat=True)),
        "topics": sorted(current.topics.values_list("topic", flat=True)),
    }
    after = {
        "title": title,
        "slug": slug,
        "summary": summary,
        "body": body,
        "owner": owner.pk,
        "review_on": review_on,
        "audiences": sorted(audiences),
        "topics": sorted(topics),
    }
    changed = [name for name in CONTENT_FIELDS if before[name] != after[name]]
    if not changed:
        return current
    now = timezone.now()
    if current.is_published and REVISED_FIELDS & set(changed):
        Revision.objects.create(
            article=current,
            title=current.title,
            summary=current.summary,
            body=current.body,
            changed_fields=changed,
            changed_at=now,
            changed_by=actor.user,
        )
    Article.objects.filter(pk=current.pk).update(
        title=title,
        slug=slug,
        summary=summary,
        body=body,
        owner=owner,
        review_on=review_on,
        search_text=search_text_for(title, summary, body),
        updated_at=now,
        updated_by=actor.user,
        version=F("version") + 1,
    )
    _set_labels(current, audiences, topics)
    auditor.updated(actor, current, fields=changed)
    current.refresh_from_db()
    return current


def _bump(actor, article, expected_version=None, **changes):
    rows = Article.objects.filter(pk=article.pk)
    if not write_if_unchanged(
        rows, expected_version, **changes, updated_at=timezone.now(), updated_by=actor.user
    ):
        raise EditConflict(Article.objects.get(pk=article.pk))


@transaction.atomic
def publish(actor, article, *, expected_version):
    """Put the article on the public pages, as it was when the manager checked it."""
    if article.review_on < timezone.localdate():
        raise ValidationError(
            "The review date has passed: check the article and set a new review date first"
        )
    if not article.sources.exists():
        raise ValidationError("Add at least one official source before publishing")
    _bump(actor, article, expected_version, status=Status.PUBLISHED, published_at=timezone.now())
    auditor.updated(actor, article, fields=["status"])
    article.refresh_from_db()
    return article


@transaction.atomic
def unpublish(actor, article, *, expected_version):
    """Take the article off the public pages (it is kept as a draft)."""
    _bump(actor, article, expected_version, status=Status.DRAFT)
    auditor.updated(actor, article, fields=["status"])
    article.refresh_from_db()
    return article


@transaction.atomic
def add_source(actor, article, *, title, url, checked_on):
    """An official source the article's facts rest on."""
    if checked_on > timezone.localdate():
        raise ValidationError("The date checked must be today or in the past")
    source = Source.objects.create(
        article=article, title=title.strip(), url=url.strip(), checked_on=checked_on
    )
    _bump(actor, article)
    auditor.created(actor, source)
    return source


@transaction.atomic
def remove_source(actor, source, *, expected_version):
    """Remove a source, unless the article changed since the page offering it was opened."""
    _bump(actor, source.article, expected_version)
    auditor.deleted(actor, source)
    source.delete()


@transaction.atomic
def save_version(actor, article, *, language, title, body):
    """Write the easy read version or the version in another language, replacing any before."""
    if language != EASY_READ and language not in LANGUAGE_NAMES:
        raise ValidationError("Select a language from the list")
    version, created = ArticleVersion.objects.update_or_create(
        article=article,
        language=language,
        defaults={
            "title": title.strip(),
            "body": body.strip().replace("\r\n", "\n"),
            "updated_at": timezone.now(),
            "updated_by": actor.user,
        },
    )
    _bump(actor, article)
    if created:
        auditor.created(actor, version)
    else:
        auditor.updated(actor, version, fields=["title", "body"])
    return version


@transaction.atomic
def remove_version(actor, version):
    auditor.deleted(actor, version)
    version.delete()
    _bump(actor, version.article)
