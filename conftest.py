"""Fixtures shared by the whole suite: the test world, clients, and no outgoing network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str)
        and host not in {"127.0.0.1", "::1", "localhost"}
        and not host.startswith("/")
    ):
        raise RuntimeError(f"Tests may not reach the network (tried {address!r}).")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests talk to loopback only; anything else fails loudly."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    return


@pytest.fixture
def world(db: Any) -> Any:
    """Two partner nations, the alliance and one user per role."""
    from partnerdesk.testing.world import build_world

    return build_world()


@pytest.fixture
def api_client_for() -> Any:
    """Return a DRF client authenticated with a fresh API token of the given user."""
    from rest_framework.test import APIClient

    from partnerdesk.accounts.services import token_create
    from partnerdesk.core.actor import Actor

    def make(user: Any) -> APIClient:
        client = APIClient()
        _, key = token_create(actor=Actor.system(), user=user, name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
