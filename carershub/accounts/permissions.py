"""Every permission in the hub, as predicates over the actor, in this one place.

Views ask ``can(request.actor, "app.permission", obj)``, are let in by a gate (``@staff_required``,
``@works_with_carers_required``, ``@permission_required``) and reach the record a page is about
with ``record_or_404``; templates use ``can`` too. Nothing else decides who may do what.
"""

from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from carershub.accounts.models import Role
from carershub.core.hooks import Hook

hub_rules = rules.RuleSet()


@rules.predicate
def is_signed_in(actor):
    return actor.is_authenticated


@rules.predicate
def has_acting_organisation(actor):
    return actor.is_authenticated and actor.organisation is not None


def has_role(*roles):
    name = "has_role:" + ",".join(sorted(roles))

    @rules.predicate(name)
    def predicate(actor):
        return has_acting_organisation(actor) and actor.has_role(*roles)

    return predicate


is_hub_manager = has_role(Role.HUB_MANAGER)
is_team_manager = has_role(Role.HUB_MANAGER, Role.SYSTEM_ADMIN)
works_with_carers = has_role(Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER)


@rules.predicate
def user_is_in_acting_organisation(actor, user):
    return user is not None and user.memberships.filter(organisation=actor.organisation).exists()


@rules.predicate
def left_acting_organisation(actor, user):
    """The acting organisation deactivated them (ADR 22): it may still see who they were."""
    return (
        user is not None
        and user.former_memberships.filter(organisation=actor.organisation).exists()
    )


@rules.predicate
def manages_every_organisation_of(actor, user):
    """The actor is a hub manager or system administrator in every organisation the user belongs to.

    A person's password, authenticator and lockout are theirs, not one organisation's: changing
    them on a manager's word needs a manager who answers for every organisation the person works
    for (ADR 22).
    """
    if user is None:
        return False
    theirs = set(user.memberships.values_list("organisation_id", flat=True))
    managed = set(
        actor.user.memberships.filter(role__in=[Role.HUB_MANAGER, Role.SYSTEM_ADMIN]).values_list(
            "organisation_id", flat=True
        )
    )
    return bool(theirs) and theirs <= managed


@rules.predicate
def is_someone_else(actor, user):
    return user is not None and user.pk != actor.user.pk


@rules.predicate
def holds_the_record(actor, record):
    """The record is held by the organisation the actor is acting for."""
    return record is not None and record.holding_organisation_id == actor.organisation.pk


# Whether a consent in force lets the acting organisation open the carer's record: for the one
# purpose its kind of organisation reads the record for. The carers app holds the table of
# purposes and answers in carers/hooks.py (ADR 33, ADR 36).
consent_opens_the_record = Hook(
    "whether a carer's consent lets the acting organisation open their record"
)


@rules.predicate
def shared_with_acting_organisation(actor, record):
    """The carer consented to share their record with the organisation the actor acts for, for
    the purpose it reads the record for."""
    if record is None:
        return False
    return consent_opens_the_record(actor, record)


partner_staff = has_role(
    Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER, Role.PARTNER_REFERRER
)

hub_rules.add_rule("core.view_staff_home", has_acting_organisation)
hub_rules.add_rule("accounts.manage_team", is_team_manager)
hub_rules.add_rule(
    "accounts.view_member",
    is_team_manager & (user_is_in_acting_organisation | left_acting_organisation) & is_someone_else,
)
# Roles in the acting organisation, and ending them there.
hub_rules.add_rule(
    "accounts.manage_user", is_team_manager & user_is_in_acting_organisation & is_someone_else
)
# The person's own sign-in: resetting their authenticator, unlocking them.
hub_rules.add_rule(
    "accounts.manage_sign_in",
    is_team_manager
    & user_is_in_acting_organisation
    & is_someone_else
    & manages_every_organisation_of,
)
hub_rules.add_rule("audit.view_trail", is_hub_manager)
hub_rules.add_rule("carers.list_carers", works_with_carers)
hub_rules.add_rule("carers.register_carer", works_with_carers)
hub_rules.add_rule(
    "carers.view_carer",
    (works_with_carers & holds_the_record) | (partner_staff & shared_with_acting_organisation),
)
hub_rules.add_rule("carers.edit_carer", works_with_carers & holds_the_record)
hub_rules.add_rule("carers.merge", is_hub_manager & holds_the_record)
hub_rules.add_rule("carers.view_team_caseload", is_hub_manager)
# Assessments: the hub's carer-facing staff start and fill them in; a named assessor (or a hub
# manager) completes one and decides eligibility. Partners never see assessments.
assesses_carers = has_role(Role.ASSESSOR, Role.HUB_MANAGER)
hub_rules.add_rule("assessments.view_assessment", works_with_carers & holds_the_record)
hub_rules.add_rule("assessments.start_assessment", works_with_carers & holds_the_record)
hub_rules.add_rule("assessments.edit_assessment", works_with_carers & holds_the_record)
hub_rules.add_rule("assessments.complete_assessment", assesses_carers & holds_the_record)
hub_rules.add_rule("assessments.view_plan", works_with_carers & holds_the_record)
hub_rules.add_rule("assessments.view_quality_of_life_cohort", is_hub_manager)
hub_rules.add_rule("assessments.edit_plan", works_with_carers & holds_the_record)
# Emergency plans: the hub's carer-facing staff at the organisation holding the plan;
# nobody else yet.
hub_rules.add_rule("emergency_plans.view_plan", works_with_carers & holds_the_record)
hub_rules.add_rule("emergency_plans.edit_plan", works_with_carers & holds_the_record)
hub_rules.add_rule("notifications.view_outbox", is_team_manager)
hub_rules.add_rule("jobs.view_failed_jobs", has_role(Role.SYSTEM_ADMIN))


