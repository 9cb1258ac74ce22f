"""Speed of the extraction pipeline per document, on one core, over the gold set.

Usage: python scripts/bench_extraction.py [--repeat N] [--split dev|test|all] [--json]

Runs `extract()` on every gold document N times (after one warm-up pass, which also loads the
data files), pinned to one CPU where the platform allows it, and prints median, p95 and maximum
milliseconds per document for plain text and HTML. Targets from the issue: median <= 20 ms
(plain text) and <= 50 ms (HTML). It prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from partnerdesk.extraction import extract  # noqa: E402
from partnerdesk.extraction.evaluate import GoldDocument, load_split  # noqa: E402

TARGET_MS = {"text": 20.0, "html": 50.0}


def pin_to_one_core() -> str:
    """Restrict this process to one CPU; returns a note saying what happened."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (platform has no sched_setaffinity)"


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of `values` (which must not be empty)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def measure(documents: list[GoldDocument], repeat: int) -> dict[str, list[float]]:
    """Milliseconds per extract() call, by document format."""
    payloads = [(d.format, d.data, d.path.name, d.url) for d in documents]
    for _, data, name, url in payloads:  # warm-up: imports, data files, regex caches
        extract(data, name, url=url)
    timings: dict[str, list[float]] = {"text": [], "html": []}
    for _ in range(repeat):
        for kind, data, name, url in payloads:
            started = time.perf_counter()
            extract(data, name, url=url)
            timings[kind].append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the set (20)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")
    splits = ("dev", "test") if options.split == "all" else (options.split,)
    documents = [d for split in splits for d in load_split(split)]
    note = pin_to_one_core()
    timings = measure(documents, options.repeat)
    rows = []
    for kind in ("text", "html"):
        values = timings[kind]
        if not values:
            continue
        rows.append(
            {
                "kind": "plain text" if kind == "text" else "HTML",
                "documents": len(values) // options.repeat,
                "runs": len(values),
                "median_ms": round(statistics.median(values), 2),
                "p95_ms": round(percentile(values, 0.95), 2),
                "max_ms": round(max(values), 2),
                "target_median_ms": TARGET_MS[kind],
            }
        )
    if options.json:
        print(json.dumps({"cpu": note, "rows": rows}, indent=2))
        return 0
    print(f"extract() per document, {options.repeat} passes over gold/{options.split}, {note}")
    header = ("kind", "documents", "runs", "median_ms", "p95_ms", "max_ms", "target_median_ms")
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in header]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(row[h]).ljust(w) for h, w in zip(header, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
