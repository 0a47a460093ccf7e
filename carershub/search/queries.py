"""Turning a parsed query into SQL over the search index, on a queryset already scoped to the actor.

Every name word, date of birth or postcode typed is a *term*; a carer matches when every term
matches one of their keys, and ranks by how well (exact 3, start of a name 2, one edit 1, summed
over the terms), then by name. At most three statements, whatever the size of the register: how
common the name words are, the page of matches with their number, and those carers (ADR 7).
"""

from dataclasses import replace

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When, Window

from carershub.core.encrypted_fields import matches_encrypted
from carershub.core.numbers import LARGEST
from carershub.core.pagination import PAGE_SIZE
from carershub.search.keys import EXACT, ONE_EDIT, Term
from carershub.search.models import CarerSearchKey

NAME_ORDER = ("family_name", "given_name", "pk")
LIST_LIMIT = 10_000
# A name word held by at least this many carers is searched as typed (exactly, or as the start of
# a name), without its close spellings: among thousands of Smiths a Smyth is noise, and leaving
# the close spellings out keeps the search quick at any size (ADR 7).
COMMON_NAME = 1_000


def _by_weight(term):
    weights = {}
    for key, weight in term.keys.items():
        weights.setdefault(weight, []).append(key)
    return sorted(weights.items(), reverse=True)


def _carers_with(keys):
    """Ids of the carers holding any of these keys: an index-only range of the key table.

    Unscoped on purpose, and never evaluated alone: it is only used as ``pk__in`` inside a
    queryset that ``Carer.objects.visible_to(actor, purpose)`` has already scoped, and it yields
    ids only.
    """
    return CarerSearchKey.unscoped.filter(key__in=sorted(keys)).values("carer_id")


def _term_score(term, few):
    """How well a carer matched one term: the best weight among the key sets it is in.

    With ``few`` matches expected (several terms, whose sets meet in a few carers) each is
    looked up on its own in the key index; otherwise each weight's set of carers is hashed once.
    """
    ranked = _by_weight(term)
    lowest = ranked[-1][0]
    if len(ranked) == 1:
        return Value(lowest)

    def has(keys):
        if few:
            return Exists(
                CarerSearchKey.unscoped.filter(carer=OuterRef("pk"), key__in=sorted(keys))
            )
        return Q(pk__in=_carers_with(keys))

    return Case(
        *[When(has(keys), then=Value(weight)) for weight, keys in ranked[:-1]],
        default=Value(lowest),
        output_field=IntegerField(),
    )


def common_words(query):
    """The name words of a query that are common enough to search without close spellings.

    One statement counting the exact keys of the query's fuzzy words across the whole index (a
    count of index entries, no personal data leaves it); none when no word has close spellings.
    """
    exact = {
        key: term
        for term in query.terms
        for key in term.keys
        if key.startswith(EXACT) and any(k.startswith(ONE_EDIT) for k in term.keys)
    }
    if not exact:
        return set()
    counts = (
        CarerSearchKey.unscoped.filter(key__in=sorted(exact))
        .values("key")
        .annotate(holders=Count("carer_id"))
        .filter(holders__gte=COMMON_NAME)
        .values_list("key", flat=True)
    )
    return {key[len(EXACT) :] for key in counts}


def without_close_spellings(query, words):
    """The query with the one-edit keys of these words left out."""
    terms = []
    for term in query.terms:
        exact = next((key[len(EXACT) :] for key in term.keys if key.startswith(EXACT)), None)
        if exact in words:
            term = Term(
                keys={k: w for k, w in term.keys.items() if not k.startswith(ONE_EDIT)},
                label=term.label,
            )
        terms.append(term)
    return replace(query, terms=terms)


def search(carers, query):
    """(ranked, matching): the carers of a scoped queryset that match a parsed query, best first,
    and the same set unordered and unannotated, for counting.

    Each term is one ``pk__in`` over the key index, so PostgreSQL and SQLite intersect the
    terms' sets of carers without reading a carer row that cannot match; the score is worked out
    for the matching carers only.
    """
    matching = carers.filter(merged_into__isnull=True)
    if query.reference:
        matching = matching.filter(reference=query.reference)
    if query.nhs_number:
        matching = matching.filter(matches_encrypted("nhs_number", query.nhs_number))
    if not query.terms:
        # Nothing typed: the newest records first, read backwards along the primary key.
        return matching.order_by("-pk"), matching
    sets = [_carers_with(term.keys) for term in query.terms]
    # INTERSECT, not one IN per term: the sets of ids are met before any carer row is read,
    # whatever the planner guesses about how common each name is.
    matching = matching.filter(pk__in=sets[0].intersection(*sets[1:]) if len(sets) > 1 else sets[0])
    scores = [_term_score(term, few=len(query.terms) > 1) for term in query.terms]
    ranked = matching.annotate(score=sum(scores[1:], start=scores[0])).order_by(
        "-score", *NAME_ORDER
    )
    return ranked, matching


def _page_number(value):
    """The page asked for: anything that is not a whole number gives the first page; a number past
    any page there could be (``page=10**20``) is held to ``LARGEST``, so the OFFSET stays within
    what both databases take, and the search below then shows the last page."""
    text = str(value).strip()
    if not text.isdecimal():
        return 1
    return max(1, min(int(text) if len(text) <= len(str(LARGEST)) else LARGEST, LARGEST))


def page_of_results(carers, query, page_number, per_page=PAGE_SIZE):
    """A page of the carers (a scoped queryset) matching a parsed query, with the behaviour of
    ``Paginator.get_page`` (a page number that is not a number gives the first page, one past the
    end the last).

    A search is two statements: the ranked ids of one page with the number of matches beside
    them (``COUNT(*) OVER ()``), read from the key index and the few carer columns that rank
    them; then those carers' whole rows. Ranking thousands of matches (everyone called Smith)
    therefore never carries thousands of whole rows through the sort. The list of everyone (no
    search) is a page of the newest records first, counted up to ``LIST_LIMIT``
    (``page.more_than_counted`` says there are more).
    """
    common = common_words(query) if query.terms else set()
    if common:
        query = without_close_spellings(query, common)
    ranked, matching = search(carers, query)
    paginator = Paginator(ranked, per_page)
    if query.is_blank:
        # Nobody browses a million names: the list of everyone counts no further than
        # LIST_LIMIT, so its first page costs the same at any size; a search finds the rest.
        # (It is newest first, not by name: see the note on the carer table's indexes.)
        counted = matching.order_by()[: LIST_LIMIT + 1].count()
        paginator.count = min(counted, LIST_LIMIT)
        page = paginator.get_page(page_number)
        page.more_than_counted = counted > LIST_LIMIT
        page.common_words = []
        return page
    number = _page_number(page_number)
    windowed = ranked.annotate(total_matches=Window(Count("pk"))).values_list("pk", "total_matches")

    def ids_of(n):
        return list(windowed[(n - 1) * per_page : n * per_page])

    ids = ids_of(number)
    if ids:
        paginator.count = ids[0][1]
    else:
        paginator.count = matching.count() if number > 1 else 0
        number = min(number, paginator.num_pages)
        ids = ids_of(number) if paginator.count else []
    by_id = carers.in_bulk([pk for pk, _ in ids])
    page = Page([by_id[pk] for pk, _ in ids if pk in by_id], number, paginator)
    page.common_words = sorted(common)
    return page