@rules.predicate
def uploaded_it(actor, run):
    return (
        run is not None and run.uploaded_by_id is not None and run.uploaded_by_id == actor.user.pk
    )


# Imports: hub managers import into their own organisation; a file of rejected rows goes to the
# person who uploaded it and to the organisation's hub managers, nobody else.
hub_rules.add_rule("imports.import_carers", is_hub_manager)
hub_rules.add_rule("imports.manage_import", is_hub_manager & holds_the_record)
hub_rules.add_rule(
    "imports.download_rejected_rows",
    has_acting_organisation & (is_hub_manager | uploaded_it) & holds_the_record,
)

is_partner_referrer = has_role(Role.PARTNER_REFERRER)


@rules.predicate
def referred_by_acting_organisation(actor, referral):
    return referral is not None and referral.referring_organisation_id == actor.organisation.pk


hub_rules.add_rule("referrals.view_queue", works_with_carers | is_partner_referrer)
hub_rules.add_rule("referrals.make_referral", works_with_carers | is_partner_referrer)
hub_rules.add_rule(
    "referrals.view_referral",
    (works_with_carers & holds_the_record)
    | (is_partner_referrer & referred_by_acting_organisation),
)
hub_rules.add_rule("referrals.triage", works_with_carers & holds_the_record)


def can(actor, permission, obj=None):
    if permission not in hub_rules:
        raise KeyError(
            f"Unknown permission {permission!r}: add it to carershub.accounts.permissions"
        )
    return hub_rules.test_rule(permission, actor, obj)


