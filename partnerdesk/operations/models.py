"""NATO-led operations and the contributions partner nations made to them.

An operation (KFOR, ISAF, RSM, …) is reference data every active user reads; alliance staff and
administrators maintain it. A contribution snapshot says how many personnel one nation had in
one operation on one date, by category; the total strength is always the sum of the categories
(`ContributionSnapshot.total`) and is never stored or typed, so 94 = 90 + 2 + 2 always holds.

Dates are kept at the precision the source gives (`core.dates`): "2009" is stored as
1 Jan 2009 with YEAR precision and shown as "2009", never as 1 January.
"""

from __future__ import annotations

import re
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from partnerdesk.core.dates import DatePrecision, format_date, period_end, period_start
from partnerdesk.core.models import NationRecord, VersionedModel
from partnerdesk.core.permissions import ReferenceAccess
from partnerdesk.core.roles import Role
from partnerdesk.operations.choices import HEADCOUNT_NAMES, HEADCOUNT_SHORT, LegalBasisKind
from partnerdesk.organisations.choices import OrganisationKind

# Operations are published facts: every active user reads them, alliance staff and
# administrators maintain them.
OPERATION_ACCESS = ReferenceAccess.writable_by({Role.ALLIANCE_STAFF, Role.ADMINISTRATOR})
CODE_PATTERN = r"^[A-Z][A-Z0-9-]{1,19}$"


def _precision_field(label: str) -> models.CharField:
    return models.CharField(
        label, max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )


