"""Public pages: "Am I a carer?" and referring yourself to the hub. No account needed."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from carershub.core.formats import date
from carershub.core.journeys import Journey, Step
from carershub.core.phone_numbers import format_phone_number
from carershub.core.ratelimits import limit_public_form
from carershub.notifications import services as notifications
from carershub.partnerships.selectors import current_partnership
from carershub.referrals import public_forms as f
from carershub.referrals import services
from carershub.referrals.models import Source, Urgency

CHECKER = Journey(
    "am_i_a_carer",
    [
        Step("helps", f.HelpsForm, "Do you look after someone?"),
        Step("paid", f.PaidForm, "Are you paid to look after them?"),
        Step("age", f.AgeForm, "Are you under 18?"),
    ],
)

SELF_REFERRAL = Journey(
    "self_referral",
    [
        Step("name", f.NameForm, "What is your name?", (("Name", "given_name"),)),
        Step(
            "date-of-birth",
            f.DateOfBirthForm,
            "What is your date of birth?",
            (("Date of birth", "date_of_birth"),),
        ),
        Step(
            "contact",
            f.ContactForm,
            "How can we contact you?",
            (("Email address", "email"), ("Phone number", "phone")),
        ),
        Step(
            "safe-contact",
            f.SafeContactForm,
            "Is it safe for us to contact you?",
            (
                ("Safe to phone you", "safe_to_phone"),
                ("Safe to text you", "safe_to_text"),
                ("Safe to leave a voicemail", "safe_to_leave_voicemail"),
            ),
        ),
        Step(
            "language",
            f.LanguageForm,
            "Your language",
            (("Language", "preferred_language"), ("Interpreter needed", "needs_interpreter")),
        ),
        Step("postcode", f.PostcodeForm, "What is your postcode?", (("Postcode", "postcode"),)),
        Step(
            "caring",
            f.CaringForm,
            "Who do you look after?",
            (
                ("Who you look after", "cared_for_name"),
                ("What they are to you", "cared_for_relationship"),
                ("The help they need", "cares_for"),
            ),
        ),
        Step("urgency", f.UrgencyForm, "Do you need support urgently?", (("Urgent", "urgent"),)),
    ],
)

# Answers given as "yes" or "no" on the question pages, kept on the referral as true or false.
YES_NO_ANSWERS = ("safe_to_phone", "safe_to_text", "safe_to_leave_voicemail", "needs_interpreter")


def _question(request, journey, slug, url_name, done_url, back_first, *, personal=False):
    """One question page. ``personal``: its answers are personal data, so it links to the
    privacy notice. Reached from a change link (``?change=1``), it goes back to ``done_url``."""
    step = journey.step(slug)
    if step is None:
        raise Http404
    change = request.GET.get("change") == "1"
    form = step.form_class(
        request.POST if request.method == "POST" else None,
        initial=journey.initial(request.session, step),
    )
    if request.method == "POST" and form.is_valid():
        journey.save(request.session, step, form.cleaned_data)
        following = None if change else journey.next_step(request.session, step)
        return redirect(reverse(url_name, args=[following.slug]) if following else done_url)
    back = journey.back(
        step,
        changing=change,
        question_url=lambda slug: reverse(url_name, args=[slug]),
        check_url=done_url,
        start_url=back_first,
    )
    return render(
        request,
        "referrals/public/question.html",
        {
            "page_title": step.title,
            "form": form,
            "back": back,
            "slug": step.slug,
            "collects_personal_data": personal,
        },
    )


# Am I a carer? ---------------------------------------------------------------


def checker_start(request):
    CHECKER.clear(request.session)
    return render(request, "referrals/public/checker_start.html", {"page_title": "Am I a carer?"})


@limit_public_form("am_i_a_carer")
def checker_question(request, slug):
    return _question(
        request,
        CHECKER,
        slug,
        "front_door:checker",
        reverse("front_door:checker_result"),
        reverse("front_door:checker_start"),
    )


def checker_result(request):
    if not CHECKER.is_complete(request.session):
        missing = CHECKER.next_step(request.session)
        return redirect("front_door:checker", slug=missing.slug)
    answers = CHECKER.cleaned(request.session)
    if answers["helps"] == "no":
        outcome = "not_caring"
        title = "You may not be a carer right now"
    elif answers["paid"] == "yes":
        outcome = "paid"
        title = "You are a paid care worker, not an unpaid carer"
    else:
        outcome = "young_carer" if answers["under_18"] == "yes" else "carer"
        title = "You are a young carer" if outcome == "young_carer" else "You are a carer"
    return render(
        request, "referrals/public/checker_result.html", {"page_title": title, "outcome": outcome}
    )


# Refer yourself ---------------------------------------------------------------


def self_referral_start(request):
    return render(
        request, "referrals/public/start.html", {"page_title": "Ask the carers hub for support"}
    )


@limit_public_form("self_referral_answers")
def self_referral_question(request, slug):
    return _question(
        request,
        SELF_REFERRAL,
        slug,
        "front_door:self_referral",
        reverse("front_door:self_referral_check"),
        reverse("front_door:self_referral_start"),
        personal=True,
    )


def _summary_rows(session):
    answers = SELF_REFERRAL.cleaned(session)
    rows = []
    for step in SELF_REFERRAL.steps:
        change = reverse("front_door:self_referral", args=[step.slug]) + "?change=1"
        for label, name in step.summary:
            value = answers.get(name)
            if name == "given_name":
                value = f"{answers.get('given_name', '')} {answers.get('family_name', '')}".strip()
            elif name == "date_of_birth" and value:
                value = date(value)
            elif name == "phone" and value:
                value = format_phone_number(value)
            elif value in ("yes", "no"):
                value = value.capitalize()
            rows.append(
                {
                    "key": {"text": label},
                    "value": {"text": value or "Not given"},
                    "actions": {
                        "items": [
                            {"href": change, "text": "Change", "visuallyHiddenText": label.lower()}
                        ]
                    },
                }
            )
    return rows


def self_referral_check(request):
    if not SELF_REFERRAL.is_complete(request.session):
        return redirect(
            "front_door:self_referral", slug=SELF_REFERRAL.next_step(request.session).slug
        )
    return render(
        request,
        "referrals/public/check.html",
        {
            "page_title": "Check your answers before sending your request",
            "rows": _summary_rows(request.session),
            "back": reverse("front_door:self_referral", args=[SELF_REFERRAL.steps[-1].slug]),
        },
    )


def _self_referral_recipients(request):
    """Where the acknowledgement and the hub's first call would go: the answers being sent."""
    contact = SELF_REFERRAL.answers(request.session).get("contact", {})
    return [contact.get("email"), contact.get("phone")]


