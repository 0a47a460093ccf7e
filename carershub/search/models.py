"""The search index: the keys each carer can be found by, kept beside the register (ADR 7)."""

from django.db import models
from django.db.models import Q

from carershub.carers.models import Carer
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for


class CarerSearchKeyQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Keys of the carers the actor may see (the keys hold parts of names and dates of
        birth).
        """
        return self.filter(carer__in=Carer.objects.visible_to(actor).values("pk"))


class CarerSearchKey(models.Model):
    """One key one carer is found by: ``=john`` (a name word), ``>jo`` (the start of one), ``~jon``
    (within one edit of one), ``b1961-03-27`` (date of birth), ``pZZ11AA`` / ``sZZ11`` / ``oZZ1``
    (postcode, sector, outward code). Built by ``carershub.search.services`` only.

    The primary key is (key, carer): the index a search reads is the table's own, and a search
    never touches the rows themselves (an index-only scan on PostgreSQL).
    """

    pk = models.CompositePrimaryKey("key", "carer")
    key = models.CharField(max_length=64)
    carer = models.ForeignKey("carers.Carer", on_delete=models.CASCADE, related_name="search_keys")

    unscoped = models.Manager()
    objects = scoped_manager_for(CarerSearchKeyQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        constraints = [models.CheckConstraint(condition=~Q(key=""), name="search_key_not_empty")]

    def __str__(self):
        return f"Search key for carer {self.carer_id}"
