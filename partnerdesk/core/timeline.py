"""One chronology across mechanisms: apps register what they contribute to a nation's timeline.

Each domain app registers, from its AppConfig.ready(), a function `(user, nation_id) →
iterable of entries` that returns only records the user may see (it reads through the app's
own selectors). The timeline app merges them; core never imports a domain app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


class TimelineItem(Protocol):
    """What a timeline entry must offer (apps may use `TimelineEntry` or their own dataclass)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def precision(self) -> str: ...
    @property
    def mechanism(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def owner_id(self) -> int: ...
    @property
    def source_keys(self) -> tuple[str, ...]: ...
    @property
    def confidence(self) -> str: ...


@dataclass(frozen=True)
class TimelineEntry:
    """One dated fact: `date` is the first day of its period, shown at `precision`."""

    date: dt.date
    precision: str
    mechanism: str
    kind: str
    title: str
    url: str
    owner_id: int
    source_keys: tuple[str, ...] = ()
    confidence: str = ""


class TimelineSource(Protocol):
    """An app's entries function: called as `entries(user, nation_id=…)`."""

    def __call__(self, user: Any, *, nation_id: int | None = ...) -> Iterable[TimelineItem]: ...


@dataclass(frozen=True)
class _Registered:
    mechanism: str
    label: str
    entries: TimelineSource


_SOURCES: list[_Registered] = []


def register_timeline(mechanism: str, label: str, entries: TimelineSource) -> None:
    """Add a mechanism's entries function once (by mechanism code)."""
    if all(existing.mechanism != mechanism for existing in _SOURCES):
        _SOURCES.append(_Registered(mechanism, label, entries))


def timeline_mechanisms() -> list[tuple[str, str]]:
    """(code, label) of every registered mechanism, in registration order."""
    return [(s.mechanism, s.label) for s in _SOURCES]


def timeline_sources() -> list[tuple[str, TimelineSource]]:
    """(code, entries function) of every registered mechanism."""
    return [(s.mechanism, s.entries) for s in _SOURCES]


# From weakest to strongest; the values of `sources.Confidence`.
CONFIDENCE_ORDER = ("ILLUSTRATIVE", "SINGLE_SOURCE", "VERIFIED")


def cited(sources: Iterable[Any]) -> tuple[tuple[str, ...], str]:
    """The citation keys (sorted, blank keys left out) and the lowest confidence of `sources`;
    ("", "") parts when there are none. Pass prefetched sources to avoid a query per record."""
    rows = list(sources)
    keys = tuple(sorted(str(s.key) for s in rows if s.key))
    ranks = [CONFIDENCE_ORDER.index(s.confidence) for s in rows if s.confidence in CONFIDENCE_ORDER]
    return keys, (CONFIDENCE_ORDER[min(ranks)] if ranks else "")