@require_POST
@limit_public_form("self_referral", recipients=_self_referral_recipients)
def self_referral_submit(request):
    if not SELF_REFERRAL.is_complete(request.session):
        return redirect("front_door:self_referral_start")
    partnership = current_partnership()
    hub = partnership.hub_provider if partnership else None
    if hub is None:
        return render(
            request,
            "referrals/no_hub.html",
            {"page_title": "There is no hub to refer to yet"},
            status=503,
        )
    answers = SELF_REFERRAL.cleaned(request.session)
    referral = services.make_referral(
        None,
        hub=hub,
        source=Source.SELF,
        agreed_to_referral=True,
        given_name=answers["given_name"],
        family_name=answers["family_name"],
        date_of_birth=answers["date_of_birth"],
        email=answers.get("email", ""),
        phone=answers.get("phone", ""),
        postcode=answers["postcode"],
        cares_for=answers["cares_for"],
        cared_for_name=answers["cared_for_name"],
        cared_for_relationship=answers["cared_for_relationship"],
        preferred_language=answers["preferred_language"],
        urgency=Urgency.URGENT if answers["urgent"] == "yes" else Urgency.ROUTINE,
        **{name: answers[name] == "yes" for name in YES_NO_ANSWERS},
    )
    if referral.email:
        notifications.send_email(
            to=referral.email,
            template="self_referral_received",
            # Nothing the sender typed: anyone can type someone else's address on a public form,
            # so the email carries only what the hub itself says (ADR 27).
            personalisation={
                "hub": hub.name,
                "reference": referral.reference,
                "first_contact_due": date(referral.first_contact_due),
                "helpline": partnership.helpline_phone or "the number on our website",
            },
            subject_type="referrals.referral",
            subject_id=referral.pk,
        )
    SELF_REFERRAL.clear(request.session)
    request.session["self_referral_done"] = {
        "reference": referral.reference,
        "emailed": bool(referral.email),
        "due": date(referral.first_contact_due),
    }
    return redirect("front_door:self_referral_done")


def self_referral_done(request):
    done = request.session.get("self_referral_done")
    if not done:
        return redirect("front_door:self_referral_start")
    partnership = current_partnership()
    return render(
        request,
        "referrals/public/done.html",
        {
            "page_title": "Request sent",
            "done": done,
            "helpline": partnership.helpline_phone if partnership else "",
        },
    )
