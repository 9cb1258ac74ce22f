"""Stage S5 count grammar: value, approximation, denominator, counted noun; traps not counted."""

import pytest

from partnerdesk.extraction.facts import find_facts
from partnerdesk.extraction.types import Deadline

PUBLISHED = "2016-06-30T16:00:00+04:00"


def facts_of(text, kind, published=PUBLISHED):
    facts = find_facts(text, published=published, language="en", deadline=Deadline())
    return [f for f in facts if f["kind"] == kind]


def quantity(value, approx, counted, quote, start, *, of_total=None, when=None, confidence=0.9):
    return {
        "kind": "quantity",
        "value": value,
        "approx": approx,
        "counted": counted,
        "of_total": of_total,
        "when": when,
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "confidence": confidence,
    }


def test_approximation_denominator_and_year_of_the_count():
    text = "In 2015 the country took part in close to 200 events; 27 of 41 goals concern the army."
    assert facts_of(text, "quantity") == [
        quantity(200, "about", "events", "close to 200 events", 33, when="2015"),
        quantity(27, "exact", "goals", "27 of 41 goals", 54, of_total=41),
    ]


def test_at_least_spelled_numbers_and_modifiers():
    text = (
        "More than 1,000 soldiers, ten officers and 94 personnel served with two Mi-17 helicopters."
    )
    assert facts_of(text, "quantity") == [
        quantity(1000, "at_least", "soldiers", "More than 1,000 soldiers", 0),
        quantity(10, "exact", "officers", "ten officers", 26, confidence=0.85),
        quantity(94, "exact", "personnel", "94 personnel", 43),
        quantity(2, "exact", "helicopters", "two Mi-17 helicopters", 68, confidence=0.85),
    ]


def test_counted_noun_is_the_lower_case_head_after_modifiers():
    text = "Azerbaijan has 42 Partnership Goals, and 28 of the 42 goals concern the armed forces."
    assert [
        (f["value"], f["counted"], f["of_total"], f["quote"]) for f in facts_of(text, "quantity")
    ] == [
        (42, "goals", None, "42 Partnership Goals"),
        (28, "goals", 42, "28 of the 42 goals"),
    ]


def test_money_is_counted_in_its_currency_code():
    text = "The project cost about EUR 1.9 million, then EUR 450,000 and 2 million euros more."
    assert facts_of(text, "quantity") == [
        quantity(1900000, "about", "EUR", "about EUR 1.9 million", 17),
        quantity(450000, "exact", "EUR", "EUR 450,000", 45),
        quantity(2000000, "exact", "EUR", "2 million euros", 61),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The plan was agreed in 2015 and renewed in 2017.",
        "The IPAP for 2012-2013 and the plan for 2015–2016 were approved.",
        "It opened on 30 June 2016 at 10:23 (UTC+04:00).",
        "The 4th stage and the fourth stage met 50% of the goals.",
        "The NEL-2 level of the Mi-17 unit and room 12 were inspected.",
        "Since 2004 the country has improved.",
    ],
)
def test_years_periods_dates_times_ordinals_and_codes_are_never_counted(text):
    assert facts_of(text, "quantity") == []


def test_a_date_not_introduced_as_the_time_of_the_count_does_not_date_it():
    text = "Armenia will keep its 121 soldiers next year, and 1,500 servicemen served since 2004."
    assert [(f["value"], f["when"]) for f in facts_of(text, "quantity")] == [
        (121, None),
        (1500, None),
    ]


def test_plan_period_with_the_mechanism_of_the_same_clause():
    text = "The fourth stage of the IPAP covered 2015–2016, and the new document should cover 2017-2019."
    assert facts_of(text, "period") == [
        {
            "kind": "period",
            "start_year": 2015,
            "end_year": 2016,
            "mechanism": "IPAP",
            "quote": "2015–2016",
            "start": 37,
            "end": 46,
            "confidence": 0.95,
        },
        {
            "kind": "period",
            "start_year": 2017,
            "end_year": 2019,
            "mechanism": None,
            "quote": "2017-2019",
            "start": 82,
            "end": 91,
            "confidence": 0.85,
        },
    ]


def test_period_short_second_year_and_the_plan_of_the_previous_sentence():
    text = (
        "The IPAP was approved. The plan sets out goals for 2000-02. Other figures cover 2016-2040."
    )
    periods = facts_of(text, "period")
    assert [(f["start_year"], f["end_year"], f["mechanism"], f["quote"]) for f in periods] == [
        (2000, 2002, "IPAP", "2000-02")
    ]


def test_an_unlisted_plural_right_after_the_number_is_counted_with_less_confidence():
    text = "The plan went through four stages in 15 embassies over 3 hours."
    assert [(f["value"], f["counted"], f["confidence"]) for f in facts_of(text, "quantity")] == [
        (4, "stages", 0.85),
        (15, "embassies", 0.7),
    ]
