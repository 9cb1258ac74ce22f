"""Cards on the start page, registered by each app in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class Card:
    """A mechanism on the start page: its title, list page and a count of visible records."""

    title: str
    url_name: str
    description: str
    count: Callable[[Any, int | None], int]


_CARDS: list[Card] = []


@dataclass(frozen=True)
class NavItem:
    """A mechanism in the main navigation; `order` sorts the items."""

    label: str
    url_name: str
    namespace: str
    order: int


_NAV: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    """Add a navigation item once (by url name)."""
    if all(existing.url_name != item.url_name for existing in _NAV):
        _NAV.append(item)


def nav_items() -> list[NavItem]:
    """Registered mechanism items in order."""
    return sorted(_NAV, key=lambda item: (item.order, item.label))


def register_card(card: Card) -> None:
    """Add a card once (re-registration with the same url name is ignored)."""
    if all(existing.url_name != card.url_name for existing in _CARDS):
        _CARDS.append(card)


def home_cards(request: HttpRequest) -> list[dict[str, Any]]:
    """The cards with the counts the current user may see."""
    from partnerdesk.core.web.views import current_nation_id

    nation_id = current_nation_id(request)
    return [
        {
            "title": card.title,
            "url": reverse(card.url_name),
            "description": card.description,
            "count": card.count(request.user, nation_id),
        }
        for card in _CARDS
    ]


@dataclass(frozen=True)
class Panel:
    """A section another app adds to a record page: a template and the context it needs.

    Lets an app show its links on a page it does not own (e.g. the Partnership Goals that serve
    a plan objective) without the page's app importing it.
    """

    page: str
    template: str
    context: Callable[[Any, Any], dict[str, Any]]


_PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    """Add a panel once (by page and template)."""
    if all((p.page, p.template) != (panel.page, panel.template) for p in _PANELS):
        _PANELS.append(panel)


def panels_for(page: str, user: Any, obj: Any) -> list[dict[str, Any]]:
    """The panels registered for `page`, each as {"template", "context"} for `user` and `obj`."""
    return [
        {"template": panel.template, "context": panel.context(user, obj)}
        for panel in _PANELS
        if panel.page == page
    ]
