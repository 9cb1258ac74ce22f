"""Trust-fund projects (and SPS projects run the same way): phases with their own budget,
currency, lead nations and executing agent; contributions, agreements and KPIs.

Money is exact: every amount is a `Decimal` with two places and its ISO 4217 currency, and
amounts in different currencies are never added (see `selectors.money_totals`). Dates from
public sources are often a month or a year only; such a date is stored as the first day of its
period with a precision and shown at that precision ("Dec 2001" is never shown as 1 Dec).
All child rows carry their project's owner (the host / beneficiary nation).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from partnerdesk.core.dates import DatePrecision, format_date, period_start
from partnerdesk.core.models import NationRecord
from partnerdesk.trustfunds.choices import (
    DEFAULT_UNITS,
    QUALIFIER_PREFIX,
    AgreementKind,
    ContributionStatus,
    Currency,
    KpiMetric,
    Programme,
    ProjectStatus,
    Qualifier,
    Theme,
)

MONEY_DIGITS = 14
MONEY_PLACES = 2
POSITIVE = MinValueValidator(Decimal("0.01"), "Give an amount greater than zero.")


def format_money(amount: Decimal | None, currency: str) -> str:
    """ "EUR 440,000.00"; "—" when the amount is unknown. Exact: no float is involved."""
    if amount is None:
        return "—"
    return f"{currency} {amount:,.2f}".strip()


def format_figure(value: Decimal) -> str:
    """A KPI value without trailing zeros, with thousands separators: 298,640 or 5.68."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}".rstrip("0").rstrip(".")


def _precision_field(label: str) -> models.CharField:
    return models.CharField(
        label, max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )


def _money_field(label: str, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        null=True,
        blank=True,
        validators=[POSITIVE],
        **kwargs,  # type: ignore[arg-type]
    )


def _currency_field() -> models.CharField:
    return models.CharField(max_length=3, choices=Currency.choices, blank=True)


def _check_money(amount: Decimal | None, currency: str, field: str) -> dict[str, str]:
    """An amount needs its currency and a currency needs an amount."""
    if amount is not None and not currency:
        return {"currency": "Give the currency of the amount."}
    if amount is None and currency:
        return {field: "Give the amount in this currency, or leave the currency empty."}
    return {}


