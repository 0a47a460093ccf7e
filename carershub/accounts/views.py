"""Sign in and out, choose an organisation, manage a team, accept an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from carershub.accounts import half_signed_in, security, selectors, services, sign_in_codes
from carershub.accounts.actor import ANONYMOUS, SESSION_KEY, actor_for, organisations_for
from carershub.accounts.forms import (
    ROLE_HELP,
    AcceptOfferForm,
    ChangeRolesForm,
    ChooseOrganisationForm,
    DeactivateUserForm,
    InviteUserForm,
    RecoveryCodeForm,
    ResetAuthenticatorForm,
    SetPasswordForm,
    SignInCodeForm,
    SignInForm,
    UnlockUserForm,
)
from carershub.accounts.models import Role, User
from carershub.accounts.permissions import can, permission_required, record_or_404
from carershub.accounts.presenters import (
    AuthenticatorSetUpPresenter,
    TeamMemberPresenter,
    team_rows,
)
from carershub.audit import services as auditor
from carershub.audit.models import Operation
from carershub.core.ratelimits import limit_public_form
from carershub.partnerships.selectors import current_partnership


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return ""


@limit_public_form("sign_in")
def sign_in(request):
    if request.actor.is_authenticated and request.method == "GET":
        return redirect("home:staff_home")
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            email=form.cleaned_data["email"].lower(),
            password=form.cleaned_data["password"],
        )
        if user is None:
            known = (
                User.objects.filter(email=form.cleaned_data["email"].lower())
                .values_list("pk", flat=True)
                .first()
            )
            auditor.record(None, Operation.SIGN_IN_FAILED, "accounts.user", known)
            form.add_error(None, "Enter a correct email address and password")
            form.errors["password"] = form.error_class(
                ["Enter a correct email address and password"]
            )
            form.errors.pop("__all__", None)
        elif not settings.MFA_REQUIRED:
            return _finish_sign_in(request, user, _safe_next(request), second_step="none")
        else:
            half_signed_in.start(request, user, _safe_next(request))
            if selectors.authenticator_of(user) is None:
                return redirect("accounts:set_up_authenticator")
            return redirect("accounts:sign_in_code")
    return render(
        request,
        "accounts/sign_in.html",
        {"page_title": "Sign in", "form": form, "next": _safe_next(request)},
    )


def _finish_sign_in(request, user, target, *, second_step, then=None):
    """Both steps done: sign the user in, choose their organisation, and send them on."""
    half_signed_in.forget(request)
    # The password was checked by the model backend at the first step.
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    options = organisations_for(user)
    if len(options) == 1:
        request.session[SESSION_KEY] = next(iter(options))
    auditor.record(
        _actor_after_login(request), Operation.SIGN_IN, user, context={"second_step": second_step}
    )
    if then is not None:
        return redirect(f"{then}?next={target}" if target else then)
    if len(options) > 1:
        url = reverse("accounts:choose_organisation")
        return redirect(f"{url}?next={target}" if target else url)
    return redirect(target or "home:staff_home")


def _not_half_signed_in(request):
    """A second-step page opened by someone who has not just given their password."""
    if request.actor.is_authenticated:
        return redirect("home:staff_home")
    return redirect("accounts:sign_in")


def _locked(request):
    half_signed_in.forget(request)
    return locked_out(request)


def sign_in_code(request):
    user = half_signed_in.user_of(request)
    if user is None:
        return _not_half_signed_in(request)
    device = selectors.authenticator_of(user)
    if device is None:
        return redirect("accounts:set_up_authenticator")
    if security.is_locked_out(request, user):
        return _locked(request)
    form = SignInCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if sign_in_codes.check_code(device, form.cleaned_data["code"]):
            return _finish_sign_in(
                request, user, half_signed_in.next_url(request), second_step="authenticator"
            )
        if security.wrong_code(request, user, "authenticator_code"):
            return _locked(request)
        form.add_error(
            "code", "The code is not right. Enter the code your authenticator app shows now"
        )
    return render(
        request,
        "accounts/sign_in_code.html",
        {"page_title": "Enter the code from your authenticator app", "form": form},
    )


def sign_in_recovery_code(request):
    user = half_signed_in.user_of(request)
    if user is None:
        return _not_half_signed_in(request)
    if selectors.authenticator_of(user) is None:
        return redirect("accounts:set_up_authenticator")
    if security.is_locked_out(request, user):
        return _locked(request)
    form = RecoveryCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if sign_in_codes.use_recovery_code(user, form.cleaned_data["code"]):
            left = selectors.recovery_codes_left(user)
            response = _finish_sign_in(
                request, user, half_signed_in.next_url(request), second_step="recovery_code"
            )
            messages.success(
                request,
                f"You used a recovery code. You have {left} left: each works once. Make new ones "
                "from 'Your recovery codes' if you are running out.",
            )
            return response
        if security.wrong_code(request, user, "recovery_code"):
            return _locked(request)
        form.add_error(
            "code", "The recovery code is not right, or it has been used. Check it and try again"
        )
    return render(
        request,
        "accounts/sign_in_recovery_code.html",
        {"page_title": "Enter a recovery code", "form": form},
    )


def set_up_authenticator(request):
    user = half_signed_in.user_of(request)
    if user is None:
        return _not_half_signed_in(request)
    if selectors.authenticator_of(user) is not None:
        return redirect("accounts:sign_in_code")  # replacing one needs a manager's reset first
    if security.is_locked_out(request, user):
        return _locked(request)
    device = sign_in_codes.authenticator_being_set_up(user)
    form = SignInCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if sign_in_codes.confirm_authenticator(device, form.cleaned_data["code"]):
            codes = sign_in_codes.replace_recovery_codes(None, user)
            response = _finish_sign_in(
                request,
                user,
                half_signed_in.next_url(request),
                second_step="set_up",
                then=reverse("accounts:new_recovery_codes"),
            )
            request.session[NEW_RECOVERY_CODES] = codes
            return response
        if security.wrong_code(request, user, "authenticator_code"):
            return _locked(request)
        form.add_error(
            "code", "The code is not right. Enter the code your authenticator app shows now"
        )
    return render(
        request,
        "accounts/set_up_authenticator.html",
        {
            "page_title": "Set up your authenticator app",
            "form": form,
            "set_up": AuthenticatorSetUpPresenter(device, issuer=_service_name()),
        },
    )


def _service_name():
    partnership = current_partnership()
    return partnership.name if partnership else "Carers Hub"


# Recovery codes just made, shown once on the next page and then dropped from the session.
NEW_RECOVERY_CODES = "accounts.new_recovery_codes"


@permission_required("accounts.manage_own_sign_in_codes")
def recovery_codes(request):
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = sign_in_codes.replace_recovery_codes(
            request.actor, request.user
        )
        return redirect("accounts:new_recovery_codes")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"page_title": "Your recovery codes", "left": selectors.recovery_codes_left(request.user)},
    )


def new_recovery_codes(request):
    # Not behind permission_required: straight after set-up someone in two organisations has not
    # chosen one yet, and these codes are theirs whichever they choose.
    if not request.actor.is_authenticated:
        return redirect(f"{reverse('accounts:sign_in')}?next={request.path}")
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    if not codes:
        return redirect("accounts:recovery_codes")
    target = _safe_next(request)
    if request.actor.organisation is None:
        url = reverse("accounts:choose_organisation")
        target = f"{url}?next={target}" if target else url
    return render(
        request,
        "accounts/new_recovery_codes.html",
        {
            "page_title": "Save your recovery codes",
            "codes": codes,
            "continue_url": target or reverse("home:staff_home"),
        },
    )


def _actor_after_login(request):
    return actor_for(request.user, request.session.get(SESSION_KEY))


def locked_out(request, credentials=None, *args, **kwargs):
    return render(
        request, "accounts/locked_out.html", {"page_title": "Your account is locked"}, status=429
    )


@require_POST
def sign_out(request):
    if request.actor.is_authenticated:
        auditor.record(request.actor, Operation.SIGN_OUT, request.user)
    logout(request)
    request.actor = ANONYMOUS  # the page that follows is for someone no longer signed in
    return render(request, "accounts/signed_out.html", {"page_title": "You have signed out"})


def choose_organisation(request):
    if not request.actor.is_authenticated:
        return redirect(f"{reverse('accounts:sign_in')}?next={request.path}")
    options = list(organisations_for(request.user).values())
    if not options:
        return render(
            request,
            "accounts/no_organisation.html",
            {"page_title": "You are not part of an organisation"},
            status=403,
        )
    current = request.actor.organisation
    form = ChooseOrganisationForm(
        request.POST or None,
        options=options,
        initial={"organisation": str(current.pk) if current else None},
    )
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = int(form.cleaned_data["organisation"])
        request.session.cycle_key()
        return redirect(_safe_next(request) or "home:staff_home")
    return render(
        request,
        "accounts/choose_organisation.html",
        {
            "page_title": "Which organisation are you working for?",
            "form": form,
            "next": _safe_next(request),
        },
    )


@permission_required("accounts.manage_team")
def team(request):
    members = [TeamMemberPresenter(u) for u in selectors.team_of(request.actor.organisation)]
    auditor.listed(
        request.actor,
        User,
        [m.user for m in members],
        fields=["full_name", "email"],
        context={"view": "team"},
    )
    return render(
        request,
        "accounts/team.html",
        {
            "page_title": "Your team",
            "members": members,
            "rows": team_rows(members, request.actor.user),
        },
    )


@permission_required("accounts.manage_team")
def invite(request):
    form = InviteUserForm(
        request.POST if request.method == "POST" else None, organisation=request.actor.organisation
    )
    if request.method == "POST" and form.is_valid():
        user = services.invite_user(
            request.actor,
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            accept_url_for=lambda token: request.build_absolute_uri(
                reverse("accounts:accept_invitation", args=[token])
            ),
        )
        messages.success(request, f"Invitation sent to {user.email}")
        return redirect("accounts:team")
    return render(
        request,
        "accounts/invite.html",
        {"page_title": "Invite someone to your team", "form": form, "role_help": ROLE_HELP},
    )


@permission_required("accounts.manage_team")
def member(request, user_id):
    user = record_or_404(
        request, selectors.team_of(request.actor.organisation), "accounts.view_member", pk=user_id
    )
    auditor.read(request.actor, user, fields=["full_name", "email", "is_active", "memberships"])
    return render(
        request,
        "accounts/member.html",
        {
            "page_title": user.full_name,
            "member": TeamMemberPresenter(user),
            "can_manage_roles": can(request.actor, "accounts.manage_user", user),
            "can_manage_sign_in": can(request.actor, "accounts.manage_sign_in", user),
        },
    )


@permission_required("accounts.manage_team")
def change_member_roles(request, user_id):
    user = record_or_404(
        request, selectors.team_of(request.actor.organisation), "accounts.manage_user", pk=user_id
    )
    presenter = TeamMemberPresenter(user)
    form = ChangeRolesForm(
        request.POST if request.method == "POST" else None, initial={"roles": presenter.role_values}
    )
    if request.method == "POST" and form.is_valid():
        services.change_roles(request.actor, user, form.cleaned_data["roles"])
        messages.success(request, f"Roles changed for {user.full_name}")
        return redirect("accounts:member", user_id=user.pk)
    return render(
        request,
        "accounts/change_roles.html",
        {
            "page_title": f"Change roles for {user.full_name}",
            "form": form,
            "member": presenter,
            "role_help": ROLE_HELP,
        },
    )


def _confirm_for_member(
    request, user_id, form_class, act, done, template, title, permission="accounts.manage_user"
):
    """A yes/no page about one team member: on "yes", ``act`` and say ``done``; either way,
    back to them.
    """
    user = record_or_404(
        request, selectors.team_of(request.actor.organisation), permission, pk=user_id
    )
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == "yes":
            act(request.actor, user)
            messages.success(request, done.format(name=user.full_name))
        return redirect("accounts:member", user_id=user.pk)
    return render(
        request,
        template,
        {
            "page_title": title.format(name=user.full_name),
            "form": form,
            "member": TeamMemberPresenter(user),
        },
    )


@permission_required("accounts.manage_team")
def deactivate_member(request, user_id):
    return _confirm_for_member(
        request,
        user_id,
        DeactivateUserForm,
        services.deactivate_user,
        "{name} has been deactivated in your organisation",
        "accounts/deactivate.html",
        "Deactivate {name}'s account",
    )


@permission_required("accounts.manage_team")
def reset_authenticator(request, user_id):
    return _confirm_for_member(
        request,
        user_id,
        ResetAuthenticatorForm,
        sign_in_codes.reset,
        "{name} will set up their authenticator app again when they next sign in",
        "accounts/reset_authenticator.html",
        "Reset {name}'s authenticator app",
        "accounts.manage_sign_in",
    )


@permission_required("accounts.manage_team")
def unlock_member(request, user_id):
    return _confirm_for_member(
        request,
        user_id,
        UnlockUserForm,
        services.unlock,
        "{name}'s account is unlocked: they can sign in again now",
        "accounts/unlock.html",
        "Unlock {name}'s account",
        "accounts.manage_sign_in",
    )


@limit_public_form("invitation", links=lambda request, token: [token])
def accept_invitation(request, token):
    """The link in an invitation: a new account sets its first password;
    an existing one accepts an offer.
    """
    invitation = selectors.usable_invitation(token)
    if invitation is None:
        return render(
            request,
            "accounts/invitation_expired.html",
            {"page_title": "This invitation link has expired"},
            status=410,
        )
    if not invitation.sets_password:
        return _accept_offer(request, invitation)
    form = SetPasswordForm(request.POST if request.method == "POST" else None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        services.accept_invitation(invitation, form.cleaned_data["password"])
        messages.success(request, "Your password has been set. Sign in to continue.")
        return redirect("accounts:sign_in")
    return render(
        request,
        "accounts/accept_invitation.html",
        {"page_title": "Create your password", "form": form, "invitation": invitation},
    )


def _accept_offer(request, invitation):
    """An offer of roles to an existing account: only its owner, signed in fully, can take it
    (ADR 22).
    """
    if not request.actor.is_authenticated:
        return render(
            request,
            "accounts/offer_sign_in.html",
            {
                "page_title": f"Sign in to join {invitation.organisation.name}",
                "invitation": invitation,
                "sign_in_url": f"{reverse('accounts:sign_in')}?next={request.path}",
            },
        )
    if request.user.pk != invitation.user_id:
        return render(
            request,
            "accounts/offer_not_yours.html",
            {"page_title": "This invitation is for someone else", "invitation": invitation},
            status=403,
        )
    form = AcceptOfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == "yes":
            organisation = services.accept_offer(request.actor, invitation)
            request.session[SESSION_KEY] = organisation.pk
            request.session.cycle_key()
            messages.success(
                request, f"You have joined {organisation.name}. You are now working for them."
            )
        return redirect("home:staff_home")
    return render(
        request,
        "accounts/accept_offer.html",
        {
            "page_title": f"Join {invitation.organisation.name}",
            "form": form,
            "invitation": invitation,
            "roles": [Role(r).label for r in Role.values if r in invitation.roles],
        },
    )
