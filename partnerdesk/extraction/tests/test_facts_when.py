"""Stage S7 time resolution against the publication date: never a day the text does not give."""

import pytest

from partnerdesk.extraction.facts.lexicon import lexicon
from partnerdesk.extraction.facts.when import Anchor, resolve, time_mentions
from partnerdesk.extraction.types import Deadline


def resolved(text, published, *, future=False):
    mentions = time_mentions(text, lexicon("en"), Deadline())
    return [
        (text[m.start : m.end], resolve(m, Anchor.parse(published), future=future))
        for m in mentions
    ]


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("in May", "2016-06-30T16:00:00+04:00", False, [("May", "2016-05")]),
        ("in July", "2016-06-30", False, [("July", "2015-07")]),
        ("in May", "2016-06-30", True, [("May", "2017-05")]),
        ("in September", "2016-06-30", True, [("September", "2016-09")]),
        ("in June", "2016-06-30", False, [("June", "2016-06")]),
        ("last week", "2016-11-15", False, [("last week", "2016-11")]),
        ("last week", "2008-07-04", False, [("last week", "2008-06")]),
        ("next week", "2016-06-30", True, [("next week", "2016-07")]),
        ("this year", "2016-02-18T14:40:00+04:00", False, [("this year", "2016")]),
        ("next year", "2017-12-05", True, [("next year", "2018")]),
        ("last month", "2016-01-10", False, [("last month", "2015-12")]),
        ("yesterday", "2014-01-16", False, [("yesterday", "2014-01-15")]),
        ("today", "2005-05-27", False, [("today", "2005-05-27")]),
        ("on Monday", "2016-06-30", False, [("on Monday", "2016-06-27")]),
        ("On Wednesday", "2017-05-31T11:05:00+04:00", False, [("Wednesday", "2017-05-31")]),
        ("on Monday", "2016-06-30", True, [("on Monday", "2016-07-04")]),
        ("in the summer", "2017-04-12", True, [("in the summer", "2017")]),
        ("on 16 December", "2008-12-16", False, [("16 December", "2008-12-16")]),
        ("on 20 November 2002", "2008-01-15", False, [("20 November 2002", "2002-11-20")]),
        ("on June 30, 2016", None, False, [("June 30, 2016", "2016-06-30")]),
        ("in May 2016", None, False, [("May 2016", "2016-05")]),
        ("on 21-22 September", "2015-09-24", False, [("21-22 September", "2015-09")]),
        ("31 May–2 June 2017", None, False, [("31 May–2 June 2017", "2017-05")]),
        ("2016-06-30", None, False, [("2016-06-30", "2016-06-30")]),
        ("in 2015", None, False, [("2015", "2015")]),
        ("two days ago", "2016-06-30", False, [("two days ago", "2016-06-28")]),
        ("3 months ago", "2016-02-10", False, [("3 months ago", "2015-11")]),
        ("in mid-June", "2016-06-30", False, [("mid-June", "2016-06")]),
        ("in early May", "2016-06-30", False, [("early May", "2016-05")]),
    ],
)
def test_resolution(text, published, future, expected):
    assert resolved(text, published, future=future) == expected


def test_without_an_anchor_relative_dates_stay_unresolved():
    assert resolved("in May, last week, yesterday and on Monday", None) == [
        ("May", None),
        ("last week", None),
        ("yesterday", None),
        ("on Monday", None),
    ]


def test_an_anchor_without_a_day_never_yields_a_day():
    assert resolved("yesterday, on Monday, last week, this month", "2016-06") == [
        ("yesterday", None),
        ("on Monday", None),
        ("last week", None),
        ("this month", "2016-06"),
    ]


def test_a_week_across_two_months_gives_only_the_year():
    # 2016-08-03 is a Wednesday; the week before ran from 25 to 31 July, the one of
    # 2016-06-01 from 30 May to 5 June, across two months.
    assert resolved("last week", "2016-08-03") == [("last week", "2016-07")]
    assert resolved("this week", "2016-06-01") == [("this week", "2016")]


def test_may_the_verb_is_not_a_month():
    assert resolved(
        "NATO may send experts. May 2016 was busy; since May it rained.", "2016-06-30"
    ) == [
        ("May 2016", "2016-05"),
        ("May", "2016-05"),
    ]
