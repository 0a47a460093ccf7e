"""The carer's record page: the record's own sections and every app's panel, each read audited."""

from carershub.accounts.permissions import can
from carershub.audit import services as auditor
from carershub.carers import duplicates, purposes, record, restrictions, selectors
from carershub.carers.models import Carer
from carershub.carers.presenters import CarerPresenter
from carershub.core.encryption import LookupKeysMissing

VIEW = "carers:detail"

# What the record's own sections read, named in the page's audit row; the page leaves out what
# the actor may not see.
DETAIL_FIELDS = [f.name for f in Carer._meta.concrete_fields if f.name not in {"id", "version"}] + [
    "equality",
    "relationships",
    "consents",
]


# What every reader of the page sees, whatever the purpose: where the record stands and who holds
# it, and the consent that lets a partner see it (ADR 23).
ALWAYS_SHOWN = {"status", "closed_reason", "closed_at", "holding_organisation", "consents"}


def fields_read(actor, carer, *, editable, show_contact, purpose_fields=None):
    """The record's fields this actor sees on the page (ADR 19, ADR 23), only those of the
    purpose for a partner (ADR 36)."""
    fields = DETAIL_FIELDS if editable else [f for f in DETAIL_FIELDS if f != "equality"]
    if purpose_fields is not None:
        fields = [f for f in fields if f in purpose_fields or f in ALWAYS_SHOWN]
    if not can(actor, "carers.view_cared_for_conditions", carer):
        network = "relationships" in fields
        fields = [f for f in fields if f != "relationships"]
        fields += ["relationships_without_conditions"] if network else []
    if not show_contact:
        fields = [f for f in fields if f not in restrictions.CONTACT_FIELDS]
    return fields


class CarerRecordPage:
    """Everything a carer's record page shows to one actor.

    ``open`` builds it and writes its audit rows: one for the record's own sections, one more for
    a sight of restricted contact details, and one per record each panel lists, all through
    ``carershub.audit.services``. Panels come from ``carershub.carers.record`` in its order.
    """

    def __init__(self, actor, carer, purpose):
        self.actor = actor
        self.record = carer
        self.purpose = purpose
        self.editable = can(actor, "carers.edit_carer", carer)
        partner_view = not can(actor, "carers.view_all_consents", carer)
        # A partner sees only what its purpose shows; the holding organisation sees it all.
        field_groups = purposes.field_group_names(purpose) if partner_view else None
        self.purpose_fields = purposes.fields_for(purpose) if partner_view else None
        self.show_contact = can(actor, "carers.view_contact_details", carer) and (
            field_groups is None or "contact" in field_groups
        )
        self.can_merge = can(actor, "carers.merge", carer)
        open_record = not carer.merged_into_id
        self.can_restrict = open_record and can(actor, "carers.restrict_contact_details", carer)
        self.carer = CarerPresenter(
            carer,
            selectors.visible_carer_ids(actor, purpose, _other_carer_ids(carer)),
            show_contact=self.show_contact,
            partner_organisation=actor.organisation if partner_view else None,
            field_groups=field_groups,
        )
        self.restriction = restrictions.restriction_in_force(carer) if self.editable else None
        self.panels = [
            panel
            for provider in record.panel_providers()
            if (panel := provider(actor, carer)) is not None
        ]
        self.alerts = [
            alert for provider in record.alert_providers() for alert in provider(actor, carer)
        ]
        self.matches, self.duplicates_unchecked = self._duplicates()
        self.merge_out = self._merge_out()
        self.last_merge_in = self._last_merge_in()

    @classmethod
    def open(cls, actor, carer, purpose):
        page = cls(actor, carer, purpose)
        page.audit()
        return page

    @property
    def title(self):
        return self.carer.name

    @property
    def contents(self):
        """The page's sections, in order, for the contents list under the summary: the
        record's own, then each panel's, then the consents and the record's status."""
        # Only the sections this viewer's purpose shows (ADR 36): a link to a missing one would
        # lead nowhere and say what the page holds back.
        own = [("personal-details", "Personal details")]
        own += [("contact", "Contact")] if self.carer.shows("contact") else []
        own += [("caring", "Caring")] if self.carer.caring_rows(self.editable) else []
        own += [("cares-for", "People they care for")] if self.carer.shows("network") else []
        panels = [panel.section for panel in self.panels if hasattr(panel, "section")]
        tail = [("consent", "Consent to share"), ("record", "Record")]
        if self.editable:
            tail.append(("equality", "Equality monitoring"))
        return own + panels + tail

    @property
    def consent_rows(self):
        return self.carer.consent_rows(self.editable)

    def audit(self):
        fields = fields_read(
            self.actor,
            self.record,
            editable=self.editable,
            show_contact=self.show_contact,
            purpose_fields=self.purpose_fields,
        )
        context = {"view": VIEW}
        if self.purpose_fields is not None:
            # A partner's sight names the purpose it was for (ADR 36).
            context["purpose"] = str(self.purpose)
        auditor.read(self.actor, self.record, fields=fields, context=context)
        if self.show_contact and self.record.contact_restricted:
            # Every sight of restricted contact details is a row of its own, easy to find (ADR 19).
            auditor.read(
                self.actor,
                self.record,
                fields=restrictions.CONTACT_FIELDS,
                context={"view": VIEW, "restricted_contact_details": True},
            )
        for panel in self.panels:
            for read in panel.reads:
                if read.ids:
                    auditor.listed(
                        self.actor,
                        read.model,
                        read.ids,
                        fields=list(read.fields),
                        context={"view": VIEW},
                    )
        if self.matches:
            auditor.listed(
                self.actor,
                Carer,
                [m.carer for m in self.matches],
                fields=CarerPresenter.LIST_FIELDS,
                context={"view": f"{VIEW}:duplicates"},
            )

    def _duplicates(self):
        if not self.can_merge or self.record.merged_into_id:
            return [], ""
        try:
            return duplicates.matches_for_carer(self.actor, self.record), ""
        except LookupKeysMissing as missing:
            # The record is still shown; the duplicates it cannot look for are said to be
            # unchecked, not absent.
            return [], str(missing)

    def _merge_out(self):
        if not self.record.merged_into_id:
            return None
        return (
            self.record.merges_out.filter(undone_at__isnull=True).select_related("survivor").first()
        )

    def _last_merge_in(self):
        if not self.can_merge:
            return None
        return (
            self.record.merges_in.filter(undone_at__isnull=True).select_related("duplicate").first()
        )


def _other_carer_ids(carer):
    return {
        other.carer_id
        for rel in carer.relationships.all()
        for other in getattr(rel.cared_for, "all_carers", [])
    }
