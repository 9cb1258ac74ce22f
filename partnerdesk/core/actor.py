"""Who performs a change and through which interface; passed explicitly to every service."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from partnerdesk.core.models import ChangeSource


@dataclass(frozen=True)
class Actor:
    """The acting user (None for system jobs), the interface and the request id of a change."""

    user: Any
    source: str
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def from_request(cls, request: Any, source: str) -> Actor:
        """Build the actor of a web or API request (request id set by RequestIdMiddleware)."""
        return cls(user=request.user, source=source, request_id=getattr(request, "request_id", ""))

    @classmethod
    def cli(cls, user: Any) -> Actor:
        """The actor of a command-line invocation."""
        return cls(user=user, source=ChangeSource.CLI)

    @classmethod
    def system(cls) -> Actor:
        """A system job with no user (reference data loading, migrations of data)."""
        return cls(user=None, source=ChangeSource.SYSTEM)

    @property
    def label(self) -> str:
        """Human-readable name of the actor for the audit log."""
        if self.user is None:
            return "system"
        return str(self.user.get_username())
