"""API shapes of trust-fund projects, phases, contributions, agreements, KPIs and totals.

Money travels as strings with two decimal places ("440000.00") and comes back as `Decimal`,
so no amount ever passes through a float. Parents given in input (`project`, `phase`) are
looked up among the rows the caller may see; organisations are named by code. The nation of a
child is never input: the service takes it from the project. Pass `context={"user": user}`
when there is no request (CLI).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.trustfunds import selectors
from partnerdesk.trustfunds.analytics import Conversion, convert, parse_rates
from partnerdesk.trustfunds.choices import (
    STATUS_LABELS,
    AgreementKind,
    ContributionStatus,
    Currency,
    DatePrecision,
    KpiMetric,
    Programme,
    ProjectStatus,
    Qualifier,
    Theme,
    next_statuses,
)
from partnerdesk.trustfunds.models import (
    MONEY_DIGITS,
    MONEY_PLACES,
    Agreement,
    Contribution,
    Kpi,
    Phase,
    Project,
)
from partnerdesk.trustfunds.services import (
    AGREEMENT_FIELDS,
    CONTRIBUTION_FIELDS,
    KPI_FIELDS,
    PHASE_FIELDS,
    PROJECT_CREATE_FIELDS,
)

RECORD_FIELDS = ("version", "created_at", "updated_at")


def _user(context: Mapping[str, Any]) -> Any:
    if "user" in context:
        return context["user"]
    return getattr(context.get("request"), "user", None)


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A parent chosen by id among the rows the caller may see."""

    def __init__(self, selector: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(_user(self.context))


def _enum_field(choices: type[models.TextChoices], name: str) -> type[serializers.ChoiceField]:
    """A choice field whose schema is the named enum component `name` (keeps our enums apart
    from other apps' fields called status, kind, …)."""
    schema = {
        "type": "string",
        "enum": list(choices.values),
        "description": "\n".join(f"* `{value}` - {label}" for value, label in choices.choices),
    }
    field = type(f"{name}Field", (serializers.ChoiceField,), {"__doc__": f"One of {name}."})
    return extend_schema_field(schema, component_name=name)(field)


ThemeField = _enum_field(Theme, "TrustFundThemeEnum")
ProgrammeField = _enum_field(Programme, "TrustFundProgrammeEnum")
StatusField = _enum_field(ProjectStatus, "TrustFundStatusEnum")
CurrencyField = _enum_field(Currency, "TrustFundCurrencyEnum")
PrecisionField = _enum_field(DatePrecision, "TrustFundDatePrecisionEnum")
ContributionStatusField = _enum_field(ContributionStatus, "TrustFundContributionStatusEnum")
AgreementKindField = _enum_field(AgreementKind, "TrustFundAgreementKindEnum")
MetricField = _enum_field(KpiMetric, "TrustFundKpiMetricEnum")
QualifierField = _enum_field(Qualifier, "TrustFundQualifierEnum")


def money_field(**kwargs: Any) -> serializers.DecimalField:
    """An exact amount: a string such as "440000.00" out, a string (or number) in."""
    return serializers.DecimalField(
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        coerce_to_string=True,
        min_value=Decimal("0.01"),
        **kwargs,
    )


def _currency(**kwargs: Any) -> serializers.ChoiceField:
    return CurrencyField(choices=Currency.choices, allow_blank=True, **kwargs)


def _code(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), **kwargs
    )


def _sources_field() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )


class _Output(serializers.ModelSerializer):
    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)


# -- projects ------------------------------------------------------------------------------


