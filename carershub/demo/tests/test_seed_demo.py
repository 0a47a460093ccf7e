import pytest
from django.core.management import CommandError, call_command

from carershub.accounts.models import Membership, Role, User
from carershub.carers.models import Carer
from carershub.demo import data
from carershub.partnerships.models import Organisation, OrganisationType


@pytest.mark.django_db
def test_demo_has_organisations_of_every_type_and_staff_of_every_role():
    call_command("seed_demo", "--carers", "0")
    assert set(Organisation.objects.values_list("type", flat=True)) == set(OrganisationType.values)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    # Someone works for two organisations, to show the organisation switcher.
    assert any(
        u.memberships.values("organisation").distinct().count() > 1 for u in User.objects.all()
    )


@pytest.mark.django_db
def test_demo_builds_the_number_of_carers_asked_for_and_the_same_ones_every_time():
    call_command("seed_demo", "--carers", "30")
    first = list(
        Carer.unscoped.order_by("reference").values_list(
            "reference", "given_name", "family_name", "date_of_birth"
        )
    )
    assert len(first) == 30
    Carer.unscoped.all().delete()
    from carershub.demo.services import add_carers

    add_carers(Organisation.objects.get(name=data.HUB), 30)
    again = list(
        Carer.unscoped.order_by("reference").values_list(
            "reference", "given_name", "family_name", "date_of_birth"
        )
    )
    assert again == first


@pytest.mark.django_db
def test_demo_people_have_obviously_fictional_names_and_postcodes():
    call_command("seed_demo", "--carers", "50")
    for carer in Carer.unscoped.all():
        assert carer.family_name in data.FAMILY_NAMES
        assert carer.postcode.startswith("ZZ")  # not a real postcode area


@pytest.mark.django_db
def test_loading_twice_keeps_the_data_or_says_why_not(capsys):
    call_command("seed_demo", "--carers", "3")
    call_command("seed_demo", "--if-empty")
    assert "already loaded" in capsys.readouterr().out
    assert Carer.unscoped.count() == 3
    with pytest.raises(CommandError, match="already loaded"):
        call_command("seed_demo")


@pytest.mark.django_db
def test_demo_sign_ins_work_with_the_printed_password_and_secret(client, capsys):
    from base64 import b32decode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from carershub.accounts.demo import demo_secret
    from carershub.accounts.sign_in_codes import current_code

    call_command("seed_demo", "--carers", "0")
    call_command("demo_sign_ins")
    out = capsys.readouterr().out
    assert f"manager@{data.DOMAIN}" in out and data.DEMO_PASSWORD in out
    secret = demo_secret(f"manager@{data.DOMAIN}")
    assert secret in out
    response = client.post(
        "/sign-in/", {"email": f"manager@{data.DOMAIN}", "password": data.DEMO_PASSWORD}
    )
    assert response.url == "/sign-in/code/"
    # The code an authenticator app shows for the printed secret completes the sign-in.
    code = current_code(TOTPDevice(key=b32decode(secret).hex()))
    assert client.post(response.url, {"code": code}).url == "/home/"
    call_command("demo_sign_ins", "--code", f"worker@{data.DOMAIN}")
    printed = capsys.readouterr().out.strip()
    assert printed.isdigit() and len(printed) == 6


@pytest.mark.django_db
def test_demo_carers_have_people_they_care_for_consents_and_every_kind_of_carer():
    from carershub.carers.models import CaredForPerson, CaringRelationship, ConsentToShare
    from carershub.carers.presenters import CarerPresenter

    call_command("seed_demo", "--carers", "120")
    assert CaringRelationship.objects.count() == 120
    assert CaredForPerson.unscoped.count() == 120
    assert ConsentToShare.objects.exists()
    kinds = set()
    for carer in Carer.unscoped.prefetch_related("relationships__cared_for"):
        kinds.update(tag["text"] for tag in CarerPresenter(carer).type_tags())
    assert {
        "Young carer (under 18)",
        "Young adult carer (16 to 25)",
        "Adult carer",
        "Parent carer of a disabled child",
        "Older carer (65 or over)",
    } <= kinds


@pytest.mark.django_db
def test_demo_queue_has_referrals_from_every_source_and_carers_have_contacts():
    from carershub.carers.models import Contact
    from carershub.referrals.models import Referral, Source

    call_command("seed_demo", "--carers", "60")
    open_referrals = Referral.unscoped.exclude(status="triaged")
    assert set(open_referrals.values_list("source", flat=True)) == set(Source.values)
    assert open_referrals.filter(urgency="urgent").exists()
    assert Referral.unscoped.filter(status="triaged", carer__isnull=False).exists()
    assert Contact.unscoped.exists()


@pytest.mark.django_db
def test_demo_has_assessments_of_several_kinds_completed_and_in_progress():
    from carershub.assessments.models import Assessment, EligibilityDetermination, Status
    from carershub.assessments.situations import AssessmentType

    call_command("seed_demo", "--carers", "120")
    kinds = set(Assessment.unscoped.values_list("type", flat=True))
    assert kinds == {k.value for k in AssessmentType}  # every kind, reviews included
    for kind in kinds - {"review"}:
        assert set(Assessment.unscoped.filter(type=kind).values_list("status", flat=True)) >= {
            "completed",
            "in_progress",
        }
    assert Assessment.unscoped.filter(status=Status.COMPLETED).exists()
    assert Assessment.unscoped.filter(status=Status.IN_PROGRESS).exists()
    assert Assessment.unscoped.filter(status=Status.CANCELLED).exists()
    assert EligibilityDetermination.objects.filter(decision="eligible").exists()
    for assessment in Assessment.unscoped.filter(status=Status.COMPLETED):
        assert set(assessment.sections_done) == set(assessment.answers)
    from carershub.assessments.models import BreakdownRisk, QualityOfLifeScore, SupportPlan

    assert set(SupportPlan.unscoped.values_list("status", flat=True)) == {"draft", "agreed"}
    assert Assessment.unscoped.filter(type="review", status=Status.COMPLETED).exists()
    assert QualityOfLifeScore.unscoped.filter(total__isnull=False).exists()
    assert BreakdownRisk.unscoped.filter(rating="crisis").exists()
