"""Exact money arithmetic: per currency, never mixed, converted only at explicit rates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.trustfunds.analytics import add_money, convert, parse_rates, remaining, sum_money

D = Decimal


def test_sums_stay_per_currency_and_exact() -> None:
    pairs: list[tuple[str, Decimal | None]] = [
        ("EUR", D("131000.00")),
        ("EUR", D("50000.00")),
        ("EUR", D("15000.00")),
    ]
    pairs += [("USD", D("0.10")), ("USD", D("0.20")), ("EUR", None)]
    assert sum_money(pairs) == {"EUR": D("196000.00"), "USD": D("0.30")}
    assert remaining({"EUR": D("440000.00")}, sum_money(pairs)) == {"EUR": D("244000.00")}
    assert add_money({"EUR": D("1.10")}, {"GBP": D("2.20"), "EUR": D("0.01")}) == {
        "EUR": D("1.11"),
        "GBP": D("2.20"),
    }


def test_floats_and_currencyless_amounts_are_refused() -> None:
    with pytest.raises(TypeError, match="Money must be Decimal, not float"):
        sum_money([("EUR", 0.1)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="without a currency"):
        sum_money([("", D("1.00"))])


def test_conversion_needs_an_explicit_rate_for_every_other_currency() -> None:
    money = {"EUR": D("196000.00"), "USD": D("10000.00"), "GBP": D("0.05")}
    with pytest.raises(ValidationError) as refused:
        convert(money, target="EUR", rates={"USD": D("0.92")})
    assert refused.value.message_dict == {
        "rate": [
            "Give a rate for GBP to EUR (for example GBP:1.0); currencies are never added "
            "without an explicit rate."
        ]
    }
    result = convert(money, target="eur", rates={"USD": D("0.92"), "GBP": D("1.17")})
    assert [(x.currency, x.amount, x.rate, x.converted) for x in result.lines] == [
        ("EUR", D("196000.00"), D("1"), D("196000.00")),
        ("GBP", D("0.05"), D("1.17"), D("0.06")),  # 0.0585 rounds half up to the cent
        ("USD", D("10000.00"), D("0.92"), D("9200.00")),
    ]
    assert (result.target, result.total) == ("EUR", D("205200.06"))
    assert result.rates_used == {"GBP": D("1.17"), "USD": D("0.92")}


def test_rates_are_parsed_exactly_and_typos_are_refused() -> None:
    assert parse_rates(["USD:0.92, gbp=1.17", "CHF:0.9300000001"]) == {
        "USD": D("0.92"),
        "GBP": D("1.17"),
        "CHF": D("0.9300000001"),
    }
    with pytest.raises(ValidationError) as refused:
        parse_rates(["USD:abc", "EURO:1", "GBP:-1", "USD:1,USD:2", "CHF"])
    assert refused.value.message_dict == {
        "rate": [
            "The rate for USD is not a number: “abc”.",
            "“EURO:1” is not a rate such as USD:0.92.",
            "The rate for GBP must be a positive number.",
            "USD is given more than once.",
            "“CHF” is not a rate such as USD:0.92.",
        ]
    }
