"""Every page the hub serves, and every kind of visitor: who is let in, who is refused, and that
opening one person's record leaves an audit row.

``MATRIX`` has one row per URL name, and each row is its own test (spread over pytest-xdist's
workers), run in a world built once per process and rolled back after each URL, with the clock
stopped at ``WORLD_TIME`` so nothing in the world goes stale while the matrix runs. Adding a URL
to any ``urls.py`` without adding its row here fails
``test_every_url_the_hub_serves_is_in_the_matrix``; a row for a URL that has gone fails it too. Each
row says how to build the URL from the ``world`` (a hub with one of everything), which method to
try, who is allowed in, and which audit rows an allowed visitor's request must write.

Allowed means, for a page (GET), a 200; for a form that only takes POST (a button), and for the
few public pages that send a visitor on to another step, anything but a refusal. Refused means a
403 or 404 for someone signed in, and a redirect to the sign-in page for someone who is not.
"""

import datetime as dt
from contextlib import ExitStack
from dataclasses import dataclass, replace
from types import SimpleNamespace

import pytest
import time_machine
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from carershub.accounts import services as account_services
from carershub.accounts.actor import SESSION_KEY, actor_for
from carershub.accounts.models import Role
from carershub.accounts.tests.factories import MembershipFactory, UserFactory
from carershub.assessments import selectors as assessment_selectors
from carershub.assessments import services as assessment_services
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import adult_answers, years_ago
from carershub.audit.models import AuditLog, Operation
from carershub.carers import merging, purposes
from carershub.carers import services as carer_services
from carershub.carers.models import SharingPurpose
from carershub.carers.models.cared_for import Relationship
from carershub.carers.models.carer import PARTNER_ROLES
from carershub.carers.tests.factories import CarerFactory
from carershub.directory.taxonomy import CATEGORIES, term_id
from carershub.directory.tests.factories import ProviderFactory as DirectoryProviderFactory
from carershub.directory.tests.factories import ServiceFactory as DirectoryServiceFactory
from carershub.directory.tests.factories import place_service
from carershub.emergency_plans import services as emergency_plan_services
from carershub.imports import services as import_services
from carershub.imports.models import Status as ImportStatus
from carershub.imports.tests import helpers as exports
from carershub.jobs.tests.factories import WorkerHeartbeatFactory
from carershub.notifications import services as notification_services
from carershub.notifications.tests.factories import ADDRESS, REGISTERED_LETTER
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import (
    HelplineHoursFactory,
    OrganisationFactory,
    PartnershipFactory,
)
from carershub.referrals.tests.factories import ReferralFactory

