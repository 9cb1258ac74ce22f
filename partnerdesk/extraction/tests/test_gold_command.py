"""`partnerdesk evaluate-extraction`, run as a separate process (this package imports no Django)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "evaluate-extraction", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_json_report_for_the_dev_split(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    done = run("--split", "dev", "--json", "--no-baselines", "--samples", "5",
               "--report", str(report_path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert json.loads(report_path.read_text(encoding="utf-8")) == report
    assert (report["split"], report["documents"], report["html"], report["text"]) == (
        "dev", 25, 13, 12
    )  # fmt: skip
    assert list(report["systems"]) == ["pipeline"]
    metrics = report["systems"]["pipeline"]["metrics"]
    assert metrics["provenance"]["value"] == 1.0
    assert metrics["published_day"]["n"] == 25
    assert set(report["targets"]) >= {"published_day", "boilerplate_lines", "mechanisms",
                                      "quantities", "event_frames", "provenance"}  # fmt: skip


def test_table_output_and_a_bad_split() -> None:
    done = run("--split", "dev", "--no-baselines", "--samples", "0")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gold split dev: 25 documents (13 HTML, 12 plain text)")
    assert "mechanism mentions strict F1" in done.stdout
    refused = run("--split", "train")
    assert refused.returncode != 0
    assert "invalid choice: 'train'" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_compare_with_an_accepted_report(tmp_path: Path) -> None:
    accepted = tmp_path / "accepted.json"
    first = run("--split", "dev", "--no-baselines", "--samples", "0", "--report", str(accepted))
    assert first.returncode == 0, first.stderr
    same = run("--split", "dev", "--no-baselines", "--samples", "0", "--compare", str(accepted))
    assert same.returncode == 0, same.stderr
    assert "provenance: 1.000 -> 1.000 (+0.000)" in same.stdout
    assert "REGRESSED" not in same.stdout
    # An accepted run that was better than today's pipeline makes the command fail.
    better = json.loads(accepted.read_text(encoding="utf-8"))
    better["systems"]["pipeline"]["metrics"]["errors"]["value"] = -1.0
    accepted.write_text(json.dumps(better), encoding="utf-8")
    worse = run("--split", "dev", "--no-baselines", "--samples", "0", "--compare", str(accepted))
    assert worse.returncode != 0
    assert "errors: -1.000 -> 0.000 (+1.000)  REGRESSED" in worse.stdout
    assert "regressed against the accepted report: errors" in worse.stderr
    wrong_split = run("--split", "test", "--no-baselines", "--samples", "0",
                      "--compare", str(accepted))  # fmt: skip
    assert wrong_split.returncode != 0
    assert "cannot compare split 'test' with split 'dev'" in wrong_split.stderr
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    broken = run("--compare", str(tmp_path / "broken.json"))
    assert broken.returncode != 0
    assert "is not JSON" in broken.stderr
    assert "Traceback" not in broken.stderr
