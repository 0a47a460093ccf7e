"""The quality-of-life questions a partnership loads, and the scores carers give."""

from django.conf import settings
from django.db import models

from carershub.assessments.quality_of_life import Domain
from carershub.carers.models.casework import CaseworkQuerySet
from carershub.core.scoping import scoped_manager_for
from carershub.partnerships.models import Organisation, Partnership


class QuestionSet(models.Model):
    """The wording of the six questions and their answers,
    as a partnership is licensed to use it.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="quality_of_life_sets"
    )
    name = models.CharField(max_length=200)
    source = models.CharField(
        max_length=500, help_text="Where the wording comes from and under what terms."
    )
    loaded_at = models.DateTimeField()
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self):
        return self.name


class Question(models.Model):
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="questions"
    )
    domain = models.CharField(max_length=20, choices=Domain.choices)
    wording = models.CharField(max_length=500)
    answers = models.JSONField(help_text="The three answers, best first.")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "domain"], name="one_question_per_domain"
            )
        ]

    def __str__(self):
        return self.wording


class ScoreQuerySet(CaseworkQuerySet):
    """The hub's casework (see ``CaseworkQuerySet``)."""


class QualityOfLifeScore(models.Model):
    """A carer's answers at one assessment or review;
    ``total`` is empty unless all six were answered.
    """

    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="quality_of_life_scores"
    )
    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="quality_of_life"
    )
    question_set = models.ForeignKey(QuestionSet, on_delete=models.RESTRICT, related_name="+")
    answers = models.JSONField(help_text="Domain -> position of the answer given (0 is the best).")
    total = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    unscoped = models.Manager()
    objects = scoped_manager_for(ScoreQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["recorded_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__lte=12), name="score_at_most_12")
        ]

    def __str__(self):
        return f"{self.total}/12" if self.total is not None else "Incomplete"
