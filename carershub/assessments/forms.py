"""The forms of an assessment, one per section, and the forms that start and complete one.

A section can be saved half-done ("save and come back later"): then nothing is required. Marking
it completed asks for every required answer, with the GOV.UK error messages.
"""

from django import forms

from carershub.assessments.eligibility import Decision, Outcome, answers_for
from carershub.assessments.models import (
    Frequency,
    Method,
    Participants,
    RiskRating,
    ServiceKind,
    Trigger,
)
from carershub.assessments.question_sets import current_question_set
from carershub.assessments.situations import label_for, legal_basis_for
from carershub.core.forms import NamedDateField
from carershub.core.phone_numbers import format_phone_number

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")]
YES_PARTLY_NO = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")]

TASKS = [
    ("personal_care", "Personal care (washing, dressing, toileting)"),
    ("medication", "Medication and health care"),
    ("emotional_support", "Emotional support and keeping them company"),
    ("supervision", "Keeping an eye on them, day or night"),
    ("household", "Cooking, cleaning and other household tasks"),
    ("shopping", "Shopping"),
    ("money", "Managing money, bills and forms"),
    ("appointments", "Getting to appointments and transport"),
    ("communication", "Communicating or translating for them"),
    ("night_care", "Care during the night"),
    ("other", "Something else"),
]

# The areas of wellbeing the Care Act 2014, section 1(2), names.
WELLBEING_AREAS = [
    ("dignity", "Personal dignity, including being treated with respect"),
    ("health", "Physical and mental health and emotional wellbeing"),
    ("protection", "Protection from abuse and neglect"),
    ("control", "Control over day-to-day life"),
    ("participation", "Work, education, training or recreation"),
    ("social_economic", "Social and economic wellbeing"),
    ("relationships", "Domestic, family and personal relationships"),
    ("accommodation", "Suitability of where they live"),
    ("contribution", "Their contribution to society"),
]

ACTIVITIES = [
    ("work", "Paid work"),
    ("education", "Education"),
    ("training", "Training"),
    ("volunteering", "Volunteering"),
    ("none", "None of these"),
]


def radios(label, choices, help_text="", required=True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        required=required,
        error_messages={
            "required": f"Select an answer to “{label}”",
            "invalid_choice": f"Select one of the answers to “{label}”",
        },
    )


def checkboxes(label, choices, help_text="", required=True):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        required=required,
        error_messages={
            "required": f"Select at least one answer to “{label}”",
            "invalid_choice": f"Select only the answers listed for “{label}”",
        },
    )


def text(label, help_text="", required=True, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter an answer to “{label}”",
            "max_length": "Answers must be 5,000 characters or fewer",
        },
    )


