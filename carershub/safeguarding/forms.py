"""Forms for raising a safeguarding concern and recording a decision on it."""

from django import forms

from carershub.core.forms import NamedDateField
from carershub.safeguarding.models import AtRisk, Category, Decision


class ConcernForm(forms.Form):
    what_happened = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        help_text="What you saw or were told, when, and who told you. Use their words where you "
        "can.",
        error_messages={"required": "Enter what happened"},
    )
    category = forms.ChoiceField(
        label="What kind of abuse or neglect is it?",
        widget=forms.RadioSelect,
        choices=Category.choices,
        error_messages={"required": "Select what kind of abuse or neglect it is"},
    )
    at_risk = forms.ChoiceField(
        label="Who is at risk?",
        widget=forms.RadioSelect,
        choices=AtRisk.choices,
        error_messages={"required": "Select who is at risk"},
    )
    immediate_risk = forms.ChoiceField(
        label="Is anyone at immediate risk of harm?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        help_text="If someone is in danger now, call 999 first.",
        error_messages={"required": "Select yes if anyone is at immediate risk of harm"},
    )

    def concern(self):
        data = dict(self.cleaned_data)
        data["immediate_risk"] = data["immediate_risk"] == "yes"
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What did you decide?",
        widget=forms.RadioSelect,
        choices=Decision.choices,
        error_messages={"required": "Select what you decided"},
    )
    referral_reference = forms.CharField(
        label="Council's reference (if referred)",
        max_length=60,
        required=False,
    )
    referred_on = NamedDateField(
        label="Date referred (if referred)",
        called="Date referred",
        required=False,
        past_only=True,
        help_text="For example, 27 3 2026",
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        required=False,
        help_text="Needed for advice given or no further action.",
    )
