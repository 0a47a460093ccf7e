"""The accessibility statement has every part the GOV.UK model statement has."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_statement_lists_what_is_not_accessible_and_when_it_was_prepared_and_reviewed(
    client, partnership
):
    # Words as a reader sees them: the template wraps its lines.
    html = " ".join(client.get(reverse("core:accessibility")).content.decode().split())
    for heading in (
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Technical information about this service's accessibility",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ):
        assert f">{heading}</h2>" in html.replace("&#39;", "'"), heading
    for heading in (
        "Compliance status",
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
    ):
        assert f">{heading}</h3>" in html, heading
    assert "partially compliant" in html
    assert "1.4.10" in html and "2.2.1" in html
    assert "This statement was prepared on 23 November 2026." in html
    assert "It was last reviewed on 7 December 2026." in html
    assert "This service was last tested on 7 December 2026." in html
