"""Writing, changing and publishing articles: the services,
the rules and the plain-English check.
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.accounts.permissions import can
from carershub.advice import readability, services
from carershub.advice.markup import to_html, to_text
from carershub.advice.models import Article, Revision, Status
from carershub.advice.tests.factories import make_article
from carershub.audit.models import AuditLog, Operation


def _fields(article, **changes):
    values = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "owner": article.owner,
        "review_on": article.review_on,
        "audiences": [a.audience for a in article.audiences.all()],
        "topics": [t.topic for t in article.topics.all()],
    }
    values.update(changes)
    return values


# --- The body: Markdown in, GOV.UK HTML out, nothing else ----------------------------------------


def test_markdown_becomes_govuk_typography():
    html = to_html(
        "# Who can get it\n\nYou must be **16**.\n\n- one\n- two\n\n1. first\n\n[GOV.UK](https://www.gov.uk)"
    )
    assert '<h2 class="govuk-heading-m">Who can get it</h2>' in html
    assert '<p class="govuk-body">You must be <strong>16</strong>.</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert 'href="https://www.gov.uk"' in html and 'class="govuk-link"' in html


def test_raw_html_scripts_styles_and_javascript_links_never_reach_the_page():
    html = to_html(
        '<script>alert(1)</script>\n\n<p style="color:red" onclick="x()">hi</p>\n\n'
        "[click](javascript:alert(1))\n\n![logo](https://example.com/logo.png)"
    )
    tags = re.findall(r"<([a-z0-9]+)((?:\s+[a-z-]+=\"[^\"]*\")*)\s*>", html)
    assert {tag for tag, _ in tags} == {"p", "a"}
    assert {name for _, attributes in tags for name in re.findall(r"([a-z-]+)=", attributes)} == {
        "class",
        "href",
        "rel",
    }
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as the text the editor typed


def test_plain_text_of_the_markdown_keeps_the_words_and_drops_the_marks():
    assert (
        to_text("## Heading\n\nSome **bold** words\nover two lines.")
        == "Heading\n\nSome bold words over two lines."
    )


# --- The plain-English check ---------------------------------------------------------------------


def test_short_sentences_of_short_words_have_a_young_reading_age():
    measure = readability.reading_age("You can get money. You must be 16. Ask us for help.")
    assert measure.age <= 9 and measure.reading_ease > 80 and not measure.long_sentences


def test_long_sentences_of_long_words_have_an_adult_reading_age_and_are_listed():
    long_one = (
        "Notwithstanding the aforementioned considerations, individuals providing substantial "
        "unpaid care may additionally qualify for supplementary financial assistance "
        "administered by the Department for Work and Pensions subject to eligibility determination."
    )
    measure = readability.reading_age(f"Ask us. {long_one}")
    assert measure.age > 18 and measure.long_sentences == [long_one]
    assert readability.advice(measure).startswith("Harder than it needs to be")
    assert readability.advice(measure, easy_read=True).startswith(
        "Too hard for easy read: aim for a reading age of 9 to 11"
    )


def test_syllables_are_counted_roughly_right():
    assert [
        readability.syllables(w) for w in ("care", "carer", "allowance", "helped", "people")
    ] == [1, 2, 3, 1, 2]


# --- Who may do what -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,edits,publishes",
    [
        (Role.SUPPORT_WORKER, True, False),
        (Role.ASSESSOR, True, False),
        (Role.HUB_MANAGER, True, True),
        (Role.PARTNER_REFERRER, False, False),
        (Role.COMMISSIONER, False, False),
        (Role.SYSTEM_ADMIN, False, False),
    ],
)
def test_hub_staff_write_articles_and_only_managers_publish_them(
    role, edits, publishes, draft, make_staff, hub, actor_of
):
    actor = actor_of(make_staff(role, hub), hub)
    assert can(actor, "advice.manage_articles") is edits
    assert can(actor, "advice.edit_article", draft) is edits
    assert can(actor, "advice.publish_article", draft) is publishes


@pytest.mark.django_db
def test_nobody_changes_another_partnerships_articles(draft, make_staff, other_hub, actor_of):
    elsewhere = actor_of(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    assert can(elsewhere, "advice.manage_articles")
    assert not can(elsewhere, "advice.edit_article", draft)
    assert not can(elsewhere, "advice.publish_article", draft)


# --- Writing and changing ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_article_is_a_draft_with_its_labels_and_an_audit_row(working):
    article = make_article(
        working, audiences=["young-carers", "adult-carers"], topics=["breaks"], sources=0
    )
    assert article.status == Status.DRAFT
    assert sorted(a.audience for a in article.audiences.all()) == ["adult-carers", "young-carers"]
    assert "carer's allowance is money for people who care" in article.search_text
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="advice.article", object_id=str(article.pk)
    ).exists()


@pytest.mark.django_db
def test_two_articles_cannot_share_a_web_address_or_take_the_search_page_address(working, draft):
    with pytest.raises(ValidationError, match="Another article already has this web address"):
        make_article(working, slug=draft.slug)
    with pytest.raises(ValidationError, match="used by the library itself"):
        make_article(working, slug="search")


@pytest.mark.django_db
def test_saving_over_someone_elses_change_is_refused_and_nothing_is_overwritten(working, draft):
    opened_at = draft.version
    services.update_article(
        working, draft, expected_version=opened_at, **_fields(draft, title="Theirs")
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.update_article(
            working, draft, expected_version=opened_at, **_fields(draft, title="Mine")
        )
    assert conflict.value.current.title == "Theirs"
    assert Article.objects.get(pk=draft.pk).title == "Theirs"


@pytest.mark.django_db
def test_changing_a_published_article_keeps_what_it_said_before_and_who_changed_it(
    published, working
):
    old_body = published.body
    services.update_article(
        working,
        published,
        expected_version=published.version,
        **_fields(published, body="New text.", review_on=published.review_on + dt.timedelta(1)),
    )
    revision = Revision.objects.get(article=published)
    assert revision.body == old_body and revision.changed_by == working.user
    assert revision.changed_fields == ["body", "review_on"]


@pytest.mark.django_db
def test_changing_a_draft_or_changing_nothing_keeps_no_history(draft, published, working):
    services.update_article(
        working, draft, expected_version=draft.version, **_fields(draft, body="Redrafted.")
    )
    services.update_article(
        working, published, expected_version=published.version, **_fields(published)
    )
    assert not Revision.objects.exists()


@pytest.mark.django_db
def test_publishing_needs_a_source_and_a_review_date_still_to_come(managing, working):
    without_source = make_article(working, sources=0)
    with pytest.raises(ValidationError, match="Add at least one official source"):
        services.publish(managing, without_source, expected_version=without_source.version)
    overdue = make_article(working, review_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="review date has passed"):
        services.publish(managing, overdue, expected_version=overdue.version)
    assert not Article.objects.filter(status=Status.PUBLISHED).exists()


@pytest.mark.django_db
def test_a_source_cannot_be_checked_in_the_future(working, draft):
    with pytest.raises(ValidationError, match="today or in the past"):
        services.add_source(
            working,
            draft,
            title="GOV.UK",
            url="https://www.gov.uk",
            checked_on=timezone.localdate() + dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_a_version_in_another_language_replaces_the_one_before(working, draft):
    services.save_version(working, draft, language="pl", title="Pierwszy", body="Tekst.")
    services.save_version(working, draft, language="pl", title="Drugi", body="Tekst.")
    assert [v.title for v in draft.versions.all()] == ["Drugi"]
    with pytest.raises(ValidationError, match="Select a language"):
        services.save_version(working, draft, language="xx", title="?", body="?")
