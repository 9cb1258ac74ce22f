"""Friendly error pages; production never shows a traceback."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {
        "status": status,
        "title": title,
        "message": message,
        "request_id": getattr(request, "request_id", ""),
    }
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    """400 page."""
    return _page(request, 400, "Bad request", "The request could not be understood.")


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    """403 page (only for records the user can see but not change)."""
    message = str(exception) if exception and str(exception) else "You may not do this."
    return _page(request, 403, "Not allowed", message)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    """404 page; the same for missing, foreign and over-marked records."""
    return _page(request, 404, "Not found", "There is nothing here, or nothing you may see.")


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page without details; the request id lets an administrator find the log entry."""
    return _page(request, 500, "Something went wrong", "The error has been logged.")
