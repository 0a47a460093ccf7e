"""The public checker's pages: one question per page, check your answers, the result."""

import datetime as dt

import pytest
from django.urls import reverse

from carershub.carers_allowance.models import RuleSet

pytestmark = pytest.mark.django_db

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
        expected = (reverse("carers_allowance:question", args=[following[0]]) if following[0]
                    else reverse("carers_allowance:check"))
        assert response.url == expected


def test_check_your_answers_shows_each_answer_with_a_link_to_change_it(client, partnership):
    answer_all(client)

    html = client.get(reverse("carers_allowance:check")).content.decode()

    for text in ["England", "45", "Attendance Allowance", "40", "£120", "See your result"]:
        assert text in html
    assert html.count("?change=1") == len(ELIGIBLE)


def test_changing_an_answer_returns_to_check_your_answers(client, partnership):
    answer_all(client)
    page = client.get(reverse("carers_allowance:question", args=["hours"]) + "?change=1").content.decode()
    assert 'value="40"' in page  # the answer given before
    assert f'href="{reverse("carers_allowance:check")}"' in page  # back goes to check your answers

    response = answer(client, "hours", {"hours": "30"}, change=1)

    assert response.url == reverse("carers_allowance:check")
    assert "You may not be able to get Carer&#39;s Allowance" in client.get(
        reverse("carers_allowance:result")).content.decode()


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


@pytest.mark.parametrize("changes, title, reason", [
    ({"age": {"age": "15"}}, "You may not be able to get", "You are under 16."),
    ({"hours": {"hours": "34"}}, "You may not be able to get", "You care for 34 hours a week."),
    ({"benefits": {"benefits": ["none"]}}, "You may not be able to get", "does not get any of the benefits"),
    ({"education": {"studying": "full_time"}}, "You may not be able to get", "You are in full-time education."),
    ({"education": {"studying": "part_time", "study_hours": "21"}}, "You may not be able to get",
     "Studying for 21 hours a week or more counts as full-time education."),
    ({"earnings": {"earnings": "196.01"}}, "You may not be able to get", "more than the limit of £196 a week"),
    ({"where-you-live": {"country": "elsewhere"}}, "You may not be able to get", "You live outside the UK."),
    ({"where-you-live": {"country": "scotland"}}, "Carer Support Payment instead", "You live in Scotland"),
    ({"where-you-live": {"country": "northern_ireland"}}, "in Northern Ireland through nidirect",
     "You live in Northern Ireland"),
    ({"benefits": {"benefits": ["not_sure"]}}, "if the person you care for gets a benefit that qualifies",
     "You are not sure which benefits"),
])
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


@pytest.mark.parametrize("slug, data, message", [
    ("where-you-live", {}, "Select where you live"),
    ("age", {"age": ""}, "Enter your age"),
    ("age", {"age": "forty"}, "Enter your age in years, like 45"),
    ("benefits", {}, "Select the benefits the person you care for gets, or select none of these"),
    ("benefits", {"benefits": ["attendance_allowance", "none"]}, "Select the benefits they get, or select none"),
    ("hours", {"hours": "200"}, "Enter a number of hours no more than 168"),
    ("education", {}, "Select whether you are studying"),
    ("education", {"studying": "part_time"}, "Enter how many hours a week you study"),
    ("earnings", {"earnings": "a lot"}, "Enter an amount in pounds, like 150 or 150.50"),
    ("earnings", {"earnings": "-5"}, "Enter an amount in pounds, like 150 or 150.50"),
    ("earnings", {"earnings": "150000"}, "Enter how much you earn in a week, not in a year"),
])
def test_a_question_answered_wrongly_explains_and_keeps_what_was_typed(client, partnership, slug, data, message):
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
        "carers_allowance:question", args=["where-you-live"])


def test_without_rules_for_today_the_checker_says_it_is_not_available(client, partnership):
    RuleSet.objects.create(name="Future", effective_from=dt.date.today() + dt.timedelta(days=30), weekly_rate=90,
                           earnings_limit=200, minimum_hours=35, minimum_age=16, study_hours_limit=21,
                           carers_credit_hours=20, countries=["england"], qualifying_benefits=[], sources=[],
                           checked_on=dt.date.today())

    response = client.get(reverse("carers_allowance:start"))

    assert response.status_code == 503
    assert "not available" in response.content.decode()


def test_the_benefit_choices_come_from_the_rule_set_in_force(client, partnership):
    html = client.get(reverse("carers_allowance:question", args=["benefits"])).content.decode()

    assert "Armed Forces Independence Payment" in html
    assert "Pension Age Disability Payment" in html
    assert "None of these" in html


def test_the_result_page_reads_a_fixed_number_of_queries(client, partnership, django_assert_max_num_queries):
    answer_all(client)
    client.get(reverse("carers_allowance:result"))

    with django_assert_max_num_queries(8):
        assert client.get(reverse("carers_allowance:result")).status_code == 200