class TrustFundProjectSerializer(_Output):
    """A project with its status, the moves open to it and its request date at precision."""

    nation_name = serializers.CharField(source="owner.name", read_only=True)
    theme = ThemeField(choices=Theme.choices, read_only=True)
    programme = ProgrammeField(choices=Programme.choices, read_only=True)
    status = StatusField(choices=ProjectStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    moves = serializers.SerializerMethodField(help_text="Statuses the project may move to.")
    requested_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    requested = serializers.CharField(source="requested_display", read_only=True)
    budget = money_field(read_only=True, allow_null=True)
    currency = CurrencyField(choices=Currency.choices, read_only=True)
    phase_count = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = (
            "id",
            "nation",
            "nation_name",
            *(f for f in PROJECT_CREATE_FIELDS if f != "owner"),
            "status_label",
            "moves",
            "requested",
            "phase_count",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields

    def get_moves(self, obj: Project) -> list[str]:
        return next_statuses(obj.status)

    def get_phase_count(self, obj: Project) -> int:
        return len(obj.phases.all())


class TrustFundProjectInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a project (status only when recording it;
    later moves use the transition endpoint)."""

    nation = _code(source="owner")
    theme = ThemeField(choices=Theme.choices)
    programme = ProgrammeField(choices=Programme.choices, required=False)
    status = StatusField(choices=ProjectStatus.choices, required=False)
    requested_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    budget = money_field(required=False, allow_null=True)
    currency = _currency(required=False)
    sources = _sources_field()

    class Meta:
        model = Project
        fields = ("nation", *(f for f in PROJECT_CREATE_FIELDS if f != "owner"), "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


class TrustFundTransitionSerializer(serializers.Serializer):
    """The status to move a project to."""

    status = StatusField(choices=ProjectStatus.choices)


# -- phases --------------------------------------------------------------------------------


class TrustFundPhaseSerializer(_Output):
    """A phase with its budget (a string), dates at their precision and lead nations."""

    project_title = serializers.CharField(source="project.title", read_only=True)
    budget = money_field(read_only=True, allow_null=True)
    currency = CurrencyField(choices=Currency.choices, read_only=True)
    budget_display = serializers.CharField(read_only=True)
    announced_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    start_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    end_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    announced = serializers.CharField(source="announced_display", read_only=True)
    start = serializers.CharField(source="start_display", read_only=True)
    end = serializers.CharField(source="end_display", read_only=True)
    lead_nations = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)
    executing_agent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Phase
        fields = (
            "id",
            "nation",
            *PHASE_FIELDS,
            "project_title",
            "budget_display",
            "announced",
            "start",
            "end",
            "lead_nations",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class TrustFundPhaseInputSerializer(serializers.ModelSerializer):
    """What a client may send to add or change a phase."""

    project = VisibleField(selectors.project_list)
    budget = money_field(required=False, allow_null=True)
    currency = _currency(required=False)
    announced_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    start_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    end_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    lead_nations = _code(many=True, required=False, help_text="Codes of states, e.g. TUR.")
    executing_agent = _code(required=False, allow_null=True, help_text="e.g. NSPA or IOM.")
    sources = _sources_field()

    class Meta:
        model = Phase
        fields = (*PHASE_FIELDS, "lead_nations", "sources")
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


# -- contributions -------------------------------------------------------------------------


class TrustFundContributionSerializer(_Output):
    """A donor's pledge or payment; `amount` is a string or null when no source gives it."""

    project = serializers.IntegerField(source="phase.project_id", read_only=True)
    donor = serializers.SlugRelatedField(slug_field="code", read_only=True)
    donor_name = serializers.CharField(source="donor.name", read_only=True)
    amount = money_field(read_only=True, allow_null=True)
    currency = CurrencyField(choices=Currency.choices, read_only=True)
    status = ContributionStatusField(choices=ContributionStatus.choices, read_only=True)
    date_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    when = serializers.CharField(source="date_display", read_only=True)
    amount_display = serializers.CharField(read_only=True)

    class Meta:
        model = Contribution
        fields = (
            "id",
            "nation",
            "project",
            *CONTRIBUTION_FIELDS,
            "donor_name",
            "amount_display",
            "when",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class TrustFundContributionInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a contribution."""

    phase = VisibleField(selectors.phase_list)
    donor = _code(help_text="Code of the donor, e.g. AZE, TUR or UNDP.")
    amount = money_field(required=False, allow_null=True)
    currency = _currency(required=False)
    status = ContributionStatusField(choices=ContributionStatus.choices, required=False)
    date_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = Contribution
        fields = (*CONTRIBUTION_FIELDS, "sources")


# -- agreements ----------------------------------------------------------------------------


class TrustFundAgreementSerializer(_Output):
    """An agreement with its parties (codes) and signing date at its precision."""

    kind = AgreementKindField(choices=AgreementKind.choices, read_only=True)
    signed_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    signed = serializers.CharField(source="signed_display", read_only=True)
    parties = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)

    class Meta:
        model = Agreement
        fields = ("id", "nation", *AGREEMENT_FIELDS, "signed", "parties", "sources", *RECORD_FIELDS)
        read_only_fields = fields


class TrustFundAgreementInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change an agreement."""

    project = VisibleField(selectors.project_list)
    phase = VisibleField(selectors.phase_list, required=False, allow_null=True)
    kind = AgreementKindField(choices=AgreementKind.choices)
    signed_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    parties = _code(many=True, required=False)
    sources = _sources_field()

    class Meta:
        model = Agreement
        fields = (*AGREEMENT_FIELDS, "parties", "sources")


# -- KPIs ----------------------------------------------------------------------------------


class TrustFundKpiSerializer(_Output):
    """A reported result; `value` is a decimal string, `display` adds qualifier and unit."""

    project = serializers.IntegerField(source="phase.project_id", read_only=True)
    metric = MetricField(choices=KpiMetric.choices, read_only=True)
    qualifier = QualifierField(choices=Qualifier.choices, read_only=True)
    value = serializers.DecimalField(
        max_digits=16, decimal_places=3, coerce_to_string=True, read_only=True
    )
    as_of_precision = PrecisionField(choices=DatePrecision.choices, read_only=True)
    name = serializers.CharField(source="label", read_only=True)
    display = serializers.CharField(source="value_display", read_only=True)
    when = serializers.CharField(source="as_of_display", read_only=True)

    class Meta:
        model = Kpi
        fields = (
            "id",
            "nation",
            "project",
            *KPI_FIELDS,
            "name",
            "display",
            "when",
            "sources",
            *RECORD_FIELDS,
        )
        read_only_fields = fields


class TrustFundKpiInputSerializer(serializers.ModelSerializer):
    """What a client may send to record or change a KPI."""

    phase = VisibleField(selectors.phase_list)
    metric = MetricField(choices=KpiMetric.choices)
    qualifier = QualifierField(choices=Qualifier.choices, required=False)
    value = serializers.DecimalField(
        max_digits=16, decimal_places=3, coerce_to_string=True, min_value=Decimal("0")
    )
    as_of_precision = PrecisionField(choices=DatePrecision.choices, required=False)
    sources = _sources_field()

    class Meta:
        model = Kpi
        fields = (*KPI_FIELDS, "sources")


# -- totals --------------------------------------------------------------------------------


def _money(values: Mapping[str, Decimal]) -> dict[str, str]:
    return {currency: f"{amount:.2f}" for currency, amount in values.items()}


def _bucket(bucket: selectors.MoneyBucket) -> dict[str, Any]:
    return {
        "budget": _money(bucket.budget),
        "estimated": _money(bucket.estimated),
        "contributed": _money(bucket.contributed),
        "pledged": _money(bucket.pledged),
        "paid": _money(bucket.paid),
        "remaining": _money(bucket.remaining),
        "undisclosed": bucket.undisclosed,
        "in_kind": bucket.in_kind,
    }


def _conversion(conversion: Conversion) -> dict[str, Any]:
    return {
        "lines": [
            {
                "currency": line.currency,
                "amount": f"{line.amount:.2f}",
                "rate": str(line.rate),
                "converted": f"{line.converted:.2f}",
            }
            for line in conversion.lines
        ],
        "total": f"{conversion.total:.2f}",
    }


def totals_data(
    totals: selectors.MoneyTotals,
    *,
    conversions: Mapping[str, Conversion] | None = None,
    target: str = "",
    rates: Mapping[str, Decimal] | None = None,
) -> dict[str, Any]:
    """The JSON shape of `money_totals` (amounts as strings, one map per currency) with the
    optional conversions of the budget and contributions at the user's explicit rates."""
    data: dict[str, Any] = {
        "total": _bucket(totals.total),
        "reported_budget": _money(totals.reported),
        "by_phase": [
            {"phase": pk, "name": totals.phase_labels.get(pk, ""), **_bucket(bucket)}
            for pk, bucket in totals.by_phase.items()
        ],
        "by_donor": [
            {"donor": totals.names[pk], **_bucket(bucket)} for pk, bucket in totals.by_donor.items()
        ],
        "by_project": [{"project": pk, **_bucket(b)} for pk, b in totals.by_project.items()],
        "conversion": None,
    }
    if conversions:
        data["conversion"] = {
            "target": target,
            "rates": {code: str(rate) for code, rate in sorted((rates or {}).items())},
            **{name: _conversion(c) for name, c in conversions.items()},
        }
    return data


class TrustFundMoneyBucketSerializer(serializers.Serializer):
    """Money of one scope, one figure per currency (strings with two decimals)."""

    budget = serializers.DictField(child=serializers.CharField())
    estimated = serializers.DictField(child=serializers.CharField())
    contributed = serializers.DictField(child=serializers.CharField())
    pledged = serializers.DictField(child=serializers.CharField())
    paid = serializers.DictField(child=serializers.CharField())
    remaining = serializers.DictField(
        child=serializers.CharField(), help_text="Budget minus contributions in the same currency."
    )
    undisclosed = serializers.IntegerField(help_text="Contributions whose amount is not given.")
    in_kind = serializers.IntegerField()


class TrustFundPhaseBucketSerializer(TrustFundMoneyBucketSerializer):
    """Money of one phase."""

    phase = serializers.IntegerField()
    name = serializers.CharField(help_text="“Project, phase n”.")


class TrustFundDonorBucketSerializer(TrustFundMoneyBucketSerializer):
    """Money of one donor."""

    donor = serializers.CharField()


class TrustFundProjectBucketSerializer(TrustFundMoneyBucketSerializer):
    """Money of one project."""

    project = serializers.IntegerField()


class TrustFundConvertedLineSerializer(serializers.Serializer):
    """One currency converted at the rate the user gave."""

    currency = serializers.CharField()
    amount = serializers.CharField()
    rate = serializers.CharField()
    converted = serializers.CharField()


class TrustFundConvertedSerializer(serializers.Serializer):
    """A money map in the target currency."""

    lines = TrustFundConvertedLineSerializer(many=True)
    total = serializers.CharField()


class TrustFundConversionSerializer(serializers.Serializer):
    """Budget and contributions converted at the user's explicit rates."""

    target = serializers.CharField()
    rates = serializers.DictField(child=serializers.CharField())
    budget = TrustFundConvertedSerializer()
    contributed = TrustFundConvertedSerializer()


class TrustFundTotalsSerializer(serializers.Serializer):
    """Money totals per project, phase, donor and currency; never added across currencies."""

    total = TrustFundMoneyBucketSerializer()
    reported_budget = serializers.DictField(child=serializers.CharField())
    by_phase = TrustFundPhaseBucketSerializer(many=True)
    by_donor = TrustFundDonorBucketSerializer(many=True)
    by_project = TrustFundProjectBucketSerializer(many=True)
    conversion = TrustFundConversionSerializer(allow_null=True)


def status_label(status: str) -> str:
    """The readable name of a project status."""
    return STATUS_LABELS.get(status, status)


def conversion_request(
    query: Any, totals: selectors.MoneyTotals
) -> tuple[str, dict[str, Decimal], dict[str, Conversion]]:
    """The target currency, the rates and the conversions a request asks for ("" and empty
    maps when it asks for none). Refuses an unknown currency or a missing rate by field."""
    target = str(query.get("to", "") or "").strip().upper()
    raw_rates = [r for r in query.getlist("rate") if r]
    if not target:
        if raw_rates:
            raise ValidationError({"to": "Name the currency to convert to (e.g. to=EUR)."})
        return "", {}, {}
    if target not in Currency.values:
        raise ValidationError({"to": f"Unknown currency {target!r}."})
    rates = parse_rates(raw_rates)
    conversions = {
        "budget": convert(totals.total.budget, target=target, rates=rates),
        "contributed": convert(totals.total.contributed, target=target, rates=rates),
    }
    return target, rates, conversions
