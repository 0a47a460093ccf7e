"""Articles for tests, made through the services so that they are exactly what the pages make."""

import datetime as dt

from django.utils import timezone

from carershub.advice import services
from carershub.advice.models import Article

BODY = """Carer's Allowance is money for people who care for someone for at least 35 hours a week.

## Who can get it

- you are 16 or over
- the person you care for gets a disability benefit
"""


def make_article(actor, *, published=False, sources=1, **fields):
    """An article of the actor's partnership: a draft, or published by the actor (a manager)."""
    n = Article.objects.count() + 1
    values = {
        "title": f"Carer's Allowance {n}",
        "slug": f"carers-allowance-{n}",
        "summary": "Money if you care for someone for 35 hours a week or more.",
        "body": BODY,
        "owner": actor.user,
        "review_on": timezone.localdate() + dt.timedelta(days=180),
        "audiences": ["adult-carers"],
        "topics": ["benefits-and-money"],
    }
    values.update(fields)
    article = services.create_article(actor, partnership=actor.organisation.partnership, **values)
    for i in range(sources):
        services.add_source(
            actor,
            article,
            title=f"Carer's Allowance on GOV.UK {i + 1}",
            url="https://www.gov.uk/carers-allowance",
            checked_on=timezone.localdate(),
        )
    article.refresh_from_db()
    if published:
        article = services.publish(actor, article, expected_version=article.version)
    return article
