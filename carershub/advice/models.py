"""Articles in the information and advice library, their other formats, sources and history."""

from django.conf import settings
from django.db import models


class Audience(models.TextChoices):
    ADULT_CARERS = "adult-carers", "Adult carers"
    YOUNG_CARERS = "young-carers", "Young carers"
    PARENT_CARERS = "parent-carers", "Parent carers"


class Topic(models.TextChoices):
    BENEFITS_AND_MONEY = "benefits-and-money", "Benefits and money"
    BREAKS = "breaks", "Breaks from caring"
    RIGHTS_AT_WORK = "rights-at-work", "Rights at work"
    HOSPITAL_DISCHARGE = "hospital-discharge", "Hospital discharge"
    EMERGENCY_PLANNING = "emergency-planning", "Emergency planning"
    TECHNOLOGY = "technology", "Technology"
    YOUNG_CARERS = "young-carers", "Young carers"
    HEALTH_AND_WELLBEING = "health-and-wellbeing", "Your health and wellbeing"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# Languages an article may be given in besides English: (code, name in English, name in itself,
# right to left).
LANGUAGES = [
    ("ar", "Arabic", "العربية", True),
    ("bn", "Bengali", "বাংলা", False),
    ("cy", "Welsh", "Cymraeg", False),
    ("gu", "Gujarati", "ગુજરાતી", False),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ", False),
    ("pl", "Polish", "Polski", False),
    ("ro", "Romanian", "Română", False),
    ("so", "Somali", "Soomaali", False),
    ("ur", "Urdu", "اردو", True),
]
LANGUAGE_NAMES = {code: name for code, name, _, _ in LANGUAGES}
LANGUAGE_OWN_NAMES = {code: own for code, _, own, _ in LANGUAGES}
RIGHT_TO_LEFT = {code for code, _, _, rtl in LANGUAGES if rtl}
EASY_READ = "easy-read"


class Article(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    summary = models.CharField(max_length=300)
    body = models.TextField(
        help_text="Markdown: paragraphs, ## headings, lists and links. No HTML."
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    # Lower-case words of the title, summary and body, so that search is one LIKE on each database.
    search_text = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "slug"], name="advice_article_slug_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class ArticleAudience(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(max_length=30, choices=Audience.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "audience"], name="advice_audience_unique")
        ]

    def __str__(self):
        return self.get_audience_display()


class ArticleTopic(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=30, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="advice_topic_unique")
        ]

    def __str__(self):
        return self.get_topic_display()


class Source(models.Model):
    """An official source a fact in the article rests on, and when someone last checked it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    checked_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class ArticleVersion(models.Model):
    """The article in another format: easy read (``language`` is "easy-read") or another
    language.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(max_length=20)
    title = models.CharField(max_length=150)
    body = models.TextField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="advice_version_unique")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def is_easy_read(self):
        return self.language == EASY_READ


class Revision(models.Model):
    """What a published article said before someone changed it, who changed it and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    changed_fields = models.JSONField(default=list)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.title} before {self.changed_at:%Y-%m-%d %H:%M}"
