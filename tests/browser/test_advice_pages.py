"""The information and advice library in a browser: a carer browses, searches and reads an article,
its easy read and Arabic versions, and downloads it in large print; a worker writes an article and
sees its reading age, a manager publishes it, and the due-for-review list. Every page and error
state passes axe."""

import datetime as dt
import io

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.advice import services
from carershub.advice.models import Article, Status
from carershub.advice.tests.factories import make_article

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"
MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


@pytest.fixture
def library(manager, hub):
    """Two published articles, one with an easy read version and one in Arabic, and a draft."""
    managing = actor_for(manager, hub.pk)
    allowance = make_article(
        managing,
        published=True,
        title="Carer's Allowance",
        slug="carers-allowance",
        audiences=["adult-carers", "young-carers"],
    )
    services.save_version(
        managing,
        allowance,
        language="easy-read",
        title="Money for carers: easy read",
        body="Carer's Allowance is money for carers.\n\nYou must be 16 or older.",
    )
    services.save_version(
        managing,
        allowance,
        language="ar",
        title="بدل مقدم الرعاية",
        body="بدل مقدم الرعاية هو مال لمقدمي الرعاية.",
    )
    make_article(
        managing,
        published=True,
        title="Carer's leave",
        slug="carers-leave",
        topics=["rights-at-work"],
        summary="A week of unpaid leave a year to care.",
        body="You can take up to one week of unpaid leave.",
    )
    make_article(managing, title="Not ready yet", slug="not-ready")
    return allowance


