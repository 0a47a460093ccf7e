"""Sign in and out, choose an organisation, manage a team, accept an invitation."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from carershub.accounts import selectors, services
from carershub.accounts.actor import ANONYMOUS, SESSION_KEY, organisations_for
from carershub.accounts.forms import (
    ROLE_HELP,
    ChangeRolesForm,
    ChooseOrganisationForm,
    DeactivateUserForm,
    InviteUserForm,
    SetPasswordForm,
    SignInForm,
)
from carershub.accounts.models import User
from carershub.accounts.permissions import permission_required, require
from carershub.accounts.presenters import TeamMemberPresenter
from carershub.audit import services as auditor
from carershub.audit.models import Operation


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


def sign_in(request):
    if request.actor.is_authenticated and request.method == "GET":
        return redirect("core:staff_home")
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"])
        if user is None:
            known = User.objects.filter(email=form.cleaned_data["email"].lower()).values_list("pk", flat=True).first()
            auditor.record(None, Operation.SIGN_IN_FAILED, "accounts.user", known)
            form.add_error(None, "Enter a correct email address and password")
            form.errors["password"] = form.error_class(["Enter a correct email address and password"])
            form.errors.pop("__all__", None)
        else:
            login(request, user)
            options = organisations_for(user)
            if len(options) == 1:
                request.session[SESSION_KEY] = next(iter(options))
            auditor.record(_actor_after_login(request), Operation.SIGN_IN, user)
            target = _safe_next(request)
            if len(options) > 1:
                url = reverse("accounts:choose_organisation")
                return redirect(f"{url}?next={target}" if target else url)
            return redirect(target or "core:staff_home")
    return render(request, "accounts/sign_in.html", {"page_title": "Sign in", "form": form, "next": _safe_next(request)})


def _actor_after_login(request):
    from carershub.accounts.actor import actor_for

    return actor_for(request.user, request.session.get(SESSION_KEY))


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked_out.html", {"page_title": "Your account is locked"}, status=429)


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
        return render(request, "accounts/no_organisation.html", {"page_title": "You are not part of an organisation"}, status=403)
    current = request.actor.organisation
    form = ChooseOrganisationForm(
        request.POST or None, options=options, initial={"organisation": str(current.pk) if current else None}
    )
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = int(form.cleaned_data["organisation"])
        request.session.cycle_key()
        return redirect(_safe_next(request) or "core:staff_home")
    return render(
        request,
        "accounts/choose_organisation.html",
        {"page_title": "Which organisation are you working for?", "form": form, "next": _safe_next(request)},
    )


@permission_required("accounts.manage_team")
def team(request):
    members = [TeamMemberPresenter(u) for u in selectors.team_of(request.actor.organisation)]
    auditor.listed(request.actor, User, [m.user for m in members], fields=["full_name", "email"], context={"view": "team"})
    return render(request, "accounts/team.html", {"page_title": "Your team", "members": members})


@permission_required("accounts.manage_team")
def invite(request):
    form = InviteUserForm(request.POST if request.method == "POST" else None, organisation=request.actor.organisation)
    if request.method == "POST" and form.is_valid():
        user = services.invite_user(
            request.actor,
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            roles=form.cleaned_data["roles"],
            accept_url_for=lambda token: request.build_absolute_uri(reverse("accounts:accept_invitation", args=[token])),
        )
        messages.success(request, f"Invitation sent to {user.email}")
        return redirect("accounts:team")
    return render(request, "accounts/invite.html", {"page_title": "Invite someone to your team", "form": form, "role_help": ROLE_HELP})


def _member_or_404(request, user_id):
    user = selectors.team_member(request.actor.organisation, user_id)
    if user is None:
        raise Http404
    require(request.actor, "accounts.manage_user", user)
    return user


@permission_required("accounts.manage_team")
def member(request, user_id):
    user = _member_or_404(request, user_id)
    auditor.read(request.actor, user, fields=["full_name", "email", "is_active", "memberships"])
    return render(request, "accounts/member.html", {"page_title": user.full_name, "member": TeamMemberPresenter(user)})


@permission_required("accounts.manage_team")
def change_member_roles(request, user_id):
    user = _member_or_404(request, user_id)
    presenter = TeamMemberPresenter(user)
    form = ChangeRolesForm(request.POST if request.method == "POST" else None, initial={"roles": presenter.role_values})
    if request.method == "POST" and form.is_valid():
        services.change_roles(request.actor, user, form.cleaned_data["roles"])
        messages.success(request, f"Roles changed for {user.full_name}")
        return redirect("accounts:member", user_id=user.pk)
    return render(
        request,
        "accounts/change_roles.html",
        {"page_title": f"Change roles for {user.full_name}", "form": form, "member": presenter, "role_help": ROLE_HELP},
    )


@permission_required("accounts.manage_team")
def deactivate_member(request, user_id):
    user = _member_or_404(request, user_id)
    form = DeactivateUserForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["confirm"] == "yes":
            services.deactivate_user(request.actor, user)
            messages.success(request, f"{user.full_name}'s account has been deactivated")
        return redirect("accounts:member", user_id=user.pk)
    return render(
        request,
        "accounts/deactivate.html",
        {"page_title": f"Deactivate {user.full_name}'s account", "form": form, "member": TeamMemberPresenter(user)},
    )


def accept_invitation(request, token):
    invitation = selectors.usable_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_expired.html", {"page_title": "This invitation link has expired"}, status=410)
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
