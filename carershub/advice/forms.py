"""The advice library's forms, with the GOV.UK error messages."""

from django import forms

from carershub.advice import figures
from carershub.advice.models import LANGUAGES, Article, ArticleVersion, Audience, Source, Topic
from carershub.core.forms import NamedDateField

MARKDOWN_HINT = (
    "Write in short paragraphs. Start a heading with ## and a list item with -. Make a link like "
    "[Carer's Allowance](https://www.gov.uk/carers-allowance). For a rate or limit that changes "
    "every April, write its name, like ((carers_allowance.weekly_rate)): the page shows the "
    "figure in force. The names: "
    + "; ".join("((" + name + ")) for " + what for name, what in figures.FIGURES.items())
    + "."
)


def clean_body(form):
    body = form.cleaned_data["body"]
    problems = figures.body_problems(body)
    if problems:
        raise forms.ValidationError(problems)
    return body


class ArticleForm(forms.Form):
    feeds = (
        Article,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    title = forms.CharField(
        label="Title",
        max_length=150,
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    slug = forms.SlugField(
        label="Web address",
        max_length=80,
        help_text="The end of the page's address, in lower case letters and hyphens, like "
        "carers-allowance",
        error_messages={
            "required": "Enter a web address",
            "invalid": "Web address must only include lower case letters, numbers and hyphens",
            "max_length": "Web address must be 80 characters or fewer",
        },
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two sentences shown in lists and search results",
        error_messages={
            "required": "Enter a summary",
            "max_length": "Summary must be 300 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Article",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=MARKDOWN_HINT,
        error_messages={
            "required": "Enter the article",
            "max_length": "Article must be 20,000 characters or fewer",
        },
    )
    audiences = forms.MultipleChoiceField(
        label="Who is it for?",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select who the article is for"},
    )
    topics = forms.MultipleChoiceField(
        label="Topics",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one topic"},
    )
    owner = forms.ChoiceField(
        label="Owner",
        help_text="The member of staff who keeps it up to date",
        error_messages={"required": "Select the owner", "invalid_choice": "Select the owner"},
    )
    review_on = NamedDateField(
        label="Review date",
        called="Review date",
        help_text="When it must next be checked, for example 1 4 2027",
        error_messages={"required": "Enter the review date"},
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = {str(user.pk): user for user in staff}
        self.fields["owner"].choices = [("", "Select the owner")] + [
            (pk, u.full_name) for pk, u in self.staff.items()
        ]

    def clean_body(self):
        return clean_body(self)

    def article(self):
        """The cleaned answers as the service takes them."""
        data = dict(self.cleaned_data)
        data["owner"] = self.staff[data["owner"]]
        return data


class SourceForm(forms.Form):
    feeds = (Source,)  # the columns its fields are checked against (core/tests/test_form_limits.py)
    title = forms.CharField(
        label="Title of the source",
        max_length=200,
        help_text="For example, Carer's Allowance on GOV.UK",
        error_messages={
            "required": "Enter the title of the source",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    url = forms.URLField(
        label="Web address of the source",
        max_length=500,
        assume_scheme="https",
        help_text="For example, https://www.gov.uk/carers-allowance",
        error_messages={
            "required": "Enter the web address of the source",
            "invalid": "Enter a web address, like https://www.gov.uk/carers-allowance",
            "max_length": "Web address must be 500 characters or fewer",
        },
    )
    checked_on = NamedDateField(
        label="When did you check it?",
        called="Date checked",
        past_only=True,
        help_text="For example, 23 11 2026",
        error_messages={"required": "Enter the date you checked the source"},
    )


class VersionForm(forms.Form):
    feeds = (
        ArticleVersion,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    title = forms.CharField(
        label="Title",
        max_length=150,
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Article",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=MARKDOWN_HINT,
        error_messages={
            "required": "Enter the article",
            "max_length": "Article must be 20,000 characters or fewer",
        },
    )

    def clean_body(self):
        return clean_body(self)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label="Which language is the new version in?",
        widget=forms.RadioSelect,
        choices=[(code, f"{name} ({own})") for code, name, own, _ in LANGUAGES],
        error_messages={"required": "Select a language", "invalid_choice": "Select a language"},
    )


class SearchForm(forms.Form):
    """The public search: every field optional, so an empty search lists everything."""

    q = forms.CharField(label="Search the library", required=False, max_length=200)
    audience = forms.ChoiceField(
        label="Who is it for?", required=False, choices=[("", "Everyone")] + list(Audience.choices)
    )
    topic = forms.ChoiceField(
        label="Topic", required=False, choices=[("", "All topics")] + list(Topic.choices)
    )
