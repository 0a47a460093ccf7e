"""Vocabularies of terms that describe services:
the hub's carers' taxonomy and imported feeds' own.
"""

import uuid

from django.db import models
from django.db.models import Q


class Taxonomy(models.Model):
    """A vocabulary of terms, e.g. the hub's carers' taxonomy or an imported feed's own."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=50, blank=True)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source=""),
                name="taxonomy_once_per_source",
            ),
        ]

    def __str__(self):
        return self.name


class TaxonomyTerm(models.Model):
    """One term: a category ("Breaks") or who a service is for ("Young carers")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.CASCADE, related_name="terms"
    )
    code = models.CharField(
        max_length=100, blank=True, help_text="The term's code in its taxonomy (HSDS 'code')."
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    term_uri = models.URLField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source=""),
                name="taxonomy_term_once_per_source",
            ),
        ]

    def __str__(self):
        return self.name