def test_a_carer_browses_searches_reads_an_article_in_every_format_and_downloads_large_print(
    page,
    live_server,
    library,
    hub_url,
    expect_page,
    check_accessibility,
):
    page.goto(hub_url("advice:index"))
    expect_page(page, hub_url("advice:index"), "Information and advice for carers")
    expect(page.get_by_role("heading", name="Rights at work")).to_be_visible()
    expect(page.get_by_role("link", name="Not ready yet")).to_have_count(0)
    check_accessibility(page)

    page.get_by_label("Search the library").fill("unpaid leave")
    page.get_by_role("button", name="Search").click()
    expect_page(
        page,
        hub_url("advice:search") + "?q=unpaid+leave&audience=&topic=",
        "Search information and advice",
    )
    expect(page.get_by_role("heading", name="1 article matching ‘unpaid leave’")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Search the library").fill("")
    page.get_by_label("Who is it for?").select_option(label="Young carers")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 article for young carers")).to_be_visible()
    page.get_by_role("link", name="Carer's Allowance").click()
    expect_page(page, hub_url("advice:article", slug="carers-allowance"), "Carer's Allowance")
    today = timezone.localdate()
    expect(page.get_by_text(f"Last checked: {today.day} {today:%B %Y}")).to_be_visible()
    expect(page.get_by_role("heading", name="Where this information comes from")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Easy read").click()
    expect_page(
        page, hub_url("advice:easy_read", slug="carers-allowance"), "Money for carers: easy read"
    )
    check_accessibility(page)
    page.get_by_role("link", name="Read the standard version in English").click()

    page.get_by_role("link", name="العربية (Arabic)").click()
    expect_page(
        page,
        hub_url("advice:translation", slug="carers-allowance", language="ar"),
        "بدل مقدم الرعاية",
    )
    expect(page.locator('div[lang="ar"][dir="rtl"] h1')).to_have_text("بدل مقدم الرعاية")
    check_accessibility(page)
    page.get_by_role("link", name="Read the standard version in English").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Large print (PDF)").click()
    assert download.value.suggested_filename == "carers-allowance-large-print.pdf"
    text = " ".join(
        p.extract_text()
        for p in pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert "Carer's Allowance" in text and "Where this information comes from" in text


def test_a_worker_writes_an_article_sees_its_reading_age_and_a_manager_publishes_it(
    page,
    new_page,
    live_server,
    worker,
    manager,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("advice:manage"))
    expect_page(
        page,
        hub_url("advice:manage"),
        "Information and advice articles",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Write an article").click()
    expect_page(page, hub_url("advice:new"), "Write an article", signed_in_as=WORKER_AT_HUB)
    check_accessibility(page)

    long_sentence = (
        "Notwithstanding the aforementioned considerations, individuals providing substantial "
        "unpaid care may additionally qualify for supplementary financial assistance "
        "administered by the Department for Work and Pensions and its many "
        "agencies across the whole country."
    )
    page.get_by_label("Title").fill("Breaks from caring")
    page.get_by_label("Web address").fill("Breaks From Caring")
    page.get_by_label("Article").fill(f"A break helps you stay well.\n\n{long_sentence}")
    page.get_by_role("button", name="Save").click()
    expect_error_summary(
        page,
        "Web address must only include lower case letters, numbers and hyphens",
        "Enter a summary",
        "Select who the article is for",
        "Select at least one topic",
        "Enter the review date",
    )
    expect(page.get_by_label("Title")).to_have_value("Breaks from caring")
    expect(page.get_by_role("heading", name="Reading age of this text")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=long_sentence)).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Web address").fill("breaks-from-caring")
    page.get_by_label("Summary").fill("How to get a break.")
    page.get_by_label("Adult carers").check()
    page.get_by_label("Breaks from caring").check()
    next_year = timezone.localdate().year + 1
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill(str(next_year))
    page.get_by_role("button", name="Save").click()
    article = Article.objects.get()
    expect_page(
        page,
        hub_url("advice:staff_article", pk=article.pk),
        "Breaks from caring",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_role("heading", name="Reading age", exact=True)).to_be_visible()
    expect(page.get_by_text("Harder than it needs to be")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    check_accessibility(page)

    page.get_by_role("link", name="Add an official source").click()
    expect_page(
        page,
        hub_url("advice:add_source", pk=article.pk),
        "Add an official source",
        signed_in_as=WORKER_AT_HUB,
    )
    page.get_by_role("button", name="Add source").click()
    expect_error_summary(
        page,
        "Enter the title of the source",
        "Enter the web address of the source",
        "Enter the date you checked the source",
    )
    check_accessibility(page)
    today = timezone.localdate()
    page.get_by_label("Title of the source").fill(
        "Carer breaks and respite care on the NHS website"
    )
    page.get_by_label("Web address of the source").fill(
        "https://www.nhs.uk/conditions/social-care-and-support-guide/"
    )
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Add source").click()
    expect(
        page.get_by_role("link", name="Carer breaks and respite care on the NHS website")
    ).to_be_visible()

    managing = new_page()
    sign_in_as(managing, live_server, manager)
    managing.goto(hub_url("advice:staff_article", pk=article.pk))
    expect_page(
        managing,
        hub_url("advice:staff_article", pk=article.pk),
        "Breaks from caring",
        signed_in_as=MANAGER_AT_HUB,
    )
    managing.get_by_role("button", name="Publish").click()
    expect(managing.get_by_text("The article is published")).to_be_visible()
    expect(managing.locator(".govuk-tag", has_text="Published")).to_be_visible()
    check_accessibility(managing)
    assert Article.objects.get().status == Status.PUBLISHED

    managing.get_by_role("link", name="See the public page").click()
    expect_page(
        managing,
        hub_url("advice:article", slug="breaks-from-caring"),
        "Breaks from caring",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(managing)


def test_two_people_change_an_article_at_once(
    page,
    new_page,
    live_server,
    worker,
    manager,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    article = make_article(
        actor_for(manager, hub.pk), title="Carer's Credit", slug="carers-credit", published=True
    )
    sign_in_as(page, live_server, worker)
    other = new_page()
    sign_in_as(other, live_server, manager)
    for someone in (page, other):
        someone.goto(hub_url("advice:edit", pk=article.pk))
    other.get_by_label("Title").fill("Carer's Credit: protect your pension")
    other.get_by_role("button", name="Save").click()
    expect(other.get_by_text("Article saved")).to_be_visible()

    page.get_by_label("Title").fill("Carer's Credit explained")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("heading", name="This article has changed since you opened it")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Carer's Credit: protect your pension")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Carer's Credit explained")
    check_accessibility(page)

    page.get_by_role("button", name="Save").click()
    expect_page(
        page,
        hub_url("advice:staff_article", pk=article.pk),
        "Carer's Credit explained",
        signed_in_as=WORKER_AT_HUB,
    )
    history = page.get_by_role("row").filter(has_text="the title was")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("Sam Worker")
    history.first.get_by_text("What it said before").click()
    expect(
        history.first.get_by_text("the title was ‘Carer's Credit: protect your pension’")
    ).to_be_visible()
    check_accessibility(page)


def test_the_due_for_review_list_and_writing_an_easy_read_version(
    page,
    live_server,
    worker,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    working = actor_for(worker, hub.pk)
    today = timezone.localdate()
    make_article(
        working,
        title="Hospital discharge",
        slug="discharge",
        review_on=today - dt.timedelta(days=2),
    )
    make_article(
        working, title="Technology", slug="technology", review_on=today + dt.timedelta(days=10)
    )
    make_article(
        working, title="Young carers", slug="young-carers", review_on=today + dt.timedelta(days=200)
    )
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("advice:due"))
    expect_page(page, hub_url("advice:due"), "Articles due for review", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_role("row").filter(has_text="Hospital discharge")).to_contain_text("Overdue")
    expect(page.get_by_role("row").filter(has_text="Technology")).to_contain_text("Due soon")
    expect(page.get_by_role("link", name="Young carers")).to_have_count(0)
    check_accessibility(page)

    page.get_by_role("link", name="Technology").click()
    page.get_by_role("link", name="write an easy read version").click()
    expect_page(
        page,
        hub_url(
            "advice:edit_version",
            pk=Article.objects.get(slug="technology").pk,
            language="easy-read",
        ),
        "Easy read version",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("Article").fill("Apps can help you care.")
    page.get_by_role("button", name="Save").click()
    expect_error_summary(page, "Enter a title")
    expect(
        page.get_by_text("Good: easy read should have a reading age of 9 to 11.")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Title").fill("Technology: easy read")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Easy read version saved")).to_be_visible()
    expect(page.get_by_role("heading", name="Reading age of the easy read version")).to_be_visible()
    check_accessibility(page)
