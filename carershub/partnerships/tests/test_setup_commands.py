import pytest
from django.core.management import CommandError, call_command

from carershub.accounts.models import Invitation, Role
from carershub.partnerships.models import Organisation, OrganisationType, Partnership
from carershub.partnerships.selectors import helpline_opening_times
from carershub.partnerships.tests.factories import HelplineHoursFactory


@pytest.mark.django_db
def test_create_partnership_makes_the_hub_and_invites_its_first_administrator(capsys):
    call_command(
        "create_partnership",
        "--name",
        "Brookmoor Carers Partnership",
        "--slug",
        "brookmoor",
        "--hub",
        "Brookmoor Carers Centre",
        "--admin-email",
        "Lead@Brookmoor.example",
        "--admin-name",
        "Lee Lead",
        "--site-url",
        "https://hub.brookmoor.example",
    )
    partnership = Partnership.objects.get(slug="brookmoor")
    hub = Organisation.objects.get(partnership=partnership)
    assert hub.type == OrganisationType.HUB_PROVIDER
    invitation = Invitation.objects.get()
    assert invitation.user.email == "lead@brookmoor.example"
    assert set(invitation.user.memberships.values_list("role", flat=True)) == {
        Role.HUB_MANAGER,
        Role.SYSTEM_ADMIN,
    }
    assert (
        f"https://hub.brookmoor.example/invitation/{invitation.token}/" in capsys.readouterr().out
    )


@pytest.mark.django_db
def test_create_partnership_refuses_a_duplicate_short_name(partnership):
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "create_partnership",
            "--name",
            "X",
            "--slug",
            partnership.slug,
            "--hub",
            "Y",
            "--admin-email",
            "a@b.example",
            "--admin-name",
            "A",
        )


@pytest.mark.django_db
def test_add_organisation_adds_a_partner_of_any_type(partnership):
    for kind in OrganisationType.values:
        call_command(
            "add_organisation",
            "--partnership",
            partnership.slug,
            "--name",
            f"Org {kind}",
            "--type",
            kind,
        )
    assert set(partnership.organisations.values_list("type", flat=True)) == set(
        OrganisationType.values
    )
    with pytest.raises(CommandError, match="already in"):
        call_command(
            "add_organisation",
            "--partnership",
            partnership.slug,
            "--name",
            "Org school",
            "--type",
            "school",
        )


@pytest.mark.django_db
def test_opening_times_group_days_with_the_same_hours(partnership):
    import datetime as dt

    partnership.helpline_hours.all().delete()
    for day in range(5):
        HelplineHoursFactory(partnership=partnership, day=day, opens=dt.time(9), closes=dt.time(19))
    HelplineHoursFactory(partnership=partnership, day=5, opens=dt.time(9), closes=dt.time(12))
    HelplineHoursFactory(partnership=partnership, day=6, opens=dt.time(10), closes=dt.time(12, 30))
    assert helpline_opening_times(partnership) == [
        ("Monday to Friday", "9am to 7pm"),
        ("Saturday", "9am to midday"),
        ("Sunday", "10am to 12:30pm"),
    ]
