import pytest

from carershub.notifications.message_templates import (
    TEMPLATES,
    InvalidPersonalisation,
    MissingPersonalisation,
    UnexpectedPersonalisation,
    UnknownTemplate,
    WrongChannel,
    get_template,
)
from carershub.notifications.models import Channel
from carershub.notifications.tests.factories import INVITATION


def test_rendering_fills_every_placeholder_in_the_subject_and_the_body():
    subject, body = get_template("staff_invitation").render(INVITATION)

    assert subject == "You have been invited to join Testshire Carers Centre on the carers hub"
    assert body.startswith("Dear Priya Patel\n\nMorgan Manager has invited you")
    assert "https://hub.example/invitation/abc123/" in body
    assert "expires on 30 November 2026" in body
    assert "((" not in subject + body


def test_a_missing_placeholder_is_refused_and_named():
    personalisation = {k: v for k, v in INVITATION.items() if k not in {"expires", "full_name"}}

    with pytest.raises(MissingPersonalisation, match="missing personalisation: expires, full_name"):
        get_template("staff_invitation").render(personalisation)


def test_a_placeholder_given_as_none_counts_as_missing_as_it_does_in_notify():
    with pytest.raises(MissingPersonalisation, match="expires"):
        get_template("staff_invitation").render({**INVITATION, "expires": None})


def test_a_key_the_template_does_not_use_is_refused_and_named():
    with pytest.raises(UnexpectedPersonalisation, match="no placeholder for: fullname"):
        get_template("staff_invitation").render({**INVITATION, "fullname": "Priya"})


@pytest.mark.parametrize("value", [["a", "b"], {"a": 1}, True, object()])
def test_personalisation_values_must_be_text_or_numbers(value):
    with pytest.raises(InvalidPersonalisation, match="'expires'"):
        get_template("staff_invitation").render({**INVITATION, "expires": value})


def test_numbers_are_written_as_they_are():
    _, body = get_template("carer_registered_sms").render(
        {"partnership": "Testshire", "reference": 1234, "helpline_phone": "0808 157 0000"}
    )
    assert "Your reference is 1234." in body


def test_an_unknown_template_is_refused():
    with pytest.raises(UnknownTemplate, match="'no_such_message'"):
        get_template("no_such_message")


def test_a_template_asked_for_on_the_wrong_channel_is_refused():
    with pytest.raises(WrongChannel, match="is for email, not sms"):
        get_template("staff_invitation", Channel.SMS)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_renders_completely_with_exactly_its_placeholders(key):
    template = TEMPLATES[key]
    values = {name: f"<{name}>" for name in template.placeholders}

    subject, body = template.render(values)

    assert template.placeholders, "a template with no placeholders would not need the registry"
    assert "((" not in subject + body and "))" not in subject + body
    for name in template.placeholders:
        assert f"<{name}>" in subject + body
    if template.channel == Channel.SMS:
        assert not template.subject, "text messages have no subject"
    else:
        assert template.subject


def test_the_notify_template_id_comes_from_settings(settings):
    settings.NOTIFY_TEMPLATE_IDS = {"staff_invitation": "f33517ff-2a88-4f6e-b855-c550268ce08a"}

    assert (
        get_template("staff_invitation").notify_template_id
        == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    )
    assert get_template("carer_registered_sms").notify_template_id == ""
