"""The advice library's pages for every kind of visitor: the public library, search and formats;
the staff pages to write, check, publish and review articles."""

import datetime as dt
import html
import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.advice import services
from carershub.advice.models import Article, Revision, Source, Status
from carershub.advice.tests.factories import make_article

pytestmark = pytest.mark.django_db


def pdf_text(content):
    pdf = pypdf.PdfReader(io.BytesIO(content))
    return pdf, " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


def result_titles(response):
    """The titles of the articles a list or search page links to, in order."""
    found = re.findall(
        r'class="govuk-link govuk-!-font-weight-bold" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )
    return [html.unescape(title) for title in found]


def article_form(article=None, **changes):
    data = {
        "title": "Carer's leave",
        "slug": "carers-leave",
        "summary": "Time off work to care.",
        "body": "You can take a week off a year to care.\n\n## How to ask\n\nTell your employer.",
        "audiences": ["adult-carers"],
        "topics": ["rights-at-work"],
        "review_on-day": "1",
        "review_on-month": "4",
        "review_on-year": str(timezone.localdate().year + 1),
    }
    if article is not None:
        data.update(
            {
                "title": article.title,
                "slug": article.slug,
                "summary": article.summary,
                "body": article.body,
                "owner": str(article.owner_id),
                "version": str(article.version),
            }
        )
    data.update(changes)
    return data


# --- The public library --------------------------------------------------------------------------


def test_the_library_lists_published_articles_by_topic_and_never_drafts(client, published, draft):
    response = client.get(reverse("advice:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Benefits and money" in page and published.title.replace("'", "&#39;") in page
    assert draft.title.replace("'", "&#39;") not in page


def test_an_article_shows_its_sources_last_checked_date_and_other_formats(
    client, published, working
):
    services.save_version(
        working, published, language="easy-read", title="Easy", body="Short words."
    )
    services.save_version(working, published, language="ur", title="کیئرر", body="متن")
    page = client.get(reverse("advice:article", args=[published.slug])).content.decode()
    assert "Last checked: " + f"{timezone.localdate().day} {timezone.localdate():%B %Y}" in page
    assert (
        "Where this information comes from" in page
        and "https://www.gov.uk/carers-allowance" in page
    )
    assert reverse("advice:easy_read", args=[published.slug]) in page
    assert reverse("advice:large_print", args=[published.slug]) in page
    assert (
        reverse("advice:translation", args=[published.slug, "ur"]) in page
        and 'hreflang="ur"' in page
    )
    assert '<h2 class="govuk-heading-m">Who can get it</h2>' in page


def test_drafts_and_unknown_articles_are_not_found(client, draft):
    assert client.get(reverse("advice:article", args=[draft.slug])).status_code == 404
    assert client.get(reverse("advice:article", args=["no-such-thing"])).status_code == 404
    assert client.get(reverse("advice:large_print", args=[draft.slug])).status_code == 404


def test_a_right_to_left_version_is_marked_with_its_language_and_direction(
    client, published, working
):
    services.save_version(working, published, language="ar", title="إجازة", body="نص المقال.")
    response = client.get(reverse("advice:translation", args=[published.slug, "ar"]))
    assert response.status_code == 200
    assert '<div lang="ar" dir="rtl">' in response.content.decode()
    assert client.get(reverse("advice:translation", args=[published.slug, "pl"])).status_code == 404
    assert client.get(reverse("advice:translation", args=[published.slug, "xx"])).status_code == 404


def test_the_easy_read_version_is_only_there_when_written(client, published, working):
    assert client.get(reverse("advice:easy_read", args=[published.slug])).status_code == 404
    services.save_version(
        working, published, language="easy-read", title="Money for carers", body="Short words."
    )
    response = client.get(reverse("advice:easy_read", args=[published.slug]))
    assert response.status_code == 200 and "Money for carers" in response.content.decode()


def test_the_large_print_pdf_is_tagged_large_and_has_the_article_and_its_sources(client, published):
    response = client.get(reverse("advice:large_print", args=[published.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="carers-allowance-large-print.pdf"'
    )
    pdf, text = pdf_text(response.content)
    root = pdf.trailer["/Root"]
    assert (
        bool(root["/MarkInfo"]["/Marked"])
        and "/StructTreeRoot" in root
        and root["/Lang"] == "en-GB"
    )
    assert "Carer's Allowance" in text and "Who can get it" in text
    assert "Where this information comes from" in text
    assert "https://www.gov.uk/carers-allowance" in text.replace(" ", "")  # long addresses wrap


def test_search_finds_words_in_title_summary_and_body_and_filters_by_audience_and_topic(
    client, managing
):
    make_article(
        managing,
        published=True,
        title="Carer's leave",
        slug="leave",
        summary="Time off work.",
        body="Unpaid leave from your employer.",
        topics=["rights-at-work"],
        audiences=["adult-carers"],
    )
    make_article(
        managing,
        published=True,
        title="Young carers",
        slug="young",
        summary="Support at school.",
        body="Your rights as a young carer.",
        topics=["young-carers"],
        audiences=["young-carers"],
    )
    make_article(
        managing,
        title="Draft about leave",
        slug="draft-leave",
        body="Leave.",
        topics=["rights-at-work"],
    )

    def titles(**query):
        response = client.get(reverse("advice:search"), query)
        assert response.status_code == 200
        return result_titles(response)

    assert titles(q="LEAVE") == ["Carer's leave"]  # the draft never shows
    assert titles(q="school") == ["Young carers"]
    assert titles(q="unpaid employer") == ["Carer's leave"]
    assert titles(q="unpaid school") == []
    assert titles(audience="young-carers") == ["Young carers"]
    assert titles(topic="rights-at-work") == ["Carer's leave"]
    assert titles() == ["Carer's leave", "Young carers"]


def test_search_results_come_in_pages_that_keep_the_search(client, managing):
    for n in range(12):
        make_article(
            managing, published=True, title=f"Breaks {n:02}", slug=f"breaks-{n}", topics=["breaks"]
        )
    first = client.get(reverse("advice:search"), {"q": "allowance", "topic": "breaks"})
    assert len(result_titles(first)) == 10
    assert "?q=allowance&amp;topic=breaks&amp;page=2" in first.content.decode()
    second = client.get(reverse("advice:search"), {"q": "allowance", "topic": "breaks", "page": 2})
    assert result_titles(second) == ["Breaks 10", "Breaks 11"]


def test_the_library_and_search_take_the_same_number_of_queries_however_many_articles(
    client,
    managing,
    django_assert_max_num_queries,
):
    for n in range(3):
        make_article(managing, published=True, slug=f"a-{n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("advice:index"))
    with django_assert_max_num_queries(9):
        client.get(reverse("advice:search"), {"q": "allowance"})
    for n in range(3, 12):
        make_article(managing, published=True, slug=f"a-{n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("advice:index"))
    with django_assert_max_num_queries(9):
        client.get(reverse("advice:search"), {"q": "allowance"})


# --- Staff pages: who gets in --------------------------------------------------------------------

STAFF_PAGES = ["advice:manage", "advice:due", "advice:new"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_send_visitors_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize(
    "role,status",
    [
        (Role.SUPPORT_WORKER, 200),
        (Role.ASSESSOR, 200),
        (Role.HUB_MANAGER, 200),
        (Role.PARTNER_REFERRER, 403),
        (Role.COMMISSIONER, 403),
        (Role.SYSTEM_ADMIN, 403),
    ],
)
def test_staff_pages_are_for_the_hubs_carer_facing_staff(
    role, status, make_staff, hub, sign_in, draft
):
    client = sign_in(make_staff(role, hub), hub)
    for name in STAFF_PAGES:
        assert client.get(reverse(name)).status_code == status, name
    for name in ("advice:staff_article", "advice:edit", "advice:add_source", "advice:add_language"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == status, name
    assert (
        client.get(reverse("advice:edit_version", args=[draft.pk, "easy-read"])).status_code
        == status
    )


def test_another_partnerships_staff_cannot_find_our_articles(make_staff, other_hub, sign_in, draft):
    client = sign_in(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    assert draft.title not in client.get(reverse("advice:manage")).content.decode()
    assert client.get(reverse("advice:staff_article", args=[draft.pk])).status_code == 404
    assert (
        client.post(
            reverse("advice:publish", args=[draft.pk]), {"version": draft.version}
        ).status_code
        == 404
    )


def test_an_unknown_version_language_is_not_found(sign_in, worker, hub, draft):
    assert (
        sign_in(worker, hub).get(reverse("advice:edit_version", args=[draft.pk, "xx"])).status_code
        == 404
    )


# --- Writing, checking and publishing ------------------------------------------------------------


def test_a_worker_writes_a_draft_and_sees_its_reading_age(sign_in, worker, hub):
    client = sign_in(worker, hub)
    response = client.post(reverse("advice:new"), article_form(owner=str(worker.pk)))
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "advice:staff_article", args=[article.pk]
    )
    assert (
        article.status == Status.DRAFT
        and article.owner == worker
        and article.partnership == hub.partnership
    )
    page = client.get(response["Location"]).content.decode()
    assert "Reading age" in page and "Flesch reading ease" in page
    assert "A hub manager publishes articles once they are ready." in page


def test_a_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(sign_in, worker, hub):
    response = sign_in(worker, hub).post(
        reverse("advice:new"),
        article_form(
            title="",
            slug="Not A Slug",
            audiences=[],
            **{"review_on-month": "13"},
            owner=str(worker.pk),
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Article.objects.exists()
    for message in (
        "Enter a title",
        "Web address must only include lower case letters, numbers and hyphens",
        "Select who the article is for",
        "Review date must be a real date",
    ):
        assert message in page
    assert "Not A Slug" in page and "You can take a week off a year to care." in page
    assert "Reading age of this text" in page  # the check runs on what was typed


def test_the_edit_page_lists_long_sentences_to_shorten(sign_in, worker, hub, working):
    long_one = " ".join(["word"] * 30) + "."
    article = make_article(working, body=f"Short one.\n\n{long_one}")
    page = sign_in(worker, hub).get(reverse("advice:edit", args=[article.pk])).content.decode()
    assert "Sentences to shorten" in page and long_one in page


def test_saving_over_someone_elses_change_shows_both_and_keeps_what_was_typed(
    sign_in, worker, hub, draft, working
):
    opened = article_form(draft, title="My title")
    services.update_article(
        working,
        draft,
        expected_version=draft.version,
        title="Their title",
        slug=draft.slug,
        summary=draft.summary,
        body=draft.body,
        owner=draft.owner,
        review_on=draft.review_on,
        audiences=["adult-carers"],
        topics=["benefits-and-money"],
    )
    response = sign_in(worker, hub).post(reverse("advice:edit", args=[draft.pk]), opened)
    page = response.content.decode()
    assert response.status_code == 409
    assert "This article has changed since you opened it" in page
    assert "Their title" in page and 'value="My title"' in page
    assert Article.objects.get(pk=draft.pk).title == "Their title"


def test_a_worker_cannot_publish_but_a_manager_can(sign_in, worker, manager, hub, draft, client):
    url = reverse("advice:publish", args=[draft.pk])
    assert sign_in(worker, hub).post(url, {"version": draft.version}).status_code == 403
    response = sign_in(manager, hub).post(url, {"version": draft.version})
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert client.get(reverse("advice:article", args=[draft.slug])).status_code == 200


def test_publishing_a_stale_or_unready_article_says_why_and_changes_nothing(
    sign_in, manager, hub, working
):
    client = sign_in(manager, hub)
    no_sources = make_article(working, sources=0)
    response = client.post(
        reverse("advice:publish", args=[no_sources.pk]),
        {"version": no_sources.version},
        follow=True,
    )
    assert "Add at least one official source before publishing" in response.content.decode()
    ready = make_article(working)
    response = client.post(
        reverse("advice:publish", args=[ready.pk]), {"version": ready.version - 1}, follow=True
    )
    assert "Someone changed this article after you opened it" in response.content.decode()
    assert not Article.objects.filter(status=Status.PUBLISHED).exists()


def test_a_manager_takes_an_article_off_the_public_pages(sign_in, manager, hub, published, client):
    sign_in(manager, hub).post(
        reverse("advice:unpublish", args=[published.pk]), {"version": published.version}
    )
    assert Article.objects.get(pk=published.pk).status == Status.DRAFT
    client.logout()
    assert client.get(reverse("advice:article", args=[published.slug])).status_code == 404


def test_editing_a_published_article_shows_the_history(sign_in, worker, hub, published):
    client = sign_in(worker, hub)
    client.post(
        reverse("advice:edit", args=[published.pk]), article_form(published, body="New words.")
    )
    assert Revision.objects.filter(article=published).count() == 1
    page = client.get(reverse("advice:staff_article", args=[published.pk])).content.decode()
    assert '<td class="govuk-table__cell">Sam Worker</td>' in page
    assert re.search(r'<td class="govuk-table__cell">Body, [^<]*\(the title was', page)
    assert (
        "What it said before" in page and '<h2 class="govuk-heading-m">Who can get it</h2>' in page
    )


def test_adding_and_removing_a_source(sign_in, worker, hub, draft):
    client = sign_in(worker, hub)
    url = reverse("advice:add_source", args=[draft.pk])
    response = client.post(
        url,
        {
            "title": "",
            "url": "not a link",
            "checked_on-day": "1",
            "checked_on-month": "1",
            "checked_on-year": str(timezone.localdate().year + 1),
        },
    )
    page = response.content.decode()
    assert "Enter the title of the source" in page and "Enter a web address, like" in page
    assert "Date checked must be today or in the past" in page
    today = timezone.localdate()
    client.post(
        url,
        {
            "title": "Carer's Credit on GOV.UK",
            "url": "https://www.gov.uk/carers-credit",
            "checked_on-day": today.day,
            "checked_on-month": today.month,
            "checked_on-year": today.year,
        },
    )
    source = Source.objects.get(article=draft, url="https://www.gov.uk/carers-credit")
    draft.refresh_from_db()
    client.post(
        reverse("advice:remove_source", args=[draft.pk, source.pk]), {"version": draft.version - 1}
    )
    assert Source.objects.filter(pk=source.pk).exists()  # the page was out of date
    client.post(
        reverse("advice:remove_source", args=[draft.pk, source.pk]), {"version": draft.version}
    )
    assert not Source.objects.filter(pk=source.pk).exists()


def test_writing_an_easy_read_version_and_one_in_another_language(sign_in, worker, hub, draft):
    client = sign_in(worker, hub)
    response = client.post(reverse("advice:add_language", args=[draft.pk]), {})
    assert "Select a language" in response.content.decode()
    response = client.post(reverse("advice:add_language", args=[draft.pk]), {"language": "ur"})
    assert response["Location"] == reverse("advice:edit_version", args=[draft.pk, "ur"])
    page = client.get(response["Location"]).content.decode()
    assert 'lang="ur"' in page and 'dir="rtl"' in page
    client.post(response["Location"], {"title": "کیئرر کریڈٹ", "body": "متن"})
    easy = reverse("advice:edit_version", args=[draft.pk, "easy-read"])
    response = client.post(easy, {"title": "", "body": "You can get help. Ask us."})
    assert (
        "Enter a title" in response.content.decode()
        and "Reading age of this text" in response.content.decode()
    )
    client.post(easy, {"title": "Help with money", "body": "You can get help. Ask us."})
    assert sorted(v.language for v in draft.versions.all()) == ["easy-read", "ur"]


def test_due_for_review_lists_overdue_and_soon_articles_soonest_first(
    sign_in, worker, hub, working
):
    today = timezone.localdate()
    make_article(working, title="Later", review_on=today + dt.timedelta(days=90))
    make_article(working, title="Soon", review_on=today + dt.timedelta(days=30))
    make_article(working, title="Overdue", review_on=today - dt.timedelta(days=3))
    response = sign_in(worker, hub).get(reverse("advice:due"))
    assert re.findall(
        r'class="govuk-link" href="/advice-library/\d+-[0-9a-f]+/">([^<]+)</a>',
        response.content.decode(),
    ) == ["Overdue", "Soon"]
    page = response.content.decode()
    assert "Overdue" in page and "Due soon" in page and "Later" not in page


def test_the_staff_list_and_due_list_take_the_same_number_of_queries_however_many_articles(
    sign_in,
    worker,
    hub,
    working,
    django_assert_max_num_queries,
):
    client = sign_in(worker, hub)
    today = timezone.localdate()
    for n in range(2):
        make_article(working, slug=f"a-{n}", review_on=today + dt.timedelta(days=n))
    with django_assert_max_num_queries(14):
        client.get(reverse("advice:manage"))
    with django_assert_max_num_queries(14):
        client.get(reverse("advice:due"))
    for n in range(2, 10):
        make_article(working, slug=f"a-{n}", review_on=today + dt.timedelta(days=n))
    with django_assert_max_num_queries(14):
        client.get(reverse("advice:manage"))
    with django_assert_max_num_queries(14):
        client.get(reverse("advice:due"))


def test_an_article_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    sign_in, worker, hub, draft, managing
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    response = save_after_a_colleague_and_a_mistake(
        sign_in(worker, hub),
        reverse("advice:edit", args=[draft.pk]),
        colleague_saves=lambda: services.update_article(
            managing,
            draft,
            expected_version=draft.version,
            title="Their title",
            slug=draft.slug,
            summary=draft.summary,
            body=draft.body,
            owner=draft.owner,
            review_on=draft.review_on,
            audiences=["adult-carers"],
            topics=["benefits-and-money"],
        ),
        typed={"summary": "My summary"},
        mistake={"title": ""},
        fix={"title": "My title"},
        error="Enter a title",
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "This article has changed since you opened it" in page
    assert "Their title" in page and 'value="My title"' in page and "My summary" in page
    saved = Article.objects.get(pk=draft.pk)
    assert (saved.title, saved.summary) == ("Their title", draft.summary)
