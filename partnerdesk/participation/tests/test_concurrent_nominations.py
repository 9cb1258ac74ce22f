"""No overbooking with concurrent nominations, against a real server (gunicorn, separate HTTP
connections, API tokens) on whichever database the suite uses: SQLite by default, PostgreSQL
under scripts/with-postgres.sh."""

from __future__ import annotations

import json
import subprocess
import threading
import urllib.error
import urllib.request
from typing import Any

from tests.conftest import BIN, REPO, server  # noqa: F401 - the session server fixture

NOMINATIONS = 8
CAPACITY = 3

# Fixture data written in the server's database the way an operator would (Django shell): an
# open event of capacity 3 to which Azerbaijan has said yes, and one API token per writer.
SETUP = f"""
import datetime as dt, json
from partnerdesk.accounts.models import User
from partnerdesk.accounts.services import token_create
from partnerdesk.core.actor import Actor
from partnerdesk.events.models import Event, Invitation
from partnerdesk.organisations.models import Organisation
nato = Organisation.objects.get(code="NATO-IS")
aze = Organisation.objects.get(code="AZE")
event = Event.objects.create(
    owner=nato, marking="PARTNERS", title="Concurrency course", area="CYBER", format="COURSE",
    host=nato, location="Brussels", start_date=dt.date(2030, 5, 6),
    end_date=dt.date(2030, 5, 8), capacity={CAPACITY}, state="REGISTRATION_OPEN")
Invitation.objects.create(event=event, owner=aze, marking="BILATERAL", answer="ACCEPTED")
user = User.objects.get(username="aze.coordinator")
keys = [token_create(actor=Actor.system(), user=user, name=f"race {{n}}")[1]
        for n in range({NOMINATIONS})]
print(json.dumps({{"event": event.pk, "keys": keys}}))
"""


def _setup(server: Any) -> dict[str, Any]:  # noqa: F811 - the fixture's value
    out = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", SETUP],
        cwd=REPO,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _post(server: Any, key: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: F811
    request = urllib.request.Request(
        server.url(path),
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        payload = exc.read()
        exc.close()
        return exc.code, json.loads(payload or b"{}")


def _get(server: Any, key: str, path: str) -> dict[str, Any]:  # noqa: F811
    request = urllib.request.Request(server.url(path), headers={"Authorization": f"Token {key}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=60) as response:
        return dict(json.loads(response.read()))


def test_concurrent_nominations_never_overbook(server: Any) -> None:  # noqa: F811
    fixture = _setup(server)
    event_id, keys = fixture["event"], fixture["keys"]
    barrier = threading.Barrier(NOMINATIONS)
    results: list[tuple[int, dict[str, Any]]] = []
    lock = threading.Lock()

    def nominate(n: int) -> None:
        barrier.wait()
        outcome = _post(
            server,
            keys[n],
            "/api/v1/registrations/",
            {
                "event": event_id,
                "person_name": f"Participant AZE-RACE-{n:04d}",
                "category": "MILITARY",
                "organisation": "AZE-MOD",
            },
        )
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=nominate, args=(n,)) for n in range(NOMINATIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert [status for status, _ in results] == [201] * NOMINATIONS, results
    statuses = sorted(body["status"] for _, body in results)
    assert statuses == ["PENDING"] * CAPACITY + ["WAITLISTED"] * (NOMINATIONS - CAPACITY)
    listing = _get(server, keys[0], f"/api/v1/registrations/?event={event_id}&ordering=queued_at")
    assert listing["count"] == NOMINATIONS
    queue = [row["status"] for row in listing["results"]]
    assert queue == ["PENDING"] * CAPACITY + ["WAITLISTED"] * (NOMINATIONS - CAPACITY)
    assert "database is locked" not in (server.tmp / "server.log").read_text(errors="replace")
