"""The public front door: "Am I a carer?" and referring yourself, one question per page."""

from django import forms

from carershub.core.forms import YES_NO, EmailAddressField, NamedDateField, yes_no
from carershub.core.phone_numbers import PhoneNumberField
from carershub.core.validators import PostcodeField


class HelpsForm(forms.Form):
    helps = forms.ChoiceField(
        label="Do you look after someone who could not manage without your help?",
        help_text="They could be a partner, relative, friend or neighbour with an illness, "
        "disability, mental health problem or addiction, or who is frail with age. Helping with "
        "things like washing, meals, medicines, money, "
        "getting about or keeping them company all count.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you look after someone who could not manage without your "
            "help"
        },
    )


class PaidForm(forms.Form):
    paid = forms.ChoiceField(
        label="Are you paid to look after them?",
        help_text="Carer's Allowance and other benefits do not count as being paid.",
        choices=[("no", "No"), ("yes", "Yes, it is my job")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you are paid to look after them"},
    )


class AgeForm(forms.Form):
    under_18 = forms.ChoiceField(
        label="Are you under 18?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you are under 18"},
    )


class NameForm(forms.Form):
    given_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter your first name"},
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
    )
    family_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter your last name"},
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
    )


class DateOfBirthForm(forms.Form):
    date_of_birth = NamedDateField(
        label="What is your date of birth?",
        called="Date of birth",
        past_only=True,
        help_text="For example, 27 3 2007",
        error_messages={"required": "Enter your date of birth"},
    )


class ContactForm(forms.Form):
    email = EmailAddressField(
        label="Email address",
        required=False,
        help_text="We will send you a confirmation of your request.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = PhoneNumberField(
        label="Phone number",
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error(
                "email", "Enter an email address or a phone number so we can contact you"
            )
        return data


class PostcodeForm(forms.Form):
    postcode = PostcodeField(
        label="What is your postcode?", error_messages={"required": "Enter your postcode"}
    )


class SafeContactForm(forms.Form):
    """What a worker must know before calling: someone else may see the phone or hear a message."""

    safe_to_phone = yes_no("Is it safe for us to phone you?", "it is safe for us to phone you")
    safe_to_text = yes_no(
        "Is it safe for us to send you a text message?",
        "it is safe for us to send you a text message",
    )
    safe_to_leave_voicemail = yes_no(
        "Is it safe for us to leave you a voicemail?", "it is safe for us to leave you a voicemail"
    )


class LanguageForm(forms.Form):
    preferred_language = forms.CharField(
        label="What language would you like us to use?",
        help_text="For example, English, Polish or British Sign Language",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "language"}),
        error_messages={
            "required": "Enter the language you would like us to use",
            "max_length": "Language must be 100 characters or fewer",
        },
    )
    needs_interpreter = yes_no("Do you need an interpreter?", "you need an interpreter")


class CaringForm(forms.Form):
    cared_for_name = forms.CharField(
        label="Their name",
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={
            "required": "Enter the name of the person you look after",
            "max_length": "Their name must be 200 characters or fewer",
        },
    )
    cared_for_relationship = forms.CharField(
        label="What are they to you?",
        help_text="For example, my mum, my husband, my son, a friend or a neighbour",
        max_length=100,
        error_messages={
            "required": "Enter what the person you look after is to you",
            "max_length": "What they are to you must be 100 characters or fewer",
        },
    )
    cares_for = forms.CharField(
        label="What help do they need from you?",
        help_text="For example: she has dementia. I help her every day with meals and medicines.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={
            "required": "Tell us what help they need from you",
            "max_length": "Use 2000 characters or fewer",
        },
    )


class UrgencyForm(forms.Form):
    urgent = yes_no(
        "Do you need support urgently?",
        "you need support urgently",
        help_text="For example, you may not be able to carry on caring in the next few days.",
    )
