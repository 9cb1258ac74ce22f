"""Login, logout, the account page with API tokens, and the alliance nation switcher."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from partnerdesk.accounts import selectors, services
from partnerdesk.accounts.forms import UserCreateForm
from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import NotFound
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.roles import Role
from partnerdesk.core.web.views import NATION_SESSION_KEY, apply_validation_error
from partnerdesk.organisations.selectors import partner_states


class LoginView(auth_views.LoginView):
    """Sign in with username and password."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only)."""


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's role, scope and API tokens."""
    return render(request, "accounts/account.html", {"tokens": selectors.token_list(request.user)})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Issue a token and show its key once."""
    name = request.POST.get("name", "").strip()[:100]
    user: Any = request.user
    token, key = services.token_create(
        actor=Actor.from_request(request, ChangeSource.WEB), user=user, name=name
    )
    return render(
        request,
        "accounts/account.html",
        {"tokens": selectors.token_list(request.user), "new_key": key, "new_token": token},
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's tokens."""
    try:
        token = selectors.token_get_own(request.user, pk)
    except NotFound as exc:
        raise Http404("Not found") from exc
    services.token_revoke(actor=Actor.from_request(request, ChangeSource.WEB), token=token)
    messages.success(request, f"Token {token.prefix}… revoked.")
    return HttpResponseRedirect(reverse("accounts:account"))


@login_required
@require_POST
def switch_nation(request: HttpRequest) -> HttpResponse:
    """Alliance users: choose the nation the lists show (empty = all nations)."""
    value = request.POST.get("nation", "")
    if getattr(request.user, "is_alliance", False):
        if (
            value
            and partner_states(request.user).filter(pk=value if value.isdigit() else -1).exists()
        ):
            request.session[NATION_SESSION_KEY] = int(value)
        else:
            request.session.pop(NATION_SESSION_KEY, None)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("home")
    return HttpResponseRedirect(target)


def _require_admin(request: HttpRequest) -> None:
    if getattr(request.user, "role", None) != Role.ADMINISTRATOR:
        raise PermissionDenied("Only administrators manage accounts.")


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    """Administrators: every account with role, organisation and status."""
    _require_admin(request)
    page = Paginator(selectors.user_list(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    """Administrators: create an account; its generated password is shown once."""
    _require_admin(request)
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        password = secrets.token_urlsafe(16)
        data = form.cleaned_data
        try:
            created = services.user_create(
                actor=Actor.from_request(request, ChangeSource.WEB),
                username=data["username"],
                password=password,
                role=data["role"],
                organisation=data["organisation"],
                email=data["email"],
                all_nations=data["all_nations"],
                assigned_nations=list(data["assigned_nations"]),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return render(
                request, "accounts/user_created.html", {"created": created, "password": password}
            )
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


@login_required
@require_POST
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Administrators: deactivate or reactivate an account."""
    _require_admin(request)
    target = selectors.user_list(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404("Not found")
    active = request.POST.get("active") == "1"
    if target.pk == request.user.pk and not active:
        messages.error(request, "You cannot deactivate your own account.")
    else:
        services.user_set_active(
            actor=Actor.from_request(request, ChangeSource.WEB), user=target, active=active
        )
        messages.success(
            request, f"{target.username} is now {'active' if active else 'deactivated'}."
        )
    return HttpResponseRedirect(reverse("accounts:list"))