class SectionForm(forms.Form):
    """A section of an assessment. ``completing=False`` (save for later) requires nothing."""

    def __init__(self, *args, completing=True, carer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.carer = carer
        self.completing = completing
        self.add_fields()
        if not completing:
            for field in self.fields.values():
                field.required = False

    def add_fields(self):
        """Fields that depend on the carer or are made in a loop."""

    def answers(self):
        """What to store: every field, as cleaned (strings and lists of strings)."""
        return {name: self.cleaned_data.get(name) for name in self.fields}


class CaringRoleForm(SectionForm):
    cared_for = forms.MultipleChoiceField(
        label="Who is this assessment about caring for?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select everyone they care for whom this assessment covers.",
        error_messages={
            "required": "Select who this assessment is about",
            "invalid_choice": "Select only people this carer cares for",
        },
    )
    tasks = checkboxes("What do they do for them?", TASKS, help_text="Select all that apply.")
    hours_per_week = forms.IntegerField(
        label="About how many hours a week do they spend caring?",
        min_value=0,
        max_value=168,
        error_messages={
            "required": "Enter about how many hours a week they spend caring",
            "max_value": "Hours a week must be 168 or fewer",
            "min_value": "Hours a week must be 0 or more",
            "invalid": "Hours a week must be a number, like 35",
        },
    )
    typical_week = text("What does a typical week of caring look like?", required=False)
    care_is_necessary = radios(
        "Is the care they give necessary?",
        YES_NO,
        help_text="Would the person's needs go unmet, or be met by someone else, if they did not "
        "provide it?",
    )
    cared_for_has_eligible_needs = radios(
        "Does the person they care for have eligible needs of their own?",
        YES_NO_NOT_KNOWN,
        help_text="This does not decide the carer's eligibility: a carer can be eligible either "
        "way.",
        required=False,
    )

    def add_fields(self):
        people = []
        if self.carer is not None:
            people = [
                (
                    str(rel.cared_for_id),
                    f"{rel.cared_for.full_name} ({rel.get_relationship_display().lower()})",
                )
                for rel in self.carer.relationships.all()
            ]
        self.fields["cared_for"].choices = people


class AbleAndWillingForm(SectionForm):
    """Care Act 2014, s10(5)(a) and (b): whether the carer is able, and willing, to care,
    now and in future.
    """

    able_now = radios("Are they able to keep caring now?", YES_PARTLY_NO)
    willing_now = radios("Are they willing to keep caring now?", YES_PARTLY_NO)
    able_in_future = radios("Are they likely to be able to keep caring in future?", YES_PARTLY_NO)
    willing_in_future = radios(
        "Are they likely to be willing to keep caring in future?", YES_PARTLY_NO
    )
    notes = text("Anything more about being able and willing to care", required=False)


class OwnHealthForm(SectionForm):
    health_at_risk = radios(
        "Is their physical or mental health getting worse, "
        "or at risk of getting worse, because of caring?",
        YES_NO,
    )
    health_notes = text("Tell us about their health", required=False)


class OutcomesForm(SectionForm):
    """The eight outcomes of SI 2015/313, regulation 3(2)(b),
    each with the ways of being unable of 3(3).
    """

    def add_fields(self):
        for outcome in Outcome:
            self.fields[outcome.value] = radios(outcome.label, answers_for(outcome))
        self.fields["outcome_notes"] = text("Anything more about these outcomes", required=False)


class WellbeingForm(SectionForm):
    significant_impact = radios(
        "As a result, is there (or is there likely to be) a significant impact on their wellbeing?",
        YES_NO,
    )
    wellbeing_areas = checkboxes(
        "Which areas of their wellbeing are affected?",
        WELLBEING_AREAS,
        required=False,
        help_text="The areas the Care Act 2014 names. Select all that apply.",
    )
    wellbeing_notes = text("Tell us more about the impact on their wellbeing", required=False)


class WorkEducationRecreationForm(SectionForm):
    """Care Act 2014, s10(6)(c) and (d): work, education, training and recreation,
    now and wished for.
    """

    doing_now = checkboxes(
        "Which of these do they do now?", ACTIVITIES, help_text="Select all that apply."
    )
    wishes = text(
        "What work, education, training or recreation would they like to do?", required=False
    )
    caring_effect = text("How does caring affect this?", required=False)


class WhatMattersForm(SectionForm):
    what_matters = text("What matters most to them?")
    outcomes_wanted = text("What would they like to change or achieve?", required=False)


class PeopleInvolvedForm(SectionForm):
    people = text(
        "Who do they want involved in the assessment?",
        required=False,
        help_text="Names and how each person is involved, for example their daughter or a friend.",
    )
    advocacy_needed = radios(
        "Would they have substantial difficulty being involved without an independent advocate?",
        YES_NO,
        help_text="If yes, and nobody appropriate can support them, the council must arrange an "
        "advocate.",
    )


class AppropriatenessForm(SectionForm):
    """Young Carers (Needs Assessments) Regulations 2015:
    whether caring is appropriate for this child.
    """

    caring_is_appropriate = radios("Is the care they give appropriate for them?", YES_PARTLY_NO)
    appropriateness_notes = text("Why?", required=False)


class TasksForAgeForm(SectionForm):
    """Whether any tasks are excessive or inappropriate for the child's age
    (the 2015 Regulations).
    """

    excessive_or_inappropriate = radios(
        "Do they do any tasks that are excessive or inappropriate for their age?",
        YES_NO,
    )
    which_tasks = checkboxes(
        "Which tasks?", TASKS, required=False, help_text="Select all that apply."
    )
    hours_notes = text(
        "How much caring they do, and when (for example before school or at night)", required=False
    )


class EducationAndDevelopmentForm(SectionForm):
    """The young carer's education, training, recreation and development (Children Act 1989,
    s17ZB).
    """

    education_affected = radios("Does caring affect their school, college or training?", YES_NO)
    education_notes = text("How, for example attendance, homework or tiredness", required=False)
    development_affected = radios(
        "Does caring affect their friendships, hobbies or development?", YES_NO
    )
    development_notes = text("How?", required=False)


class YoungCarerWishesForm(SectionForm):
    wishes = text("What does the young carer want to happen?")
    wants_to_keep_caring = radios("Do they want to keep caring as they do now?", YES_PARTLY_NO)


class YoungCarerHealthForm(SectionForm):
    health_affected = radios("Does caring affect their physical or mental health?", YES_NO)
    health_notes = text("Tell us about their health and wellbeing", required=False)


CONSENT_BASIS = [
    ("consented", "Yes, they consented"),
    (
        "best_interests",
        "They lack the capacity (or, under 18, the competence) to consent, and the assessment is "
        "in their best interests",
    ),
    ("not_consented", "No, they have not consented"),
]


class TransitionConditionsForm(SectionForm):
    """Care Act 2014 s60(1)-(4) and s63(1)-(4): the conditions for a transition assessment, and the
    written reasons when a request for one is refused."""

    likely_needs_after_18 = radios(
        "Are they likely to have needs for support after 18?",
        YES_NO,
        help_text="A young carer after they turn 18 (Care Act 2014 s63(1)); a child's carer "
        "after the child turns 18 (s60(1)).",
    )
    significant_benefit = radios(
        "Would assessing them now be of significant benefit to them?", YES_NO
    )
    consent = radios(
        "Did they consent to the assessment?",
        CONSENT_BASIS,
        help_text="Care Act 2014 s60(3) and s63(3).",
    )
    best_interests_reasons = text("Why is the assessment in their best interests?", required=False)
    refusal_reasons = text(
        "Written reasons given for refusing the request",
        required=False,
        help_text="Needed when a condition is not met: the council must give written reasons for "
        "refusing, with information and advice (Care Act 2014 s60(4) and s63(4)).",
    )

    def clean(self):
        cleaned = super().clean()
        if not self.completing:
            return cleaned
        if (
            cleaned.get("consent") == "best_interests"
            and not (cleaned.get("best_interests_reasons") or "").strip()
        ):
            self.add_error(
                "best_interests_reasons", "Say why the assessment is in their best interests"
            )
        if (
            transition_conditions_unmet(cleaned)
            and not (cleaned.get("refusal_reasons") or "").strip()
        ):
            self.add_error(
                "refusal_reasons",
                "Write the reasons given for refusing the request: a condition for a "
                "transition assessment is not met",
            )
        return cleaned


def transition_conditions_unmet(answers):
    """The conditions of s60 or s63 that the answers say are not met, in words
    (empty when all are).
    """
    unmet = []
    if answers.get("likely_needs_after_18") == "no":
        unmet.append("they are not likely to have needs for support after 18")
    if answers.get("significant_benefit") == "no":
        unmet.append("an assessment now would not be of significant benefit to them")
    if answers.get("consent") == "not_consented":
        unmet.append("they have not consented")
    return unmet


class WholeFamilyForm(SectionForm):
    """Care and Support (Assessment) Regulations 2014 (SI 2014/2827), regulation 4: the whole
    family.

    A carer's assessment considers the impact of the carer's needs on the family, and whether any
    child is involved in providing care; a child who is can be referred for a young carer's needs
    assessment of their own (Children Act 1989 s17ZA).
    """

    child_involved = radios(
        "Is any child (under 18) involved in providing care?",
        YES_NO_NOT_KNOWN,
        help_text="For example a son, daughter, brother, sister or grandchild who helps look "
        "after the person.",
    )
    child_details = text(
        "Which child, and what do they do?",
        required=False,
        help_text="Their first name and age, and the caring they do.",
    )
    family_support = text(
        "What support does the family need?",
        help_text="Think about everyone in the household, not only the carer.",
    )

    def clean(self):
        cleaned = super().clean()
        if (
            self.completing
            and cleaned.get("child_involved") == "yes"
            and not (cleaned.get("child_details") or "").strip()
        ):
            self.add_error(
                "child_details", "Say which child is involved in caring and what they do"
            )
        return cleaned


class FamilyForm(SectionForm):
    """Children Act 1989, s17ZD: the parent carer's wellbeing and the needs of the child and
    family.
    """

    child_needs = text("What does the disabled child need?")
    other_children = text("What do other children in the family need?", required=False)
    family_notes = text("How does caring affect the family?", required=False)


class ChangesForm(SectionForm):
    """A review (Care Act 2014 s27, or a Children Act review of a s17ZA or s17ZD assessment): what
    has
    changed since the last assessment or review."""

    circumstances_changed = radios(
        "Have their circumstances changed since the last assessment?", YES_NO
    )
    changes = text("What has changed?", required=False)
    plan_working = radios("Is their support plan meeting their needs?", YES_PARTLY_NO)
    plan_notes = text("What is working and what is not?", required=False)


class StartAssessmentForm(forms.Form):
    type = forms.ChoiceField(label="Which assessment?", widget=forms.RadioSelect)
    assessor = forms.ChoiceField(
        label="Named assessor", help_text="The practitioner responsible for the assessment."
    )

    def __init__(self, *args, offered=(), assessors=(), review_of=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["type"].choices = [
            (t.value, f"{label_for(t, review_of)} ({legal_basis_for(t, review_of)})")
            for t in offered
        ]
        self.fields["type"].error_messages["required"] = "Select which assessment to start"
        self.fields["assessor"].choices = [("", "Choose an assessor")] + [
            (str(u.pk), u.full_name) for u in assessors
        ]
        self.fields["assessor"].error_messages["required"] = "Choose the named assessor"


class DeterminationForm(forms.Form):
    """Completing an assessment: how it was carried out and who took part, and (where regulation 3
    applies) the eligibility decision. Without a suggestion there is no decision to make."""

    method = forms.ChoiceField(
        label="How was the assessment carried out?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the assessment was carried out"},
    )
    participants = forms.ChoiceField(
        label="Who took part?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who took part"},
    )
    decision = forms.ChoiceField(
        label="Are the carer's needs eligible?",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the carer's needs are eligible"},
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Required when your decision differs from the suggestion.",
    )
    information_and_advice = forms.CharField(
        label="Information and advice given about meeting or reducing their needs",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Required if their needs are not eligible (Care Act 2014 s13(5)): what can be "
        "done to meet or reduce their needs, and to prevent or delay more developing. The carer "
        "gets it in writing, in their copy of the assessment.",
    )

    def __init__(self, *args, suggested="", with_decision=True, is_review=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.fields["method"].choices = Method.choices
        self.fields["participants"].choices = Participants.choices
        if is_review:
            self.fields["method"].label = "How was the review carried out?"
            self.fields["method"].error_messages["required"] = (
                "Select how the review was carried out"
            )
        if not with_decision:
            del (
                self.fields["decision"],
                self.fields["reasons"],
                self.fields["information_and_advice"],
            )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and decision != self.suggested and not (cleaned.get("reasons") or "").strip():
            if self.suggested:
                self.add_error(
                    "reasons", "Give your reasons for deciding differently from the suggestion"
                )
            else:
                self.add_error("reasons", "Give your reasons for the decision")
        if (
            decision == Decision.NOT_ELIGIBLE
            and not (cleaned.get("information_and_advice") or "").strip()
        ):
            self.add_error(
                "information_and_advice",
                "Write the information and advice given about meeting or "
                "reducing their needs: a carer whose needs are not eligible gets it in writing",
            )
        return cleaned


class PlanForm(forms.Form):
    outcomes = forms.CharField(
        label="What outcomes does the carer want?",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In the carer's own words where you can.",
    )
    contingency = forms.CharField(
        label="Contingency arrangements",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What happens if the carer cannot care, for example if they are ill or in an "
        "emergency.",
    )
    review_due = NamedDateField(
        label="When will the plan be reviewed?",
        called="Review date",
        help_text="12 months after the assessment at the latest. For example, 27 3 2027.",
    )
    review_brought_forward_because = forms.CharField(
        label="Why is the review earlier than 12 months? (if it is)",
        max_length=300,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_due"].error_messages["required"] = (
            "Enter when the plan will be reviewed"
        )


class ActionForm(forms.Form):
    what = forms.CharField(
        label="What will be done?",
        max_length=300,
        error_messages={"required": "Enter what will be done"},
    )
    who = forms.CharField(
        label="Who will do it?",
        max_length=200,
        help_text="For example: the carer, the hub, their GP.",
        error_messages={"required": "Enter who will do it"},
    )
    by_when = NamedDateField(
        label="By when? (optional)",
        called="Date",
        required=False,
        help_text="For example, 27 3 2027.",
    )


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which service?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which service"},
    )
    details = forms.CharField(label="Details (optional)", max_length=300, required=False)
    provider = forms.CharField(label="Who provides it? (optional)", max_length=200, required=False)
    amount = forms.DecimalField(
        label="Amount in pounds (for a personal budget or direct payment)",
        required=False,
        min_value=0.01,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the amount as a number of pounds, like 150 or 82.50",
            "min_value": "The amount must be more than 0",
            "max_decimal_places": "Enter pounds and pence only",
        },
    )
    frequency = forms.ChoiceField(
        label="How often is it paid?", widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ServiceKind.choices
        self.fields["frequency"].choices = Frequency.choices
        self.money_kinds = {k.value for k in ServiceKind.with_money()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in self.money_kinds:
            if cleaned.get("amount") is None and "amount" not in self.errors:
                self.add_error(
                    "amount", "Enter the amount of the personal budget or direct payment"
                )
            if not cleaned.get("frequency"):
                self.add_error("frequency", "Select how often it is paid")
        return cleaned


class QualityOfLifeForm(SectionForm):
    """The six quality-of-life questions, in the wording the partnership loaded (ASCOF 1D method).

    None is required: a carer may choose not to answer, and the score then counts only the
    complete sets of six.
    """

    def add_fields(self):
        self.question_set = (
            current_question_set(self.carer.holding_organisation.partnership_id)
            if self.carer
            else None
        )
        if self.question_set is None:
            return
        for question in self.question_set.questions.all():
            self.fields[question.domain] = forms.ChoiceField(
                label=question.wording,
                widget=forms.RadioSelect,
                required=False,
                choices=[(str(n), text) for n, text in enumerate(question.answers)],
                error_messages={"invalid_choice": "Select one of the three answers"},
            )

    def __init__(self, *args, completing=True, **kwargs):
        super().__init__(*args, completing=completing, **kwargs)
        for field in self.fields.values():
            field.required = False

    def answers(self):
        answers = super().answers()
        answers["question_set"] = self.question_set.pk if self.question_set else None
        return answers


class RiskForm(forms.Form):
    triggers = forms.MultipleChoiceField(
        label="Which of these apply?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The ones the record suggests are ticked. Tick any others you know of.",
    )
    rating = forms.ChoiceField(
        label="How likely is it that caring breaks down?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the risk"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["triggers"].choices = Trigger.choices
        self.fields["rating"].choices = RiskRating.choices


class SendCopyForm(forms.Form):
    channel = forms.ChoiceField(
        label="How should the carer get the link?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how to send the link"},
    )

    def __init__(self, *args, carer=None, show_contact_details=True, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        # A restricted record's email and mobile are not shown to staff who may not see them; the
        # link can still be sent to them.
        if carer is not None and carer.email:
            choices.append(
                ("email", f"By email to {carer.email}" if show_contact_details else "By email")
            )
        if carer is not None and carer.mobile:
            choices.append(
                (
                    "sms",
                    f"By text message to {format_phone_number(carer.mobile)}"
                    if show_contact_details
                    else "By text message",
                )
            )
        self.fields["channel"].choices = choices


class OpenCopyForm(forms.Form):
    date_of_birth = NamedDateField(
        label="What is your date of birth?",
        called="Date of birth",
        help_text="For example, 27 3 1961",
        error_messages={"required": "Enter your date of birth"},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the assessment being cancelled?",
        max_length=200,
        help_text="For example, started in error, or the carer no longer wants one.",
        error_messages={"required": "Say why the assessment is being cancelled"},
    )
