"""Inputs of the `extract` and `ingest` commands: files, directories (walked) and stdin."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from partnerdesk.extraction.types import MAX_BYTES


class InputError(Exception):
    """A path that cannot be read (missing, unreadable, too large): reported per input."""

    def __init__(self, source: str, code: str, message: str) -> None:
        super().__init__(message)
        self.source = source
        self.code = code
        self.message = message


def expand(paths: list[str]) -> list[str]:
    """The inputs named by `paths`: "-" for stdin, files as given, directories walked in
    name order (hidden files skipped)."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.parts[-1:])
            )
        else:
            found.append(name)
    return found


def read(name: str, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of one input, at most MAX_BYTES + 1 of them (the pipeline refuses more)."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read(MAX_BYTES + 1)
    path = Path(name)
    if not path.exists():
        raise InputError(name, "missing", f"{name}: no such file or directory.")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(name, "unreadable", f"{name}: cannot be read ({exc.strerror}).") from exc


def each(
    paths: list[str], stdin: BinaryIO | None = None
) -> Iterator[tuple[str, bytes | InputError]]:
    """(name, bytes or the InputError) for every input named by `paths`."""
    for name in expand(paths):
        try:
            yield name, read(name, stdin)
        except InputError as exc:
            yield name, exc
