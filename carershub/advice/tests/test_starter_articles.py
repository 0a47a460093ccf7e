"""The demo's starter articles: short, plain, every one published with official sources."""

import json

import pytest

from carershub.advice.markup import to_text
from carershub.advice.models import Article, Status
from carershub.advice.readability import reading_age
from carershub.demo import data
from carershub.demo.advice import STARTER, seed_articles

OFFICIAL = ("https://www.gov.uk/", "https://www.legislation.gov.uk/", "https://www.nhs.uk/")


@pytest.fixture
def starter():
    return json.loads(STARTER.read_text(encoding="utf-8"))["articles"]


def test_every_starter_article_is_short_and_cites_only_official_sources(starter):
    for item in starter:
        words = len(to_text("\n\n".join(item["body"])).split())
        assert 150 <= words <= 300, (item["slug"], words)
        assert item["sources"] and all(s["url"].startswith(OFFICIAL) for s in item["sources"]), (
            item["slug"]
        )


def test_every_starter_article_reads_at_the_age_we_ask_editors_for(starter):
    for item in starter:
        assert reading_age(to_text("\n\n".join(item["body"]))).age <= 12, item["slug"]
        if "easy_read" in item:
            assert reading_age(to_text("\n\n".join(item["easy_read"]["body"]))).age <= 11, item[
                "slug"
            ]


@pytest.mark.django_db
def test_the_demo_publishes_every_starter_article_with_its_sources(
    starter, partnership, make_staff
):
    from carershub.accounts.models import Role
    from carershub.partnerships.tests.factories import OrganisationFactory

    hub = OrganisationFactory(partnership=partnership, name=data.HUB)
    make_staff(Role.HUB_MANAGER, hub)
    make_staff(Role.SUPPORT_WORKER, hub)
    seed_articles(partnership, {data.HUB: hub})
    articles = Article.objects.filter(partnership=partnership)
    assert articles.count() == len(starter)
    assert set(articles.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert all(article.sources.exists() for article in articles)
    assert articles.get(slug="carers-leave").versions.filter(language="easy-read").exists()
