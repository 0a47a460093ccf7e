"""Caseloads: whose carers are whose. The key worker service, the caseload filters (read from the
query string) and how a caseload row appears.

Kept in one module, apart from the register's shared services, forms and presenters, so that the
caseload pages can be read (and changed) in one place. The reads themselves are in selectors.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from carershub.audit import services as auditor
from carershub.carers.models import Carer, CaringRelationship, Contact
from carershub.carers.models.carer import RECORD_ROLES
from carershub.carers.models.choices import HoursBand, Status
from carershub.carers.presenters import CarerPresenter
from carershub.carers.rules import CarerType

NOT_KNOWN = "not_known"
HOURS_CHOICES = [*HoursBand.choices, (NOT_KNOWN, "Not known")]
TYPE_CHOICES = [(t.value, t.label) for t in CarerType]
NO_KEY_WORKER = "none"


# --- Changing the key worker ------------------------------------------------------------------


def can_be_key_worker(user, organisation):
    """Active staff who work with carers at the organisation that holds the record."""
    return (
        user is not None
        and user.is_active
        and user.memberships.filter(organisation=organisation, role__in=RECORD_ROLES).exists()
    )


@transaction.atomic
def set_key_worker(actor, carer, worker):
    """Put the carer on a worker's caseload (or on nobody's, with ``worker=None``)."""
    if worker is not None and not can_be_key_worker(worker, carer.holding_organisation):
        raise ValidationError(
            {"key_worker": "Select someone who works with carers at this organisation"}
        )
    new_id = worker.pk if worker else None
    if carer.key_worker_id == new_id:
        return carer
    Carer.unscoped.filter(pk=carer.pk).update(
        key_worker=worker, version=F("version") + 1, updated_at=timezone.now()
    )
    auditor.updated(actor, carer, fields=["key_worker"])
    carer.refresh_from_db()
    return carer


class KeyWorkerForm(forms.Form):
    key_worker = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select a key worker, or select no key worker"},
    )

    def __init__(self, *args, workers, carer_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(w.pk): w for w in workers}
        field = self.fields["key_worker"]
        field.label = f"Who is {carer_name}’s key worker?"
        field.choices = [(pk, w.full_name) for pk, w in self.workers.items()] + [
            (NO_KEY_WORKER, "No key worker")
        ]

    def chosen_worker(self):
        return self.workers.get(self.cleaned_data["key_worker"])


# --- Filtering a caseload ---------------------------------------------------------------------


class CaseloadFilterForm(forms.Form):
    """The filters down the side of a caseload page, sent with GET so every view is a link."""

    status = forms.MultipleChoiceField(
        label="Status",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Status.choices,
    )
    carer_type = forms.MultipleChoiceField(
        label="Kind of carer",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=TYPE_CHOICES,
    )
    hours_band = forms.MultipleChoiceField(
        label="Hours caring",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=HOURS_CHOICES,
    )
    overdue = forms.BooleanField(label="Only carers with an overdue follow-up", required=False)

    # Shown when nothing has been chosen yet: a caseload is about the carers being worked with now.
    DEFAULTS = {"status": [Status.ACTIVE]}

    def __init__(self, query, *, workers=None):
        # A page opened without filters shows the defaults; a form sent with every box cleared
        # (it always sends "filtered") shows everything.
        data = (
            query
            if "filtered" in query or any(name in query for name in self.base_fields)
            else None
        )
        super().__init__(data, initial=self.DEFAULTS)
        if workers is not None:
            self.fields["worker"] = forms.ChoiceField(
                label="Key worker",
                required=False,
                choices=[("", "Everyone"), (NO_KEY_WORKER, "No key worker")]
                + [(str(w.pk), w.full_name) for w in workers],
            )

    def filters(self):
        """The filters to apply: the defaults for an unsent form, nothing for an invalid one."""
        if not self.is_bound:
            return dict(self.DEFAULTS)
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}

    def query_string_values(self):
        """The filters as (name, value) pairs, for links to other pages of the same results."""
        pairs = [("filtered", "1")]
        for name, value in self.filters().items():
            values = value if isinstance(value, list) else ["1" if value is True else value]
            pairs += [(name, v) for v in values]
        return pairs


def years_before(day, years):
    """The same day ``years`` earlier (28 February for a 29 February in a year without one)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, 2, 28)


