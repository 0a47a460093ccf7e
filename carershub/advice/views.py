"""The advice library's pages: the public library, search and articles in every format; and the
staff pages to write, check, publish and review articles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from carershub.accounts.models import Role, User
from carershub.accounts.permissions import can, permission_required, record_or_404
from carershub.advice import documents, selectors, services
from carershub.advice.forms import ArticleForm, LanguageForm, SearchForm, SourceForm, VersionForm
from carershub.advice.models import EASY_READ, LANGUAGE_NAMES, Audience, Topic
from carershub.advice.presenters import (
    ArticlePresenter,
    ReadingAgePresenter,
    VersionPresenter,
    due_rows,
    history_rows,
    manage_rows,
    source_rows,
)
from carershub.core.concurrency import (
    edit_with_version,
    posted_version,
)
from carershub.core.pagination import paginate, pagination_params
from carershub.core.text import set_download

SEARCH_PAGE_SIZE = 10

# --- Public pages ---------------------------------------------------------------------------------


def index(request):
    """The library by topic."""
    articles = list(selectors.published().order_by("title"))
    by_topic = []
    for topic in Topic:
        listed = [
            ArticlePresenter(a)
            for a in articles
            if any(t.topic == topic.value for t in a.topics.all())
        ]
        if listed:
            by_topic.append({"topic": topic, "articles": listed})
    return render(
        request,
        "advice/index.html",
        {
            "page_title": "Information and advice for carers",
            "by_topic": by_topic,
            "form": SearchForm(),
        },
    )


def search(request):
    form = SearchForm(request.GET or None)
    words = audience = topic = ""
    if form.is_valid():
        words, audience, topic = (form.cleaned_data[name] for name in ("q", "audience", "topic"))
    page = paginate(
        selectors.search(words, audience, topic), request.GET.get("page"), SEARCH_PAGE_SIZE
    )
    return render(
        request,
        "advice/search.html",
        {
            "page_title": "Search information and advice",
            "form": SearchForm(request.GET or None),
            "page": page,
            "results": [ArticlePresenter(a) for a in page.object_list],
            "pagination": pagination_params(
                page, {"q": words, "audience": audience, "topic": topic}
            ),
            "searched_for": words,
            "audience": Audience(audience).label if audience else "",
            "topic": Topic(topic).label if topic else "",
        },
    )


def _published_or_404(slug):
    article = selectors.published_article(slug)
    if article is None:
        raise Http404
    return article


def article(request, slug):
    presenter = ArticlePresenter(_published_or_404(slug))
    return render(
        request, "advice/article.html", {"page_title": presenter.title, "article": presenter}
    )


def _version_page(request, slug, language):
    presenter = ArticlePresenter(_published_or_404(slug))
    version = next((v for v in presenter.versions.all() if v.language == language), None)
    if version is None:
        raise Http404
    version = VersionPresenter(version)
    return render(
        request,
        "advice/version.html",
        {
            "page_title": version.title,
            "article": presenter,
            "version": version,
        },
    )


def easy_read(request, slug):
    return _version_page(request, slug, EASY_READ)


def translation(request, slug, language):
    if language not in LANGUAGE_NAMES:
        raise Http404
    return _version_page(request, slug, language)


def large_print(request, slug):
    article = _published_or_404(slug)
    response = HttpResponse(documents.large_print_pdf(article), content_type="application/pdf")
    set_download(response, documents.filename_for(article))
    return response


# --- Staff pages ----------------------------------------------------------------------------------


def _to_article(article):
    return redirect("advice:staff_article", pk=article.pk)


def _owners(actor, article=None):
    """Who may own an article: the acting organisation's carer-facing staff (and the owner now)."""
    roles = [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER]
    people = Q(
        memberships__organisation=actor.organisation, memberships__role__in=roles, is_active=True
    )
    if article is not None:
        people |= Q(pk=article.owner_id)
    return list(User.objects.filter(people).distinct().order_by("full_name"))


@permission_required("advice.manage_articles")
def manage(request):
    articles = [
        ArticlePresenter(a) for a in selectors.articles_for_staff(request.actor).order_by("title")
    ]
    return render(
        request,
        "advice/manage.html",
        {"page_title": "Information and advice articles", "articles": manage_rows(articles)},
    )


@permission_required("advice.manage_articles")
def due(request):
    articles = [ArticlePresenter(a) for a in selectors.due_for_review(request.actor)]
    return render(
        request,
        "advice/due.html",
        {
            "page_title": "Articles due for review",
            "articles": due_rows(articles),
            "within": selectors.DUE_WITHIN_DAYS,
        },
    )


def _article_form_page(
    request, form, *, article=None, version=None, conflict_rows=None, status=200
):
    typed = form["body"].value() or ""
    return render(
        request,
        "advice/article_form.html",
        {
            "page_title": "Change the article" if article else "Write an article",
            "form": form,
            "article": ArticlePresenter(article) if article else None,
            "version": version,
            "reading_age": ReadingAgePresenter(typed) if typed.strip() else None,
            "conflict_rows": conflict_rows,
        },
        status=status,
    )


def _service_error_field(refusal):
    return "slug" if getattr(refusal, "code", None) == "slug" else None


def _add_service_error(form, refusal):
    for message in refusal.messages:
        form.add_error(_service_error_field(refusal), message)


