"""The carer's written copy: an accessible PDF of the assessment and plan, given as a secure link
(never an attachment) that opens only with their date of birth, or printed."""

import io

import pypdf
import pytest
from django.test import Client
from django.urls import reverse

from carershub.assessments import documents, services
from carershub.assessments.models import DocumentLink
from carershub.audit.models import AuditLog, Operation
from carershub.notifications import services as notifications
from carershub.notifications.message_templates import REDACTED
from carershub.notifications.models import Notification


def pdf_text(content):
    pdf = pypdf.PdfReader(io.BytesIO(content))
    return pdf, " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


@pytest.fixture
def carer_with_contact(completed):
    carer = completed.carer
    type(carer).unscoped.filter(pk=carer.pk).update(email="ada@example.com", mobile="07700 900982")
    carer.refresh_from_db()
    return carer


@pytest.mark.django_db
def test_the_copy_is_a_tagged_pdf_with_the_answers_the_decision_and_the_plan(
    plan, completed, worker, sign_in, hub, hub_actor
):
    services.add_action(hub_actor, plan, what="Book a sitting service", who="The hub")
    response = sign_in(worker, hub).get(reverse("assessments:copy_pdf", args=[completed.reference]))
    assert response["Content-Type"] == "application/pdf"
    pdf, text = pdf_text(response.content)
    root = pdf.trailer["/Root"]
    assert (
        bool(root["/MarkInfo"]["/Marked"])
        and "/StructTreeRoot" in root
        and root["/Lang"] == "en-GB"
    )
    assert "Your carer's assessment and support plan" in text
    assert completed.carer.full_name in text and completed.reference in text
    assert "Day-to-day outcomes" in text and "Only with help" in text
    assert "Eligible" in text and "Book a sitting service" in text
    assert AuditLog.objects.filter(
        operation=Operation.EXPORT, object_type="assessments.assessment"
    ).exists()


@pytest.mark.django_db
def test_the_carer_gets_a_link_by_email_never_the_document(
    completed, carer_with_contact, worker, sign_in, hub, smtp_server
):
    response = sign_in(worker, hub).post(
        reverse("assessments:send_copy", args=[completed.reference]), {"channel": "email"}
    )
    assert response.status_code == 302
    message = Notification.unscoped.get()
    assert message.recipient == "ada@example.com"
    assert "date of birth" in message.body
    # The hub keeps the message with the secret link removed; only the carer's email has it.
    assert "/your-copy/" not in message.body and REDACTED in message.body
    assert "%PDF" not in message.body
    link = DocumentLink.objects.get()
    assert link.token_hash not in message.body  # the database keeps only a hash of the secret
    notifications.deliver(message.pk)
    sent = smtp_server.emails_to("ada@example.com")[-1].get_body(("plain",)).get_content()
    assert "date of birth" in sent and "%PDF" not in sent
    token = smtp_server.link_to("ada@example.com", "/your-copy/").rstrip("/").rsplit("/", 1)[-1]
    assert (
        documents.token_hash(token) == link.token_hash
    )  # the link that went is the one that opens
    assert (
        Notification.unscoped.get(pk=message.pk).secret_personalisation is None
    )  # and the hub keeps none


@pytest.mark.django_db
def test_the_link_opens_with_the_right_date_of_birth_and_locks_after_five_wrong_ones(
    completed, carer_with_contact, hub_actor
):
    sent = {}
    services.send_copy(
        hub_actor, completed, channel="sms", link_for=lambda token: sent.setdefault("token", token)
    )
    url = reverse("carer_documents:open", args=[sent["token"]])
    carer = carer_with_contact
    public = Client()
    assert "Open your copy" in public.get(url).content.decode()
    born = carer.date_of_birth
    right = {
        "date_of_birth-day": born.day,
        "date_of_birth-month": born.month,
        "date_of_birth-year": born.year,
    }
    opened = public.post(url, right)
    assert opened["Content-Type"] == "application/pdf"
    assert carer.full_name in pdf_text(opened.content)[1]
    assert AuditLog.objects.filter(
        operation=Operation.EXPORT, actor_user_id__isnull=True, object_id=str(completed.pk)
    ).exists()
    wrong = {**right, "date_of_birth-year": born.year - 1}
    for _ in range(4):
        assert "does not match our records" in public.post(url, wrong).content.decode()
    locked = public.post(url, wrong)
    assert locked.status_code == 410 and "locked" in locked.content.decode()
    assert public.post(url, right).status_code == 410  # even the right date now


@pytest.mark.django_db
def test_a_made_up_or_expired_link_opens_nothing(completed, carer_with_contact, hub_actor):
    from django.utils import timezone

    response = Client().post(
        reverse("carer_documents:open", args=["not-a-real-secret"]),
        {"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "1970"},
    )
    assert response.status_code == 410
    sent = {}
    services.send_copy(
        hub_actor,
        completed,
        channel="email",
        link_for=lambda token: sent.setdefault("token", token),
    )
    DocumentLink.objects.update(expires_at=timezone.now())
    born = carer_with_contact.date_of_birth
    response = Client().post(
        reverse("carer_documents:open", args=[sent["token"]]),
        {
            "date_of_birth-day": born.day,
            "date_of_birth-month": born.month,
            "date_of_birth-year": born.year,
        },
    )
    assert response.status_code == 410 and "expired" in response.content.decode()


@pytest.mark.django_db
def test_without_contact_details_the_page_offers_printing_instead(completed, worker, sign_in, hub):
    html = (
        sign_in(worker, hub)
        .get(reverse("assessments:send_copy", args=[completed.reference]))
        .content.decode()
    )
    assert "There is no email address or mobile number" in html
    assert reverse("assessments:copy_pdf", args=[completed.reference]) in html


@pytest.mark.django_db
def test_a_20_digit_month_on_the_carers_copy_link_is_an_error_not_a_failure(
    completed, carer_with_contact, hub_actor
):
    sent = {}
    services.send_copy(
        hub_actor,
        completed,
        channel="email",
        link_for=lambda token: sent.setdefault("token", token),
    )
    response = Client().post(
        reverse("carer_documents:open", args=[sent["token"]]),
        {"date_of_birth-day": "27", "date_of_birth-month": "1" * 20, "date_of_birth-year": "1961"},
    )
    assert response.status_code == 200
    assert "Date of birth must be a real date" in response.content.decode()
