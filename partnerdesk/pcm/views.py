"""Web pages of the menu and of programme lines: thin configurations of the generic record
views plus the menu's own pages (publish, import with preview, export, carry-over) and a
plan's programme page."""

from __future__ import annotations

import base64
import binascii
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import history_list
from partnerdesk.core.web.views import (
    PageMixin,
    RecordDeleteView,
    RecordDetailView,
    RecordFormView,
    RecordHistoryView,
    RecordListView,
)
from partnerdesk.pcm import exports, imports, selectors, services
from partnerdesk.pcm.filtersets import CatalogueActivityFilter, ProgrammeLineFilter
from partnerdesk.pcm.forms import (
    ActivityForm,
    CarryOverForm,
    CatalogueForm,
    CatalogueImportForm,
    ProgrammeLineForm,
)
from partnerdesk.pcm.models import MENU_ACCESS, Activity, Catalogue, ProgrammeLine
from partnerdesk.plans.selectors import plan_get, plan_get_for_change


def menu_writer(user: Any) -> bool:
    """Whether `user` maintains the menu (alliance staff, administrators)."""
    return bool(MENU_ACCESS.permits(user, Action.CHANGE))


def _web_actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request, ChangeSource.WEB)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _menu_writer_only(request: HttpRequest) -> None:
    if not menu_writer(request.user):
        raise PermissionDenied("Only alliance staff and administrators maintain the menu.")


# -- catalogues -------------------------------------------------------------------------------


class _CataloguePages:
    model = Catalogue
    url_namespace = "pcm"
    title_plural = "Partnership Cooperation Menu"
    get_object_for_view = staticmethod(selectors.catalogue_get)
    get_object_for_change = staticmethod(selectors.catalogue_get_for_change)


class CatalogueListView(_CataloguePages, PageMixin, View):
    """Every year's menu with its number of activities and status."""

    def get(self, request: HttpRequest) -> HttpResponse:
        context = self.base_context() | {
            "catalogues": selectors.catalogue_list(request.user),
            "can_write": menu_writer(request.user),
        }
        return render(request, "pcm/catalogue_list.html", context)


class CatalogueDetailView(_CataloguePages, RecordDetailView):
    """One year's menu: filterable, paginated activities, counts per area, export links."""

    template_name = "pcm/catalogue_detail.html"
    paginate_by = 50

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        catalogue = self.fetch(request, pk)
        user = request.user
        queryset = selectors.activity_list(user, catalogue_id=catalogue.pk).order_by("code")
        filterset = CatalogueActivityFilter(request.GET, queryset=queryset, request=request)
        page = Paginator(filterset.qs, self.paginate_by).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = self.base_context() | {
            "object": catalogue,
            "page": page,
            "filterset": filterset,
            "querystring": query.urlencode(),
            "areas": selectors.catalogue_area_counts(user, catalogue),
            "history": history_list(user, catalogue)[:5],
            "can_change": menu_writer(user),
            "formats": sorted(exports.FORMATS),
        }
        return render(request, self.template_name, context)


class CatalogueHistoryView(_CataloguePages, RecordHistoryView):
    """The change log of one catalogue."""


class CatalogueCreateView(_CataloguePages, RecordFormView):
    """Start a year's menu (as a draft)."""

    form_class = CatalogueForm
    creating = True
    can_create = staticmethod(menu_writer)
    create_service = staticmethod(services.catalogue_create)


class CatalogueUpdateView(_CataloguePages, RecordFormView):
    """Edit a catalogue's title and note."""

    form_class = CatalogueForm
    update_service = staticmethod(services.catalogue_update)


class CatalogueDeleteView(_CataloguePages, RecordDeleteView):
    """Delete an empty catalogue."""

    delete_service = staticmethod(services.catalogue_delete)


