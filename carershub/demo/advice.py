"""Starter articles for the demo partnership, loaded from starter_articles.json through the
services.
"""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role, User
from carershub.advice import services
from carershub.advice.models import EASY_READ
from carershub.demo import data

STARTER = Path(__file__).parent / "starter_articles.json"
# One article comes up for review within the month,
# so the "due for review" list has something in it.
DUE_SOON = "technology-that-helps"


def _blocks(blocks):
    return "\n\n".join(blocks)


def seed_articles(partnership, orgs):
    """Every starter article, written by the hub's support worker and published by its manager."""
    hub = orgs[data.HUB]
    staff = User.objects.filter(memberships__organisation=hub).distinct()
    manager = staff.filter(memberships__role=Role.HUB_MANAGER).order_by("pk").first()
    worker = staff.filter(memberships__role=Role.SUPPORT_WORKER).order_by("pk").first() or manager
    writing, publishing = actor_for(worker, hub.pk), actor_for(manager, hub.pk)
    starter = json.loads(STARTER.read_text(encoding="utf-8"))
    checked_on = dt.date.fromisoformat(starter["checked_on"])
    today = timezone.localdate()
    articles = []
    for item in starter["articles"]:
        review_in = 20 if item["slug"] == DUE_SOON else 180
        article = services.create_article(
            writing,
            partnership=partnership,
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            body=_blocks(item["body"]),
            owner=worker if item["slug"] != "carers-allowance" else manager,
            review_on=today + dt.timedelta(days=review_in),
            audiences=item["audiences"],
            topics=item["topics"],
        )
        for source in item["sources"]:
            services.add_source(
                writing,
                article,
                title=source["title"],
                url=source["url"],
                checked_on=min(checked_on, today),
            )
        if "easy_read" in item:
            services.save_version(
                writing,
                article,
                language=EASY_READ,
                title=item["easy_read"]["title"],
                body=_blocks(item["easy_read"]["body"]),
            )
        article.refresh_from_db()
        articles.append(services.publish(publishing, article, expected_version=article.version))
    return articles
