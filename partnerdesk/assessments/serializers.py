"""API shapes of assessment rounds, ratings, follow-ups and agreement statistics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from partnerdesk.assessments import analytics, selectors
from partnerdesk.assessments.choices import Side
from partnerdesk.assessments.models import AssessmentRound, FollowUp, Rating
from partnerdesk.core.permissions import Action, restrict
from partnerdesk.plans.models import Objective, Plan
from partnerdesk.sources.models import Source


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a row the requesting user may see (others: "does not exist")."""

    def __init__(self, *, rows: Callable[[Any], QuerySet[Any]], **kwargs: Any) -> None:
        self.rows = rows
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        user = self.context.get("user") or getattr(request, "user", None)
        return self.rows(user)


def _visible_plans(user: Any) -> QuerySet[Plan]:
    return restrict(Plan.objects.all(), user, Action.VIEW)


def _visible_objectives(user: Any) -> QuerySet[Objective]:
    return restrict(Objective.objects.all(), user, Action.VIEW)


class AssessmentRoundSerializer(serializers.ModelSerializer[AssessmentRound]):
    """A round as the API returns it; `*_submitted` say only yes or no, never counts."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    nation_name = serializers.CharField(source="owner.name", read_only=True)
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    level_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    status = serializers.CharField(read_only=True, help_text="OPEN or CLOSED.")
    revealed = serializers.SerializerMethodField()
    national_submitted = serializers.SerializerMethodField()
    alliance_submitted = serializers.SerializerMethodField()
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = AssessmentRound
        fields = (
            "id",
            "nation",
            "nation_name",
            "plan",
            "plan_title",
            "year",
            "opens_on",
            "deadline",
            "levels",
            "level_labels",
            "status",
            "closed_at",
            "revealed",
            "national_submitted",
            "alliance_submitted",
            "marking",
            "note",
            "sources",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def get_revealed(self, obj: AssessmentRound) -> bool:
        """Both sides submitted or the round is closed: every rating is shown."""
        return obj.is_revealed

    def _submitted(self, obj: AssessmentRound, side: str) -> bool:
        return obj.submission_of(side) is not None

    def get_national_submitted(self, obj: AssessmentRound) -> bool:
        """Whether the national side has submitted."""
        return self._submitted(obj, Side.NATIONAL)

    def get_alliance_submitted(self, obj: AssessmentRound) -> bool:
        """Whether the alliance side has submitted."""
        return self._submitted(obj, Side.ALLIANCE)


class AssessmentRoundInputSerializer(serializers.ModelSerializer[AssessmentRound]):
    """What a client sends to open a round (plan and year cannot change afterwards)."""

    plan = VisibleRelatedField(rows=_visible_plans)
    level_labels = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, allow_empty=False
    )
    marking = serializers.ChoiceField(
        choices=AssessmentRound._meta.get_field("marking").choices,  # type: ignore[arg-type]
        required=False,
        help_text="Defaults to the plan's marking; PUBLIC, PARTNERS or BILATERAL.",
    )
    sources = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Source.objects.all(), required=False
    )

    class Meta:
        model = AssessmentRound
        fields = (
            "plan",
            "year",
            "opens_on",
            "deadline",
            "levels",
            "level_labels",
            "marking",
            "note",
            "sources",
        )
        validators: list[Any] = []  # uniqueness is checked by the service's full_clean


class RatingSerializer(serializers.ModelSerializer[Rating]):
    """A rating as the API returns it (only ratings the blind rule lets the caller see)."""

    objective_code = serializers.CharField(source="objective.code", read_only=True)
    level_label = serializers.SerializerMethodField()
    assessor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Rating
        fields = (
            "id",
            "round",
            "objective",
            "objective_code",
            "side",
            "level",
            "level_label",
            "rationale",
            "assessor",
            "marking",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    def get_level_label(self, obj: Rating) -> str:
        """The label of the level on the round's scale."""
        return obj.round.label_for(obj.level)


class RatingInputSerializer(serializers.ModelSerializer[Rating]):
    """A rating of one objective for the caller's side (round and objective fixed once made)."""

    round = VisibleRelatedField(rows=selectors.round_list)
    objective = VisibleRelatedField(rows=_visible_objectives)
    side = serializers.ChoiceField(
        choices=Side.choices,
        required=False,
        help_text="Your side; taken from your role if omitted.",
    )

    class Meta:
        model = Rating
        fields = ("round", "objective", "side", "level", "rationale")
        validators: list[Any] = []


class RatingUpdateSerializer(serializers.ModelSerializer[Rating]):
    """The parts of a draft rating that may change."""

    class Meta:
        model = Rating
        fields = ("level", "rationale")


class FollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    """A follow-up as the API returns it."""

    nation = serializers.SlugRelatedField(source="owner", slug_field="code", read_only=True)
    objective_code = serializers.CharField(source="objective.code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="OPEN or DONE.")

    class Meta:
        model = FollowUp
        fields = (
            "id",
            "nation",
            "round",
            "objective",
            "objective_code",
            "text",
            "status",
            "due_on",
            "marking",
            "version",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class FollowUpInputSerializer(serializers.ModelSerializer[FollowUp]):
    """What a client sends to record or change a follow-up."""

    round = VisibleRelatedField(rows=selectors.round_list, required=False, allow_null=True)
    objective = VisibleRelatedField(rows=_visible_objectives)
    status = serializers.CharField(required=False, help_text="OPEN or DONE.")
    marking = serializers.ChoiceField(
        choices=FollowUp._meta.get_field("marking").choices,  # type: ignore[arg-type]
        required=False,
        help_text="Defaults to the marking of the objective (or round).",
    )

    class Meta:
        model = FollowUp
        fields = ("round", "objective", "text", "due_on", "marking", "status")
        validators: list[Any] = []


class SubmitSerializer(serializers.Serializer[Any]):
    """Which side submits."""

    side = serializers.ChoiceField(choices=Side.choices)


class DivergencesRequestSerializer(serializers.Serializer[Any]):
    """Options for turning divergences into follow-ups."""

    due_on = serializers.DateField(required=False, allow_null=True)


class AgreementSerializer(serializers.Serializer[Any]):
    """Agreement statistics of the objectives both sides rated."""

    n = serializers.IntegerField(help_text="Objectives rated by both sides.")
    exact = serializers.FloatField(allow_null=True, help_text="Share with the same level.")
    within_one = serializers.FloatField(allow_null=True, help_text="Share within one level.")
    mean_gap = serializers.FloatField(
        allow_null=True, help_text="Mean of national minus alliance level."
    )
    mean_abs_gap = serializers.FloatField(allow_null=True)
    kappa = serializers.FloatField(allow_null=True, help_text="Quadratic-weighted kappa.")
    kappa_se = serializers.FloatField(allow_null=True)
    kappa_low = serializers.FloatField(allow_null=True, help_text="95% interval, lower bound.")
    kappa_high = serializers.FloatField(allow_null=True, help_text="95% interval, upper bound.")
    reason = serializers.CharField(help_text="Why a value is missing or special; empty if none.")


class ChapterAgreementSerializer(AgreementSerializer):
    """Agreement within one chapter."""

    chapter = serializers.CharField()


class DivergenceSerializer(serializers.Serializer[Any]):
    """An objective whose two levels differ by two or more."""

    objective = serializers.IntegerField()
    objective_code = serializers.CharField()
    chapter = serializers.CharField()
    national = serializers.IntegerField()
    alliance = serializers.IntegerField()
    gap = serializers.IntegerField(help_text="National minus alliance level.")


class RoundAnalyticsSerializer(serializers.Serializer[Any]):
    """A round's agreement statistics; empty until the round is revealed."""

    round = serializers.IntegerField()
    revealed = serializers.BooleanField()
    levels = serializers.IntegerField()
    overall = AgreementSerializer()
    by_chapter = ChapterAgreementSerializer(many=True)
    divergences = DivergenceSerializer(many=True)


class YearAgreementSerializer(AgreementSerializer):
    """Agreement within one assessed year."""

    year = serializers.IntegerField()


class PlanAnalyticsSerializer(serializers.Serializer[Any]):
    """A plan's agreement statistics pooled over its revealed rounds, by year and chapter."""

    plan = serializers.IntegerField()
    rounds = serializers.IntegerField(help_text="Revealed rounds that feed the figures.")
    overall = AgreementSerializer()
    by_year = YearAgreementSerializer(many=True)
    by_chapter = ChapterAgreementSerializer(many=True)
    divergences = DivergenceSerializer(many=True)


def plan_analytics(user: Any, plan_id: int) -> dict[str, Any]:
    """Statistics of one plan across its revealed rounds (blind rounds never contribute)."""
    rows = selectors.pair_rows(user, plan_id=plan_id)
    levels = max((row.levels for row in rows), default=5)
    years = analytics.agreement_by(rows, key=lambda r: r.year)
    chapters = analytics.agreement_by(rows, key=lambda r: f"{r.chapter_code}. {r.chapter_title}")
    return {
        "plan": plan_id,
        "rounds": len({row.round_id for row in rows}),
        "overall": agreement_data(analytics.agreement_of(rows, levels)),
        "by_year": [{"year": year, **agreement_data(result)} for year, result in years.items()],
        "by_chapter": [
            {"chapter": name, **agreement_data(result)} for name, result in chapters.items()
        ],
        "divergences": [_divergence(row) for row in analytics.divergences(rows)],
    }


def _divergence(row: Any) -> dict[str, Any]:
    return {
        "objective": row.objective_id,
        "objective_code": row.objective_code,
        "chapter": f"{row.chapter_code}. {row.chapter_title}",
        "national": row.national,
        "alliance": row.alliance,
        "gap": (row.national or 0) - (row.alliance or 0),
    }


def agreement_data(result: analytics.Agreement) -> dict[str, Any]:
    """The fields of `AgreementSerializer` from an analytics result."""
    return {
        "n": result.n,
        "exact": result.exact,
        "within_one": result.within_one,
        "mean_gap": result.mean_gap,
        "mean_abs_gap": result.mean_abs_gap,
        "kappa": result.kappa.value,
        "kappa_se": result.kappa.se,
        "kappa_low": result.kappa.low,
        "kappa_high": result.kappa.high,
        "reason": result.reason,
    }


def round_analytics(user: Any, assessment: AssessmentRound) -> dict[str, Any]:
    """A round's statistics from the blind selector (nothing before the reveal)."""
    rows = selectors.pair_rows(user, round_id=assessment.pk)
    chapters = analytics.agreement_by(rows, key=lambda r: f"{r.chapter_code}. {r.chapter_title}")
    return {
        "round": assessment.pk,
        "revealed": assessment.is_revealed,
        "levels": assessment.levels,
        "overall": agreement_data(analytics.agreement_of(rows, assessment.levels)),
        "by_chapter": [
            {"chapter": name, **agreement_data(result)} for name, result in chapters.items()
        ],
        "divergences": [_divergence(row) for row in analytics.divergences(rows)],
    }
