"""Exact money arithmetic for trust funds (pure functions, no database).

Amounts are `Decimal` and live in maps {currency: amount}. Amounts in different currencies are
never added: a total across currencies stays one figure per currency. Converting needs an
explicit rate for every foreign currency, given by the user; the result names each rate used
and rounds each converted amount to the cent (half up) before adding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

Money = dict[str, Decimal]
CENT = Decimal("0.01")
MAX_RATE = Decimal("1000000")


def sum_money(items: Iterable[tuple[str, Decimal | None]]) -> Money:
    """{currency: sum} of (currency, amount) pairs; unknown amounts (None) are skipped and
    each currency is summed on its own. Keys come out sorted."""
    totals: Money = {}
    for currency, amount in items:
        if amount is None:
            continue
        if not currency:
            raise ValueError("An amount without a currency cannot be added.")
        if not isinstance(amount, Decimal):
            raise TypeError(f"Money must be Decimal, not {type(amount).__name__}.")
        totals[currency] = totals.get(currency, Decimal("0")) + amount
    return {currency: totals[currency] for currency in sorted(totals)}


def add_money(*maps: Mapping[str, Decimal]) -> Money:
    """The per-currency sum of several money maps."""
    return sum_money((c, a) for m in maps for c, a in m.items())


def remaining(budget: Mapping[str, Decimal], raised: Mapping[str, Decimal]) -> Money:
    """What is still to be raised, per budget currency: budget minus what was raised in that
    same currency (negative when over-funded). Money raised in other currencies is not
    counted against the budget — it would need a rate."""
    return {c: budget[c] - raised.get(c, Decimal("0")) for c in sorted(budget)}


def parse_rates(pairs: Iterable[str]) -> dict[str, Decimal]:
    """Rates from "USD:0.92" or "USD=0.92" texts (1 USD = 0.92 of the target currency).

    Refuses, by name, a malformed pair, a repeated currency and a rate that is not a positive
    number, so a typo never converts silently at the wrong rate.
    """
    rates: dict[str, Decimal] = {}
    errors: list[str] = []
    for raw in pairs:
        for part in str(raw).replace(";", ",").split(","):
            text = part.strip()
            if not text:
                continue
            separator = ":" if ":" in text else "="
            code, _, value = text.partition(separator)
            code = code.strip().upper()
            if not _ or len(code) != 3 or not code.isalpha():
                errors.append(f"“{text}” is not a rate such as USD:0.92.")
                continue
            try:
                rate = Decimal(value.strip())
            except InvalidOperation:
                errors.append(f"The rate for {code} is not a number: “{value.strip()}”.")
                continue
            if not rate.is_finite() or rate <= 0 or rate > MAX_RATE:
                errors.append(f"The rate for {code} must be a positive number.")
            elif code in rates:
                errors.append(f"{code} is given more than once.")
            else:
                rates[code] = rate
    if errors:
        raise ValidationError({"rate": errors})
    return rates


@dataclass(frozen=True)
class ConvertedLine:
    """One currency of a total: the original amount, the rate used and the converted amount."""

    currency: str
    amount: Decimal
    rate: Decimal
    converted: Decimal


@dataclass(frozen=True)
class Conversion:
    """A money map expressed in one currency at rates the user gave."""

    target: str
    lines: tuple[ConvertedLine, ...]
    total: Decimal

    @property
    def rates_used(self) -> dict[str, Decimal]:
        """{currency: rate} of the foreign currencies converted."""
        return {line.currency: line.rate for line in self.lines if line.currency != self.target}


def convert(
    money: Mapping[str, Decimal], *, target: str, rates: Mapping[str, Decimal]
) -> Conversion:
    """`money` in `target` currency. Every other currency in `money` needs a rate in `rates`
    (1 unit = rate units of `target`); a missing rate is refused by currency, never guessed. Amounts
    already in `target` keep rate 1. Each converted amount is rounded to the cent."""
    target = target.upper()
    missing = sorted(c for c in money if c != target and c not in rates)
    if missing:
        raise ValidationError(
            {
                "rate": [
                    f"Give a rate for {code} to {target} (for example {code}:1.0); "
                    "currencies are never added without an explicit rate."
                    for code in missing
                ]
            }
        )
    lines = []
    for currency in sorted(money):
        amount = money[currency]
        rate = Decimal("1") if currency == target else rates[currency]
        converted = (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        lines.append(ConvertedLine(currency, amount, rate, converted))
    total = sum((line.converted for line in lines), Decimal("0.00"))
    return Conversion(target=target, lines=tuple(lines), total=total)
