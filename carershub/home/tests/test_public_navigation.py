"""The public pages share one short menu of what a carer comes for; staff keep their own."""

import pytest
from django.urls import reverse

MENU = {
    "Find services": "directory:find",
    "Groups": "groups:calendar",
    "Advice": "advice:index",
    "Helpline": "helpline:contact",
    "Ask for support": "front_door:self_referral_start",
}


def menu_of(html):
    start = html.find('aria-label="Menu"')
    return html[start : html.index("</nav>", start)] if start != -1 else ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page", ["home:start", "core:privacy", "helpline:contact", "front_door:self_referral_start"]
)
def test_every_public_page_has_the_short_menu(client, hub, page):
    menu = menu_of(client.get(reverse(page)).content.decode())
    for text, name in MENU.items():
        assert f'href="{reverse(name)}"' in menu and text in menu


@pytest.mark.django_db
def test_the_menu_marks_where_the_visitor_is(client, hub):
    menu = menu_of(client.get(reverse("helpline:contact")).content.decode())
    assert menu.count('aria-current="page"') == 1
    current = menu[menu.index('aria-current="page"') :]
    # A page inside a section marks the section, not as the page itself.
    inside = menu_of(
        client.get(reverse("front_door:self_referral", args=["name"])).content.decode()
    )
    assert 'aria-current="true"' in inside
    assert current.index("Helpline") < current.index("</a>")


@pytest.mark.django_db
def test_signed_in_staff_see_their_own_menu_not_the_public_one(worker, sign_in, hub):
    html = sign_in(worker, hub).get(reverse("home:staff_home")).content.decode()
    assert not menu_of(html)
    assert 'aria-label="Staff menu"' in html
