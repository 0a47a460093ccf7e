"""Articles take the Carer's Allowance figures from the rules in force, never typed by hand, and say
when those figures may be out of date."""

import datetime as dt
import io
import json

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.advice import figures
from carershub.advice.models import Article
from carershub.advice.tests.factories import make_article
from carershub.carers_allowance import selectors as carers_allowance
from carershub.demo.advice import STARTER

pytestmark = pytest.mark.django_db

BODY = (
    "It is ((carers_allowance.weekly_rate)) a week from ((carers_allowance.effective_from)). "
    "The earnings limit is ((carers_allowance.earnings_limit)) a week."
)


@pytest.fixture
def day(monkeypatch):
    """Set the day the rules are read for: ``day(some_date)``."""

    def set_day(value):
        monkeypatch.setattr(carers_allowance, "today", lambda: value)

    return set_day


def article_form(**changes):
    data = {
        "title": "Carer's Allowance",
        "slug": "carers-allowance",
        "summary": "Money while you care.",
        "body": BODY,
        "audiences": ["adult-carers"],
        "topics": ["benefits-and-money"],
        "review_on-day": "1",
        "review_on-month": "4",
        "review_on-year": str(timezone.localdate().year + 1),
    }
    data.update(changes)
    return data


def test_an_article_shows_the_carers_allowance_figures_in_force_on_the_day(client, managing, day):
    article = make_article(managing, published=True, body=BODY)
    url = reverse("advice:article", args=[article.slug])

    day(dt.date(2026, 4, 5))
    before = client.get(url).content.decode()
    day(dt.date(2026, 4, 6))
    after = client.get(url).content.decode()

    assert "It is £83.30 a week from 7 April 2025. The earnings limit is £196 a week." in before
    assert "It is £86.45 a week from 6 April 2026. The earnings limit is £204 a week." in after
    assert "((" not in after and 'data-testid="stale-figures"' not in after


def test_an_article_with_figures_says_they_may_be_out_of_date_after_the_last_rules_end(
    client, managing, working, day
):
    from carershub.advice import services

    article = make_article(managing, published=True, body=BODY)
    services.save_version(working, article, language="easy-read", title="Easy", body=BODY)
    day(dt.date(2027, 4, 12))

    for name in ("advice:article", "advice:easy_read"):
        page = client.get(reverse(name, args=[article.slug])).content.decode().replace("&#39;", "'")
        assert 'data-testid="stale-figures"' in page, name
        assert "applied until 11 April 2027, so they may be out of date" in page
        assert "£86.45" in page
    pdf = pypdf.PdfReader(
        io.BytesIO(client.get(reverse("advice:large_print", args=[article.slug])).content)
    )
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "so they may be out of date" in text and "£86.45" in text


def test_an_article_without_figures_never_warns_about_them(client, managing, day):
    article = make_article(managing, published=True)
    day(dt.date(2027, 4, 12))

    page = client.get(reverse("advice:article", args=[article.slug])).content.decode()

    assert 'data-testid="stale-figures"' not in page


def test_the_staff_view_of_an_article_fills_the_figures_and_warns_when_out_of_date(
    sign_in, worker, hub, working, day
):
    article = make_article(working, body=BODY)
    day(dt.date(2027, 4, 12))

    page = (
        sign_in(worker, hub)
        .get(reverse("advice:staff_article", args=[article.pk]))
        .content.decode()
    )

    assert "It is £86.45 a week" in page and 'data-testid="stale-figures"' in page


def test_typing_a_carers_allowance_amount_by_hand_is_refused_and_keeps_what_was_typed(
    sign_in, worker, hub
):
    typed = "Carer's Allowance is £86.45 a week. You can earn £204."
    response = sign_in(worker, hub).post(
        reverse("advice:new"), article_form(body=typed, owner=str(worker.pk))
    )

    page = response.content.decode().replace("&#39;", "'")
    assert response.status_code == 200 and not Article.objects.exists()
    assert "Do not type £86.45, £204: use the figure's name from the list" in page
    assert typed in page


def test_a_misspelt_figure_name_is_refused(sign_in, worker, hub):
    response = sign_in(worker, hub).post(
        reverse("advice:new"),
        article_form(body="It is ((carers_allowance.weekly_rat)) a week.", owner=str(worker.pk)),
    )

    page = response.content.decode()
    assert response.status_code == 200 and not Article.objects.exists()
    assert (
        "The article uses ((carers_allowance.weekly_rat)), which the hub has no figure for" in page
    )


def test_an_article_using_the_figures_by_name_is_saved(sign_in, worker, hub):
    response = sign_in(worker, hub).post(reverse("advice:new"), article_form(owner=str(worker.pk)))

    assert response.status_code == 302
    assert Article.objects.get().body == BODY


def test_the_starter_articles_type_no_carers_allowance_amounts_and_use_only_known_figures():
    starter = json.loads(STARTER.read_text(encoding="utf-8"))["articles"]
    amounts = carers_allowance.money_figures()
    assert amounts  # the shipped rule sets
    for item in starter:
        texts = ["\n\n".join(item["body"]), item["summary"]]
        if "easy_read" in item:
            texts.append("\n\n".join(item["easy_read"]["body"]))
        for text in texts:
            assert figures.typed_amounts(text, amounts) == [], item["slug"]
            assert figures.unknown_placeholders(text) == [], item["slug"]
    allowance = next(item for item in starter if item["slug"] == "carers-allowance")
    assert "((carers_allowance.weekly_rate))" in "\n".join(allowance["body"])
    assert "((carers_allowance.earnings_limit))" in "\n".join(allowance["body"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("((carers_allowance.weekly_rate)) a week", "£86.45 a week"),
        ("((carers_allowance.earnings_limit))", "£204"),
        ("((something.else)) stays", "((something.else)) stays"),
        ("no figures", "no figures"),
    ],
)
def test_filling_replaces_only_the_figures_the_hub_holds(text, expected):
    assert figures.fill(text, {"weekly_rate": "£86.45", "earnings_limit": "£204"}) == expected