class Operation(VersionedModel):
    """A NATO-led operation with its mandate dates (each at its precision) and notes."""

    code = models.CharField(
        max_length=20, unique=True, help_text="Short code in capitals, e.g. KFOR, ISAF, RSM."
    )
    name = models.CharField(max_length=200)
    mandate_start = models.DateField(null=True, blank=True)
    mandate_start_precision = _precision_field("start precision")
    mandate_end = models.DateField(null=True, blank=True, help_text="Empty while it goes on.")
    mandate_end_precision = _precision_field("end precision")
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The NATO command or body that leads it (optional).",
    )
    notes = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    reference_access: ClassVar[ReferenceAccess | None] = OPERATION_ACCESS

    class Meta:
        ordering = ("mandate_start", "code")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("operations:operation-detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.code = (self.code or "").strip().upper()
        if not re.match(CODE_PATTERN, self.code):
            errors["code"] = "Use 2–20 capital letters, digits or hyphens, e.g. KFOR or RSM."
        if self.mandate_start is not None:
            self.mandate_start = period_start(self.mandate_start, self.mandate_start_precision)
        if self.mandate_end is not None:
            self.mandate_end = period_start(self.mandate_end, self.mandate_end_precision)
            if self.mandate_start is not None and period_end(
                self.mandate_end, self.mandate_end_precision
            ) < period_start(self.mandate_start, self.mandate_start_precision):
                errors["mandate_end"] = "The mandate cannot end before it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def mandate_start_display(self) -> str:
        """The start of the mandate at its precision ("1 Jan 2015", "1999")."""
        return format_date(self.mandate_start, self.mandate_start_precision)

    @property
    def mandate_end_display(self) -> str:
        """The end of the mandate at its precision, "—" while it goes on."""
        return format_date(self.mandate_end, self.mandate_end_precision)

    @property
    def mandate_display(self) -> str:
        """ "1999–", "2001–28 Dec 2014"."""
        if self.mandate_start is None and self.mandate_end is None:
            return "—"
        start = self.mandate_start_display if self.mandate_start else "?"
        end = self.mandate_end_display if self.mandate_end else ""
        return f"{start}–{end}"


class ContributionSnapshot(NationRecord):
    """What one nation contributed to one operation as of one date (at its precision).

    The headcount is kept by category; `total` is their sum. `approximate` says the source
    gives a round figure ("about 90"). `withdrawal` records that the contingent left: then all
    categories are 0, and otherwise at least one is above 0.
    """

    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="contributions")
    as_of = models.DateField("as of")
    as_of_precision = _precision_field("date precision")
    infantry = models.PositiveIntegerField("infantry / servicemen", default=0)
    medical_officers = models.PositiveIntegerField(default=0)
    engineers = models.PositiveIntegerField("sappers / engineers", default=0)
    staff_officers = models.PositiveIntegerField(default=0)
    other = models.PositiveIntegerField(default=0)
    approximate = models.BooleanField(
        default=False, help_text="The source gives a round figure (“about 90”)."
    )
    withdrawal = models.BooleanField(
        default=False, help_text="The contingent left: every category is 0."
    )
    framework_nation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="framework or lead nation",
        help_text="The nation whose unit or command it served under (“under Turkish command”).",
    )
    task = models.CharField(
        max_length=300, blank=True, help_text="For example security of Kabul airport."
    )
    legal_basis = models.CharField(max_length=24, choices=LegalBasisKind.choices, blank=True)
    legal_basis_date = models.DateField("legal basis date", null=True, blank=True)
    legal_basis_precision = _precision_field("legal basis date precision")
    notes = models.TextField(blank=True)
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")

    class Meta:
        verbose_name = "contribution snapshot"
        ordering = ("owner__name", "operation__code", "as_of", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "operation", "as_of"],
                name="contribution_once_per_date",
                violation_error_message=(
                    "This nation already has a snapshot of this operation on this date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(withdrawal=False)
                | Q(infantry=0, medical_officers=0, engineers=0, staff_officers=0, other=0),
                name="contribution_withdrawal_is_zero",
            ),
        ]

    def __str__(self) -> str:
        operation = self.operation.code if self.operation_id else "?"
        return f"{operation} {self.as_of_display}: {self.total_display}"

    def get_absolute_url(self) -> str:
        return reverse("operations:detail", args=[self.pk])

    @property
    def total(self) -> int:
        """The total strength: the sum of the categories (never stored)."""
        return sum(int(getattr(self, name) or 0) for name in HEADCOUNT_NAMES)

    @property
    def total_display(self) -> str:
        """The total as a label: "22", "~90", "0 (withdrawn)"."""
        if self.withdrawal:
            return "0 (withdrawn)"
        return f"~{self.total}" if self.approximate else str(self.total)

    @property
    def headcount_summary(self) -> str:
        """The categories above 0: "90 infantry · 2 medical · 2 sappers"."""
        parts = [
            f"{getattr(self, name)} {HEADCOUNT_SHORT[name]}"
            for name in HEADCOUNT_NAMES
            if getattr(self, name)
        ]
        return " · ".join(parts) or "none"

    @property
    def as_of_display(self) -> str:
        """The as-of date at its precision."""
        return format_date(self.as_of, self.as_of_precision)

    @property
    def legal_basis_date_display(self) -> str:
        """The date of the legal basis at its precision ("—" when unknown)."""
        return format_date(self.legal_basis_date, self.legal_basis_precision)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.as_of is not None:
            self.as_of = period_start(self.as_of, self.as_of_precision)
        if self.legal_basis_date is not None:
            self.legal_basis_date = period_start(self.legal_basis_date, self.legal_basis_precision)
            if not self.legal_basis:
                errors["legal_basis"] = "Choose the kind of legal basis the date belongs to."
        counts = [getattr(self, name) for name in HEADCOUNT_NAMES]
        if all(isinstance(c, int) and c >= 0 for c in counts):
            total = sum(counts)
            if self.withdrawal and total > 0:
                errors["withdrawal"] = (
                    f"A withdrawal records every category as 0; this snapshot counts {total}."
                )
            elif not self.withdrawal and total == 0:
                errors["headcount"] = (
                    "Give at least one category above 0, or tick “withdrawal” to record that "
                    "the contingent left."
                )
        if self.owner_id is not None and self.owner.kind != OrganisationKind.STATE:
            errors["owner"] = "Contributions belong to a state."
        lead = self.framework_nation
        if lead is not None:
            if lead.kind != OrganisationKind.STATE:
                errors["framework_nation"] = "The framework or lead nation must be a state."
            elif lead.pk == self.owner_id:
                errors["framework_nation"] = "A nation cannot be its own framework nation."
        if self.operation_id is not None and self.as_of is not None:
            side = self.outside_mandate()
            operation = self.operation
            if side == "before":
                errors["as_of"] = (
                    f"{operation.code} started {operation.mandate_start_display}; "
                    f"{self.as_of_display} is before its mandate."
                )
            elif side == "after":
                errors["as_of"] = (
                    f"{operation.code} ended {operation.mandate_end_display}; "
                    f"{self.as_of_display} is after its mandate."
                )
        if errors:
            raise ValidationError(errors)

    def outside_mandate(self) -> str:
        """ "before" or "after" when the as-of date lies certainly outside the operation's
        mandate (dates count at their precision: "2015" overlaps a start on 1 Jan 2015)."""
        operation = self.operation
        start, end = operation.mandate_start, operation.mandate_end
        if start is not None and period_end(self.as_of, self.as_of_precision) < period_start(
            start, operation.mandate_start_precision
        ):
            return "before"
        if end is not None and period_start(self.as_of, self.as_of_precision) > period_end(
            end, operation.mandate_end_precision
        ):
            return "after"
        return ""