class CataloguePublishView(_CataloguePages, PageMixin, View):
    """POST: publish a draft catalogue today."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        catalogue = self.fetch_for_change(request, pk)
        try:
            catalogue = services.catalogue_publish(
                catalogue, actor=_web_actor(request), expected_version=_version(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except VersionConflict as exc:
            messages.error(request, f"{exc} Nothing was changed; try again.")
        else:
            messages.success(request, f"“{catalogue}” is published.")
        return HttpResponseRedirect(catalogue.get_absolute_url())


class CatalogueExportView(_CataloguePages, PageMixin, View):
    """Download the catalogue as CSV or XLSX (the import's layout)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        catalogue = self.fetch(request, pk)
        fmt = request.GET.get("format", "csv")
        if fmt not in exports.FORMATS:
            return HttpResponseBadRequest("Choose format=csv or xlsx.")
        exported = exports.export_file(request.user, catalogue, fmt)
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response


class CatalogueImportView(_CataloguePages, PageMixin, View):
    """Upload a year's menu; preview every row (a dry run) with problems by row and column,
    then confirm."""

    template_name = "pcm/import.html"

    def _render(self, request: HttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
        initial = {"year": request.GET.get("year", "")}
        context = self.base_context() | {"form": CatalogueImportForm(initial=initial)} | extra
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        _menu_writer_only(request)
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        _menu_writer_only(request)
        confirming = request.POST.get("confirm") == "1"
        if confirming:
            filename = request.POST.get("filename", "")
            raw_year = request.POST.get("year", "")
            try:
                content = base64.b64decode(request.POST.get("content", ""), validate=True)
            except (binascii.Error, ValueError):
                return self._render(request, status=400, problem="The upload was damaged.")
            if not raw_year.isdigit():
                return self._render(request, status=400, problem="The year is missing.")
            year = int(raw_year)
        else:
            form = CatalogueImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return self._render(request, status=400, form=form)
            year = form.cleaned_data["year"]
            upload = form.cleaned_data["file"]
            filename = upload.name or ""
            content = upload.read()
        try:
            result = imports.catalogue_import(
                actor=_web_actor(request),
                year=year,
                content=content,
                filename=filename,
                dry_run=not confirming,
            )
        except ValidationError as exc:
            return self._render(request, status=400, problem=" ".join(exc.messages))
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        if confirming and result.ok:
            messages.success(request, result.summary)
            catalogue = selectors.catalogue_for_year(request.user, year)
            target = catalogue.get_absolute_url() if catalogue else reverse("pcm:list")
            return HttpResponseRedirect(target)
        return self._render(
            request,
            status=200 if result.ok else 400,
            result=result,
            year=year,
            filename=filename,
            content=base64.b64encode(content).decode("ascii") if result.ok else "",
        )


class CarryOverView(_CataloguePages, PageMixin, View):
    """Copy a year's activities into a later year's catalogue (already carried ones skipped)."""

    template_name = "pcm/carry_over.html"

    def _render(self, request: HttpRequest, form: CarryOverForm, status: int = 200) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "catalogues": selectors.catalogue_list(request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        _menu_writer_only(request)
        latest = selectors.catalogue_list(request.user).first()
        initial = {"source_year": latest.year, "target_year": latest.year + 1} if latest else {}
        return self._render(request, CarryOverForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        _menu_writer_only(request)
        form = CarryOverForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        source, target = form.cleaned_data["source_year"], form.cleaned_data["target_year"]
        try:
            copies = services.catalogue_carry_over(
                actor=_web_actor(request), source_year=source, target_year=target
            )
        except ValidationError as exc:
            for name, texts in exc.message_dict.items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
            return self._render(request, form, status=400)
        messages.success(
            request,
            f"Carried {len(copies)} activit{'y' if len(copies) == 1 else 'ies'} from {source} "
            f"into {target}."
            if copies
            else f"Nothing left to carry from {source} into {target}.",
        )
        catalogue = selectors.catalogue_for_year(request.user, target)
        return HttpResponseRedirect(
            catalogue.get_absolute_url() if catalogue else reverse("pcm:list")
        )


# -- activities -------------------------------------------------------------------------------


class _ActivityPages:
    model = Activity
    url_namespace = "pcm"
    title_plural = "Partnership Cooperation Menu"
    get_object_for_view = staticmethod(selectors.activity_get)
    get_object_for_change = staticmethod(selectors.activity_get_for_change)


class ActivityDetailView(_ActivityPages, RecordDetailView):
    """One activity: the programme lines that picked it and the objectives and goals it
    serves (as far as the user may see), and where it was carried from and to."""

    template_name = "pcm/activity_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        activity = self.fetch(request, pk)
        user = request.user
        year = activity.catalogue.year
        context = self.base_context() | {
            "object": activity,
            "history": history_list(user, activity)[:5],
            "can_change": menu_writer(user),
            "lines": selectors.programme_line_list(user, activity_id=activity.pk).order_by(
                "owner__name", "plan__period_start"
            ),
            "objectives": selectors.objectives_served_by_activity(user, activity),
            "goals": selectors.goals_served_by_activity(user, activity),
            "carried_to": selectors.activity_list(user).filter(carried_from_id=activity.pk),
            "plans": selectors.plans_for_lines(user)
            .filter(period_start__year__lte=year, period_end__year__gte=year)
            .exclude(programme_lines__activity=activity)[:8],
        }
        return render(request, self.template_name, context)


class ActivityFormView(_ActivityPages, RecordFormView):
    """Add an activity to a catalogue (from its page) or edit one."""

    form_class = ActivityForm
    template_name = "pcm/form.html"
    create_service = staticmethod(services.activity_create)
    update_service = staticmethod(services.activity_update)
    parent: Any = None

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        return self.form_class(data=data, user=request.user, instance=obj, parent=self.parent)

    def fetch_target(self, request: HttpRequest, pk: int | None) -> Any:
        parent_pk = self.kwargs.get("parent_pk")
        if pk is not None:
            obj = self.fetch_for_change(request, pk)
            self.parent = obj.catalogue
            return obj
        _menu_writer_only(request)
        try:
            self.parent = selectors.catalogue_get_for_change(request.user, parent_pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        return None

    def render_form(self, request: HttpRequest, form: Any, obj: Any, status: int = 200) -> Any:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "creating": obj is None,
            "parent": self.parent,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int | None = None, parent_pk: int | None = None) -> Any:
        return super().get(request, pk)

    def post(
        self, request: HttpRequest, pk: int | None = None, parent_pk: int | None = None
    ) -> Any:
        return super().post(request, pk)


class ActivityDeleteView(_ActivityPages, RecordDeleteView):
    """Delete an activity (refused while programme lines or events refer to it)."""

    delete_service = staticmethod(services.activity_delete)

    def success_url(self, obj: Any) -> str:
        return str(obj.catalogue.get_absolute_url())


class ActivityHistoryView(_ActivityPages, RecordHistoryView):
    """The change log of one activity."""


# -- programme lines --------------------------------------------------------------------------


class _LinePages:
    model = ProgrammeLine
    url_namespace = "pcm"
    title_plural = "Partnership Cooperation Menu"
    get_object_for_view = staticmethod(selectors.programme_line_get)
    get_object_for_change = staticmethod(selectors.programme_line_get_for_change)


class LineListView(_LinePages, RecordListView):
    """Programme lines of every nation the user may see, filterable."""

    template_name = "pcm/line_list.html"
    list_selector = staticmethod(selectors.programme_line_list)
    filterset_class = ProgrammeLineFilter
    ordering_fields: ClassVar[dict[str, str]] = {
        "nation": "owner__name",
        "code": "activity__code",
        "year": "activity__catalogue__year",
        "priority": "priority",
    }
    default_ordering = "nation"


class LineDetailView(_LinePages, RecordDetailView):
    """One programme line with what it serves."""

    template_name = "pcm/line_detail.html"


class LineHistoryView(_LinePages, RecordHistoryView):
    """The change log of one line."""


class LineFormView(_LinePages, RecordFormView):
    """Pick an activity into a plan (`?activity=ID` preselects it) or edit a line."""

    form_class = ProgrammeLineForm
    template_name = "pcm/form.html"
    create_service = staticmethod(services.programme_line_create)
    update_service = staticmethod(services.programme_line_update)
    plan: Any = None

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        raw = request.GET.get("activity", "")
        return self.form_class(
            data=data,
            user=request.user,
            instance=obj,
            plan=self.plan,
            activity_id=int(raw) if raw.isdigit() else None,
        )

    def fetch_target(self, request: HttpRequest, pk: int | None) -> Any:
        if pk is not None:
            obj = self.fetch_for_change(request, pk)
            self.plan = obj.plan
            return obj
        try:
            self.plan = plan_get_for_change(request.user, self.kwargs.get("plan_pk"))
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        return None

    def render_form(self, request: HttpRequest, form: Any, obj: Any, status: int = 200) -> Any:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "creating": obj is None,
            "plan": self.plan,
        }
        return render(request, self.template_name, context, status=status)

    def success_url(self, saved: Any) -> str:
        return reverse("pcm:programme", args=[saved.plan_id])

    def get(self, request: HttpRequest, pk: int | None = None, plan_pk: int | None = None) -> Any:
        return super().get(request, pk)

    def post(self, request: HttpRequest, pk: int | None = None, plan_pk: int | None = None) -> Any:
        return super().post(request, pk)


class LineDeleteView(_LinePages, RecordDeleteView):
    """Remove a line from its programme."""

    delete_service = staticmethod(services.programme_line_delete)

    def success_url(self, obj: Any) -> str:
        return reverse("pcm:programme", args=[obj.plan_id])


class ProgrammeView(_LinePages, PageMixin, View):
    """A plan's programme: its lines grouped by area, with priority and what each serves."""

    def get(self, request: HttpRequest, plan_pk: int) -> HttpResponse:
        try:
            plan = plan_get(request.user, plan_pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        groups = selectors.programme_by_area(request.user, plan)
        context = self.base_context() | {
            "plan": plan,
            "groups": groups,
            "total": sum(len(g.lines) for g in groups),
            "can_change": can(request.user, Action.CHANGE, plan),
        }
        return render(request, "pcm/programme.html", context)
