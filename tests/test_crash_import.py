"""T5 crash during import: kill -9 a real `partnerdesk pcm import` and find no partial import.

The trials are those of `scripts/crash_import_trials.py` (the documented long run), bounded for
CI: 20 kills of an import of 1,000 generated activities, on whichever database the suite uses
(SQLite by default, PostgreSQL when DATABASE_URL names a server). Each trial works on its own
copy of a freshly set-up database; the script creates and removes them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import REPO

TRIALS = 20
ROWS = 1000
SEED = 20261123


def _load_script() -> ModuleType:
    path = REPO / "scripts" / "crash_import_trials.py"
    spec = importlib.util.spec_from_file_location("crash_import_trials", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


trials = _load_script()


def _state(activities: int, activity_changes: int, catalogue_changes: int, catalogues: int) -> Any:
    return trials.State(
        activities=activities,
        activity_changes=activity_changes,
        catalogue_changes=catalogue_changes,
        catalogues=catalogues,
        other_tables={"organisations_organisation": 321, "accounts_user": 1},
        kept_changes=330,
        problems=(),
    )


BASE = _state(0, 0, 0, 0)


@pytest.mark.parametrize(
    ("counts", "outcome", "failures"),
    [
        ((0, 0, 0, 0), "none", []),
        ((1000, 1000, 1, 1), "all", []),
        (
            (500, 500, 1, 1),
            "partial",
            [
                "partial import: 500 activities, 500 activity change rows, 1 catalogue change "
                "rows, 1 catalogues (expected 0 or 1000/1000/1/1)"
            ],
        ),
        (
            (1000, 999, 1, 1),
            "partial",
            [
                "partial import: 1000 activities, 999 activity change rows, 1 catalogue change "
                "rows, 1 catalogues (expected 0 or 1000/1000/1/1)"
            ],
        ),
        (
            (0, 0, 0, 1),
            "partial",
            [
                "partial import: 0 activities, 0 activity change rows, 0 catalogue change rows, "
                "1 catalogues (expected 0 or 1000/1000/1/1)"
            ],
        ),
    ],
)
def test_verdict_accepts_only_none_or_all_of_the_import(
    counts: tuple[int, int, int, int], outcome: str, failures: list[str]
) -> None:
    assert trials.verdict(_state(*counts), 1000, BASE) == (outcome, failures)


def test_verdict_reports_changed_older_rows_and_integrity_problems() -> None:
    damaged = trials.State(
        activities=0,
        activity_changes=0,
        catalogue_changes=0,
        catalogues=0,
        other_tables={"organisations_organisation": 320, "accounts_user": 1},
        kept_changes=329,
        problems=("integrity_check: row 4 missing from index",),
    )
    assert trials.verdict(damaged, 1000, BASE) == (
        "none",
        [
            "integrity_check: row 4 missing from index",
            "rows of other tables changed: organisations_organisation",
            "older change rows: 329, expected 330",
        ],
    )


def test_kill_9_during_the_catalogue_import_never_leaves_a_partial_import(
    record_property: Any, tmp_path: Path
) -> None:
    summary = trials.run_trials(
        TRIALS, ROWS, SEED, os.environ.get("DATABASE_URL", ""), calibration_runs=1
    )
    report = trials.table(summary)
    (tmp_path / "t5-report.txt").write_text(report)
    for phase in ("before", "mid", "after"):
        record_property(f"kills_{phase}", summary.count(phase))
    print(report)  # shown with -s or -rA: where the kills landed
    expected_engine = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert summary.engine == expected_engine
    assert [t.failures for t in summary.trials] == [[] for _ in range(TRIALS)], report
    assert summary.partial == 0
    assert summary.count("before") + summary.count("mid") + summary.count("after") == TRIALS
    # Right after the kill: none of the import or all of it, with the change rows to match.
    assert {(t.activities, t.activity_changes) for t in summary.trials} <= {(0, 0), (ROWS, ROWS)}
    # Every re-run succeeded and left exactly the full import.
    assert [(t.rerun_exit, t.rerun_activities) for t in summary.trials] == [(0, ROWS)] * TRIALS
    # A killed process ends with SIGKILL; only an import that had already finished exits 0.
    assert {t.exit_code for t in summary.trials} <= {0, -9}
