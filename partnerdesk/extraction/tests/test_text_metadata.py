"""Stage S3: outlets, dates at the precision written, language (pure, no database)."""

from __future__ import annotations

import pytest

from partnerdesk.extraction.metadata import (
    detect_language,
    find_dates,
    outlet_for_name,
    outlet_for_url,
    outlet_named_in,
    parse_iso,
)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://en.apa.az/foreign-policy/interview-245935", "APA"),
        ("https://www.azernews.az/nation/105108.html", "Azernews"),
        ("http://report.az/en/military/occ/", "Report.az"),
        ("https://www.nato.int/cps/en/natohq/news_21620.htm", "NATO"),
        ("https://civil.ge/archives/445501", "Civil.ge"),
        ("https://www.azatutyun.am/a/28899.html", "Azatutyun"),
        ("https://www.ipn.md/en/x", "IPN"),
        ("https://1news.az/news/2016", "1news.az"),
        ("http://www.today.az/news/politics/209478.html", "Today.az"),
        ("https://en.trend.az/azerbaijan/politics/945098.html", "Trend"),
    ],
)
def test_outlet_from_url_domain(url, name):
    outlet = outlet_for_url(url)
    assert outlet is not None
    assert outlet.name == name


def test_unknown_or_lookalike_domains_are_no_outlet():
    assert outlet_for_url("https://example.org/a") is None
    assert outlet_for_url("https://notapa.az/a") is None
    assert outlet_for_url("not a url") is None
    assert outlet_for_url(None) is None


def test_outlet_from_site_name_ignores_case_and_spacing():
    assert outlet_for_name("AZERNEWS").name == "Azernews"
    assert outlet_for_name("  Trend   News Agency ").name == "Trend"
    assert outlet_for_name("The news today") is None


def test_outlet_named_in_a_copyright_line_needs_whole_words():
    assert outlet_named_in("© 2026 AZERNEWS. Materials may be quoted.").name == "Azernews"
    assert outlet_named_in("The trendy papers") is None


def _iso(text, zone=None):
    return [found.iso(zone) for found in find_dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 November 2016 10:23 (UTC+04:00)", "2016-11-15T10:23:00+04:00"),
        ("19 July 2022 21:33 (UTC +04:00)", "2022-07-19T21:33:00+04:00"),
        ("30 June 2016 16:00 (GMT+4)", "2016-06-30T16:00:00+04:00"),
        ("June 30, 2016", "2016-06-30"),
        ("31 May, 2017 11:05", "2017-05-31"),
        ("12.04.2017 17:40", "2017-04-12"),
        ("12/10/2021 - 17:40", "2021-10-12"),
        ("2017-05-31", "2017-05-31"),
        ("16 Dec. 2008", "2008-12-16"),
        ("15 January 2008 [14:43] - Today.Az", "2008-01-15"),
        ("16:05, 3 March 2014", "2014-03-03"),
        ("30 июня 2016 г.", "2016-06-30"),  # noqa: RUF001
        ("15 noyabr 2016", "2016-11-15"),
        ("in June 2016", "2016-06"),
        ("10 Jan 2020 10:00 CET", "2020-01-10T10:00:00+01:00"),
        ("1 May 2015 2:30 pm +0400", "2015-05-01T14:30:00+04:00"),
    ],
)
def test_dates_come_out_at_the_precision_written(text, expected):
    assert _iso(text) == [expected]


def test_a_zone_fills_in_a_missing_offset_with_the_summer_time_of_the_day():
    assert _iso("30 June 2016 16:00", "Asia/Baku") == ["2016-06-30T16:00:00+04:00"]
    assert _iso("1 July 2015 12:00", "Asia/Baku") == ["2015-07-01T12:00:00+05:00"]
    assert _iso("30 June 2016", "Asia/Baku") == ["2016-06-30"]


def test_impossible_dates_and_bare_numbers_are_not_dates():
    assert find_dates("31 February 2016") == []
    assert find_dates("2015-2016 and 28 of 42 goals in 1990s") == []
    assert find_dates("release 1.2.3.2016") == []


def test_date_spans_cover_time_and_offset():
    text = "Posted 30 June 2016 16:00 (UTC +04:00) by the desk"
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "30 June 2016 16:00 (UTC +04:00)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-05-31T11:05:00+04:00", "2017-05-31T11:05:00+04:00"),
        ("2016-11-15T06:23:00Z", "2016-11-15T06:23:00+00:00"),
        ("2005-05-27", "2005-05-27"),
        ("2016-06", "2016-06"),
        ("2016-06-30T16:00:00", "2016-06-30"),
    ],
)
def test_machine_readable_dates(value, expected):
    found = parse_iso(value)
    assert found is not None
    assert found.iso() == expected


def test_machine_readable_garbage_is_none():
    assert parse_iso("yesterday") is None
    assert parse_iso("2016-13-45") is None
    assert parse_iso("") is None


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("NATO and Azerbaijan reviewed the plan that was agreed in 2005.", None, "en"),
        ("НАТО и Азербайджан обсудили план сотрудничества в Баку.", None, "ru"),  # noqa: RUF001
        ("Azərbaycan və NATO arasında əməkdaşlıq müzakirə edilib.", None, "az"),  # noqa: RUF001
        ("IPAP PARP OCC", None, "en"),
        ("IPAP PARP OCC", "ru-RU", "ru"),
        ("IPAP PARP OCC", "xx", "en"),
    ],
)
def test_language_from_script_and_stop_words(text, hint, expected):
    assert detect_language(text, hint) == expected
