"""Web pages of the evidence app: documents, upload, the review page, decisions, search.

Every page reads through the selectors (restricted to the user) and writes through the
services with the request's actor; refused input is shown on the form, never as a crash.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.web.views import apply_validation_error, current_nation_id
from partnerdesk.evidence import selectors, services
from partnerdesk.evidence.choices import REVIEW_MOVES, Decision, FactStatus
from partnerdesk.evidence.forms import ReviewForm, SearchForm, UploadForm
from partnerdesk.evidence.search import SearchFilters, search, search_records
from partnerdesk.organisations.selectors import nations_for_records

PAGE_SIZE = 25
DECISION_LABELS = dict(Decision.choices)


def _actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request, ChangeSource.WEB)


def _fetch(getter: Any, request: HttpRequest, pk: int) -> Any:
    """The object from a selector: 404 when invisible, 403 when read-only."""
    try:
        return getter(request.user, pk)
    except NotFound as exc:
        raise Http404("Not found") from exc
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Documents the user may see, newest first; `?awaiting=1` keeps those with proposed facts."""
    awaiting = request.GET.get("awaiting") == "1"
    queryset = selectors.document_list(
        request.user, nation_id=current_nation_id(request), awaiting=awaiting
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/document_list.html",
        {
            "page": page,
            "awaiting": awaiting,
            "querystring": "awaiting=1" if awaiting else "",
            "can_upload": nations_for_records(request.user).exists(),
            "search_form": SearchForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Ingest a file or pasted text (403 for users who may create no records)."""
    if not nations_for_records(request.user).exists():
        raise PermissionDenied("You may not add documents.")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data, name = form.payload()
        try:
            document, created = services.document_ingest(
                actor=_actor(request),
                data=data,
                source=name,
                url=form.cleaned_data.get("url") or None,
                owner=form.cleaned_data["owner"],
                marking=form.cleaned_data["marking"],
                reliability=form.cleaned_data["reliability"],
                credibility=form.cleaned_data["credibility"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            if created:
                messages.success(request, f"Stored “{document}” with its extracted facts.")
            else:
                messages.warning(request, "These exact bytes were stored before; here they are.")
            return HttpResponseRedirect(document.get_absolute_url())
    return render(
        request, "evidence/upload.html", {"form": form}, status=400 if form.errors else 200
    )


def _form_error(form: UploadForm, error: ValidationError) -> None:
    """Attach an ingest error to the form: the pipeline's refusal goes to the file field."""
    if hasattr(error, "error_dict") and "data" in error.error_dict:
        target = "file" if form.cleaned_data.get("file") is not None else "text"
        for message in error.message_dict["data"]:
            form.add_error(target, message)
        return
    apply_validation_error(form, error)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page: the clean text with every fact's quote marked, and the facts."""
    document = _fetch(selectors.document_get, request, pk)
    facts = list(selectors.fact_list(request.user, document_id=document.pk))
    may_review = can(request.user, Action.CHANGE, document)
    rows = [
        {
            "fact": fact,
            "moves": [
                (d, DECISION_LABELS[d]) for d in Decision.values if d in REVIEW_MOVES[fact.status]
            ]
            if may_review
            else [],
            "decisions": list(fact.decisions.all()),
        }
        for fact in facts
    ]
    text = selectors.highlight(document.text, [(f.start, f.end, f"q-{f.pk}") for f in facts])
    return render(
        request,
        "evidence/document_detail.html",
        {
            "object": document,
            "text": text,
            "rows": rows,
            "proposed": sum(1 for f in facts if f.status == FactStatus.PROPOSED),
            "may_review": may_review,
        },
    )


@login_required
def document_raw(request: HttpRequest, pk: int) -> HttpResponse:
    """The bytes exactly as received, as a download (never rendered by the browser)."""
    document = _fetch(selectors.document_raw, request, pk)
    response = HttpResponse(bytes(document.raw), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="document-{document.pk}.bin"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a decision about one fact; back to the review page at the fact."""
    fact = _fetch(selectors.fact_get_for_change, request, pk)
    back = reverse("evidence:detail", args=[fact.document_id]) + f"#fact-{fact.pk}"
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(str(e) for e in errors)}")
        return HttpResponseRedirect(back)
    try:
        decision = services.fact_review(
            fact,
            actor=_actor(request),
            expected_version=form.cleaned_data["version"],
            decision=form.cleaned_data["decision"],
            payload=form.cleaned_data.get("payload"),
            note=form.cleaned_data.get("note") or "",
        )
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
        return HttpResponseRedirect(back)
    except VersionConflict as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(back)
    if decision.record_url:
        verb = "Created" if decision.record_created else "Linked"
        messages.success(request, f"{verb} “{decision.record_label}”.")
    else:
        messages.success(request, f"{decision.outcome}: {fact.summary}.")
    return HttpResponseRedirect(back)


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            message if field in ("__all__", "decision", "payload") else f"{field}: {message}"
            for field, items in error.message_dict.items()
            for message in items
        ]
    return list(error.messages)


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """Full-text search with snippets and filters, restricted to what the user may see."""
    form = SearchForm(request.GET or None)
    hits: list[Any] = []
    records: list[Any] = []
    searched = False
    if form.is_bound and form.is_valid() and form.cleaned_data.get("q"):
        searched = True
        data = form.cleaned_data
        filters = SearchFilters(
            nation=data.get("nation") or None,
            mechanism=data.get("mechanism") or None,
            outlet=data.get("outlet") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        hits = search(request.user, data["q"], filters, limit=50)
        records = search_records(request.user, data["q"])
    return render(
        request,
        "evidence/search.html",
        {"form": form, "hits": hits, "records": records, "searched": searched},
    )
