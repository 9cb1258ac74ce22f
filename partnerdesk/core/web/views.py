"""Generic web views over a domain's selectors and services.

The views never query or save domain models themselves: lists and details come from selectors
(already restricted to the user), writes go to services with an explicit `Actor`. Missing,
foreign and over-marked objects all answer the same 404 page.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from partnerdesk.core.actor import Actor
from partnerdesk.core.audit import snapshot
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.selectors import change_records_visible, history_list

NATION_SESSION_KEY = "partnerdesk_nation_id"


def current_nation_id(request: HttpRequest) -> int | None:
    """The nation an alliance user has chosen in the switcher (None = all nations)."""
    user: Any = request.user
    if user.is_authenticated and getattr(user, "is_alliance", False):
        value = request.session.get(NATION_SESSION_KEY)
        return int(value) if value else None
    return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what the user can work on, by mechanism."""
    from partnerdesk.core.web.registry import home_cards

    return render(request, "core/home.html", {"cards": home_cards(request)})


@login_required
def change_list(request: HttpRequest) -> HttpResponse:
    """The change log across every record the user may see, newest first."""
    records = change_records_visible(request.user)
    source = request.GET.get("source", "")
    if source in ChangeSource.values:
        records = records.filter(source=source)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/change_list.html",
        {"page": page, "sources": ChangeSource.choices, "source": source},
    )


