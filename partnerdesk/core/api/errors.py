"""One error format for the whole API.

Every error answers `{"error": {"status", "code", "message", "fields", "request_id"}}`;
`fields` maps a field name to its messages for validation errors (and is empty otherwise).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict

logger = logging.getLogger("partnerdesk.api")


class PreconditionRequired(exceptions.APIException):
    """PUT/PATCH/DELETE without If-Match."""

    status_code = 428
    default_detail = "This request needs an If-Match header with the ETag of the version you read."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    """If-Match names an older version than the stored one."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since you read it."
    default_code = "precondition_failed"


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, list | tuple):
                out[str(key)] = [str(v) for v in value]
            elif isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            else:
                out[str(key)] = [str(value)]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {"non_field_errors": [str(detail)]}


def error_body(
    *, status_code: int, code: str, message: str, fields: dict[str, list[str]] | None, request: Any
) -> dict[str, Any]:
    """Build the error document."""
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "fields": fields or {},
            "request_id": getattr(request, "request_id", ""),
        }
    }


def _respond(
    request: Any,
    status_code: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> Response:
    body = error_body(
        status_code=status_code, code=code, message=message, fields=fields, request=request
    )
    return Response(body, status=status_code)


def _django_validation_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        raw = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    else:
        raw = {"non_field_errors": [str(m) for m in exc.messages]}
    return {("non_field_errors" if k == "__all__" else k): v for k, v in raw.items()}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map service and framework exceptions to the error format; never leak a traceback."""
    request = context.get("request")
    if isinstance(exc, DjangoValidationError):
        return _respond(
            request,
            400,
            "validation_error",
            "The input is not valid.",
            _django_validation_fields(exc),
        )
    if isinstance(exc, NotFound | Http404):
        return _respond(request, 404, "not_found", "Not found.")
    if isinstance(exc, Forbidden):
        return _respond(request, 403, "permission_denied", str(exc))
    if isinstance(exc, VersionConflict):
        response = _respond(request, 412, "precondition_failed", str(exc))
        response["ETag"] = f'"{exc.current.version}"'
        return response
    handled = drf_exception_handler(exc, context)
    if handled is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return _respond(
            request,
            500,
            "server_error",
            "Something went wrong on our side; the request id identifies it.",
        )
    if isinstance(exc, exceptions.ValidationError):
        response = _respond(
            request,
            handled.status_code,
            "validation_error",
            "The input is not valid.",
            _flatten(exc.detail),
        )
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else str(exc.default_code)
        detail = exc.detail
        message = str(detail) if not isinstance(detail, dict | list) else str(exc.default_detail)
        response = _respond(request, handled.status_code, code, message)
    else:
        response = _respond(request, handled.status_code, "error", str(exc))
    for header, value in handled.items():  # keep WWW-Authenticate, Retry-After, Allow …
        response[header] = value
    return response
