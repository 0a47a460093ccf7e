"""The public checker's pages: one question per page, check your answers, the result."""

import datetime as dt

import pytest
from django.urls import reverse

from carershub.carers_allowance import selectors
from carershub.carers_allowance.models import RuleSet

pytestmark = pytest.mark.django_db

# The day the checker believes it is, set by each test rather than read from the clock.
IN_2025_26 = dt.date(2025, 5, 1)
IN_2026_27 = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def checker_day(monkeypatch):
    """The checker's today: 1 May 2025 unless a test moves it (``checker_day(some_day)``)."""

    def set_day(day):
        monkeypatch.setattr(selectors, "today", lambda: day)

    set_day(IN_2025_26)
    return set_day


ELIGIBLE = [
    ("where-you-live", {"country": "england"}),
    ("age", {"age": "45"}),
    ("benefits", {"benefits": ["attendance_allowance"]}),
    ("hours", {"hours": "40"}),
    ("education", {"studying": "no"}),
    ("earnings", {"earnings": "£120"}),
]


def answer(client, slug, data, **query):
    url = reverse("carers_allowance:question", args=[slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, data)


def answer_all(client, changes=None):
    changes = changes or {}
    for slug, data in ELIGIBLE:
        response = answer(client, slug, changes.get(slug, data))
        assert response.status_code == 302, response.content.decode()
    return response


def test_the_start_page_gives_the_weekly_rate_and_starts_the_questions(client, partnership):
    html = client.get(reverse("carers_allowance:start")).content.decode()

    assert "£83.30 a week" in html
    assert reverse("carers_allowance:question", args=["where-you-live"]) in html


def test_each_question_leads_to_the_next_then_to_check_your_answers(client, partnership):
    for (slug, data), following in zip(ELIGIBLE, ELIGIBLE[1:] + [(None, None)], strict=True):
        response = answer(client, slug, data)
        expected = (
            reverse("carers_allowance:question", args=[following[0]])
            if following[0]
            else reverse("carers_allowance:check")
        )
        assert response.url == expected


def test_check_your_answers_shows_each_answer_with_a_link_to_change_it(client, partnership):
    answer_all(client)

    html = client.get(reverse("carers_allowance:check")).content.decode()

    for text in ["England", "45", "Attendance Allowance", "40", "£120", "See your result"]:
        assert text in html
    assert html.count("?change=1") == len(ELIGIBLE)


def test_changing_an_answer_returns_to_check_your_answers(client, partnership):
    answer_all(client)
    page = client.get(
        reverse("carers_allowance:question", args=["hours"]) + "?change=1"
    ).content.decode()
    assert 'value="40"' in page  # the answer given before
    assert f'href="{reverse("carers_allowance:check")}"' in page  # back goes to check your answers

    response = answer(client, "hours", {"hours": "30"}, change=1)

    assert response.url == reverse("carers_allowance:check")
    assert (
        "You may not be able to get Carer&#39;s Allowance"
        in client.get(reverse("carers_allowance:result")).content.decode()
    )


def test_a_carer_who_may_qualify_is_told_why_and_what_to_do_next(client, partnership, hub):
    answer_all(client)

    html = client.get(reverse("carers_allowance:result")).content.decode()

    assert "You may be able to get Carer&#39;s Allowance" in html
    assert "The person you care for gets Attendance Allowance." in html
    assert "You care for 40 hours a week." in html
    assert "https://www.gov.uk/carers-allowance/how-to-claim" in html
    assert "severe disability premium" in html
    assert reverse("helpline:contact") in html
    assert "7 April 2025" in html
    assert "You may be able to get Carer&#39;s Credit" not in html.replace("Carer's", "Carer&#39;s")


@pytest.mark.parametrize(
    "changes, title, reason",
    [
        ({"age": {"age": "15"}}, "You may not be able to get", "You are under 16."),
        ({"hours": {"hours": "34"}}, "You may not be able to get", "You care for 34 hours a week."),
        (
            {"benefits": {"benefits": ["none"]}},
            "You may not be able to get",
            "does not get any of the benefits",
        ),
        (
            {"education": {"studying": "full_time"}},
            "You may not be able to get",
            "You are in full-time education.",
        ),
        (
            {"education": {"studying": "part_time", "study_hours": "21"}},
            "You may not be able to get",
            "Studying for 21 hours a week or more counts as full-time education.",
        ),
        (
            {"earnings": {"earnings": "196.01"}},
            "You may not be able to get",
            "more than the limit of £196 a week",
        ),
        (
            {"where-you-live": {"country": "elsewhere"}},
            "You may not be able to get",
            "You live outside the UK.",
        ),
        (
            {"where-you-live": {"country": "scotland"}},
            "Carer Support Payment instead",
            "You live in Scotland",
        ),
        (
            {"where-you-live": {"country": "northern_ireland"}},
            "in Northern Ireland through nidirect",
            "You live in Northern Ireland",
        ),
        (
            {"benefits": {"benefits": ["not_sure"]}},
            "if the person you care for gets a benefit that qualifies",
            "You are not sure which benefits",
        ),
    ],
)
def test_the_result_names_the_answer_that_led_to_it(client, partnership, changes, title, reason):
    answer_all(client, changes)

    html = client.get(reverse("carers_allowance:result")).content.decode().replace("&#39;", "'")

    assert title in html
    reasons = html.split('data-testid="reasons"')[1].split("</ul>")[0]
    assert reason in reasons


def test_a_carer_over_the_earnings_limit_is_pointed_to_carers_credit(client, partnership):
    answer_all(client, {"earnings": {"earnings": "250"}})

    html = client.get(reverse("carers_allowance:result")).content.decode().replace("&#39;", "'")

    assert "You may be able to get Carer's Credit" in html
    assert "https://www.gov.uk/carers-credit" in html


@pytest.mark.parametrize(
    "slug, data, message",
    [
        ("where-you-live", {}, "Select where you live"),
        ("age", {"age": ""}, "Enter your age"),
        ("age", {"age": "forty"}, "Enter your age in years, like 45"),
        (
            "benefits",
            {},
            "Select the benefits the person you care for gets, or select none of these",
        ),
        (
            "benefits",
            {"benefits": ["attendance_allowance", "none"]},
            "Select the benefits they get, or select none",
        ),
        ("hours", {"hours": "200"}, "Enter a number of hours no more than 168"),
        ("education", {}, "Select whether you are studying"),
        ("education", {"studying": "part_time"}, "Enter how many hours a week you study"),
        ("earnings", {"earnings": "a lot"}, "Enter an amount in pounds, like 150 or 150.50"),
        ("earnings", {"earnings": "-5"}, "Enter an amount in pounds, like 150 or 150.50"),
        ("earnings", {"earnings": "150000"}, "Enter how much you earn in a week, not in a year"),
    ],
)
def test_a_question_answered_wrongly_explains_and_keeps_what_was_typed(
    client, partnership, slug, data, message
):
    response = answer(client, slug, data)

    html = response.content.decode().replace("&#39;", "'")
    assert response.status_code == 200
    assert message in html
    assert "Error:" in html
    for value in data.values():
        if isinstance(value, str) and value:
            assert f'value="{value}"' in html


def test_earnings_are_read_with_a_pound_sign_and_commas(client, partnership):
    answer_all(client, {"earnings": {"earnings": "£1,000.5"}})

    assert "£1,000.50" in client.get(reverse("carers_allowance:check")).content.decode()


def test_jumping_ahead_sends_you_to_the_first_unanswered_question(client, partnership):
    answer(client, "where-you-live", {"country": "wales"})

    for name in ("carers_allowance:check", "carers_allowance:result"):
        assert client.get(reverse(name)).url == reverse("carers_allowance:question", args=["age"])


def test_an_unknown_question_is_not_found(client, partnership):
    assert client.get(reverse("carers_allowance:question", args=["shoe-size"])).status_code == 404


def test_starting_again_forgets_the_answers(client, partnership):
    answer_all(client)

    client.get(reverse("carers_allowance:start"))

    assert client.get(reverse("carers_allowance:result")).url == reverse(
        "carers_allowance:question", args=["where-you-live"]
    )


def test_without_rules_for_today_the_checker_says_it_is_not_available(
    client, partnership, checker_day
):
    checker_day(dt.date(2025, 1, 1))  # before the first rule set shipped
    RuleSet.objects.create(
        name="Future",
        effective_from=dt.date(2025, 1, 31),
        effective_until=dt.date(2025, 3, 31),
        weekly_rate=90,
        earnings_limit=200,
        minimum_hours=35,
        minimum_age=16,
        study_hours_limit=21,
        carers_credit_hours=20,
        countries=["england"],
        qualifying_benefits=[],
        sources=[],
        checked_on=dt.date(2025, 1, 1),
    )

    response = client.get(reverse("carers_allowance:start"))

    assert response.status_code == 503
    assert "not available" in response.content.decode()


def test_the_benefit_choices_come_from_the_rule_set_in_force(client, partnership):
    html = client.get(reverse("carers_allowance:question", args=["benefits"])).content.decode()

    assert "Armed Forces Independence Payment" in html
    assert "Pension Age Disability Payment" in html
    assert "None of these" in html


def test_the_result_page_reads_a_fixed_number_of_queries(
    client, partnership, django_assert_max_num_queries
):
    answer_all(client)
    client.get(reverse("carers_allowance:result"))

    with django_assert_max_num_queries(8):
        assert client.get(reverse("carers_allowance:result")).status_code == 200


def test_a_carer_earning_200_a_week_is_within_the_2026_27_earnings_limit(
    client, partnership, checker_day
):
    checker_day(IN_2026_27)
    answer_all(client, {"earnings": {"earnings": "200"}})

    html = client.get(reverse("carers_allowance:result")).content.decode().replace("&#39;", "'")

    assert "You may be able to get Carer's Allowance" in html
    assert "You earn £200 a week after deductions. The limit is £204 a week." in html
    assert "Carer's Allowance is £86.45 a week." in html
    assert "6 April 2026" in html
    assert "To be confirmed against GOV.UK" in html


def test_a_carer_earning_200_a_week_in_2025_26_was_over_that_years_limit(client, partnership):
    answer_all(client, {"earnings": {"earnings": "200"}})

    html = client.get(reverse("carers_allowance:result")).content.decode()

    assert "more than the limit of £196 a week" in html


def test_the_start_page_gives_the_2026_27_weekly_rate_from_6_april_2026(
    client, partnership, checker_day
):
    checker_day(dt.date(2026, 4, 5))
    assert "£83.30 a week" in client.get(reverse("carers_allowance:start")).content.decode()

    checker_day(dt.date(2026, 4, 6))
    assert "£86.45 a week" in client.get(reverse("carers_allowance:start")).content.decode()


@pytest.mark.parametrize("name", ["carers_allowance:start", "carers_allowance:result"])
def test_the_checker_says_the_figures_may_be_out_of_date_after_the_last_rule_set_ends(
    client, partnership, checker_day, name
):
    answer_all(client)
    checker_day(dt.date(2027, 4, 11))
    assert 'data-testid="stale-figures"' not in client.get(reverse(name)).content.decode()

    checker_day(dt.date(2027, 4, 12))
    html = client.get(reverse(name)).content.decode().replace("&#39;", "'")

    assert 'data-testid="stale-figures"' in html
    assert "applied until 11 April 2027, so they may be out of date" in html
    assert "£86.45" in html  # the newest figures are still shown, with the warning