class PageMixin(LoginRequiredMixin):
    """Shared settings of the generic views of one record type."""

    model: Any
    url_namespace: ClassVar[str]
    title_plural: ClassVar[str] = ""
    get_object_for_view: Any
    get_object_for_change: Any = None

    def fetch(self, request: HttpRequest, pk: Any) -> Any:
        try:
            return type(self).get_object_for_view(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc

    def fetch_for_change(self, request: HttpRequest, pk: Any) -> Any:
        """The object the user may change: 404 if invisible, 403 if read-only."""
        try:
            return type(self).get_object_for_change(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc

    def base_context(self) -> dict[str, Any]:
        meta = self.model._meta
        return {
            "ns": self.url_namespace,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": self.title_plural or meta.verbose_name_plural,
        }


class RecordListView(PageMixin, View):
    """A filtered, sorted, paginated list from a selector."""

    template_name = "core/record_list.html"
    list_selector: Any
    filterset_class: Any = None
    ordering_fields: ClassVar[dict[str, str]] = {}
    default_ordering: ClassVar[str] = ""
    columns: ClassVar[list[tuple[str, str]]] = []
    paginate_by = 25
    can_create: Any = staticmethod(lambda user: False)

    def get(self, request: HttpRequest) -> HttpResponse:
        selector = type(self).list_selector
        queryset = selector(request.user, nation_id=current_nation_id(request))
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET, queryset=queryset, request=request)
            queryset = filterset.qs
        ordering = request.GET.get("ordering", self.default_ordering)
        key = ordering.lstrip("-")
        if key in self.ordering_fields:
            field = self.ordering_fields[key]
            queryset = queryset.order_by(("-" if ordering.startswith("-") else "") + field, "pk")
        else:
            ordering = ""
        page = Paginator(queryset, self.paginate_by).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = self.base_context() | {
            "page": page,
            "filterset": filterset,
            "ordering": ordering,
            "columns": self.columns,
            "sortable": self.ordering_fields,
            "querystring": query.urlencode(),
            "show_create": type(self).can_create(request.user),
        }
        return render(request, self.template_name, context)


class RecordDetailView(PageMixin, View):
    """One record with its marking, sources and the latest changes."""

    template_name = ""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.fetch(request, pk)
        context = self.base_context() | {
            "object": obj,
            "history": history_list(request.user, obj)[:5],
            "can_change": can(request.user, Action.CHANGE, obj),
        }
        return render(request, self.template_name, context)


class RecordHistoryView(PageMixin, View):
    """The full change log of one record."""

    template_name = "core/record_history.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.fetch(request, pk)
        page = Paginator(history_list(request.user, obj), 50).get_page(request.GET.get("page"))
        return render(
            request, self.template_name, self.base_context() | {"object": obj, "page": page}
        )


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form fields it names (others to the form)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages_:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class RecordFormView(PageMixin, View):
    """Create or edit through a service; stale edits show both versions instead of overwriting."""

    template_name = "core/record_form.html"
    conflict_template_name = "core/record_conflict.html"
    form_class: Any
    creating: ClassVar[bool] = False
    can_create: Any = staticmethod(lambda user: False)
    create_service: Any
    update_service: Any
    get_object_for_change: Any

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> forms.Form:
        return self.form_class(data=data, user=request.user, instance=obj)

    def render_form(
        self, request: HttpRequest, form: forms.Form, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {"form": form, "object": obj, "creating": obj is None}
        return render(request, self.template_name, context, status=status)

    def fetch_target(self, request: HttpRequest, pk: int | None) -> Any:
        """The object being edited, or None when creating (403 if the user may create nothing)."""
        if not self.creating:
            return self.fetch_for_change(request, pk)
        if not type(self).can_create(request.user):
            raise PermissionDenied("You may not create these records.")
        return None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.fetch_target(request, pk)
        return self.render_form(request, self.make_form(request, obj=obj), obj)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        obj = self.fetch_target(request, pk)
        form = self.make_form(request, data=request.POST, obj=obj)
        if not form.is_valid():
            return self.render_form(request, form, obj, status=400)
        actor = Actor.from_request(request, ChangeSource.WEB)
        data = form.service_data()  # type: ignore[attr-defined]
        try:
            if obj is None:
                saved = type(self).create_service(actor=actor, data=data)
            else:
                saved = type(self).update_service(
                    obj, actor=actor, expected_version=form.cleaned_data["version"], data=data
                )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.render_form(request, form, obj, status=400)
        except Forbidden as exc:
            form.add_error(None, str(exc))
            return self.render_form(request, form, obj, status=403)
        except VersionConflict as exc:
            return self.render_conflict(request, form, exc)
        messages.success(request, f"Saved “{saved}” (version {saved.version}).")
        return HttpResponseRedirect(self.success_url(saved))

    def success_url(self, saved: Any) -> str:
        """Where to go after saving: the record's own page when it has one."""
        if hasattr(saved, "get_absolute_url"):
            return str(saved.get_absolute_url())
        return reverse(f"{self.url_namespace}:detail", args=[saved.pk])

    def render_conflict(
        self, request: HttpRequest, form: forms.Form, exc: VersionConflict
    ) -> HttpResponse:
        """409: the user's unsaved values beside the current ones, and a form on the current."""
        current = exc.current
        theirs = snapshot(current)
        mine = form.service_data()  # type: ignore[attr-defined]
        rows = []
        for name, field in form.fields.items():
            if name == "version":
                continue
            mine_value = _plain(mine.get(name))
            their_value = theirs.get(name, theirs.get(f"{name}_id"))
            rows.append(
                {
                    "label": field.label or name,
                    "mine": _shown(field, mine_value),
                    "theirs": _shown(field, their_value),
                    "differs": (mine_value or None) != (their_value or None),
                }
            )
        context = self.base_context() | {
            "object": current,
            "rows": rows,
            "form": self.make_form(request, obj=current),
            "expected": exc.expected,
        }
        return render(request, self.conflict_template_name, context, status=409)


def _plain(value: Any) -> Any:
    """A form value in the shape snapshots use: ids for objects, ISO text for dates."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return sorted(getattr(item, "pk", item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _shown(field: forms.Field, value: Any) -> str:
    """How a plain value reads on the conflict page (choice labels, object names)."""
    if value in (None, "", []):
        return "—"
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        ids = value if isinstance(value, list) else [value]
        return ", ".join(str(obj) for obj in queryset.model._default_manager.filter(pk__in=ids))
    choices = dict(getattr(field, "choices", []) or [])
    return str(choices.get(value, value))


class ChildRecordFormView(RecordFormView):
    """Create a row from its parent's page (the URL's pk is the parent) or edit one.

    `parent_for_change(user, pk)` fetches the parent the user may change (404 / 403 like any
    record); when editing, the parent is the row's `parent_attr`. The form receives
    `parent=`; the template gets `parent` plus `parent_context(parent)`.
    """

    parent_for_change: Any
    parent_attr: ClassVar[str]
    parent: Any = None

    def fetch_target(self, request: HttpRequest, pk: int | None) -> Any:
        if not self.creating:
            obj = self.fetch_for_change(request, pk)
            self.parent = getattr(obj, self.parent_attr)
            return obj
        try:
            self.parent = type(self).parent_for_change(request.user, pk)
        except NotFound as exc:
            raise Http404("Not found") from exc
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc
        return None

    def make_form(self, request: HttpRequest, data: Any = None, obj: Any = None) -> Any:
        return self.form_class(data=data, user=request.user, instance=obj, parent=self.parent)

    def parent_context(self, parent: Any) -> dict[str, Any]:
        """Extra template context about the parent (e.g. the project of a phase)."""
        return {}

    def render_form(
        self, request: HttpRequest, form: Any, obj: Any, status: int = 200
    ) -> HttpResponse:
        context = self.base_context() | {
            "form": form,
            "object": obj,
            "creating": obj is None,
            "parent": self.parent,
            **self.parent_context(self.parent),
        }
        return render(request, self.template_name, context, status=status)


class RecordDeleteView(PageMixin, View):
    """Confirm, then delete through the service (with the version shown on the page).

    A stale version answers 409 with the current record; a refusal by the service (records
    that still depend on this one, rights) is shown on the confirmation page. On success the
    user lands on `success_url(obj)` — the list by default, a parent page for child records.
    """

    template_name = "core/record_delete.html"
    delete_service: Any
    get_object_for_change: Any

    def success_url(self, obj: Any) -> str:
        """Where to go once `obj` is deleted (computed before deleting)."""
        return reverse(f"{self.url_namespace}:list")

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.fetch_for_change(request, pk)
        return render(request, self.template_name, self.base_context() | {"object": obj})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.fetch_for_change(request, pk)
        target = self.success_url(obj)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            type(self).delete_service(
                obj, actor=Actor.from_request(request, ChangeSource.WEB), expected_version=version
            )
        except VersionConflict as exc:
            messages.error(request, str(exc))
            context = self.base_context() | {"object": exc.current}
            return render(request, self.template_name, context, status=409)
        except (ValidationError, Forbidden) as exc:
            texts = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            for text in texts:
                messages.error(request, text)
            status = 400 if isinstance(exc, ValidationError) else 403
            context = self.base_context() | {"object": obj}
            return render(request, self.template_name, context, status=status)
        messages.success(request, f"Deleted “{obj}”.")
        return HttpResponseRedirect(target)
