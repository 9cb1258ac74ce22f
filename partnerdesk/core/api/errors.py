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


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map service and framework exceptions to the error format; never leak a traceback."""
    request = context.get("request")
    if isinstance(exc, DjangoValidationError):
        fields = (
            {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"non_field_errors": [str(m) for m in exc.messages]}
        )
        fields = {("non_field_errors" if k == "__all__" else k): v for k, v in fields.items()}
        return Response(
            error_body(
                status_code=400,
                code="validation_error",
                message="The input is not valid.",
                fields=fields,
                request=request,
            ),
            status=400,
        )
    if isinstance(exc, NotFound | Http404):
        return Response(
            error_body(
                status_code=404,
                code="not_found",
                message="Not found.",
                fields=None,
                request=request,
            ),
            status=404,
        )
    if isinstance(exc, Forbidden):
        return Response(
            error_body(
                status_code=403,
                code="permission_denied",
                message=str(exc),
                fields=None,
                request=request,
            ),
            status=403,
        )
    if isinstance(exc, VersionConflict):
        response = Response(
            error_body(
                status_code=412,
                code="precondition_failed",
                message=str(exc),
                fields=None,
                request=request,
            ),
            status=412,
        )
        response["ETag"] = f'"{exc.current.version}"'
        return response
    handled = drf_exception_handler(exc, context)
    if handled is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            error_body(
                status_code=500,
                code="server_error",
                message="Something went wrong on our side; the request id identifies it.",
                fields=None,
                request=request,
            ),
            status=500,
        )
    field_errors: dict[str, list[str]] | None = None
    if isinstance(exc, exceptions.ValidationError):
        code, message, field_errors = (
            "validation_error",
            "The input is not valid.",
            _flatten(exc.detail),
        )
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else str(exc.default_code)
        detail = exc.detail
        message = str(detail) if not isinstance(detail, dict | list) else str(exc.default_detail)
    else:
        code, message = "error", str(exc)
    response = handled
    response.data = error_body(
        status_code=response.status_code,
        code=str(code),
        message=message,
        fields=field_errors,
        request=request,
    )
    return response
