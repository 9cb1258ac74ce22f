"""Staff postings of partner nations in NATO bodies, and the headcounts sources report.

Dates come at the precision a source gives: a posting that "started in 2009" is stored as
1 Jan 2009 with YEAR precision and shown as "2009". The person's name is personal data: it is
shown only to users of the owning nation (see `selectors`) and never written to the change log
(`audit_exclude`); a change of name shows there as a new `name_revision` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from partnerdesk.core.dates import DatePrecision, format_date, period_end, period_start
from partnerdesk.core.markings import Marking
from partnerdesk.core.models import NationRecord
from partnerdesk.core.permissions import Action, grants
from partnerdesk.organisations.choices import ALLIANCE_KINDS
from partnerdesk.staffing.choices import (
    QUALIFIER_PREFIX,
    SCHEME_HELP,
    Funding,
    Measure,
    Qualifier,
    Scheme,
    Scope,
)

# The rule for person names (used by selectors to show them and by services to accept them).


def name_nations(user: Any) -> frozenset[int] | None:
    """The nations whose postings' names `user` may read (None = every nation, no role has
    that today): those whose NATIONAL_ONLY records the user may see."""
    nations: set[int] = set()
    for grant in grants(user, Action.VIEW):
        if Marking.NATIONAL_ONLY in grant.markings:
            if grant.nations is None:
                return None
            nations |= grant.nations
    return frozenset(nations)


def may_see_name(user: Any, owner_id: int) -> bool:
    """Whether `user` may read the person names of postings owned by `owner_id`."""
    nations = name_nations(user)
    return nations is None or owner_id in nations


class PostingQuerySet(models.QuerySet["Posting"]):
    """Postings that pass every fetched row through a hook (set by the selectors, which use it
    to give each row the name or pseudonym its viewer may see). Filtering, slicing and
    pagination keep the hook."""

    _row_hook: Callable[[Posting], None] | None = None

    def with_row_hook(self, hook: Callable[[Posting], None]) -> PostingQuerySet:
        """A copy of this queryset whose fetched rows are passed through `hook`."""
        clone = self._chain()  # type: ignore[attr-defined]
        clone._row_hook = hook
        return clone

    def _clone(self) -> Any:
        clone = super()._clone()  # type: ignore[misc]
        clone._row_hook = self._row_hook
        return clone

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._row_hook is not None and self._result_cache is not None:
            for row in self._result_cache:
                if isinstance(row, Posting):
                    self._row_hook(row)


class Posting(NationRecord):
    """One person of a partner nation serving in a NATO body (owner = the sending nation).

    `start_on`/`end_on` are the first days of their periods; `end_last_day` (derived in
    `clean`) is the last day the posting may have lasted, so an end given as "May 2016" counts
    up to 31 May 2016. An empty end means the person is still serving.
    """

    scheme = models.CharField(max_length=3, choices=Scheme.choices, help_text=SCHEME_HELP)
    person_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Shown only to users of the sending nation; everyone else sees a pseudonym.",
    )
    rank = models.CharField(max_length=60, blank=True)
    host = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="host body",
        help_text="The NATO body or agency the person serves in (NATO IS, SHAPE, EADRCC, …).",
    )
    post_title = models.CharField(max_length=200)
    start_on = models.DateField("start")
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_on = models.DateField("end", null=True, blank=True, help_text="Empty: still serving.")
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_last_day = models.DateField(null=True, blank=True, editable=False)
    funding = models.CharField(max_length=8, choices=Funding.choices, default=Funding.NATIONAL)
    notes = models.TextField(blank=True)
    name_revision = models.PositiveIntegerField(default=0, editable=False)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    objects = PostingQuerySet.as_manager()

    # Set by the selectors for the viewing user: the name or the pseudonym, and whether the
    # viewer may see the real name. Rows not read through a selector show the pseudonym.
    display_name: str = ""
    name_visible: bool = False

    audit_exclude: ClassVar[frozenset[str]] = frozenset(
        {"created_at", "updated_at", "person_name", "end_last_day"}
    )

    class Meta:
        ordering = ("owner__name", "-start_on", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_last_day__isnull=True)
                | models.Q(end_last_day__gte=models.F("start_on")),
                name="staffing_posting_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["owner", "start_on"], name="staffing_posting_start_idx")]

    def __str__(self) -> str:
        # Never the person's name: this text goes into the change log and page titles.
        scheme = self.scheme or "Posting"
        host = self.host.code if self.host_id else "?"
        return f"{scheme}: {self.post_title} ({host}, from {self.start_display})"

    def get_absolute_url(self) -> str:
        return reverse("staffing:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_on is not None:
            self.start_on = period_start(self.start_on, self.start_precision)
        if self.end_on is not None:
            self.end_on = period_start(self.end_on, self.end_precision)
            self.end_last_day = period_end(self.end_on, self.end_precision)
            if self.start_on is not None and self.end_last_day < self.start_on:
                self.end_last_day = None  # reported once, by field, not again by the constraint
                errors["end_on"] = (
                    f"The end ({self.end_display}) is before the start ({self.start_display})."
                )
        else:
            self.end_last_day = None
        if self.host_id is not None and self.host.kind not in ALLIANCE_KINDS:
            errors["host"] = f"{self.host.name} is not a NATO body or agency."
        if errors:
            raise ValidationError(errors)

    @property
    def start_display(self) -> str:
        """The start at its precision ("2009", "May 2016", "1 Mar 2016")."""
        return format_date(self.start_on, self.start_precision)

    @property
    def end_display(self) -> str:
        """The end at its precision, or "serving" when open."""
        if self.end_on is None:
            return "serving"
        return format_date(self.end_on, self.end_precision)

    def serving_on(self, day: dt.date) -> bool:
        """Whether the posting counts on `day`: from the first day of its start period to the
        last day of its end period (open end: still serving)."""
        if self.start_on is None or self.start_on > day:
            return False
        return self.end_last_day is None or self.end_last_day >= day


class ReportedHeadcount(NationRecord):
    """A headcount as a source reports it: as of a date (at its precision), for a scope.

    Shown beside the headcount computed from postings; the two are never merged. `as_of` may
    be empty for undated pages ("over 40 officers provided since 2002").
    """

    as_of = models.DateField("as of", null=True, blank=True)
    as_of_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    scope = models.CharField(max_length=10, choices=Scope.choices)
    measure = models.CharField(max_length=14, choices=Measure.choices, default=Measure.SERVING)
    since_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For cumulative figures: counted since this year."
    )
    count = models.PositiveIntegerField()
    qualifier = models.CharField(max_length=11, choices=Qualifier.choices, default=Qualifier.EXACT)
    wording = models.CharField(
        max_length=300, blank=True, help_text="The source's own words, e.g. “ten officers”."
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "reported headcount"
        ordering = ("owner__name", "as_of", "pk")

    def __str__(self) -> str:
        when = self.as_of_display if self.as_of else "undated"
        return f"{self.figure} ({self.get_scope_display()}, {when})"

    def get_absolute_url(self) -> str:
        return reverse("staffing:reported", args=[self.pk])

    def clean(self) -> None:
        if self.as_of is not None:
            self.as_of = period_start(self.as_of, self.as_of_precision)
        if self.measure == Measure.PROVIDED_SINCE and self.since_year is None:
            raise ValidationError(
                {"since_year": "A cumulative figure needs the year it counts from."}
            )
        if self.measure == Measure.SERVING and self.since_year is not None:
            raise ValidationError({"since_year": "Only cumulative figures count from a year."})

    @property
    def as_of_display(self) -> str:
        """The as-of date at its precision ("undated" when the source gives none)."""
        return format_date(self.as_of, self.as_of_precision) if self.as_of else "undated"

    @property
    def figure(self) -> str:
        """The count with its qualifier: "12", "~10", ">40"."""
        return f"{QUALIFIER_PREFIX.get(self.qualifier, '')}{self.count}"