class Project(NationRecord):
    """A trust-fund (or SPS) project hosted by the owning nation.

    `status` moves only along `choices.PROJECT_TRANSITIONS` (services.project_transition).
    `budget` is the overall figure a source reports for the whole project, kept apart from the
    phase budgets (it may cover phases with unknown budgets).
    """

    title = models.CharField(max_length=200)
    aliases = models.CharField(
        max_length=200, blank=True, help_text="Other spellings, e.g. Sologlu, Ceyranchol."
    )
    theme = models.CharField(max_length=20, choices=Theme.choices)
    programme = models.CharField(
        "funding programme", max_length=12, choices=Programme.choices, default=Programme.TRUST_FUND
    )
    status = models.CharField(
        max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.REQUESTED
    )
    requested_on = models.DateField("requested on", null=True, blank=True)
    requested_precision = _precision_field("requested on precision")
    budget = _money_field(
        "overall budget reported", help_text="Only when a source gives one figure for the project."
    )
    currency = _currency_field()
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "trust-fund project"
        ordering = ("owner__name", "title")
        constraints = [
            models.UniqueConstraint(fields=["owner", "title"], name="trustfunds_project_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trustfunds:detail", args=[self.pk])

    def clean(self) -> None:
        if self.requested_on is not None:
            self.requested_on = period_start(self.requested_on, self.requested_precision)
        errors = _check_money(self.budget, self.currency, "budget")
        if errors:
            raise ValidationError(errors)

    @property
    def requested_display(self) -> str:
        """The request date at its precision ("December 2001")."""
        return format_date(self.requested_on, self.requested_precision)

    @property
    def budget_display(self) -> str:
        """The overall reported budget with its currency."""
        return format_money(self.budget, self.currency)


class Phase(NationRecord):
    """One phase of a project: its own budget and currency (possibly an estimate), dates at
    their own precision, lead nation(s) — which may differ from phase to phase — and the
    executing agent."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="phases")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200, blank=True)
    budget = _money_field("budget")
    currency = _currency_field()
    estimated = models.BooleanField(
        "budget is an estimate", default=False, help_text="The source gives an estimate."
    )
    announced_on = models.DateField(
        "presented / confirmed on",
        null=True,
        blank=True,
        help_text="When the phase was presented to the partners or confirmed by NATO.",
    )
    announced_precision = _precision_field("presented on precision")
    start_on = models.DateField("start", null=True, blank=True)
    start_precision = _precision_field("start precision")
    end_on = models.DateField("end", null=True, blank=True)
    end_precision = _precision_field("end precision")
    lead_nations = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+"
    )
    executing_agent = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="NSPA (formerly NAMSA), IOM, …",
    )
    status_text = models.CharField(
        "status", max_length=200, blank=True, help_text="For example “end planned late 2018”."
    )
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("project", "number")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="trustfunds_phase_number"),
        ]

    def __str__(self) -> str:
        project = self.project.title if self.project_id else "?"
        return f"{project} — phase {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("trustfunds:detail", args=[self.project_id]) + f"#phase-{self.number}"

    def clean(self) -> None:
        if self.start_on is not None:
            self.start_on = period_start(self.start_on, self.start_precision)
        if self.end_on is not None:
            self.end_on = period_start(self.end_on, self.end_precision)
        if self.announced_on is not None:
            self.announced_on = period_start(self.announced_on, self.announced_precision)
        errors = _check_money(self.budget, self.currency, "budget")
        if self.start_on and self.end_on and self.end_on < self.start_on:
            errors["end_on"] = "The phase cannot end before it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def start_display(self) -> str:
        return format_date(self.start_on, self.start_precision)

    @property
    def end_display(self) -> str:
        return format_date(self.end_on, self.end_precision)

    @property
    def announced_display(self) -> str:
        return format_date(self.announced_on, self.announced_precision)

    @property
    def budget_display(self) -> str:
        """The budget with its currency, "est." in front of an estimate."""
        text = format_money(self.budget, self.currency)
        return f"est. {text}" if self.estimated and self.budget is not None else text


class Contribution(NationRecord):
    """Money (or help in kind) a donor pledged or paid to one phase. The amount may be unknown
    when a source names the donor only; such rows are counted, never guessed."""

    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="contributions")
    donor = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    amount = _money_field("amount")
    currency = _currency_field()
    in_kind = models.BooleanField("in kind", default=False)
    in_kind_description = models.CharField("what in kind", max_length=200, blank=True)
    status = models.CharField(
        max_length=8, choices=ContributionStatus.choices, default=ContributionStatus.PLEDGED
    )
    date = models.DateField(null=True, blank=True)
    date_precision = _precision_field("date precision")
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("phase", "donor__name", "pk")

    def __str__(self) -> str:
        donor = self.donor.name if self.donor_id else "?"
        return f"{donor}: {self.amount_display}"

    def get_absolute_url(self) -> str:
        phase = self.phase
        return reverse("trustfunds:detail", args=[phase.project_id]) + f"#phase-{phase.number}"

    def clean(self) -> None:
        if self.date is not None:
            self.date = period_start(self.date, self.date_precision)
        errors = _check_money(self.amount, self.currency, "amount")
        if self.in_kind and not self.in_kind_description.strip():
            errors["in_kind_description"] = "Say what is given in kind."
        if not self.in_kind and self.in_kind_description.strip():
            errors["in_kind"] = "Tick “in kind” when describing a contribution in kind."
        if errors:
            raise ValidationError(errors)

    @property
    def amount_display(self) -> str:
        """The amount with its currency; "amount not given" when unknown."""
        if self.amount is None:
            return "in kind" if self.in_kind else "amount not given"
        return format_money(self.amount, self.currency)

    @property
    def date_display(self) -> str:
        return format_date(self.date, self.date_precision)


class Agreement(NationRecord):
    """A signed instrument of a project — or of one of its phases — with its parties."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="agreements")
    phase = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    kind = models.CharField(max_length=12, choices=AgreementKind.choices)
    signed_on = models.DateField("signed on")
    signed_precision = _precision_field("signed on precision")
    parties = models.ManyToManyField("organisations.Organisation", blank=True, related_name="+")
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        ordering = ("project", "signed_on", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.signed_display})"

    def get_absolute_url(self) -> str:
        return reverse("trustfunds:detail", args=[self.project_id]) + "#agreements"

    def clean(self) -> None:
        if self.signed_on is not None:
            self.signed_on = period_start(self.signed_on, self.signed_precision)
        phase = self.phase if self.phase_id is not None else None
        if (
            phase is not None
            and self.project_id is not None
            and phase.project_id != self.project_id
        ):
            raise ValidationError({"phase": "This phase belongs to another project."})

    @property
    def signed_display(self) -> str:
        return format_date(self.signed_on, self.signed_precision)


class Kpi(NationRecord):
    """A reported result of a phase as of a date: hectares cleared, items destroyed, …

    `qualifier` keeps "more than" and "about" from the source; `unit` defaults to the metric's
    usual unit.
    """

    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="kpis")
    metric = models.CharField(max_length=24, choices=KpiMetric.choices)
    detail = models.CharField(
        max_length=120, blank=True, help_text="For example “surface”, “sub-surface”, “Alat”."
    )
    value = models.DecimalField(
        max_digits=16, decimal_places=3, validators=[MinValueValidator(Decimal("0"))]
    )
    unit = models.CharField(max_length=20, blank=True)
    qualifier = models.CharField(max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    as_of = models.DateField("as of")
    as_of_precision = _precision_field("as of precision")
    note = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"
        ordering = ("phase", "as_of", "metric", "pk")

    def __str__(self) -> str:
        return f"{self.label}: {self.value_display}"

    def get_absolute_url(self) -> str:
        phase = self.phase
        return reverse("trustfunds:detail", args=[phase.project_id]) + f"#phase-{phase.number}"

    def clean(self) -> None:
        if self.as_of is not None:
            self.as_of = period_start(self.as_of, self.as_of_precision)
        if not self.unit.strip():
            self.unit = DEFAULT_UNITS.get(self.metric, "")
        if self.metric == KpiMetric.OTHER and not self.detail.strip():
            raise ValidationError({"detail": "Say what an “other” KPI counts."})

    @property
    def label(self) -> str:
        """ "Hectares cleared (surface)"."""
        name = self.get_metric_display()
        return f"{name} ({self.detail})" if self.detail else name

    @property
    def value_display(self) -> str:
        """ ">5,680,000 m²", "~1.9", "568 ha"."""
        prefix = QUALIFIER_PREFIX.get(self.qualifier, "")
        return f"{prefix}{format_figure(self.value)} {self.unit}".strip()

    @property
    def as_of_display(self) -> str:
        return format_date(self.as_of, self.as_of_precision)
