"""The trust-fund API collections: the base viewset wired to this domain's selectors and
services, the life-cycle move and the money totals (with an optional explicit-rate
conversion)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerdesk.core.api.viewsets import IF_MATCH, RecordViewSet
from partnerdesk.organisations.selectors import organisation_list
from partnerdesk.trustfunds import selectors, services
from partnerdesk.trustfunds.choices import Currency
from partnerdesk.trustfunds.filtersets import (
    AgreementFilter,
    ContributionFilter,
    KpiFilter,
    PhaseFilter,
    ProjectFilter,
)
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project
from partnerdesk.trustfunds.serializers import (
    TrustFundAgreementInputSerializer,
    TrustFundAgreementSerializer,
    TrustFundContributionInputSerializer,
    TrustFundContributionSerializer,
    TrustFundKpiInputSerializer,
    TrustFundKpiSerializer,
    TrustFundPhaseInputSerializer,
    TrustFundPhaseSerializer,
    TrustFundProjectInputSerializer,
    TrustFundProjectSerializer,
    TrustFundTotalsSerializer,
    TrustFundTransitionSerializer,
    conversion_request,
    totals_data,
)

CONVERT_PARAMETERS = [
    OpenApiParameter(
        name="to",
        type=str,
        required=False,
        enum=list(Currency.values),
        description="Also show budget and contributions in this currency (needs `rate`).",
    ),
    OpenApiParameter(
        name="rate",
        type=str,
        required=False,
        many=True,
        description="Explicit rate per other currency, e.g. USD:0.92 (1 USD = 0.92 of `to`). "
        "Repeat or separate by commas. Nothing is converted without a rate.",
    ),
]


def totals_response(request: Request, totals: selectors.MoneyTotals) -> Response:
    """The totals document, converted when the request gives `to` and rates."""
    target, rates, conversions = conversion_request(request.query_params, totals)
    return Response(totals_data(totals, conversions=conversions, target=target, rates=rates))


class ProjectViewSet(RecordViewSet):
    """Trust-fund (and SPS) projects of host nations; the status moves with POST
    …/transition/, money totals per phase, donor and currency come from …/totals/."""

    output_serializer = TrustFundProjectSerializer
    input_serializer = TrustFundProjectInputSerializer
    serializer_class = TrustFundProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ("title", "requested_on", "status", "updated_at")
    ordering = ("owner__name", "title")
    search_fields = ("title", "aliases", "summary")
    queryset = Project.objects.none()

    list_selector = staticmethod(selectors.project_list)
    create_service = staticmethod(services.project_create)
    update_service = staticmethod(services.project_update)
    delete_service = staticmethod(services.project_delete)

    @extend_schema(
        parameters=[IF_MATCH],
        request=TrustFundTransitionSerializer,
        responses=TrustFundProjectSerializer,
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the project one step along its life cycle (or back one); needs If-Match."""
        obj = self._object()
        expected = self._expected_version(request)
        body = TrustFundTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        moved = services.project_transition(
            obj,
            actor=self._actor(),
            expected_version=expected,
            target=body.validated_data["status"],
        )
        return self._item_response(moved)

    @extend_schema(parameters=CONVERT_PARAMETERS, responses=TrustFundTotalsSerializer)
    @action(detail=True, methods=["get"], filter_backends=[])
    def totals(self, request: Request, pk: str | None = None) -> Response:
        """Budget and contributions of this project per phase, donor and currency."""
        project = self._object()
        return totals_response(request, selectors.money_totals(request.user, project_id=project.pk))

    @extend_schema(
        parameters=[
            *CONVERT_PARAMETERS,
            OpenApiParameter(name="nation", type=str, required=False, description="Nation code."),
        ],
        responses=TrustFundTotalsSerializer,
        operation_id="trustfund_projects_totals_all",
    )
    @action(detail=False, methods=["get"], url_path="totals", filter_backends=[])
    def all_totals(self, request: Request) -> Response:
        """Budget and contributions of every visible project (or one nation's), per project,
        phase, donor and currency."""
        nation_id = None
        code = request.query_params.get("nation")
        if code:
            nation = organisation_list(request.user).filter(code__iexact=code).first()
            if nation is None:
                raise ValidationError({"nation": f"No organisation with code {code!r}."})
            nation_id = nation.pk
        return totals_response(request, selectors.money_totals(request.user, nation_id=nation_id))


class PhaseViewSet(RecordViewSet):
    """Phases of projects: budget and currency, dates, lead nations, executing agent."""

    output_serializer = TrustFundPhaseSerializer
    input_serializer = TrustFundPhaseInputSerializer
    serializer_class = TrustFundPhaseSerializer
    filterset_class = PhaseFilter
    ordering_fields = ("number", "start_on", "updated_at")
    ordering = ("project", "number")
    search_fields = ("title", "note", "status_text")
    queryset = Phase.objects.none()

    list_selector = staticmethod(selectors.phase_list)
    create_service = staticmethod(services.phase_create)
    update_service = staticmethod(services.phase_update)
    delete_service = staticmethod(services.phase_delete)


class ContributionViewSet(RecordViewSet):
    """Donors' pledges and payments to phases (exact amounts as strings, with currency)."""

    output_serializer = TrustFundContributionSerializer
    input_serializer = TrustFundContributionInputSerializer
    serializer_class = TrustFundContributionSerializer
    filterset_class = ContributionFilter
    ordering_fields = ("date", "amount", "updated_at")
    ordering = ("phase", "donor__name", "pk")
    search_fields = ("note", "in_kind_description")
    queryset = Contribution.objects.none()

    list_selector = staticmethod(selectors.contribution_list)
    create_service = staticmethod(services.contribution_create)
    update_service = staticmethod(services.contribution_update)
    delete_service = staticmethod(services.contribution_delete)


class AgreementViewSet(RecordViewSet):
    """MOUs, implementing, executing-agent and financial management agreements."""

    output_serializer = TrustFundAgreementSerializer
    input_serializer = TrustFundAgreementInputSerializer
    serializer_class = TrustFundAgreementSerializer
    filterset_class = AgreementFilter
    ordering_fields = ("signed_on", "kind", "updated_at")
    ordering = ("project", "signed_on", "pk")
    search_fields = ("note",)
    queryset = Agreement.objects.none()

    list_selector = staticmethod(selectors.agreement_list)
    create_service = staticmethod(services.agreement_create)
    update_service = staticmethod(services.agreement_update)
    delete_service = staticmethod(services.agreement_delete)


class KpiViewSet(RecordViewSet):
    """Reported results of phases: hectares cleared, items located and destroyed, …"""

    output_serializer = TrustFundKpiSerializer
    input_serializer = TrustFundKpiInputSerializer
    serializer_class = TrustFundKpiSerializer
    filterset_class = KpiFilter
    ordering_fields = ("as_of", "metric", "updated_at")
    ordering = ("phase", "as_of", "metric", "pk")
    search_fields = ("detail", "note")
    queryset = Kpi.objects.none()

    list_selector = staticmethod(selectors.kpi_list)
    create_service = staticmethod(services.kpi_create)
    update_service = staticmethod(services.kpi_update)
    delete_service = staticmethod(services.kpi_delete)
