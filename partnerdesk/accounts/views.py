"""Login, logout, the account page with API tokens, and the alliance nation switcher."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from partnerdesk.accounts import selectors, services
from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import NotFound
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.web.views import NATION_SESSION_KEY
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