def _gate(test, *, needs_organisation=True):
    """A view decorator: someone signed out goes to sign in, someone signed in who has not chosen
    which organisation they act for goes to choose one, and anyone ``test(actor)`` refuses gets a
    403. What a page does to one record is checked again on that record (``record_or_404``)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.actor.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_organisation and request.actor.organisation is None:
                return redirect("accounts:choose_organisation")
            if not test(request.actor):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def permission_required(permission):
    """Refuse a view unless the actor has the permission (object checks happen in the view).
    The permission is one of the view's own app: a page that answers to another app's uses a gate
    named for its check instead (a test holds this)."""
    gate = _gate(
        lambda actor: can(actor, permission),
        needs_organisation=permission != "accounts.choose_organisation",
    )

    def decorator(view):
        wrapped = gate(view)
        wrapped.permission = permission
        return wrapped

    return decorator


# Gates named for what they check, for pages that belong to no one permission of their own app.
staff_required = _gate(has_acting_organisation)
works_with_carers_required = _gate(works_with_carers)
hub_manager_required = _gate(is_hub_manager)


def require(actor, permission, obj=None):
    """Raise PermissionDenied (a 403 page) unless the actor may do this to this object."""
    if not can(actor, permission, obj):
        raise PermissionDenied


def record_or_404(request, rows, permission, **lookup):
    """The record a page is about: the one of ``rows`` that matches ``lookup``, if the actor may
    do ``permission`` to it.

    ``rows`` is what the actor may see (a ``visible_to(actor)`` queryset, or an app's selector
    scoped the same way), so a record outside it is a 404 that does not say whether it exists;
    one the actor may see but not act on this way is a 403.
    """
    record = rows.filter(**lookup).first()
    if record is None:
        raise Http404
    require(request.actor, permission, record)
    return record


# Groups and events: support workers and hub managers plan the groups their organisation runs
# (groups, sessions, cancelling a session); every carer-facing member of staff there books
# carers whose records it holds and takes the register. Hub managers see the demand report.
@rules.predicate
def runs_the_group(actor, group_or_session):
    group = getattr(group_or_session, "group", group_or_session)
    return group is not None and group.organisation_id == actor.organisation.pk


plans_groups = has_role(Role.SUPPORT_WORKER, Role.HUB_MANAGER)
hub_rules.add_rule("groups.list_groups", works_with_carers)
hub_rules.add_rule("groups.plan_groups", plans_groups)
hub_rules.add_rule("groups.edit_group", plans_groups & runs_the_group)
hub_rules.add_rule("groups.view_bookings", works_with_carers & runs_the_group)
hub_rules.add_rule("groups.book_carer", works_with_carers & holds_the_record)
hub_rules.add_rule("groups.view_demand", is_hub_manager)


# The information and advice library: the hub's carer-facing staff write and change articles of
# their own partnership; a hub manager decides what the public sees (publishing and taking down).
@rules.predicate
def article_of_acting_partnership(actor, article):
    return article is not None and article.partnership_id == actor.organisation.partnership_id


hub_rules.add_rule("advice.manage_articles", works_with_carers)
hub_rules.add_rule("advice.edit_article", works_with_carers & article_of_acting_partnership)
hub_rules.add_rule("advice.publish_article", is_hub_manager & article_of_acting_partnership)


# Accounts: each member of staff manages their own recovery codes.
hub_rules.add_rule("accounts.manage_own_sign_in_codes", is_signed_in)


# The directory of services: the hub's carer-facing staff keep their own partnership's entries.
@rules.predicate
def in_acting_partnership(actor, entry):
    return entry is not None and entry.partnership_id == actor.organisation.partnership_id


hub_rules.add_rule("directory.manage", works_with_carers)
hub_rules.add_rule("directory.edit_entry", works_with_carers & in_acting_partnership)


# Restricted records (carers): while a carer's contact details are restricted, only the
# restriction's named workers and the holding organisation's hub managers (who decide on
# restrictions) see them; partners never do, whatever the carer consented to share (ADR 19).
@rules.predicate
def contact_details_unrestricted(actor, carer):
    return carer is not None and not carer.contact_restricted


# Whom a restriction names is the carers app's to read; it answers in carers/hooks.py (ADR 33).
is_named_worker = Hook("whether a member of staff is named on a carer's contact restriction")


@rules.predicate
def is_named_worker_for(actor, carer):
    return carer is not None and is_named_worker(actor.user, carer)


may_view_carer = (works_with_carers & holds_the_record) | (
    partner_staff & shared_with_acting_organisation
)
hub_rules.add_rule(
    "carers.view_contact_details",
    may_view_carer
    & (
        contact_details_unrestricted
        | (works_with_carers & holds_the_record & (is_hub_manager | is_named_worker_for))
    ),
)
hub_rules.add_rule("carers.restrict_contact_details", is_hub_manager & holds_the_record)
# Partners learn only what the carer's consent to them allows (ADR 23): not whether the record is
# restricted, not the carer's consents to other organisations, not the cared-for person's
# conditions (special category health data about someone who gave no consent to the partner).
holds_it_and_works_with_carers = works_with_carers & holds_the_record
hub_rules.add_rule("carers.view_all_consents", holds_it_and_works_with_carers)
hub_rules.add_rule("carers.view_cared_for_conditions", holds_it_and_works_with_carers)
# The hub's own handling of a referral (allocation, clocks, the outcome it chose) is the hub's:
# a partner sees the details it gave and a neutral word on where the referral stands.
hub_rules.add_rule("referrals.view_progress", holds_it_and_works_with_carers)


# Privacy: a hub manager makes the subject access export of a carer whose record their
# organisation holds, places and lifts legal holds on it, and sees the retention schedule.
hub_rules.add_rule("privacy.view_schedule", is_hub_manager)
hub_rules.add_rule("privacy.export_subject_access", is_hub_manager & holds_the_record)
hub_rules.add_rule("privacy.manage_legal_hold", is_hub_manager & holds_the_record)


# Safeguarding: the hub's carer-facing staff raise concerns about carers whose records their
# organisation holds, and see those concerns; its hub managers decide on them and see the list.
# Partners never see concerns, whatever the carer shared with them.
hub_rules.add_rule("safeguarding.list_concerns", is_hub_manager)
hub_rules.add_rule("safeguarding.raise_concern", works_with_carers & holds_the_record)
hub_rules.add_rule("safeguarding.view_concern", works_with_carers & holds_the_record)
hub_rules.add_rule("safeguarding.decide", is_hub_manager & holds_the_record)


# Partnership settings (helpline details and hours, referral clocks, plan and review targets):
# those who manage the team - hub managers and system administrators - for their own partnership.
hub_rules.add_rule("partnerships.manage_settings", is_team_manager)
