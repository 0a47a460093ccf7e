"""Tables on real pages: what a person typed is shown as text, inside the scrolling region."""

import pytest
from django.urls import reverse

from carershub.carers.tests.factories import CarerFactory
from carershub.referrals.tests.factories import ReferralFactory

TYPED = "<b>Ann</b>"


@pytest.mark.django_db
def test_names_typed_with_markup_are_shown_as_text_in_the_lists(manager, hub, sign_in):
    CarerFactory(holding_organisation=hub, given_name=TYPED, family_name="Lee")
    ReferralFactory(holding_organisation=hub, given_name=TYPED, family_name="Lee")
    client = sign_in(manager, hub)
    for page in ("carers:list", "carers:team_caseload", "referrals:queue"):
        html = client.get(reverse(page)).content.decode()
        assert "&lt;b&gt;Ann&lt;/b&gt; Lee" in html, page
        assert TYPED not in html, page
        assert '<div class="hub-table-region" role="region" tabindex="0"' in html, page