@permission_required("advice.manage_articles")
def new(request):
    owners = _owners(request.actor)
    initial = {"owner": str(request.actor.user.pk)}
    form = ArticleForm(
        request.POST if request.method == "POST" else None, staff=owners, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            article = services.create_article(
                request.actor, partnership=request.actor.organisation.partnership, **form.article()
            )
        except ValidationError as refusal:
            _add_service_error(form, refusal)
        else:
            messages.success(request, f"Draft article {article.title} saved")
            return _to_article(article)
    return _article_form_page(request, form)


@permission_required("advice.manage_articles")
def staff_article(request, pk):
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.edit_article", pk=pk
    )
    presenter = ArticlePresenter(article)
    return render(
        request,
        "advice/staff_article.html",
        {
            "page_title": article.title,
            "article": presenter,
            "reading_age": ReadingAgePresenter(article.body),
            "easy_read_age": ReadingAgePresenter(presenter.easy_read.body, easy_read=True)
            if presenter.easy_read
            else None,
            "can_publish": can(request.actor, "advice.publish_article", article),
            "version": article.version,
            "source_rows": source_rows(presenter, get_token(request), article.version),
            "history_rows": history_rows(presenter),
        },
    )


@permission_required("advice.manage_articles")
def edit(request, pk):
    """Change an article: refused, with both versions shown,
    if someone saved since it was opened.
    """
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.edit_article", pk=pk
    )
    form = ArticleForm(
        request.POST if request.method == "POST" else None,
        staff=_owners(request.actor, article),
        initial=_article_details(article),
    )
    edit = edit_with_version(
        request,
        article,
        form,
        lambda version: services.update_article(
            request.actor, article, expected_version=version, **form.article()
        ),
        theirs=_article_details,
        refusal_field=_service_error_field,
    )
    if edit.saved:
        messages.success(request, "Article saved")
        return _to_article(edit.record)
    return _article_form_page(
        request,
        form,
        article=edit.record,
        version=edit.version,
        conflict_rows=edit.refused,
        status=edit.status,
    )


def _article_details(article):
    return {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "owner": str(article.owner_id),
        "review_on": article.review_on,
        "audiences": [a.audience for a in article.audiences.all()],
        "topics": [t.topic for t in article.topics.all()],
    }


@permission_required("advice.manage_articles")
def add_source(request, pk):
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.edit_article", pk=pk
    )
    form = SourceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_source(request.actor, article, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error("checked_on", refusal.messages[0])
        else:
            messages.success(request, "Source added")
            return _to_article(article)
    return render(
        request,
        "advice/form.html",
        {
            "page_title": "Add an official source",
            "article": article,
            "form": form,
            "button": "Add source",
            "intro": "A page from GOV.UK, legislation.gov.uk, the NHS or another official body "
            "that a fact in the article rests on.",
        },
    )


@permission_required("advice.manage_articles")
@require_POST
def remove_source(request, pk, source_id):
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.edit_article", pk=pk
    )
    source = next((s for s in article.sources.all() if s.pk == source_id), None)
    if source is None:
        raise Http404
    try:
        services.remove_source(request.actor, source, expected_version=posted_version(request))
    except services.EditConflict:
        messages.error(
            request,
            "Someone changed this article after you opened it: "
            "check it again before removing a source",
        )
    else:
        messages.success(request, f"Source {source.title} removed")
    return _to_article(article)


@permission_required("advice.manage_articles")
def add_language(request, pk):
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.edit_article", pk=pk
    )
    form = LanguageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return redirect(
            "advice:edit_version", pk=article.pk, language=form.cleaned_data["language"]
        )
    return render(
        request,
        "advice/form.html",
        {
            "page_title": form.fields["language"].label,
            "article": article,
            "form": form,
            "button": "Continue",
            "question_page": True,
        },
    )


@permission_required("advice.manage_articles")
def edit_version(request, pk, language):
    """Write or change the easy read version, or the version in one other language."""
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.edit_article", pk=pk
    )
    if language != EASY_READ and language not in LANGUAGE_NAMES:
        raise Http404
    existing = next((v for v in article.versions.all() if v.language == language), None)
    initial = {"title": existing.title, "body": existing.body} if existing else {}
    form = VersionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_version(request.actor, article, language=language, **form.cleaned_data)
        name = (
            "Easy read version" if language == EASY_READ else f"{LANGUAGE_NAMES[language]} version"
        )
        messages.success(request, f"{name} saved")
        return _to_article(article)
    easy = language == EASY_READ
    typed = form["body"].value() or ""
    return render(
        request,
        "advice/version_form.html",
        {
            "page_title": ("Easy read version" if easy else f"{LANGUAGE_NAMES[language]} version"),
            "article": article,
            "form": form,
            "language": language,
            "easy_read": easy,
            "lang": "en-GB" if easy else language,
            "dir": "rtl" if not easy and VersionPresenter.rtl(language) else "ltr",
            "reading_age": ReadingAgePresenter(typed, easy_read=True)
            if easy and typed.strip()
            else None,
        },
    )


@permission_required("advice.manage_articles")
@require_POST
def publish(request, pk):
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.publish_article", pk=pk
    )
    try:
        services.publish(request.actor, article, expected_version=posted_version(request))
    except services.EditConflict:
        messages.error(
            request,
            "Someone changed this article after you opened it: check it again before publishing",
        )
    except ValidationError as refusal:
        messages.error(
            request, "The article cannot be published yet. " + " ".join(refusal.messages)
        )
    else:
        messages.success(request, "The article is published")
    return _to_article(article)


@permission_required("advice.manage_articles")
@require_POST
def unpublish(request, pk):
    article = record_or_404(
        request, selectors.articles_in_full(request.actor), "advice.publish_article", pk=pk
    )
    try:
        services.unpublish(request.actor, article, expected_version=posted_version(request))
    except services.EditConflict:
        messages.error(
            request, "Someone changed this article after you opened it: check it again first"
        )
    else:
        messages.success(request, "The article is no longer published. It is kept as a draft")
    return _to_article(article)
