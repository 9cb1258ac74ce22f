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
