"""The forms of an emergency plan, with the GOV.UK error messages."""

from django import forms

from carershub.core.forms import NamedDateField, yes_no
from carershub.core.phone_numbers import PhoneNumberField


def _text(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"{label} must be 5,000 characters or fewer"},
    )


class StartPlanForm(forms.Form):
    cared_for = forms.ChoiceField(
        label="Whose care does the plan cover?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whose care the plan covers",
            "invalid_choice": "Select someone the carer looks after",
        },
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cared_for"].choices = [
            (
                str(rel.cared_for_id),
                f"{rel.cared_for.full_name} ({rel.get_relationship_display().lower()})",
            )
            for rel in people
        ]


class NeedsForm(forms.Form):
    medication = _text(
        "Medication",
        "What they take, when, and where it is kept. Who to ask about it, such as "
        "their GP or pharmacy.",
    )
    routines = _text(
        "Daily routines",
        "Meals, getting up and going to bed, and anything that must happen at a set time.",
    )
    communication = _text(
        "Communication",
        "How they communicate and what helps, for example hearing aids, "
        "signs they use or a language other than English.",
    )
    mobility = _text(
        "Mobility",
        "How they get about, equipment they use, and whether they are at risk of falling.",
    )
    other_needs = _text(
        "Anything else someone stepping in should know",
        "For example pets, allergies, things that upset or calm them.",
    )
    replacement_care = _text(
        "Who steps in, and how to reach them",
        "The people or service who would care for them at short notice, and how to contact them.",
        rows=5,
    )
    reviewed_on = NamedDateField(
        label="When did you last go through the plan with the carer? (optional)",
        required=False,
        past_only=True,
        called="The date you went through the plan with the carer",
        help_text="For example, 27 3 2026.",
    )


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the contact's name",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    relationship = forms.CharField(
        label="Who are they to the carer?",
        max_length=100,
        help_text="For example, daughter, neighbour or friend.",
        error_messages={
            "required": "Enter who the contact is to the carer, like daughter or neighbour",
            "max_length": "Who they are must be 100 characters or fewer",
        },
    )
    phone = PhoneNumberField(
        label="Phone number", error_messages={"required": "Enter the contact's phone number"}
    )
    alternative_phone = PhoneNumberField(label="Other phone number (optional)", required=False)
    can_hold_keys = yes_no(
        "Can they hold keys or let someone into the home?",
        "the contact can hold keys or let someone in",
    )

    def contact(self):
        """The cleaned answers as the service takes them."""
        data = dict(self.cleaned_data)
        data["can_hold_keys"] = data["can_hold_keys"] == "yes"
        return data


class ConsentForm(forms.Form):
    agrees = yes_no(
        "Does the carer agree that this plan may be used in an emergency?",
        "the carer agrees the plan may be used in an emergency",
        help_text="For example, shared with the person who steps in to care, or with the emergency "
        "services, if the carer suddenly cannot care.",
    )


class EndPlanForm(forms.Form):
    reason = forms.CharField(
        label="Why is the plan ending?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, they no longer care for this person, or a new plan replaces it.",
        error_messages={
            "required": "Enter why the plan is ending",
            "max_length": "The reason must be 500 characters or fewer",
        },
    )
