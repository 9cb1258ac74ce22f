"""Dates at the precision a source gives: a year, a month or a day.

Such a date is stored as the first day of its period together with a precision, and shown at
that precision ("2010", "May 2008", "7–16 Oct 2011"); "in May" is never shown as 1 May.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import models


class DatePrecision(models.TextChoices):
    """How precisely a source gives a date: "2010", "May 2008" or "7 Oct 2011"."""

    YEAR = "YEAR", "Year"
    MONTH = "MONTH", "Month"
    DAY = "DAY", "Day"


def period_start(day: dt.date, precision: str) -> dt.date:
    """The first day of the year or month `day` stands for (unchanged at day precision)."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    return day


def period_end(day: dt.date, precision: str) -> dt.date:
    """The last day of the year or month `day` stands for (unchanged at day precision)."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def format_date(day: dt.date | None, precision: str) -> str:
    """One date at its precision: "2010", "May 2008", "7 Oct 2011"; "—" when unknown."""
    if day is None:
        return "—"
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return f"{calendar.month_name[day.month]} {day.year}"
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"


def format_period(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """A date or day range at its precision: "7–16 Oct 2011", "31 May–2 Jun 2017"."""
    if start is None:
        return "—"
    if end is None or end == start or precision != DatePrecision.DAY:
        return format_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {calendar.month_abbr[end.month]} {end.year}"
    if start.year == end.year:
        return (
            f"{start.day} {calendar.month_abbr[start.month]}–"
            f"{end.day} {calendar.month_abbr[end.month]} {end.year}"
        )
    return f"{format_date(start, precision)}–{format_date(end, precision)}"
