"""The scoring harness on tiny hand-made cases with exact expected figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from partnerdesk.extraction import evaluate as ev
from partnerdesk.extraction.evaluate import (
    ALL_FIELDS,
    METRICS,
    Alignment,
    GoldDocument,
    Prediction,
    bootstrap_std,
    compute,
    counted_head,
    format_table,
    kept_lines,
    main_actor,
    same_instant,
    same_place,
    score_document,
    summed,
)

L0 = "Allies joined close to 200 NATO events under the IPAP and the PARP in 2015."
L1 = "In all, 27 of 41 goals concern the armed forces, and James Appathurai will visit Baku in September."
GOLD_TEXT = f"{L0}\n{L1}"
RAW = "\n".join(
    [
        "APA.AZ",
        "Monday, 23 November 2026",
        "Title here",
        "Title here",
        "30 June 2016 16:00 (UTC+04:00)",
        "By Jane Writer",
        L0,
        f'<span style="color: red;">{L1}</span>',
        "Follow us on Telegram",
        "Latest news",
        "A teaser headline that is not part of the article",
    ]
)
METRIC = {m.key: m for m in METRICS}


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def gold_facts() -> list[dict[str, Any]]:
    def at(quote: str) -> dict[str, int | str]:
        start, end = span(GOLD_TEXT, quote)
        return {"quote": quote, "start": start, "end": end}

    visit = at("James Appathurai will visit Baku in September")
    trigger_start = GOLD_TEXT.index("visit Baku")
    return [
        {"kind": "mechanism", "mechanism": "IPAP", **at("IPAP")},
        {"kind": "mechanism", "mechanism": "PARP", **at("PARP")},
        {"kind": "quantity", "value": 200, "approx": "about", "counted": "events",
         "of_total": None, "when": "2015", **at("close to 200 NATO events")},
        {"kind": "quantity", "value": 27, "approx": "exact", "counted": "goals",
         "of_total": 41, "when": None, **at("27 of 41 goals")},
        {"kind": "event", "type": "visit", "who": [{"name": "James Appathurai", "role": None}],
         "where": "Baku", "when": "2016-09", "modality": "planned", **visit,
         "trigger": {"quote": "visit", "start": trigger_start, "end": trigger_start + 5}},
    ]  # fmt: skip


def write_document(folder: Path, name: str = "001-tiny") -> GoldDocument:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(RAW + "\n", encoding="utf-8")
    annotation = {
        "id": name,
        "file": f"{name}.txt",
        "format": "text",
        "url": None,
        "traps": [],
        "expected": {
            "title": "Title here",
            "outlet": "APA",
            "author": "Jane Writer",
            "published": "2016-06-30T16:00:00+04:00",
            "language": "en",
            "text": GOLD_TEXT,
            "body_lines": [L0, L1],
        },
        "facts": gold_facts(),
    }
    (folder / f"{name}.json").write_text(json.dumps(annotation), encoding="utf-8")
    return GoldDocument(
        id=name,
        path=folder / f"{name}.txt",
        format="text",
        url=None,
        expected=annotation["expected"],  # type: ignore[arg-type]
        facts=annotation["facts"],  # type: ignore[arg-type]
    )


def system_prediction() -> Prediction:
    text = f"{L0}\n\n{L1}\n\nLatest news"

    def fact(kind: str, quote: str, **fields: Any) -> dict[str, Any]:
        start, end = span(text, quote)
        return {"kind": kind, **fields, "quote": quote, "start": start, "end": end,
                "confidence": 0.9}  # fmt: skip

    ipap = fact("mechanism", "IPAP", mechanism="IPAP")
    parp_wrong_span = fact("mechanism", "the PARP", mechanism="PARP")
    broken = fact("mechanism", "Allies", mechanism="PFP") | {"quote": "Alliance"}
    return Prediction(
        covers=ALL_FIELDS,
        title="Title here",
        outlet="apa",
        author="By Jane Writer",
        published="2016-06-30",
        text=text,
        facts=[
            ipap,
            parp_wrong_span,
            broken,
            fact("quantity", "close to 200 NATO events", value=200, approx="about",
                 counted="NATO events", of_total=None, when="2015"),
            fact("quantity", "27 of 41 goals", value=27, approx="exact", counted="goals",
                 of_total=None, when=None),
            fact("quantity", "2015", value=2015, approx="exact", counted="events",
                 of_total=None, when=None),
            fact("event", "James Appathurai will visit Baku", type="visit",
                 who=[{"name": "Appathurai", "role": None}], where="Baku", when="2016-05",
                 modality="planned"),
            fact("event", "Allies joined", type="meeting", who=[], where=None, when=None,
                 modality="occurred"),
        ],
    )  # fmt: skip


@pytest.fixture
def tiny(tmp_path: Path) -> GoldDocument:
    return write_document(tmp_path / "dev")


def test_score_of_a_hand_made_prediction(tiny: GoldDocument) -> None:
    confusions: list[dict[str, Any]] = []
    totals = score_document(tiny, system_prediction(), confusions)
    figures = {m.key: compute(m, totals) for m in METRICS}

    assert figures["published_day"]["value"] == 1.0
    assert figures["published_time"]["value"] == 0.0
    assert figures["outlet"]["value"] == 1.0
    assert figures["title"]["value"] == 1.0
    assert (figures["author"]["precision"], figures["author"]["recall"]) == (1.0, 1.0)
    # 9 boilerplate lines, of which the system keeps "Latest news".
    assert (totals["boiler_tp"], totals.get("boiler_fp", 0.0), totals["boiler_fn"]) == (8, 0, 1)
    assert figures["boilerplate_lines"]["value"] == pytest.approx(16 / 17)
    # Mechanisms: IPAP right, PARP with a wrong span, one invented mention.
    assert (figures["mechanisms"]["precision"], figures["mechanisms"]["recall"]) == (1 / 3, 1 / 2)
    assert figures["mechanisms"]["value"] == pytest.approx(0.4)
    # Quantities: both found (head nouns compared singular), the year is a false count.
    assert figures["quantities"]["value"] == pytest.approx(0.8)
    assert figures["quantity_approx"]["value"] == 1.0
    assert figures["quantity_total"]["value"] == 0.5
    assert figures["years_as_quantities"]["value"] == 1.0
    # Events: the visit is found (P 1/2 because of the invented meeting), its month is wrong.
    assert figures["event_triggers"]["value"] == pytest.approx(2 / 3)
    assert figures["event_frames"]["value"] == 0.0
    assert figures["event_modality"]["value"] == 1.0
    assert figures["provenance"]["value"] == pytest.approx(7 / 8)
    assert figures["errors"]["value"] == 0.0
    kinds = sorted((c["field"], c.get("kind", "")) for c in confusions)
    assert ("provenance", "broken") in kinds
    assert ("events", "frame") in kinds
    assert ("boilerplate_kept", "") in kinds


def test_a_perfect_prediction_scores_one_everywhere(tiny: GoldDocument) -> None:
    prediction = Prediction(
        covers=ALL_FIELDS,
        title="Title here",
        outlet="APA",
        author="Jane Writer",
        published="2016-06-30T16:00:00+04:00",
        text=GOLD_TEXT,
        facts=[
            {k: v for k, v in f.items() if k != "trigger"} | {"confidence": 1.0} for f in tiny.facts
        ],
    )
    totals = score_document(tiny, prediction)
    for metric in METRICS:
        value = compute(metric, totals)["value"]
        if metric.key in {"years_as_quantities", "errors"}:
            assert value == 0.0
        elif metric.key in {"body_lines", "body_shingles", "body_exact", "periods"}:
            assert value is None  # plain text has no HTML body; the document has no period
        else:
            assert value == 1.0, metric.key


def test_an_empty_or_failed_prediction_scores_zero(tiny: GoldDocument) -> None:
    totals = score_document(tiny, Prediction(covers=ALL_FIELDS, error="timeout: too slow"))
    assert compute(METRIC["published_day"], totals)["value"] == 0.0
    assert compute(METRIC["outlet"], totals)["value"] == 0.0
    assert compute(METRIC["mechanisms"], totals)["value"] == 0.0
    assert compute(METRIC["event_frames"], totals)["value"] == 0.0
    assert compute(METRIC["errors"], totals)["value"] == 1.0
    # Nothing kept: every body line is lost, every boilerplate line is (trivially) removed.
    assert compute(METRIC["boilerplate_lines"], totals)["precision"] == pytest.approx(9 / 11)


def test_alignment_carries_spans_over_a_different_separator() -> None:
    system = f"{L0}\n\n{L1}"
    alignment = Alignment(GOLD_TEXT, system)
    start, end = span(GOLD_TEXT, "27 of 41 goals")
    mapped = alignment.map(start, end)
    assert mapped == (start + 1, end + 1)
    assert system[mapped[0] : mapped[1]] == "27 of 41 goals"
    # A line the system changed: the quote is found on its own.
    changed = Alignment(GOLD_TEXT, f"{L0}\nIn total, 27 of 41 goals concern the armed forces.")
    assert changed.map(start, end) == (len(L0) + 11, len(L0) + 25)
    # A quote the system text lacks cannot be carried over.
    assert Alignment(GOLD_TEXT, L0).map(start, end) is None


def test_kept_lines_accepts_a_dateline_glued_to_the_first_paragraph() -> None:
    raw = "Report.az\nBaku. 31 May. REPORT.AZ/ The battalion started an exercise on Wednesday.\n"
    body = "The battalion started an exercise on Wednesday."
    assert kept_lines(raw, body) == [
        ("Report.az", False),
        ("Baku. 31 May. REPORT.AZ/ The battalion started an exercise on Wednesday.", True),
    ]
    # A short line is not "kept" just because a body line contains it.
    assert kept_lines("NATO\n", "NATO officers met in Baku on Monday.") == [("NATO", False)]


def test_normalisers() -> None:
    assert counted_head("NATO events") == "event"
    assert counted_head("countries") == "country"
    assert counted_head("personnel") == "personnel"
    assert counted_head("EUR") == "eur"
    assert counted_head(None) == ""
    assert main_actor([{"name": "President Ilham Aliyev", "role": None}]) == "aliyev"
    assert main_actor([]) == ""
    assert same_place("Baku", "baku city")
    assert same_place(None, None)
    assert not same_place("Baku", None)
    assert not same_place("Baku", "Brussels")
    assert same_instant("2016-06-30T16:00:00+04:00", "2016-06-30T16:00+04:00")
    assert not same_instant("2016-06-30T16:00:00+04:00", "2016-06-30T12:00:00+00:00")
    assert not same_instant("2016-06-30T16:00:00+04:00", "2016-06-30")


def test_bootstrap_is_reproducible_and_zero_without_variation() -> None:
    metric = METRIC["mechanisms"]
    same = [{"mechanism_tp": 2.0, "mechanism_fp": 0.0, "mechanism_fn": 1.0}] * 10
    assert bootstrap_std(metric, same, samples=50) == pytest.approx(0.0)
    mixed = [
        {"mechanism_tp": 2.0, "mechanism_fp": 0.0, "mechanism_fn": 0.0},
        {"mechanism_tp": 0.0, "mechanism_fp": 2.0, "mechanism_fn": 2.0},
    ] * 5
    first = bootstrap_std(metric, mixed, samples=200, seed=3)
    assert first is not None
    assert first > 0.1
    assert bootstrap_std(metric, mixed, samples=200, seed=3) == first
    assert compute(metric, summed(mixed))["value"] == 0.5
    assert bootstrap_std(metric, mixed, samples=1) is None


def test_evaluate_reports_missing_baselines_and_missed_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_document(tmp_path / "test", "001-tiny")
    write_document(tmp_path / "test", "002-tiny")
    monkeypatch.setitem(ev.BASELINES, "absent", ("no_such_module_for_partnerdesk", lambda m: m))

    def system(document: GoldDocument) -> Prediction:
        return system_prediction()

    report = ev.evaluate("test", root=tmp_path, baselines=["absent"], samples=20, pipeline=system)
    assert report["documents"] == 2
    assert (report["html"], report["text"]) == (0, 2)
    assert report["systems"]["absent"] == {"status": "not installed", "metrics": {}}
    mechanisms = report["systems"]["pipeline"]["metrics"]["mechanisms"]
    assert mechanisms["value"] == pytest.approx(0.4)
    assert mechanisms["std"] == pytest.approx(0.0)
    assert report["targets"]["mechanisms"] == {"target": ">= 0.95", "met": False}
    assert report["targets"]["published_day"] == {"target": ">= 0.98", "met": True}
    assert report["targets"]["provenance"]["met"] is False
    json.dumps(report)  # JSON-ready
    table = format_table(report)
    assert "not installed" in table
    assert "mechanism mentions strict F1" in table
    assert "MISSED" in table
    assert "0.400 ±0.000 (P 0.33 R 0.50)" in table


def test_unknown_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown split 'train'"):
        ev.load_split("train", tmp_path)


def test_a_crashing_system_is_counted_not_raised(tiny: GoldDocument) -> None:
    calls = []

    def flaky(document: GoldDocument) -> Prediction:
        calls.append(document.id)
        if len(calls) == 2:
            raise RuntimeError("parser exploded")
        return system_prediction()

    result, confusions = ev.run_system(flaky, [tiny, tiny, tiny], samples=0)
    assert result["metrics"]["errors"]["value"] == 1.0
    # The crashed document's gold mentions are all missed: 2 found of 6, 4 invented.
    mechanisms = result["metrics"]["mechanisms"]
    assert mechanisms["n"] == 6
    assert (mechanisms["precision"], mechanisms["recall"]) == (1 / 3, 1 / 3)
    assert {"document": "001-tiny", "field": "error", "gold": None,
            "system": "crash: RuntimeError: parser exploded"} in confusions  # fmt: skip


def test_installed_baselines_show_the_documented_failures(tiny: GoldDocument) -> None:
    report = ev.evaluate(
        "dev", root=tiny.path.parents[1], samples=0, pipeline=lambda d: system_prediction()
    )
    systems = report["systems"]
    assert {name: systems[name]["status"] for name in ev.BASELINES} == {
        "trafilatura": "ok", "dateparser": "ok", "quantulum3": "ok",
    }  # fmt: skip
    # dateparser's first date is the banner with the crawl date (2026), not the publication.
    assert systems["dateparser"]["metrics"]["published_day"]["value"] == 0.0
    # trafilatura has no plain-text mode: every scraped line comes back as body.
    boiler = systems["trafilatura"]["metrics"]["boilerplate_lines"]
    assert (boiler["value"], boiler["recall"], boiler["n"]) == (0.0, 0.0, 9)
    # quantulum3 finds both numbers but never the counted noun, and counts the year 2015.
    quantities = systems["quantulum3"]["metrics"]
    assert quantities["quantities"]["value"] == 0.0
    values = quantities["quantity_values"]
    assert (values["precision"], values["recall"]) == (0.5, 1.0)
    assert quantities["years_as_quantities"]["value"] == 1.0


def test_compare_flags_a_drop_beyond_one_std() -> None:
    def report(split: str, mechanisms: float, std: float, errors: float) -> dict[str, Any]:
        return {
            "split": split,
            "systems": {
                "pipeline": {
                    "metrics": {
                        "mechanisms": {"value": mechanisms, "std": std},
                        "errors": {"value": errors, "std": None},
                        "periods": {"value": None, "std": None},
                    }
                }
            },
        }

    accepted = report("test", 0.96, 0.02, 0.0)
    small_drop = ev.compare(report("test", 0.95, 0.01, 0.0), accepted)
    assert [(r["metric"], r["regressed"]) for r in small_drop] == [
        ("mechanisms", False), ("errors", False),
    ]  # fmt: skip
    assert small_drop[0]["change"] == pytest.approx(-0.01)
    big_drop = ev.compare(report("test", 0.93, 0.01, 1.0), accepted)
    assert [(r["metric"], r["regressed"]) for r in big_drop] == [
        ("mechanisms", True), ("errors", True),
    ]  # fmt: skip
    with pytest.raises(ValueError, match="cannot compare split 'dev' with split 'test'"):
        ev.compare(report("dev", 0.9, 0.0, 0.0), accepted)