def carer_type_condition(carer_type, today):
    """The SQL for one kind of carer, from date of birth and the caring network as
    ``carershub.carers.rules.carer_types`` decides it in Python (ages are compared with birthdays
    ``n`` years before today, so they agree to the day)."""

    def aged_at_least(n):
        return Q(date_of_birth__lte=years_before(today, n))

    still_caring = ~Q(status=Status.EX_CARER)
    if carer_type == CarerType.EX_CARER:
        return Q(status=Status.EX_CARER)
    if carer_type == CarerType.YOUNG_CARER:
        return still_caring & Q(date_of_birth__isnull=False) & ~aged_at_least(18)
    if carer_type == CarerType.YOUNG_ADULT_CARER:
        return still_caring & aged_at_least(16) & ~aged_at_least(26)
    if carer_type == CarerType.ADULT_CARER:
        return still_caring & aged_at_least(18)
    if carer_type == CarerType.AGE_NOT_KNOWN:
        return still_caring & Q(date_of_birth__isnull=True)
    if carer_type == CarerType.OLDER_CARER:
        return still_caring & aged_at_least(65)
    if carer_type == CarerType.PARENT_CARER:
        child = CaringRelationship.objects.filter(
            carer=OuterRef("pk"),
            parental_responsibility=True,
            cared_for__date_of_birth__gt=years_before(today, 18),
        )
        return still_caring & aged_at_least(18) & Q(Exists(child))
    raise ValueError(f"Unknown kind of carer {carer_type!r}")


def overdue_follow_ups(actor, today):
    """A follow-up from a contact was due before today and is not done.

    For now "overdue" means only this: review dates arrive with the assessment work, and will be
    added to the same condition.
    """
    return Exists(
        Contact.objects.visible_to(actor).filter(
            carer=OuterRef("pk"), follow_up_due__lt=today, follow_up_done_at__isnull=True
        )
    )


def apply_filters(carers, filters, *, actor, today):
    if filters.get("status"):
        carers = carers.filter(status__in=filters["status"])
    if filters.get("hours_band"):
        bands = ["" if band == NOT_KNOWN else band for band in filters["hours_band"]]
        carers = carers.filter(hours_band__in=bands)
    if filters.get("carer_type"):
        condition = Q(pk__in=[])
        for carer_type in filters["carer_type"]:
            condition |= carer_type_condition(carer_type, today)
        carers = carers.filter(condition)
    if filters.get("overdue"):
        carers = carers.filter(overdue_follow_ups(actor, today))
    worker = filters.get("worker")
    if worker == NO_KEY_WORKER:
        carers = carers.filter(key_worker__isnull=True)
    elif worker:
        carers = carers.filter(key_worker_id=int(worker))
    return carers


# --- Showing a caseload -----------------------------------------------------------------------


class CaseloadRow(CarerPresenter):
    LIST_FIELDS = [
        "reference",
        "given_name",
        "family_name",
        "date_of_birth",
        "status",
        "hours_band",
        "key_worker",
        "relationships",
        "contacts",
    ]

    @property
    def hours(self):
        return (
            HoursBand(self.carer.hours_band).label
            if self.carer.hours_band in HoursBand.values
            else "Not known"
        )

    @property
    def key_worker_name(self):
        return self.carer.key_worker.full_name if self.carer.key_worker_id else "No key worker"

    @property
    def overdue_tag(self):
        if getattr(self.carer, "has_overdue_follow_up", False):
            return {"text": "Follow-up overdue", "classes": "govuk-tag--red"}
        return None


def size_rows(workers, sizes):
    """One row per worker (and one for carers with nobody) of the team's caseload sizes."""
    rows = [(w.full_name, str(w.pk), sizes.get(w.pk, (0, 0))) for w in workers]
    rows.append(("No key worker", NO_KEY_WORKER, sizes.get(None, (0, 0))))
    return [
        {"name": name, "worker": worker, "carers": carers, "overdue": overdue}
        for name, worker, (carers, overdue) in rows
    ]
