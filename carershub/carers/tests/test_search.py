"""Finding a carer: by part of a name (with typos, accents, apostrophes, in any script), reference,
NHS number, postcode or date of birth; only ever among the records the actor may see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services
from carershub.carers.models import Carer
from carershub.carers.selectors import find_carers
from carershub.carers.tests.factories import CarerFactory
from carershub.search.services import index_carers


@pytest.fixture
def make_carer(hub):
    """make_carer(**fields) -> a carer held by the hub, in the search index as services leave it."""

    def make(**fields):
        fields.setdefault("holding_organisation", hub)
        carer = CarerFactory(**fields)
        index_carers([carer.pk])
        return carer

    return make


@pytest.fixture
def actor(make_staff, actor_of, hub):
    return actor_of(make_staff(Role.SUPPORT_WORKER, hub), hub)


def names(page):
    return [c.full_name for c in page]


@pytest.mark.django_db
def test_jonh_smiht_finds_john_smith(make_carer, actor):
    make_carer(given_name="John", family_name="Smith")
    make_carer(given_name="Joan", family_name="Smart")
    assert names(find_carers(actor, "Jonh Smiht")) == ["John Smith"]


@pytest.mark.django_db
def test_zoe_finds_zoe_with_a_diaeresis(make_carer, actor):
    make_carer(given_name="Zoë", family_name="Foxglove")
    assert names(find_carers(actor, "Zoe")) == ["Zoë Foxglove"]
    assert names(find_carers(actor, "zoë foxglove")) == ["Zoë Foxglove"]


@pytest.mark.django_db
def test_obrien_finds_o_apostrophe_brien(make_carer, actor):
    make_carer(given_name="Ada", family_name="O'Brien")
    make_carer(given_name="Bex", family_name="O’Brien")  # a typographer's apostrophe
    assert names(find_carers(actor, "OBrien")) == ["Ada O'Brien", "Bex O’Brien"]
    assert names(find_carers(actor, "o'brien ada")) == ["Ada O'Brien"]
    assert names(find_carers(actor, "Brien")) == ["Ada O'Brien", "Bex O’Brien"]


@pytest.mark.django_db
def test_a_name_in_urdu_script_finds_itself(make_carer, actor):
    make_carer(given_name="محمد", family_name="علی")
    make_carer(given_name="فاطمہ", family_name="خان")
    assert names(find_carers(actor, "محمد علی")) == ["محمد علی"]
    assert names(find_carers(actor, "علی")) == ["محمد علی"]


@pytest.mark.django_db
def test_part_of_a_name_finds_everyone_whose_name_starts_that_way(make_carer, actor):
    make_carer(given_name="Ada", family_name="Foxglove")
    make_carer(given_name="Adam", family_name="Fox")
    make_carer(given_name="Bex", family_name="Yarrow")
    assert names(find_carers(actor, "fox")) == ["Adam Fox", "Ada Foxglove"]
    assert names(find_carers(actor, "ad fox")) == ["Adam Fox", "Ada Foxglove"]
    assert names(find_carers(actor, "A Yarrow")) == []
    assert names(find_carers(actor, "B Yarrow")) == ["Bex Yarrow"]


@pytest.mark.django_db
def test_exact_names_come_before_longer_names_and_those_before_misspellings(make_carer, actor):
    make_carer(given_name="Jon", family_name="Smith")
    make_carer(given_name="Johnny", family_name="Smith")
    make_carer(given_name="John", family_name="Smith")
    assert names(find_carers(actor, "John Smith")) == ["John Smith", "Johnny Smith", "Jon Smith"]


@pytest.mark.django_db
def test_every_word_typed_must_match(make_carer, actor):
    make_carer(given_name="John", family_name="Smith")
    make_carer(given_name="John", family_name="Jones")
    assert names(find_carers(actor, "john smith")) == ["John Smith"]


@pytest.mark.django_db
def test_a_preferred_name_finds_the_carer(make_carer, actor):
    make_carer(given_name="Margaret", family_name="Foxglove", preferred_name="Peggy")
    assert names(find_carers(actor, "peggy foxglove")) == ["Margaret Foxglove"]


@pytest.mark.django_db
def test_a_reference_is_found_whatever_its_case(make_carer, actor):
    carer = make_carer(reference="C-7KQ2-MX9P")
    make_carer(reference="C-7KQ2-MX9Q")
    assert [c.pk for c in find_carers(actor, carer.reference.lower())] == [carer.pk]
    assert [c.pk for c in find_carers(actor, "c 7kq2 mx9p")] == [carer.pk]
    assert [c.pk for c in find_carers(actor, "C7KQ2MX9P")] == [carer.pk]


@pytest.mark.django_db
def test_an_nhs_number_is_found_with_or_without_spaces(make_carer, actor):
    carer = make_carer(nhs_number="9434765919")
    make_carer(nhs_number="4857773456")
    for typed in ["9434765919", "943 476 5919", "943-476-5919"]:
        assert [c.pk for c in find_carers(actor, typed)] == [carer.pk]


@pytest.mark.django_db
def test_a_postcode_is_found_whole_or_by_its_outward_code(make_carer, actor):
    near = make_carer(given_name="Ada", postcode="ZZ1 1AA")
    same_district = make_carer(given_name="Bex", postcode="ZZ1 9XY")
    make_carer(given_name="Cai", postcode="ZZ12 1AA")
    assert [c.pk for c in find_carers(actor, "zz11aa")] == [near.pk]
    assert [c.pk for c in find_carers(actor, "ZZ1 1AA")] == [near.pk]
    assert {c.pk for c in find_carers(actor, "ZZ1")} == {near.pk, same_district.pk}
    assert [c.pk for c in find_carers(actor, "ZZ1 9")] == [same_district.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["27/3/1961", "27 3 1961", "1961-03-27", "27.03.1961"])
def test_a_date_of_birth_is_found_as_people_type_it(make_carer, actor, typed):
    carer = make_carer(date_of_birth=dt.date(1961, 3, 27))
    make_carer(date_of_birth=dt.date(1961, 3, 28))
    assert [c.pk for c in find_carers(actor, typed)] == [carer.pk]


@pytest.mark.django_db
def test_a_name_with_a_date_of_birth_narrows_the_search(make_carer, actor):
    carer = make_carer(given_name="John", family_name="Smith", date_of_birth=dt.date(1961, 3, 27))
    make_carer(given_name="John", family_name="Smith", date_of_birth=dt.date(1970, 1, 1))
    assert [c.pk for c in find_carers(actor, "smith 27/3/1961")] == [carer.pk]


@pytest.mark.django_db
def test_another_organisations_carers_never_appear(make_carer, actor, other_hub):
    make_carer(given_name="Ada", family_name="Foxglove", nhs_number="9434765919")
    theirs = make_carer(
        holding_organisation=other_hub,
        given_name="Ada",
        family_name="Foxglove",
        nhs_number="9434765919",
    )
    for typed in [
        "Ada Foxglove",
        "foxglvoe",
        "9434765919",
        theirs.reference,
        "ZZ1 1AA",
        "27/3/1961",
    ]:
        assert theirs.pk not in [c.pk for c in find_carers(actor, typed)], typed


@pytest.mark.django_db
def test_a_partner_finds_only_the_carers_who_consented_to_share_with_it(
    make_carer, actor, make_staff, actor_of, hospital
):
    shared = make_carer(given_name="Ada", family_name="Foxglove")
    make_carer(given_name="Ada", family_name="Foxhall")
    consent = services.record_consent(
        actor,
        shared,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    partner = actor_of(make_staff(Role.SUPPORT_WORKER, hospital), hospital)
    assert names(find_carers(partner, "ada fox")) == ["Ada Foxglove"]
    services.withdraw_consent(actor, consent)
    assert names(find_carers(partner, "ada fox")) == []


@pytest.mark.django_db
def test_merged_records_are_left_out(make_carer, actor):
    survivor = make_carer(given_name="Ada", family_name="Foxglove")
    merged = make_carer(given_name="Ada", family_name="Foxglove")
    Carer.unscoped.filter(pk=merged.pk).update(
        merged_into=survivor, status="closed", closed_reason="duplicate"
    )
    assert [c.pk for c in find_carers(actor, "Ada Foxglove")] == [survivor.pk]
    assert [c.pk for c in find_carers(actor, merged.reference)] == []
    assert [c.pk for c in find_carers(actor, "")] == [survivor.pk]


@pytest.mark.django_db
def test_a_changed_name_is_found_by_its_new_spelling_once_reindexed(make_carer, actor):
    carer = make_carer(given_name="Ada", family_name="Foxglove")
    Carer.unscoped.filter(pk=carer.pk).update(family_name="Yarrow")
    index_carers([carer.pk])
    assert names(find_carers(actor, "foxglove")) == []
    assert names(find_carers(actor, "yarrow")) == ["Ada Yarrow"]


@pytest.mark.django_db
def test_results_come_a_page_at_a_time(make_carer, actor):
    for n in range(30):
        make_carer(given_name=f"Ada{n:02d}", family_name="Foxglove")
    first, second = find_carers(actor, "foxglove", 1), find_carers(actor, "foxglove", 2)
    assert first.paginator.count == 30
    assert len(first) == 25 and len(second) == 5
    assert not {c.pk for c in first} & {c.pk for c in second}


@pytest.mark.django_db
def test_the_list_of_everyone_counts_only_so_far_and_says_there_are_more(
    make_carer, actor, monkeypatch
):
    from carershub.search import queries

    monkeypatch.setattr(queries, "LIST_LIMIT", 3)
    for n in range(5):
        make_carer(given_name=f"Ada{n}", family_name="Foxglove")
    page = find_carers(actor, "", 1)
    assert page.paginator.count == 3 and page.more_than_counted
    assert names(page) == ["Ada4 Foxglove", "Ada3 Foxglove", "Ada2 Foxglove"]  # newest first
    monkeypatch.setattr(queries, "LIST_LIMIT", 5)
    page = find_carers(actor, "", 1)
    assert page.paginator.count == 5 and not page.more_than_counted


@pytest.mark.django_db
def test_a_long_list_says_more_than_and_asks_for_a_search(
    make_carer, worker, sign_in, hub, monkeypatch
):
    from carershub.search import queries

    monkeypatch.setattr(queries, "LIST_LIMIT", 2)
    for n in range(3):
        make_carer(given_name=f"Ada{n}", family_name="Foxglove")
    html = sign_in(worker, hub).get(reverse("carers:list")).content.decode()
    assert "More than 2 carers" in html
    assert "search to find anyone" in html


@pytest.mark.django_db
def test_a_common_name_is_searched_without_close_spellings(make_carer, actor, monkeypatch):
    from carershub.search import queries

    monkeypatch.setattr(queries, "COMMON_NAME", 3)
    for n in range(3):
        make_carer(given_name=f"Ada{n}", family_name="Smith")
    make_carer(given_name="Bea", family_name="Smithson")
    make_carer(given_name="Cas", family_name="Smyth")
    page = find_carers(actor, "Smith")
    assert names(page) == ["Ada0 Smith", "Ada1 Smith", "Ada2 Smith", "Bea Smithson"]
    assert page.common_words == ["smith"]
    # A rare spelling still finds the common one: only the common word loses its close spellings.
    assert set(names(find_carers(actor, "Smyth"))) == {
        "Cas Smyth",
        "Ada0 Smith",
        "Ada1 Smith",
        "Ada2 Smith",
    }
    assert find_carers(actor, "Smyth").common_words == []


@pytest.mark.django_db
def test_the_page_says_when_close_spellings_were_left_out(
    make_carer, worker, sign_in, hub, monkeypatch
):
    from carershub.search import queries

    monkeypatch.setattr(queries, "COMMON_NAME", 2)
    for n in range(2):
        make_carer(given_name=f"Ada{n}", family_name="Smith")
    html = sign_in(worker, hub).get(reverse("carers:list"), {"q": "smith"}).content.decode()
    assert (
        "Smith is a common name: only names that match exactly or start the same way are shown"
        in html
    )


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_the_matches_and_how_many(make_carer, worker, sign_in, hub):
    make_carer(given_name="John", family_name="Smith")
    html = sign_in(worker, hub).get(reverse("carers:list"), {"q": "Jonh Smiht"}).content.decode()
    assert "1 carer matching “Jonh Smiht”" in html
    assert "John Smith" in html
    assert "including names spelled a little differently" in html


@pytest.mark.django_db
def test_a_search_with_no_matches_says_so_and_suggests_other_ways(make_carer, worker, sign_in, hub):
    make_carer(given_name="John", family_name="Smith")
    html = sign_in(worker, hub).get(reverse("carers:list"), {"q": "Nobody"}).content.decode()
    assert "No carers found matching “Nobody”." in html
    assert "search by reference, NHS number, postcode or date of birth" in html
    assert not AuditLog.objects.filter(operation=Operation.SEARCH).exists()


@pytest.mark.django_db
def test_a_search_writes_one_audit_row_per_carer_shown_and_nothing_typed(
    make_carer, worker, sign_in, hub
):
    shown = [
        make_carer(given_name="Ada", family_name="Foxglove"),
        make_carer(given_name="Bea", family_name="Foxglove"),
    ]
    make_carer(given_name="Cai", family_name="Yarrow")
    sign_in(worker, hub).get(reverse("carers:list"), {"q": "foxglove 27/3/1961"})
    rows = AuditLog.objects.filter(operation=Operation.SEARCH, object_type="carers.carer")
    assert sorted(r.object_id for r in rows) == sorted(str(c.pk) for c in shown)
    assert rows[0].context == {
        "view": "carers:list",
        "searched": True,
        "by": ["date of birth", "name"],
        "page": 1,
    }
    assert "foxglove" not in str(rows[0].context).lower() and "1961" not in str(rows[0].context)


@pytest.mark.django_db
def test_a_search_that_cannot_be_run_says_why_and_shows_and_audits_nothing(
    make_carer, worker, sign_in, hub
):
    make_carer()
    response = sign_in(worker, hub).get(reverse("carers:list"), {"q": "J"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter at least 2 letters of a name" in html
    assert 'href="#id_q"' in html
    assert "<title>Error: " in html
    assert not AuditLog.objects.filter(operation=Operation.SEARCH).exists()


@pytest.mark.django_db
def test_the_next_page_link_keeps_the_search(make_carer, worker, sign_in, hub):
    for n in range(26):
        make_carer(given_name=f"Ada{n:02d}", family_name="Foxglove")
    html = sign_in(worker, hub).get(reverse("carers:list"), {"q": "foxglove"}).content.decode()
    assert "?q=foxglove&amp;page=2" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Jonh Smiht", "smi", "ZZ1", "27/3/1961", "smith 27 3 1961", ""])
def test_search_page_queries_do_not_grow_with_the_register(
    make_carer, worker, sign_in, hub, query, django_assert_max_num_queries
):
    client = sign_in(worker, hub)
    for _ in range(2):
        make_carer(given_name="John", family_name="Smith")
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("carers:list"), {"q": query})
    for n in range(40):
        make_carer(given_name="John", family_name="Smith" if n % 2 else "Smyth")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("carers:list"), {"q": query})
    assert "carers" in response.content.decode()


@pytest.mark.django_db
def test_a_search_is_at_most_three_queries_whatever_it_finds(
    make_carer, actor, django_assert_max_num_queries
):
    # How common the name words are, the ranked page with the number of matches, those carers.
    for n in range(30):
        make_carer(given_name="John", family_name=f"Smith{'' if n % 3 else 'e'}")
    for typed in ["Jonh Smiht", "9434765919", "C-AAAA-2222"]:
        with django_assert_max_num_queries(3 if typed == "Jonh Smiht" else 2):
            page = find_carers(actor, typed)
            list(page)
            assert page.paginator.count >= 0


@pytest.mark.django_db
@pytest.mark.parametrize("page_number", ["1" + "0" * 20, "9" * 12, "3"])
def test_a_search_asked_for_a_page_past_the_end_shows_the_last_page(make_carer, actor, page_number):
    for n in range(27):
        make_carer(given_name=f"Carer{n:02d}", family_name="Smith")
    page = find_carers(actor, "smith", page_number)
    assert (page.number, len(page), page.paginator.count) == (2, 2, 27)


@pytest.mark.django_db
@pytest.mark.parametrize("word", ["a" * 99, "Ada" + "a" * 147, "Zoë" * 50])
def test_searching_for_a_very_long_name_word_answers_without_a_server_error(
    make_carer, worker, sign_in, hub, word
):
    make_carer(given_name="a" * 100, family_name="Foxglove")
    response = sign_in(worker, hub).get(reverse("carers:list"), {"q": word})
    assert response.status_code == 200
    if len(word) > 100:
        assert "Name or reference must be 100 characters or fewer" in response.content.decode()


def test_an_nhs_number_search_with_a_lookup_key_missing_says_the_keys_are_wrong_not_no_carers_found(
    client, sign_in, hub, make_staff
):
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings

    from carershub.core import live_hub
    from carershub.core.encryption import make_hash_key

    CarerFactory(
        holding_organisation=hub, nhs_number="9434765919"
    )  # its hash under the key configured now
    new_key = make_hash_key()
    with override_settings(
        HUB_IS_LIVE=True, LOOKUP_HASH_KEYS=[new_key, *settings.LOOKUP_HASH_KEYS]
    ):
        live_hub.record_identity()  # a new key put first for a rotation
    sign_in(make_staff(Role.SUPPORT_WORKER, hub), hub)
    try:
        with override_settings(
            LOOKUP_HASH_KEYS=[new_key]
        ):  # the old key removed before the rotation ran
            live_hub.forget()
            with override_settings(HUB_IS_LIVE=True):
                live_hub.check_connection(connection)
            response = client.get(reverse("carers:list"), {"q": "943 476 5919"})
    finally:
        live_hub.forget()

    assert response.status_code == 503
    html = response.content.decode()
    assert "No carers found" not in html
    assert "a key some NHS numbers were stored with is missing from LOOKUP_HASH_KEYS" in html


def test_a_record_is_shown_when_a_lookup_key_is_missing_and_says_its_duplicates_were_not_looked_for(
    client, sign_in, hub, make_staff
):
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings

    from carershub.core import live_hub
    from carershub.core.encryption import make_hash_key

    carer = CarerFactory(holding_organisation=hub, nhs_number="9434765919")
    CarerFactory(
        holding_organisation=hub, nhs_number="9434765919"
    )  # a duplicate the page would name
    new_key = make_hash_key()
    with override_settings(
        HUB_IS_LIVE=True, LOOKUP_HASH_KEYS=[new_key, *settings.LOOKUP_HASH_KEYS]
    ):
        live_hub.record_identity()
    sign_in(make_staff(Role.HUB_MANAGER, hub), hub)
    try:
        with override_settings(LOOKUP_HASH_KEYS=[new_key]):
            live_hub.forget()
            with override_settings(HUB_IS_LIVE=True):
                live_hub.check_connection(connection)
            response = client.get(reverse("carers:detail", kwargs={"reference": carer.reference}))
    finally:
        live_hub.forget()

    assert response.status_code == 200
    assert (
        "Duplicates of this record could not be looked for: The hub cannot search by NHS number"
        in (response.content.decode())
    )
