"""Forms for signing in, choosing an organisation and managing staff."""

from django import forms
from django.contrib.auth import password_validation

from carershub.accounts.models import ROLE_DESCRIPTIONS, Role, User
from carershub.accounts.passwords import PASSWORD_HINT
from carershub.accounts.services import is_unused_account_of
from carershub.core.forms import EmailAddressField


class SignInForm(forms.Form):
    feeds = ()  # keeps nothing it is given
    email = EmailAddressField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ChooseOrganisationForm(forms.Form):
    organisation = forms.ChoiceField(
        label="Which organisation are you working for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation you are working for"},
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(str(org.pk), org.name) for org, _roles in options]


def _role_choices():
    return [(role.value, role.label) for role in Role]


class InviteUserForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter their full name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = EmailAddressField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=_role_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one role"},
    )

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        existing = User.objects.filter(email=email).first()
        if (
            existing
            and existing.memberships.filter(organisation=self.organisation).exists()
            and not is_unused_account_of(existing, self.organisation)
        ):
            raise forms.ValidationError("Someone with this email address is already in your team")
        if existing and not existing.is_active:
            raise forms.ValidationError(
                "The account with this email address has been deactivated, so it cannot join "
                "your team. Ask them for another work email address"
            )
        return email


class ChangeRolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=_role_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. To remove someone from your team, deactivate their "
        "account instead.",
        error_messages={"required": "Select at least one role"},
    )


class DeactivateUserForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Are you sure you want to deactivate this account?",
        choices=[("yes", "Yes, deactivate the account"), ("no", "No, keep the account")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you want to deactivate the account"},
    )


class AcceptOfferForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Do you want to join this organisation?",
        choices=[("yes", "Yes, join it"), ("no", "No, not now")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you want to join the organisation"},
    )


class SetPasswordForm(forms.Form):
    feeds = ()  # the password is kept only as a hash
    password = forms.CharField(
        label="Create a password",
        strip=False,
        help_text=PASSWORD_HINT,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        try:
            password_validation.validate_password(password, self.user)
        except forms.ValidationError as problems:
            raise forms.ValidationError(
                [_password_message(p) for p in problems.error_list]
            ) from None
        return password

    def clean(self):
        data = super().clean()
        if (
            data.get("password")
            and data.get("password_again")
            and data["password"] != data["password_again"]
        ):
            self.add_error("password_again", "The passwords do not match")
        return data


# Django's messages, in the hub's words (GOV.UK error message style: what to do, no full stop).
_PASSWORD_MESSAGES = {
    "password_too_short": "Password must be 12 characters or more",
    "password_too_common": "Password is too easy to guess: choose one that is less common",
    "password_too_similar": "Password must not be like your name or email address",
    "password_entirely_numeric": "Password must not be only numbers",
}


def _password_message(problem):
    return forms.ValidationError(
        _PASSWORD_MESSAGES.get(problem.code, problem.message), code=problem.code
    )


class SignInCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="Enter the 6-digit code your app shows now.",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, using numbers only"
            )
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the 8-character codes you saved when you set up your authenticator app.",
        max_length=40,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ResetAuthenticatorForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Are you sure you want to reset their authenticator app?",
        choices=[("yes", "Yes, reset their authenticator app"), ("no", "No, keep it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you want to reset their authenticator app"},
    )


class UnlockUserForm(forms.Form):
    confirm = forms.ChoiceField(
        label="Are you sure you want to unlock their account?",
        choices=[("yes", "Yes, unlock their account"), ("no", "No, keep it locked")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you want to unlock their account"},
    )


ROLE_HELP = ROLE_DESCRIPTIONS
