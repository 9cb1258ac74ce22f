"""Template helpers of the trust-fund pages: money maps shown one figure per currency."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template

from partnerdesk.trustfunds.analytics import sum_money
from partnerdesk.trustfunds.models import format_money

register = template.Library()


@register.filter
def money(values: Mapping[str, Decimal] | None) -> str:
    """ "EUR 1,840,000.00 · USD 25,000.00" — one figure per currency; "—" when empty."""
    if not values:
        return "—"
    return " · ".join(format_money(amount, currency) for currency, amount in values.items())


@register.filter
def money_in(values: Mapping[str, Decimal] | None, currency: str) -> str:
    """The amount of one currency of a money map ("—" when absent)."""
    if not values or currency not in values:
        return "—"
    return format_money(values[currency], currency)


@register.filter
def amount(value: Decimal | None, currency: str) -> str:
    """One exact amount with its currency ("—" when unknown)."""
    return format_money(value, currency)


@register.simple_tag
def phase_budgets(project: Any) -> str:
    """The sum of a project's (prefetched, visible) phase budgets, one figure per currency."""
    return money(sum_money((p.currency, p.budget) for p in project.phases.all()))
