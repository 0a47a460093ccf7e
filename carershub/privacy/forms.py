"""The forms of the privacy pages, with the GOV.UK error messages."""

from django import forms


class _ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )


class PlaceHoldForm(_ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "Why must the record be kept?"
        self.fields[
            "reason"
        ].help_text = "For example, a claim, a complaint or an investigation. Do not name anyone."
        self.fields["reason"].error_messages["required"] = "Enter why the record must be kept"


class LiftHoldForm(_ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "Why can the hold be lifted?"
        self.fields["reason"].error_messages["required"] = "Enter why the hold can be lifted"
