"""Restricted records: hiding a carer's address and contact details from everyone but named
workers and the holding organisation's hub managers (ADR 19).

Kept in one module (services, the form and the rules' helpers) so the whole of it can be read
in one place. Who may do what is decided in carershub.accounts.permissions.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from carershub.accounts.models import Role, User
from carershub.audit import services as auditor
from carershub.carers.models import Carer, ContactRestriction, RestrictionReason
from carershub.carers.models.carer import RECORD_ROLES

# The fields a restriction hides, named in the audit row of every view of them.
CONTACT_FIELDS = [
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "phone",
    "mobile",
    "email",
]


# --- Reading ------------------------------------------------------------------------------------


def restriction_in_force(carer):
    """The restriction in force on a carer, or None (read once per carer object)."""
    if not carer.contact_restricted:
        return None
    if not hasattr(carer, "_restriction_in_force"):
        carer._restriction_in_force = (
            ContactRestriction.objects.filter(carer=carer, lifted_at__isnull=True)
            .prefetch_related("named_workers")
            .select_related("restricted_by")
            .first()
        )
    return carer._restriction_in_force


def named_workers(carer):
    restriction = restriction_in_force(carer)
    return (
        sorted(restriction.named_workers.all(), key=lambda u: (u.full_name, u.pk))
        if restriction
        else []
    )


def is_named_worker(user, carer):
    return any(w.pk == user.pk for w in named_workers(carer))


def hidden_from(actor):
    """A filter matching the carers whose contact details the actor may not see: restricted ones,
    unless the actor is a hub manager of the holding organisation or one of the named workers.
    Used to keep a search by postcode from finding someone by where they live."""
    restricted = Q(contact_restricted=True)
    if not actor.is_authenticated or actor.organisation is None:
        return restricted
    if actor.has_role(Role.HUB_MANAGER):
        allowed = Q(holding_organisation=actor.organisation)
    else:
        allowed = Q(holding_organisation=actor.organisation) & Q(
            pk__in=ContactRestriction.objects.filter(
                lifted_at__isnull=True, named_workers=actor.user
            ).values("carer_id")
        )
    return restricted & ~allowed


def withheld_message(carer):
    """What someone who may not see the contact details reads in their place."""
    names = [w.full_name for w in named_workers(carer)]
    who = f"{_join(names)} or a hub manager" if names else "a hub manager"
    return f"Contact details are restricted. Ask {who}."


def _join(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def workers_who_may_be_named(organisation):
    """Active staff who work with carers at the organisation holding the record."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role__in=RECORD_ROLES,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


# --- Changing -----------------------------------------------------------------------------------


@transaction.atomic
def restrict(actor, carer, *, reason, reason_other="", workers=()):
    """Restrict a carer's contact details, or change the reason and named workers of the
    restriction in force. Named workers must work with carers at the holding organisation."""
    allowed = {u.pk for u in workers_who_may_be_named(carer.holding_organisation)}
    if any(w.pk not in allowed for w in workers):
        raise ValidationError(
            {"named_workers": "Select people who work with carers at this organisation"}
        )
    if reason == RestrictionReason.OTHER and not reason_other.strip():
        raise ValidationError(
            {"reason_other": "Enter the reason for restricting the contact details"}
        )
    reason_other = reason_other.strip() if reason == RestrictionReason.OTHER else ""
    restriction = (
        ContactRestriction.objects.select_for_update()
        .filter(carer=carer, lifted_at__isnull=True)
        .first()
    )
    if restriction is None:
        restriction = ContactRestriction.objects.create(
            carer=carer,
            reason=reason,
            reason_other=reason_other,
            restricted_by=actor.user,
        )
        restriction.named_workers.set(workers)
        auditor.created(
            actor,
            restriction,
            fields=["carer", "reason", "reason_other", "named_workers", "restricted_by"],
        )
        Carer.unscoped.filter(pk=carer.pk).update(
            contact_restricted=True, version=F("version") + 1, updated_at=timezone.now()
        )
        auditor.updated(actor, carer, fields=["contact_restricted"])
    else:
        changed = [
            name
            for name, value in (("reason", reason), ("reason_other", reason_other))
            if getattr(restriction, name) != value
        ]
        restriction.reason, restriction.reason_other = reason, reason_other
        restriction.save(update_fields=["reason", "reason_other"])
        if {w.pk for w in restriction.named_workers.all()} != {w.pk for w in workers}:
            restriction.named_workers.set(workers)
            changed.append("named_workers")
        if changed:
            auditor.updated(actor, restriction, fields=changed)
    carer.refresh_from_db()
    return restriction


@transaction.atomic
def lift(actor, carer):
    """End the restriction in force: the contact details are shown again as before."""
    restriction = (
        ContactRestriction.objects.select_for_update()
        .filter(carer=carer, lifted_at__isnull=True)
        .first()
    )
    if restriction is None:
        return None
    restriction.lifted_by, restriction.lifted_at = actor.user, timezone.now()
    restriction.save(update_fields=["lifted_by", "lifted_at"])
    auditor.updated(actor, restriction, fields=["lifted_by", "lifted_at"])
    Carer.unscoped.filter(pk=carer.pk).update(
        contact_restricted=False, version=F("version") + 1, updated_at=timezone.now()
    )
    auditor.updated(actor, carer, fields=["contact_restricted"])
    carer.refresh_from_db()
    carer.__dict__.pop("_restriction_in_force", None)
    return restriction


# --- The form -----------------------------------------------------------------------------------


class RestrictionForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are their contact details being restricted?",
        widget=forms.RadioSelect,
        choices=RestrictionReason.choices,
        error_messages={"required": "Select why their contact details are being restricted"},
    )
    reason_other = forms.CharField(
        label="If another reason, what is it?",
        max_length=200,
        required=False,
        help_text="Do not write their address or anything that would help someone find them.",
    )
    named_workers = forms.MultipleChoiceField(
        label="Who else may see their contact details?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Hub managers can always see them. Choose only the people who need to contact "
        "the carer.",
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(w.pk): w for w in workers}
        self.fields["named_workers"].choices = [(pk, w.full_name) for pk, w in self.workers.items()]

    def clean(self):
        data = super().clean()
        if (
            data.get("reason") == RestrictionReason.OTHER
            and not data.get("reason_other", "").strip()
        ):
            self.add_error("reason_other", "Enter the reason for restricting the contact details")
        return data

    def chosen_workers(self):
        return [self.workers[pk] for pk in self.cleaned_data.get("named_workers", [])]