# --- The visitors -------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
VISITORS = (
    ANONYMOUS,
    "worker",  # hub support worker
    "assessor",  # hub assessor
    "manager",  # hub manager
    "admin",  # system administrator at the hub
    "ward",  # partner referrer at the hospital, which the carer consented to share with
    "surgery",  # partner referrer at a GP practice in the partnership, without consent
    "commissioner",  # commissioner at the council
    "elsewhere",  # hub manager of another partnership's hub
)
EVERYONE = frozenset(VISITORS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
HUB_STAFF = frozenset({"worker", "assessor", "manager"})
TEAM_MANAGERS = frozenset({"manager", "admin"})
# Pages that are not about one record: a hub manager anywhere uses them on their own hub's data.
HUB_STAFF_ANYWHERE = HUB_STAFF | {"elsewhere"}
REFERRERS = HUB_STAFF_ANYWHERE | {"ward", "surgery"}
MANAGERS_ANYWHERE = frozenset({"manager", "elsewhere"})
TEAM_MANAGERS_ANYWHERE = TEAM_MANAGERS | {"elsewhere"}
ONLY_MANAGER = frozenset({"manager"})

SIGN_IN_URL = "/sign-in/"


# --- The matrix ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    kwargs: object  # world -> the URL's kwargs (or a list of them, to try each)
    allowed: frozenset
    method: str = "get"
    reads: tuple = ()  # (operation, object type, world -> object id) an allowed request must write
    answer: str = "page"  # "page": a 200; "any": anything but a refusal
    check: object = None  # (visitor, response) -> problem or None, for pages with their own rules


def page(kwargs, allowed, *reads, answer="page", check=None):
    return Row(kwargs=kwargs, allowed=frozenset(allowed), reads=reads, answer=answer, check=check)


def button(kwargs, allowed):
    """A view that only takes POST (it answers GET with 405): tried with an empty form."""
    return Row(kwargs=kwargs, allowed=frozenset(allowed), method="post", answer="any")


def read(object_type, object_id, operation=Operation.READ):
    return (operation, object_type, object_id)


def exported(object_type, object_id):
    """A download of one person's data: audited as an export rather than a read."""
    return read(object_type, object_id, Operation.EXPORT)


def no_kwargs(w):
    return {}


def carer(w):
    return {"reference": w.carer.reference}


def carer_ref(w):
    return {"carer_reference": w.carer.reference}


def referral(w):
    return {"reference": w.referral.reference}


def completed(w):
    return {"reference": w.completed.reference}


def in_progress(w):
    return {"reference": w.in_progress.reference}


def support_plan(w):
    return {"reference": w.plan.reference}


def emergency_plan(w):
    return {"reference": w.emergency_plan.reference}


def letter(w):
    return {"notification_id": w.letter.pk}


def member(w):
    return {"user_id": w.invited.pk}


def checked_run(w):
    return {"run_id": w.checked_run.pk}


def carer_id(w):
    return w.carer.pk


def sign_in_page(visitor, response):
    """Someone signed in is sent to their home page; everyone else sees the form."""
    if visitor == ANONYMOUS:
        return None if response.status_code == 200 else "expected the sign-in form (200)"
    if response.status_code == 302 and response["Location"] == reverse("home:staff_home"):
        return None
    return "expected a redirect to the staff home page"


MATRIX = {
    # Public pages, and the staff home page.
    "home:start": page(no_kwargs, EVERYONE),
    "core:cookies": page(no_kwargs, EVERYONE),
    "core:accessibility": page(no_kwargs, EVERYONE),
    "core:privacy": page(no_kwargs, EVERYONE),
    "home:healthz": page(no_kwargs, EVERYONE),
    "home:staff_home": page(no_kwargs, SIGNED_IN),
    # Signing in and out, the organisation and the team.
    "accounts:sign_in": page(no_kwargs, EVERYONE, check=sign_in_page),
    "accounts:sign_out": button(no_kwargs, EVERYONE),
    "accounts:choose_organisation": page(no_kwargs, SIGNED_IN),
    "accounts:team": page(no_kwargs, TEAM_MANAGERS_ANYWHERE),
    "accounts:invite": page(no_kwargs, TEAM_MANAGERS_ANYWHERE),
    "accounts:member": page(member, TEAM_MANAGERS, read("accounts.user", lambda w: w.invited.pk)),
    "accounts:change_roles": page(member, TEAM_MANAGERS),
    "accounts:deactivate": page(member, TEAM_MANAGERS),
    "accounts:accept_invitation": page(lambda w: {"token": w.invitation_token}, EVERYONE),
    # The second sign-in step is only for someone who has just given their password: anyone
    # signed in is sent on to their home page, anyone else back to the sign-in page.
    "accounts:sign_in_code": page(no_kwargs, SIGNED_IN, answer="any"),
    "accounts:sign_in_recovery_code": page(no_kwargs, SIGNED_IN, answer="any"),
    "accounts:set_up_authenticator": page(no_kwargs, SIGNED_IN, answer="any"),
    "accounts:recovery_codes": page(no_kwargs, SIGNED_IN),
    "accounts:new_recovery_codes": page(no_kwargs, SIGNED_IN, answer="any"),
    "accounts:reset_authenticator": page(member, TEAM_MANAGERS),
    "accounts:unlock": page(member, TEAM_MANAGERS),
    # The front door: "Am I a carer?" and referring yourself. Steps not yet reached send the
    # visitor back to the first one, so those answer with a redirect rather than the page.
    "front_door:checker_start": page(no_kwargs, EVERYONE),
    "front_door:checker": page(lambda w: {"slug": "helps"}, EVERYONE),
    "front_door:checker_result": page(no_kwargs, EVERYONE, answer="any"),
    "front_door:self_referral_start": page(no_kwargs, EVERYONE),
    "front_door:self_referral": page(lambda w: {"slug": "name"}, EVERYONE),
    "front_door:self_referral_check": page(no_kwargs, EVERYONE, answer="any"),
    "front_door:self_referral_submit": button(no_kwargs, EVERYONE),
    "front_door:self_referral_done": page(no_kwargs, EVERYONE, answer="any"),
    # The carer's copy of their assessment, behind a secret link (and their date of birth).
    "carer_documents:open": page(lambda w: {"token": w.document_token}, EVERYONE),
    # The register.
    "carers:list": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "carers:register": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "carers:helpline_call": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "carers:follow_ups": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "carers:complete_follow_up": button(lambda w: {"contact_id": w.contact.pk}, HUB_STAFF),
    "carers:my_caseload": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "carers:team_caseload": page(no_kwargs, MANAGERS_ANYWHERE),
    "carers:key_worker": page(carer, HUB_STAFF, read("carers.carer", carer_id)),
    "carers:detail": page(carer, HUB_STAFF | {"ward"}, read("carers.carer", carer_id)),
    "carers:edit": page(
        lambda w: [
            {**carer(w), "section": section}
            for section in ("details", "contact", "caring", "status", "equality")
        ],
        HUB_STAFF,
        read("carers.carer", carer_id),
    ),
    # Form pages that name whose record it is and show nothing else of it.
    "carers:add_cared_for": page(carer, HUB_STAFF),
    "carers:record_consent": page(carer, HUB_STAFF),
    "carers:withdraw_consent": page(lambda w: {**carer(w), "consent_id": w.consent.pk}, HUB_STAFF),
    "carers:relationship_council": page(
        lambda w: {**carer(w), "relationship_id": w.carer.relationships.get().pk},
        HUB_STAFF,
        read("carers.caringrelationship", lambda w: w.carer.relationships.get().pk),
    ),
    "carers:log_contact": page(carer, HUB_STAFF),
    "carers:activity": page(carer, ONLY_MANAGER),  # the audit trail of the record, not the record
    "carers:timeline": page(carer, HUB_STAFF, read("carers.carer", carer_id)),
    "carers:merge": page(
        lambda w: {**carer(w), "other": w.duplicate.reference},
        ONLY_MANAGER,
        read("carers.carer", carer_id),
        read("carers.carer", lambda w: w.duplicate.pk),
    ),
    "carers:undo_merge": button(lambda w: {"reference": w.survivor.reference}, ONLY_MANAGER),
    # Referrals.
    "referrals:queue": page(no_kwargs, REFERRERS),
    "referrals:new": page(no_kwargs, REFERRERS),
    "referrals:sent": page(no_kwargs, REFERRERS),
    "referrals:detail": page(
        referral, HUB_STAFF | {"ward"}, read("referrals.referral", lambda w: w.referral.pk)
    ),
    "referrals:allocate": button(referral, HUB_STAFF),
    "referrals:first_contact": button(referral, HUB_STAFF),
    "referrals:triage": button(referral, HUB_STAFF),
    "referrals:reopen": button(referral, HUB_STAFF),
    # The outbox.
    "notifications:outbox": page(no_kwargs, TEAM_MANAGERS_ANYWHERE),
    # The partnership's settings: those who manage the team, always for their own partnership.
    "partnerships:settings": page(no_kwargs, TEAM_MANAGERS_ANYWHERE),
    "notifications:detail": page(
        letter, TEAM_MANAGERS, read("notifications.notification", lambda w: w.letter.pk)
    ),
    "notifications:letter_pdf": page(
        letter, TEAM_MANAGERS, exported("notifications.notification", lambda w: w.letter.pk)
    ),
    # Imports (each page of an import in the state that page is for).
    "imports:upload": page(no_kwargs, MANAGERS_ANYWHERE),
    "imports:columns": page(checked_run, ONLY_MANAGER),
    "imports:results": page(checked_run, ONLY_MANAGER),
    "imports:publish": button(lambda w: {"run_id": w.published_run.pk}, ONLY_MANAGER),
    "imports:progress": page(lambda w: {"run_id": w.checking_run.pk}, ONLY_MANAGER),
    "imports:progress_status": page(checked_run, ONLY_MANAGER),
    "imports:done": page(lambda w: {"run_id": w.published_run.pk}, ONLY_MANAGER),
    "imports:rejected_rows": page(checked_run, ONLY_MANAGER),
    # Assessments and support plans.
    "assessments:start": page(carer_ref, HUB_STAFF, read("carers.carer", carer_id)),
    "assessments:quality_of_life_cohort": page(no_kwargs, MANAGERS_ANYWHERE),
    "assessments:due": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "assessments:breakdown_risk": page(carer_ref, HUB_STAFF, read("carers.carer", carer_id)),
    "assessments:detail": page(
        completed, HUB_STAFF, read("assessments.assessment", lambda w: w.completed.pk)
    ),
    "assessments:check": page(
        in_progress, HUB_STAFF, read("assessments.assessment", lambda w: w.in_progress.pk)
    ),
    "assessments:section": page(
        lambda w: [{**in_progress(w), "slug": slug} for slug in w.section_slugs],
        HUB_STAFF,
        read("assessments.assessment", lambda w: w.in_progress.pk),
    ),
    "assessments:cancel": page(in_progress, HUB_STAFF),  # names whose assessment; shows none of it
    "assessments:create_plan": button(completed, HUB_STAFF),
    "assessments:carry_forward": button(completed, HUB_STAFF),
    "assessments:copy_pdf": page(
        completed, HUB_STAFF, exported("assessments.assessment", lambda w: w.completed.pk)
    ),
    "assessments:send_copy": page(completed, HUB_STAFF, read("carers.carer", carer_id)),
    "assessments:plan": page(
        support_plan, HUB_STAFF, read("assessments.supportplan", lambda w: w.plan.pk)
    ),
    "assessments:edit_plan": page(
        support_plan, HUB_STAFF, read("assessments.supportplan", lambda w: w.plan.pk)
    ),
    "assessments:add_action": page(support_plan, HUB_STAFF),  # names whose plan; shows none of it
    "assessments:add_service": page(support_plan, HUB_STAFF),
    "assessments:complete_action": button(
        lambda w: {**support_plan(w), "action_id": w.action.pk}, HUB_STAFF
    ),
    "assessments:agree_plan": button(support_plan, HUB_STAFF),
    # Emergency plans.
    "emergency_plans:new": page(carer_ref, HUB_STAFF, read("carers.carer", carer_id)),
    "emergency_plans:detail": page(
        emergency_plan,
        HUB_STAFF,
        read("emergency_plans.emergencyplan", lambda w: w.emergency_plan.pk),
    ),
    "emergency_plans:edit_needs": page(
        emergency_plan,
        HUB_STAFF,
        read("emergency_plans.emergencyplan", lambda w: w.emergency_plan.pk),
    ),
    "emergency_plans:add_contact": page(
        emergency_plan,
        HUB_STAFF,
        read("emergency_plans.emergencyplan", lambda w: w.emergency_plan.pk),
    ),
    "emergency_plans:remove_contact": page(
        lambda w: {**emergency_plan(w), "contact_id": w.emergency_contact.pk},
        HUB_STAFF,
        read("emergency_plans.emergencyplan", lambda w: w.emergency_plan.pk),
        read("emergency_plans.emergencycontact", lambda w: w.emergency_contact.pk),
    ),
    "emergency_plans:consent": page(
        emergency_plan,
        HUB_STAFF,
        read("emergency_plans.emergencyplan", lambda w: w.emergency_plan.pk),
    ),
    "emergency_plans:activate": button(emergency_plan, HUB_STAFF),
    "emergency_plans:end": page(
        emergency_plan,
        HUB_STAFF,
        read("emergency_plans.emergencyplan", lambda w: w.emergency_plan.pk),
    ),
    # Restricted records and safeguarding.
    "carers:restrict": page(carer, ONLY_MANAGER, read("carers.carer", carer_id)),
    "carers:lift_restriction": page(
        lambda w: {"reference": w.restricted_carer.reference},
        ONLY_MANAGER,
        read("carers.carer", lambda w: w.restricted_carer.pk),
    ),
    "safeguarding:list": page(no_kwargs, MANAGERS_ANYWHERE),
    "safeguarding:raise": page(
        lambda w: {"carer_reference": w.carer.reference}, HUB_STAFF
    ),  # names whose record
    "safeguarding:detail": page(
        lambda w: {"reference": w.concern.reference},
        HUB_STAFF,
        read("safeguarding.concern", lambda w: w.concern.pk),
    ),
    "safeguarding:decide": page(
        lambda w: {"reference": w.concern.reference},
        ONLY_MANAGER,
        read("safeguarding.concern", lambda w: w.concern.pk),
    ),
    # Subject access, retention and legal hold.
    "privacy:retention_schedule": page(no_kwargs, MANAGERS_ANYWHERE),
    "privacy:subject_access": page(carer, ONLY_MANAGER, read("carers.carer", carer_id)),
    "privacy:legal_hold": page(
        lambda w: {"reference": w.held_carer.reference},
        ONLY_MANAGER,
        read("carers.carer", lambda w: w.held_carer.pk),
        read("privacy.legalhold", lambda w: w.legal_hold.pk, Operation.SEARCH),
    ),
    "privacy:lift_hold": page(
        lambda w: {"reference": w.held_carer.reference},
        ONLY_MANAGER,
        read("carers.carer", lambda w: w.held_carer.pk),
        read("privacy.legalhold", lambda w: w.legal_hold.pk),
    ),
    # The directory of services and its Open Referral UK API.
    # The staff pages that keep it: carer-facing hub staff, each on their own partnership's entries.
    "directory:staff_services": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "directory:staff_due_for_review": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "directory:staff_add_service": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "directory:staff_providers": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "directory:staff_add_provider": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "directory:staff_edit_provider": page(
        lambda w: {"provider_id": w.directory_service.provider_id}, HUB_STAFF
    ),
    "directory:staff_service": page(lambda w: {"service_id": w.directory_service.pk}, HUB_STAFF),
    "directory:staff_edit_service": page(
        lambda w: {"service_id": w.directory_service.pk}, HUB_STAFF
    ),
    "directory:staff_service_terms": page(
        lambda w: {"service_id": w.directory_service.pk}, HUB_STAFF
    ),
    "directory:staff_check_service": button(
        lambda w: {"service_id": w.directory_service.pk}, HUB_STAFF
    ),
    "directory:staff_add_place": page(lambda w: {"service_id": w.directory_service.pk}, HUB_STAFF),
    "directory:staff_edit_place": page(
        lambda w: {"service_id": w.directory_service.pk, "location_id": w.directory_place.pk},
        HUB_STAFF,
    ),
    "directory:staff_remove_place": page(
        lambda w: {"service_id": w.directory_service.pk, "location_id": w.directory_place.pk},
        HUB_STAFF,
    ),
    "directory:staff_add_item": page(
        lambda w: [
            {"service_id": w.directory_service.pk, "kind": kind}
            for kind in ("schedules", "costs", "languages", "contacts", "areas", "funding")
        ],
        HUB_STAFF,
    ),
    "directory:staff_remove_item": page(
        lambda w: {
            "service_id": w.directory_service.pk,
            "kind": "schedules",
            "item_id": w.directory_schedule.pk,
        },
        HUB_STAFF,
    ),
    # The public directory: open to everyone, no personal data.
    "directory:find": page(no_kwargs, EVERYONE),
    "directory:service": page(lambda w: {"service_id": w.api_service.pk}, EVERYONE),
    # The Open Referral UK API: open to everyone, no personal data.
    "openreferral:root": page(no_kwargs, EVERYONE),
    "openreferral:openapi": page(no_kwargs, EVERYONE),
    "openreferral:services": page(no_kwargs, EVERYONE),
    "openreferral:service": page(lambda w: {"service_id": w.api_service.pk}, EVERYONE),
    "openreferral:taxonomies": page(no_kwargs, EVERYONE),
    "openreferral:taxonomy": page(
        lambda w: {"taxonomy_id": w.api_service.terms.get().taxonomy_id}, EVERYONE
    ),
    "openreferral:taxonomy_terms": page(no_kwargs, EVERYONE),
    "openreferral:taxonomy_term": page(
        lambda w: {"term_id": w.api_service.terms.get().pk}, EVERYONE
    ),
    "openreferral:organizations": page(no_kwargs, EVERYONE),
    "openreferral:organization": page(
        lambda w: {"organization_id": w.api_service.provider_id}, EVERYONE
    ),
    "openreferral:service_at_locations": page(no_kwargs, EVERYONE),
    "openreferral:service_at_location": page(
        lambda w: {"link_id": w.api_service.service_at_locations.get().pk}, EVERYONE
    ),
    # Groups and events.
    "groups:calendar": page(no_kwargs, EVERYONE),
    "groups:session": page(lambda w: {"session_id": w.group_session.pk}, EVERYONE),
    "groups:group_feed": page(lambda w: {"group_id": w.group_session.group_id}, EVERYONE),
    "groups:carer_feed": page(lambda w: {"token": w.calendar_token}, EVERYONE),
    "groups:availability": page(no_kwargs, EVERYONE),
    "groups:availability_done": page(no_kwargs, EVERYONE),
    "groups:manage": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "groups:new_group": page(no_kwargs, {"worker", "manager", "elsewhere"}),
    "groups:demand": page(no_kwargs, MANAGERS_ANYWHERE),
    "groups:group": page(lambda w: {"group_id": w.group_session.group_id}, HUB_STAFF),
    "groups:edit_group": page(
        lambda w: {"group_id": w.group_session.group_id}, {"worker", "manager"}
    ),
    "groups:new_sessions": page(
        lambda w: {"group_id": w.group_session.group_id}, {"worker", "manager"}
    ),
    "groups:session_bookings": page(lambda w: {"session_id": w.group_session.pk}, HUB_STAFF),
    "groups:edit_session": page(
        lambda w: {"session_id": w.group_session.pk}, {"worker", "manager"}
    ),
    "groups:cancel_session": page(
        lambda w: {"session_id": w.group_session.pk}, {"worker", "manager"}
    ),
    "groups:book": page(lambda w: {"session_id": w.group_session.pk}, HUB_STAFF),
    "groups:register": page(lambda w: {"session_id": w.group_session.pk}, HUB_STAFF),
    "groups:cancel_booking": page(
        lambda w: {"booking_id": w.group_booking.pk},
        HUB_STAFF,
        read("groups.booking", lambda w: w.group_booking.pk),
    ),
    "groups:carer_bookings": page(carer_ref, HUB_STAFF, read("carers.carer", carer_id)),
    "groups:issue_feed": button(carer_ref, HUB_STAFF),
    "groups:revoke_feed": button(carer_ref, HUB_STAFF),
    "groups:carer_availability": page(carer_ref, HUB_STAFF, read("carers.carer", carer_id)),
    # The information and advice library.
    "advice:index": page(no_kwargs, EVERYONE),
    "advice:search": page(no_kwargs, EVERYONE),
    "advice:article": page(lambda w: {"slug": w.article.slug}, EVERYONE),
    "advice:easy_read": page(lambda w: {"slug": w.article.slug}, EVERYONE),
    "advice:large_print": page(lambda w: {"slug": w.article.slug}, EVERYONE),
    "advice:translation": page(lambda w: {"slug": w.article.slug, "language": "ar"}, EVERYONE),
    "advice:manage": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "advice:due": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "advice:new": page(no_kwargs, HUB_STAFF_ANYWHERE),
    "advice:staff_article": page(lambda w: {"pk": w.article.pk}, HUB_STAFF),
    "advice:edit": page(lambda w: {"pk": w.article.pk}, HUB_STAFF),
    "advice:add_source": page(lambda w: {"pk": w.article.pk}, HUB_STAFF),
    "advice:remove_source": button(
        lambda w: {"pk": w.article.pk, "source_id": w.article_source.pk}, HUB_STAFF
    ),
    "advice:add_language": page(lambda w: {"pk": w.article.pk}, HUB_STAFF),
    "advice:edit_version": page(
        lambda w: [
            {"pk": w.article.pk, "language": language} for language in ("easy-read", "ar", "pl")
        ],
        HUB_STAFF,
    ),
    "advice:publish": button(lambda w: {"pk": w.draft_article.pk}, ONLY_MANAGER),
    "advice:unpublish": button(lambda w: {"pk": w.article.pk}, ONLY_MANAGER),
    # The Carer's Allowance checker.
    # Steps not yet reached send the visitor back to the first unanswered question.
    "carers_allowance:start": page(no_kwargs, EVERYONE),
    "carers_allowance:question": page(lambda w: {"slug": "where-you-live"}, EVERYONE),
    "carers_allowance:check": page(no_kwargs, EVERYONE, answer="any"),
    "carers_allowance:result": page(no_kwargs, EVERYONE, answer="any"),
    # Background jobs, for the hub's system administrators (no personal data).
    "jobs:failed": page(no_kwargs, {"admin"}),
    # The helpline.
    "helpline:contact": page(no_kwargs, EVERYONE),
    "helpline:sent": page(no_kwargs, EVERYONE, answer="any"),
}


# --- Every URL is in the matrix -----------------------------------------------------------------


def served_url_names(patterns=None, namespace=""):
    """(names, unnamed): every URL name the project serves, namespaced,
    and any routes without one.
    """
    names, unnamed = set(), []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            more, nameless = served_url_names(pattern.url_patterns, inner)
            names |= more
            unnamed += [f"{pattern.pattern}{route}" for route in nameless]
        elif pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
        else:
            unnamed.append(str(pattern.pattern))
    return names, unnamed


def test_every_url_the_hub_serves_is_in_the_matrix():
    names, unnamed = served_url_names()
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"URLs served but not in MATRIX (say who may open them): {missing}"
    assert not stale, f"MATRIX rows for URLs no longer served: {stale}"
    assert not unnamed, f"URLs without a name cannot be in MATRIX: {unnamed}"


# --- The world ----------------------------------------------------------------------------------


# The matrix's world is built once per test process and each URL's test runs in a savepoint
# rolled back after it, all at this instant with the clock stopped: a worker's heartbeat planted
# when the world is built is as fresh for the last URL as for the first, however long the run.
# A Wednesday morning, in term time, when the helpline is open.
WORLD_TIME = dt.datetime(2026, 11, 18, 11, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(db, settings, tmp_path, partnership, hub, hospital, other_hub, make_staff):
    """A hub with one of everything its pages show, and a visitor of every kind (for one test)."""
    return build_world(settings, tmp_path, partnership, hub, hospital, other_hub, make_staff)


class _SettingsFor:
    """Settings changed while building the matrix's world, kept until the module's tests end."""

    def __init__(self, stack):
        object.__setattr__(self, "_stack", stack)

    def __setattr__(self, name, value):
        self._stack.enter_context(override_settings(**{name: value}))


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for every URL's test in this process,
    in a transaction rolled back at the end.
    """
    with ExitStack() as stack:
        stack.enter_context(time_machine.travel(WORLD_TIME, tick=False))
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(transaction.atomic())
        partnership = PartnershipFactory(name="Testshire Carers Partnership", slug="testshire")
        HelplineHoursFactory(partnership=partnership, day=0)
        hub = OrganisationFactory(
            partnership=partnership,
            name="Testshire Carers Centre",
            type=OrganisationType.HUB_PROVIDER,
        )
        hospital = OrganisationFactory(
            partnership=partnership, name="Testshire Hospital", type=OrganisationType.HOSPITAL_TRUST
        )
        other_hub = OrganisationFactory(
            name="Elsewhere Carers Centre", type=OrganisationType.HUB_PROVIDER
        )

        def make_staff(role, organisation, **fields):
            user = UserFactory(**fields)
            MembershipFactory(user=user, organisation=organisation, role=role)
            return user

        yield build_world(
            _SettingsFor(stack),
            tmp_path_factory.mktemp("matrix"),
            partnership,
            hub,
            hospital,
            other_hub,
            make_staff,
        )
        transaction.set_rollback(True)


def build_world(settings, tmp_path, partnership, hub, hospital, other_hub, make_staff):
    """A hub with one of everything its pages show, and a visitor of every kind."""
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads and rejected-rows files
    today = timezone.localdate()
    surgery = OrganisationFactory(
        partnership=partnership, name="Testshire Surgery", type=OrganisationType.GP_PRACTICE
    )
    council = OrganisationFactory(
        partnership=partnership,
        name="Testshire Council",
        type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE,
    )
    people = {
        "worker": (make_staff(Role.SUPPORT_WORKER, hub, full_name="Sam Worker"), hub),
        "assessor": (make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor"), hub),
        "manager": (make_staff(Role.HUB_MANAGER, hub, full_name="Morgan Manager"), hub),
        "admin": (make_staff(Role.SYSTEM_ADMIN, hub, full_name="Ari Admin"), hub),
        "ward": (make_staff(Role.PARTNER_REFERRER, hospital, full_name="Wren Ward"), hospital),
        "surgery": (make_staff(Role.PARTNER_REFERRER, surgery, full_name="Gale Surgery"), surgery),
        "commissioner": (
            make_staff(Role.COMMISSIONER, council, full_name="Cam Commissioner"),
            council,
        ),
        "elsewhere": (
            make_staff(Role.HUB_MANAGER, other_hub, full_name="Eli Elsewhere"),
            other_hub,
        ),
    }
    staff = actor_for(people["worker"][0], hub.pk)
    assessing = actor_for(people["assessor"][0], hub.pk)
    managing = actor_for(people["manager"][0], hub.pk)

    # A carer looking after her mother, sharing her record with the hospital, with a duplicate.
    ada = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=years_ago(52),
        email="ada@example.com",
        preferred_contact_method="email",
    )
    carer_services.add_cared_for_person(
        staff,
        ada,
        given_name="Bea",
        family_name="Foxglove",
        relationship=Relationship.PARENT,
        lives_together=True,
        date_of_birth=years_ago(80),
    )
    consent = carer_services.record_consent(
        staff,
        ada,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=today,
    )
    duplicate = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=ada.date_of_birth,
    )
    contact = carer_services.log_contact(
        staff,
        ada,
        kind="phone",
        direction="out",
        happened_on=today,
        purpose="Checking in",
        follow_up_due=today + dt.timedelta(days=2),
    )
    # Two records of someone else, already merged (for undoing the merge).
    survivor = CarerFactory(holding_organisation=hub, given_name="Cyd", family_name="Larch")
    merging.merge(
        managing,
        survivor,
        CarerFactory(holding_organisation=hub, given_name="Cyd", family_name="Larch"),
    )

    # A referral from the hospital.
    referral = ReferralFactory(holding_organisation=hub, referring_organisation=hospital)

    # A completed assessment with its support plan, and one in progress.
    done = assessment_services.start_assessment(
        staff, ada, assessment_type=AssessmentType.ADULT_CARER, assessor=people["assessor"][0]
    )
    answers = adult_answers(
        ada, **{"what-matters": {"outcomes_wanted": "A night's sleep each week"}}
    )
    for section, _ in assessment_selectors.sections_with_state(done):
        form = section.form_class(
            answers[section.slug], carer=assessment_selectors.carer_with_network(ada)
        )
        assert form.is_valid(), form.errors
        done = assessment_services.save_section(
            staff,
            done,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=done.version,
        )
    done = assessment_services.complete_assessment(
        assessing, done, expected_version=done.version, decision="eligible"
    )
    plan = assessment_services.create_plan(staff, done)
    action = assessment_services.add_action(
        staff, plan, what="Find a sitting service", who="Sam Worker"
    )
    started = assessment_services.start_assessment(
        staff, ada, assessment_type=AssessmentType.ADULT_CARER, assessor=people["assessor"][0]
    )
    tokens = []

    def link_for(token):
        tokens.append(token)
        return f"https://hub.example/your-copy/{token}/"

    assessment_services.send_copy(staff, done, channel="email", link_for=link_for)

    # An emergency plan for Bea, with someone to call.
    bea = ada.relationships.get().cared_for
    emergency_plan = emergency_plan_services.start_plan(staff, ada, cared_for=bea)
    emergency_contact = emergency_plan_services.add_contact(
        staff,
        emergency_plan,
        name="Jo Foxglove",
        relationship="Granddaughter",
        phone="07700 900982",
        can_hold_keys=True,
    )

    # Imports: one checked (with a rejected row), one done, and one being checked in the background.
    def upload(*rows):
        return import_services.start_import(
            managing,
            organisation=hub,
            filename="export.csv",
            source_system="CarePoint",
            data=exports.export(*rows),
        )

    checked_run = import_services.check_rows(
        upload(exports.row(), exports.person(2, dob="31/02/1980")), managing
    )
    published_run = import_services.check_rows(upload(exports.person(3)), managing)
    import_services.start_publishing(managing, published_run)
    settings.IMPORTS_BACKGROUND_ROWS = 0
    checking_run = upload(exports.person(4))
    import_services.check(managing, checking_run)  # the worker's task is never run in this test

    # A letter in the outbox, printed; an invitation to the team.
    letter = notification_services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=REGISTERED_LETTER,
        actor=managing,
    )
    notification_services.deliver(letter.pk)
    invitations = []

    def accept_url_for(token):
        invitations.append(token)
        return f"https://hub.example/invitation/{token}/"

    invited = account_services.invite_user(
        managing,
        full_name="Priya Patel",
        email="priya@testshire.example",
        roles=[Role.SUPPORT_WORKER],
        accept_url_for=accept_url_for,
    )

    WorkerHeartbeatFactory()  # so the health check answers 200
    extras = {}  # what the pages of later apps need, each under its app's name
    # Restricted records and safeguarding.
    from carershub.carers import restrictions as carer_restrictions

    extras["restricted_carer"] = CarerFactory(
        holding_organisation=hub, given_name="Rae", family_name="Hollow"
    )
    carer_restrictions.restrict(
        managing, extras["restricted_carer"], reason="domestic_abuse", workers=[people["worker"][0]]
    )
    from carershub.safeguarding import services as safeguarding_services

    extras["concern"] = safeguarding_services.raise_concern(
        staff,
        ada,
        what_happened="Bruises seen on a visit",
        category="physical",
        at_risk="cared_for",
        immediate_risk=False,
    )
    # The directory of services.
    extras["directory_service"] = DirectoryServiceFactory(
        provider=DirectoryProviderFactory(partnership=partnership)
    )
    extras["directory_place"] = place_service(extras["directory_service"]).location
    extras["directory_schedule"] = extras["directory_service"].schedules.create(
        byday="TU", description="Tuesdays"
    )
    extras["api_service"] = DirectoryServiceFactory(
        provider=DirectoryProviderFactory(partnership=partnership),
        terms=[term_id(CATEGORIES, "breaks")],
    )
    place_service(extras["api_service"], "LS6 1AA")
    settings.HUB_PARTNERSHIP_SLUG = partnership.slug
    # Groups and events.
    from carershub.groups import services as group_services
    from carershub.groups.tests.factories import GroupFactory, SessionFactory

    extras["group_session"] = SessionFactory(group=GroupFactory(organisation=hub), capacity=5)
    extras["group_booking"] = group_services.book(staff, extras["group_session"], ada)
    extras["calendar_token"] = group_services.issue_feed(staff, ada)
    # The information and advice library.
    from carershub.advice import services as advice_services
    from carershub.advice.tests.factories import make_article

    extras["article"] = make_article(
        managing, published=True, slug="carers-leave", title="Carer's leave"
    )
    extras["article_source"] = extras["article"].sources.get()
    advice_services.save_version(
        staff,
        extras["article"],
        language="easy-read",
        title="Time off to care",
        body="You can take time off work to care.",
    )
    advice_services.save_version(
        staff,
        extras["article"],
        language="ar",
        title="إجازة مقدمي الرعاية",
        body="يمكنك أخذ إجازة من العمل لتقديم الرعاية.",
    )
    extras["draft_article"] = make_article(staff, slug="carers-credit", title="Carer's Credit")
    # The Carer's Allowance checker.
    # The helpline.
    # Subject access, retention and legal hold.
    from carershub.privacy import services as privacy_services

    extras["held_carer"] = CarerFactory(
        holding_organisation=hub, given_name="Hal", family_name="Hawthorn"
    )
    extras["legal_hold"] = privacy_services.place_hold(
        managing, extras["held_carer"], reason="A claim is open"
    )

    world = SimpleNamespace(
        people=people,
        carer=ada,
        consent=consent,
        duplicate=duplicate,
        contact=contact,
        survivor=survivor,
        referral=referral,
        completed=done,
        plan=plan,
        action=action,
        in_progress=started,
        section_slugs=[
            section.slug for section, _ in assessment_selectors.sections_with_state(started)
        ],
        document_token=tokens[0],
        emergency_plan=emergency_plan,
        emergency_contact=emergency_contact,
        checked_run=checked_run,
        published_run=published_run,
        checking_run=checking_run,
        letter=letter,
        invited=invited,
        invitation_token=invitations[0],
        **extras,
    )
    for run, status in [
        (checked_run, ImportStatus.VALIDATED),
        (published_run, ImportStatus.DONE),
        (checking_run, ImportStatus.VALIDATING),
    ]:
        run.refresh_from_db()
        assert run.status == status, (run.pk, run.status)
    return world


# --- Who gets in --------------------------------------------------------------------------------


class Visitor:
    """One browser per kind of visitor, signed in and acting for their organisation."""

    def __init__(self, name, world):
        self.name = name
        self.user, self.organisation = world.people.get(name, (None, None))
        self.client = Client()
        self.last_referral = world.referral.reference
        self.sign_in()

    def sign_in(self):
        if self.user is None:
            return
        self.client.force_login(self.user)
        session = self.client.session
        session[SESSION_KEY] = self.organisation.pk
        session["last_referral"] = self.last_referral  # what the "referral sent" page shows
        session.save()

    def send(self, method, url):
        response = getattr(self.client, method)(url)
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.sign_in()  # signed out by the request: sign in again for the next one
        return response


def sent_to_sign_in(response):
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN_URL)


def refused(visitor, response):
    if visitor == ANONYMOUS:
        return sent_to_sign_in(response)
    return response.status_code in (403, 404)


def let_in(entry, response):
    if entry.answer == "page":
        return response.status_code == 200
    return (
        response.status_code < 500
        and response.status_code not in (401, 403, 404)
        and not sent_to_sign_in(response)
    )


def urls_of(name, entry, world):
    kwargs = entry.kwargs(world)
    return [
        reverse(name, kwargs=each) for each in (kwargs if isinstance(kwargs, list) else [kwargs])
    ]


def describe(response):
    location = f" to {response['Location']}" if response.has_header("Location") else ""
    return f"{response.status_code}{location}"


def last_audit_pk():
    return AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def visit(visitor, entry, url, world):
    """What is wrong with how this visitor was answered, or None."""
    allowed = visitor.name in entry.allowed
    before = last_audit_pk()
    try:
        response = visitor.send(entry.method, url)
    except Exception as exc:  # one broken page should not hide the rest of the matrix
        return f"raised {exc!r}, expected {'to be let in' if allowed else 'refusal'}"
    if not allowed:
        if refused(visitor.name, response):
            return None
        expected = f"a redirect to {SIGN_IN_URL}" if visitor.name == ANONYMOUS else "403 or 404"
        return f"got {describe(response)}, expected refusal ({expected})"
    if entry.check is not None:
        problem = entry.check(visitor.name, response)
        if problem:
            return f"got {describe(response)}, {problem}"
    elif not let_in(entry, response):
        expected = "200" if entry.answer == "page" else "anything but a refusal"
        return f"got {describe(response)}, expected to be let in ({expected})"
    missing = [
        f"{operation} {object_type} {object_id(world)}"
        for operation, object_type, object_id in entry.reads
        if not AuditLog.objects.filter(
            pk__gt=before,
            operation=operation,
            actor_user_id=getattr(visitor.user, "pk", None),
            object_type=object_type,
            object_id=str(object_id(world)),
        ).exists()
    ]
    if missing:
        return f"let in, but no audit row: {', '.join(missing)}"
    return None


# each URL's test in a savepoint of the world's transaction, rolled back after it
@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_visitor_is_let_in_or_refused_as_the_matrix_says_and_reads_are_audited(
    name, matrix_world
):
    world = matrix_world
    entry = MATRIX[name]
    visitors = [Visitor(visitor, world) for visitor in VISITORS]
    problems = []
    for url in urls_of(name, entry, world):
        for visitor in visitors:
            problem = visit(visitor, entry, url, world)
            if problem:
                problems.append(
                    f"{name} ({entry.method.upper()} {url}) as {visitor.name}: {problem}"
                )
        if entry.method == "post":  # the row tries POST because the view answers GET with 405
            visitor = next(v for v in visitors if v.name in entry.allowed)
            response = visitor.send("get", url)
            if response.status_code != 405:
                problems.append(
                    f"{name} (GET {url}) as {visitor.name}: got {describe(response)}, "
                    "expected 405 (the row tries POST only)"
                )
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_matrix_world_stands_still_so_its_worker_heartbeat_never_goes_stale(matrix_world):
    from carershub.jobs.models import WorkerHeartbeat

    assert timezone.now() == WORLD_TIME
    assert list(WorkerHeartbeat.objects.values_list("last_seen", flat=True)) == [WORLD_TIME]


# --- The purpose a partner reads for (ADR 36) ---------------------------------------------------


def partner_page_cases():
    """Every page a partner uses about one carer, with every kind of organisation that has a role
    there and every role a person at a partner may hold."""
    return [
        (page_name, organisation_type, role)
        for page_name, roles in sorted(purposes.PARTNER_PAGES.items())
        for organisation_type in sorted(roles)
        for role in PARTNER_ROLES
    ]


def test_every_page_a_partner_may_open_about_a_carer_has_a_purpose():
    # Open to the partner the carer consented to share with, closed to the one without consent.
    by_consent = {
        name
        for name, entry in MATRIX.items()
        if "ward" in entry.allowed and "surgery" not in entry.allowed
    }
    # A referral a partner made stays its own information and needs no purpose (ADR 23).
    about_a_carer = {name for name in by_consent if name.split(":")[0] != "referrals"}
    assert about_a_carer
    assert about_a_carer <= set(purposes.PARTNER_PAGES), (
        "a page partners open about a carer needs its row in purposes.PARTNER_PAGES"
    )


@pytest.mark.django_db  # in a savepoint of the world's transaction, rolled back after it
@pytest.mark.parametrize(("page_name", "organisation_type", "role"), partner_page_cases())
def test_a_partner_sees_a_page_only_with_consent_for_its_purpose(
    page_name, organisation_type, role, matrix_world
):
    """With the page's purpose agreed, a partner is answered as the matrix says for the hospital's
    referrer; with every purpose but that one, the record is as unknown as an unshared one (404).
    A page still closed to partners (the emergency plan) stays closed either way."""
    world = matrix_world
    staff = actor_for(world.people["worker"][0], world.carer.holding_organisation_id)
    partner_organisation = OrganisationFactory(
        partnership=world.carer.holding_organisation.partnership, type=organisation_type
    )
    user = UserFactory(full_name="Pat Partner")
    MembershipFactory(user=user, organisation=partner_organisation, role=role)
    visitor = Visitor(ANONYMOUS, world)
    visitor.name, visitor.user, visitor.organisation = "partner", user, partner_organisation
    visitor.sign_in()
    purpose = purposes.purpose_for(organisation_type, page_name)
    entry = MATRIX[page_name]
    as_today = "ward" in entry.allowed
    row = replace(entry, allowed=entry.allowed | {"partner"} if as_today else entry.allowed)

    def consent_to(agreed):
        return carer_services.record_consent(
            staff,
            world.carer,
            organisation=partner_organisation,
            purposes=agreed,
            competence="adult",
            given_by="carer",
            given_on=timezone.localdate(),
        )

    with_it = consent_to([purpose])
    problems = [
        f"with {purpose}: {problem}"
        for url in urls_of(page_name, row, world)
        if (problem := visit(visitor, row, url, world))
    ]
    carer_services.withdraw_consent(staff, with_it)
    consent_to([other for other in SharingPurpose.values if other != purpose])
    unknown = {404} if as_today else {403, 404}
    problems += [
        f"without {purpose}: got {describe(response)}, expected {sorted(unknown)}"
        for url in urls_of(page_name, row, world)
        if (response := visitor.send(row.method, url)).status_code not in unknown
    ]
    assert not problems, f"{page_name} as {role} at {organisation_type}: {problems}"
