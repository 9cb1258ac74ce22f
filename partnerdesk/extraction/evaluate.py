"""Measured quality of the extraction pipeline against the gold set (pure: no Django, no network).

`evaluate(split)` runs `extract()` on every document of `gold/<split>/`, scores it field by field
against the annotations and does the same for the baselines that are installed (trafilatura alone,
dateparser `search_dates`, quantulum3); a baseline that is missing is reported as
"not installed" and the run goes on. Every metric comes with a bootstrap standard deviation over
documents. `format_table(report)` turns the JSON-ready report into a readable table and
`compare(report, accepted)` lists what changed against an accepted earlier report.

Scoring rules (see `gold/README.md` for the annotation conventions):

* publication date: day-level accuracy, a missing date counts as wrong; time + offset accuracy
  over the documents whose page gives both.
* outlet and title: accuracy; author: precision/recall.
* plain text: boilerplate-line precision/recall/F1 (boilerplate is the positive class);
  HTML: body-line P/R/F1, mean 4-gram shingle F1 (Zyte method) and exact-body accuracy.
* facts: spans of the gold text are carried over to the system's text line by line, so a
  different paragraph separator costs nothing. Mechanisms: strict (same span, same code).
  Quantities: (value, counted head noun) pairs, plus approx/denominator accuracy on the pairs
  found. Periods: exact (start, end, mechanism). Events: trigger + type (system span overlaps
  the gold trigger, same type) and the full frame (type, main actor, time, place).
* provenance: every system fact's quote equals its text slice.
"""

from __future__ import annotations

import html
import importlib
import json
import random
import re
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SPLITS = ("dev", "test")

# Targets from the issue and evidence.md §6: (metric key, minimum value).
TARGETS: dict[str, float] = {
    "published_day": 0.98,
    "published_time": 0.95,
    "outlet": 0.99,
    "author_precision": 0.95,
    "author_recall": 0.90,
    "boilerplate_lines": 0.97,
    "body_shingles": 0.98,
    "mechanisms": 0.95,
    "quantities": 0.92,
    "quantity_approx": 0.95,
    "quantity_total": 0.95,
    "periods": 0.97,
    "event_triggers": 0.85,
    "event_frames": 0.70,
    "provenance": 1.0,
}
# Metrics where lower is better and the target is a maximum.
CEILINGS: dict[str, float] = {"years_as_quantities": 0.0, "errors": 0.0}


# ------------------------------------------------------------------------------ gold documents


@dataclass(frozen=True)
class GoldDocument:
    """One annotated gold document: its raw bytes and what the pipeline should find in them."""

    id: str
    path: Path
    format: str
    url: str | None
    expected: dict[str, Any]
    facts: list[dict[str, Any]]
    traps: tuple[str, ...] = ()

    @property
    def data(self) -> bytes:
        """The document exactly as stored on disk."""
        return self.path.read_bytes()


def load_split(split: str, root: Path = GOLD_DIR) -> list[GoldDocument]:
    """Every gold document of `split` ("dev" or "test"), ordered by file name.

    Raises ValueError for an unknown split or an annotation whose raw file is missing.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    documents = []
    for annotation_path in sorted((root / split).glob("*.json")):
        annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
        raw_path = annotation_path.with_name(annotation["file"])
        if not raw_path.is_file():
            raise ValueError(f"{annotation_path.name}: raw file {annotation['file']} is missing")
        documents.append(
            GoldDocument(
                id=annotation["id"],
                path=raw_path,
                format=annotation["format"],
                url=annotation.get("url"),
                expected=annotation["expected"],
                facts=annotation["facts"],
                traps=tuple(annotation.get("traps", ())),
            )
        )
    return documents


# ------------------------------------------------------------------------------ predictions


@dataclass
class Prediction:
    """What one system said about one document. `covers` names the fields it attempts."""

    covers: frozenset[str]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    text: str = ""
    facts: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


ALL_FIELDS = frozenset({"metadata", "published", "body", "facts", "quantities"})

System = Callable[[GoldDocument], Prediction]


def pipeline_system(document: GoldDocument) -> Prediction:
    """Our pipeline: `extract()` on the raw bytes. A refused or crashing document is recorded
    as an error with empty output, never raised."""
    from partnerdesk.extraction import extract
    from partnerdesk.extraction.types import ExtractionError

    try:
        clean, facts = extract(document.data, document.path.name, url=document.url)
    except ExtractionError as exc:
        return Prediction(covers=ALL_FIELDS, error=f"{exc.code}: {exc.message}")
    except Exception as exc:  # the harness reports a crash and goes on
        return Prediction(covers=ALL_FIELDS, error=f"crash: {type(exc).__name__}: {exc}")
    return Prediction(
        covers=ALL_FIELDS,
        title=clean.title,
        outlet=clean.outlet,
        author=clean.author,
        published=clean.published,
        text=clean.text,
        facts=list(facts),
    )


def optional_module(name: str) -> Any | None:
    """The module `name` if it can be imported, else None (a baseline is optional)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


class _VisibleText(HTMLParser):
    """Collects the visible text of a page, one line per block, skipping scripts and styles."""

    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "section", "article", "header",
         "footer", "aside", "nav", "ul", "figure", "figcaption", "title", "span"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self.skip:
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(document: GoldDocument) -> str:
    """The document's text as a reader sees it: HTML rendered to lines, plain text as is."""
    raw = document.data.decode("utf-8", errors="replace")
    if document.format != "html":
        return raw
    parser = _VisibleText()
    parser.feed(raw)
    joined = "".join(parser.parts)
    return "\n".join(line.strip() for line in joined.splitlines() if line.strip())


def trafilatura_system(module: Any) -> System:
    """trafilatura alone: body, title, author, site name and date of HTML pages; for plain text
    each line is wrapped in a paragraph (trafilatura has no plain-text mode)."""

    def run(document: GoldDocument) -> Prediction:
        raw = document.data.decode("utf-8", errors="replace")
        if document.format == "html":
            page = raw
        else:
            body = "".join(f"<p>{html.escape(line)}</p>" for line in raw.splitlines())
            page = f"<html><body><article>{body}</article></body></html>"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = module.bare_extraction(
                page, url=document.url, with_metadata=True, favor_precision=True
            )
        if result is None:
            return Prediction(covers=frozenset({"metadata", "published", "body"}))
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        return Prediction(
            covers=frozenset({"metadata", "published", "body"}),
            title=data.get("title"),
            outlet=data.get("sitename"),
            author=data.get("author"),
            published=data.get("date"),
            text=data.get("text") or "",
        )

    return run


def dateparser_system(module: Any) -> System:
    """dateparser `search_dates` on the visible text: the first date found is taken as the
    publication date (what a generic date finder would report)."""
    search = importlib.import_module("dateparser.search")

    def run(document: GoldDocument) -> Prediction:
        text = visible_text(document)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search.search_dates(
                text, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False}
            )
        published = found[0][1].date().isoformat() if found else None
        return Prediction(covers=frozenset({"published"}), published=published)

    return run


def quantulum_system(module: Any) -> System:
    """quantulum3 on the expected clean body (so only quantity finding is compared): each
    quantity becomes a fact with its unit or entity name as the counted thing."""
    parser = importlib.import_module("quantulum3.parser")
    classifier = importlib.import_module("quantulum3.classifier")

    def run(document: GoldDocument) -> Prediction:
        text = document.expected["text"]
        facts = []
        # The unit classifier shipped with quantulum3 is a pickle that newer scikit-learn
        # releases cannot load; the package's rule-based disambiguation is used instead.
        use_classifier = classifier.USE_CLF
        setattr(classifier, "USE_CLF", False)  # noqa: B010 - a module flag of the baseline
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                quantities = parser.parse(text)
        finally:
            setattr(classifier, "USE_CLF", use_classifier)  # noqa: B010
        for quantity in quantities:
            start, end = quantity.span
            unit = quantity.unit.name if quantity.unit is not None else ""
            counted = "" if unit in {"", "dimensionless"} else unit
            facts.append(
                {
                    "kind": "quantity",
                    "value": float(quantity.value),
                    "approx": "exact",
                    "counted": counted,
                    "of_total": None,
                    "when": None,
                    "quote": text[start:end],
                    "start": start,
                    "end": end,
                    "confidence": 0.5,
                }
            )
        return Prediction(covers=frozenset({"quantities"}), text=text, facts=facts)

    return run


BASELINES: dict[str, tuple[str, Callable[[Any], System]]] = {
    "trafilatura": ("trafilatura", trafilatura_system),
    "dateparser": ("dateparser", dateparser_system),
    "quantulum3": ("quantulum3", quantulum_system),
}


# ------------------------------------------------------------------------------ normalising


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def normalise_line(line: str) -> str:
    """A line as compared: tags dropped, entities decoded, whitespace collapsed, NFC."""
    text = html.unescape(_TAG.sub("", line))
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_lines(text: str) -> list[str]:
    """The non-empty normalised lines of `text`."""
    return [n for n in (normalise_line(line) for line in text.splitlines()) if n]


def normalise_name(value: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a name; "" for None."""
    if not value:
        return ""
    value = re.sub(r"^(by|author:)\s+", "", value.strip(), flags=re.IGNORECASE)
    folded = unicodedata.normalize("NFKD", value.casefold())
    return re.sub(r"[^0-9a-z]+", " ", folded.encode("ascii", "ignore").decode()).strip()


def normalise_outlet(value: str | None) -> str:
    """An outlet name without case, spaces or punctuation ("Report.az" == "report az")."""
    return normalise_name(value).replace(" ", "")


def counted_head(value: str | None) -> str:
    """The last word of a counted noun, lower case and singular ("NATO events" → "event")."""
    words = normalise_name(value).split()
    if not words:
        return ""
    head = words[-1]
    if head.endswith("ies") and len(head) > 4:
        return head[:-3] + "y"
    if head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        return head[:-1]
    return head


def main_actor(who: Sequence[dict[str, Any]] | None) -> str:
    """The surname (last word) of the first actor, normalised; "" when nobody is named."""
    if not who:
        return ""
    words = normalise_name(str(who[0].get("name") or "")).split()
    return words[-1] if words else ""


def same_place(gold: str | None, system: str | None) -> bool:
    """Places agree when both are missing or one names the other ("Baku" / "Baku city")."""
    a, b = normalise_name(gold), normalise_name(system)
    if not a or not b:
        return a == b
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def day_of(value: str | None) -> str | None:
    """The date part of an ISO value ("2016-06-30T16:00:00+04:00" → "2016-06-30")."""
    if not value:
        return None
    return str(value)[:10]


def same_instant(gold: str, system: str | None) -> bool:
    """Both values name the same time with the same UTC offset."""
    from datetime import datetime

    if not system or "T" not in system:
        return False
    try:
        a = datetime.fromisoformat(gold)
        b = datetime.fromisoformat(system.replace("Z", "+00:00"))
    except ValueError:
        return False
    return a == b and a.utcoffset() == b.utcoffset()


# ------------------------------------------------------------------------------ text alignment


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` (without the newline)."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


class Alignment:
    """Carries character spans of the gold text over to a system's text.

    Each gold line is looked up in the system text (in order); a span inside a found line keeps
    its offset within the line. Spans in lines that were not found fall back to the nearest
    occurrence of the quote itself; a quote the system text lacks cannot be carried over.
    """

    def __init__(self, gold_text: str, system_text: str) -> None:
        self.gold_text = gold_text
        self.system_text = system_text
        self.lines: list[tuple[int, int, int | None]] = []
        cursor = 0
        for start, end in line_spans(gold_text):
            line = gold_text[start:end]
            found: int | None = None
            if line.strip():
                at = system_text.find(line, cursor)
                if at < 0:
                    at = system_text.find(line)
                if at >= 0:
                    found = at
                    cursor = at + len(line)
            self.lines.append((start, end, found))

    def map(self, start: int, end: int) -> tuple[int, int] | None:
        """The system-text span for the gold span [start, end), or None."""
        for line_start, line_end, found in self.lines:
            if line_start <= start and end <= line_end:
                if found is not None:
                    return found + start - line_start, found + end - line_start
                break
        quote = self.gold_text[start:end]
        if not quote:
            return None
        hits = [m.start() for m in re.finditer(re.escape(quote), self.system_text)]
        if not hits:
            return None
        ratio = start / max(len(self.gold_text), 1)
        target = ratio * len(self.system_text)
        best = min(hits, key=lambda at: abs(at - target))
        return best, best + len(quote)


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


# ------------------------------------------------------------------------------ body scoring


def kept_lines(raw_text: str, body_text: str) -> list[tuple[str, bool]]:
    """Each non-empty raw line (normalised) with whether the body keeps it.

    A raw line is kept when a body line equals it, when a substantial body line is part of it
    (a dateline glued in front of a paragraph) or when it is a substantial part of a body line
    (lines joined by the cleaner).
    """
    body = text_lines(body_text)
    body_set = set(body)
    result = []
    for line in text_lines(raw_text):
        kept = line in body_set
        if not kept:
            for candidate in body:
                shorter, longer = sorted((candidate, line), key=len)
                if len(shorter) >= 20 and len(shorter) * 2 >= len(line) and shorter in longer:
                    kept = True
                    break
        result.append((line, kept))
    return result


def shingles(text: str, size: int = 4) -> dict[tuple[str, ...], int]:
    """Word `size`-grams of `text` with their counts (the Zyte benchmark's unit)."""
    words = re.findall(r"\w+", text.casefold())
    counts: dict[tuple[str, ...], int] = {}
    if len(words) < size:
        grams = [tuple(words)] if words else []
    else:
        grams = [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]
    for gram in grams:
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def multiset_overlap(gold: Iterable[Any], system: Iterable[Any]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of two multisets."""
    remaining: dict[Any, int] = {}
    gold_count = 0
    for item in gold:
        remaining[item] = remaining.get(item, 0) + 1
        gold_count += 1
    tp = fp = 0
    for item in system:
        if remaining.get(item, 0) > 0:
            remaining[item] -= 1
            tp += 1
        else:
            fp += 1
    return tp, fp, gold_count - tp


# ------------------------------------------------------------------------------ per document


Counts = dict[str, float]


def _add(counts: Counts, key: str, value: float = 1.0) -> None:
    counts[key] = counts.get(key, 0.0) + value


def score_document(
    gold: GoldDocument, prediction: Prediction, confusions: list[dict[str, Any]] | None = None
) -> Counts:
    """The counters one document contributes to every metric the system covers.

    `confusions`, when given, receives one entry per wrong or missed value (document id, field,
    gold and system values) for the report.
    """
    counts: Counts = {}
    expected = gold.expected
    covers = prediction.covers

    def miss(field_name: str, want: Any, got: Any) -> None:
        if confusions is not None:
            confusions.append(
                {"document": gold.id, "field": field_name, "gold": want, "system": got}
            )

    _add(counts, "documents")
    if prediction.error:
        _add(counts, "errors")
        miss("error", None, prediction.error)

    if "published" in covers:
        want = expected.get("published")
        _add(counts, "published_day_n")
        if (want is not None and day_of(prediction.published) == day_of(want)) or (
            want is None and prediction.published is None
        ):
            _add(counts, "published_day_ok")
        else:
            miss("published", want, prediction.published)
        if want and "T" in want:
            _add(counts, "published_time_n")
            if same_instant(want, prediction.published):
                _add(counts, "published_time_ok")
            elif day_of(prediction.published) == day_of(want):
                miss("published_time", want, prediction.published)

    if "metadata" in covers:
        _add(counts, "outlet_n")
        if normalise_outlet(prediction.outlet) == normalise_outlet(expected.get("outlet")):
            _add(counts, "outlet_ok")
        else:
            miss("outlet", expected.get("outlet"), prediction.outlet)
        _add(counts, "title_n")
        if normalise_line(prediction.title or "") == normalise_line(expected.get("title") or ""):
            _add(counts, "title_ok")
        else:
            miss("title", expected.get("title"), prediction.title)
        want_author, got_author = (
            normalise_name(expected.get("author")),
            normalise_name(prediction.author),
        )
        if got_author and got_author == want_author:
            _add(counts, "author_tp")
        else:
            if got_author:
                _add(counts, "author_fp")
            if want_author:
                _add(counts, "author_fn")
            if got_author or want_author:
                miss("author", expected.get("author"), prediction.author)

    if "body" in covers:
        _score_body(gold, prediction, counts, miss)

    if "facts" in covers or "quantities" in covers:
        _score_facts(gold, prediction, counts, confusions, only_quantities="facts" not in covers)
    return counts


def _score_body(
    gold: GoldDocument,
    prediction: Prediction,
    counts: Counts,
    miss: Callable[[str, Any, Any], None],
) -> None:
    expected_text = gold.expected["text"]
    if gold.format == "text":
        raw = gold.data.decode("utf-8", errors="replace")
        want = kept_lines(raw, expected_text)
        got = kept_lines(raw, prediction.text)
        for (line, want_kept), (_, got_kept) in zip(want, got, strict=True):
            if not want_kept and not got_kept:
                _add(counts, "boiler_tp")
            elif got_kept and not want_kept:
                _add(counts, "boiler_fn")
                miss("boilerplate_kept", None, line)
            elif want_kept and not got_kept:
                _add(counts, "boiler_fp")
                miss("body_dropped", line, None)
        return
    tp, fp, fn = multiset_overlap(text_lines(expected_text), text_lines(prediction.text))
    _add(counts, "bodyline_tp", tp)
    _add(counts, "bodyline_fp", fp)
    _add(counts, "bodyline_fn", fn)
    want_sh, got_sh = shingles(expected_text), shingles(prediction.text)
    common = sum(min(n, got_sh.get(g, 0)) for g, n in want_sh.items())
    got_total, want_total = sum(got_sh.values()), sum(want_sh.values())
    _add(counts, "shingle_p", common / got_total if got_total else 0.0)
    _add(counts, "shingle_r", common / want_total if want_total else 0.0)
    _add(counts, "shingle_n")
    _add(counts, "body_exact_n")
    if text_lines(expected_text) == text_lines(prediction.text):
        _add(counts, "body_exact_ok")
    elif fp or fn:
        miss("body_lines", f"{fn} missing", f"{fp} extra")


YEARISH = re.compile(r"^\s*(1[89]|20)\d\d(\s*[-–]\s*(\d\d){1,2})?\s*$")


def _score_facts(
    gold: GoldDocument,
    prediction: Prediction,
    counts: Counts,
    confusions: list[dict[str, Any]] | None,
    *,
    only_quantities: bool,
) -> None:
    text = prediction.text
    alignment = Alignment(gold.expected["text"], text)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for fact in prediction.facts:
        by_kind.setdefault(str(fact.get("kind")), []).append(fact)
    gold_kind: dict[str, list[dict[str, Any]]] = {}
    for fact in gold.facts:
        gold_kind.setdefault(fact["kind"], []).append(fact)

    def report(kind: str, field_name: str, fact: dict[str, Any]) -> None:
        if confusions is not None:
            confusions.append(
                {"document": gold.id, "field": field_name, "kind": kind, "fact": fact}
            )

    # Provenance is checked on every fact the system gives.
    for fact in prediction.facts:
        _add(counts, "provenance_n")
        start, end = fact.get("start"), fact.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start <= end <= len(text)
            and text[start:end] == fact.get("quote")
        ):
            _add(counts, "provenance_ok")
        else:
            report("broken", "provenance", fact)

    # Quantities: (value, counted head) pairs.
    gold_q = gold_kind.get("quantity", [])
    system_q = by_kind.get("quantity", [])
    unmatched = list(system_q)
    for want in gold_q:
        key = (float(want["value"]), counted_head(want["counted"]))
        match = next(
            (
                s
                for s in unmatched
                if _number(s.get("value")) == key[0] and counted_head(s.get("counted")) == key[1]
            ),
            None,
        )
        if match is None:
            _add(counts, "quantity_fn")
            report("FN", "quantities", want)
            continue
        unmatched.remove(match)
        _add(counts, "quantity_tp")
        _add(counts, "quantity_pairs")
        if match.get("approx") == want["approx"]:
            _add(counts, "quantity_approx_ok")
        else:
            report("approx", "quantities", {"gold": want, "system": match})
        if _number(match.get("of_total")) == _number(want.get("of_total")):
            _add(counts, "quantity_total_ok")
        else:
            report("of_total", "quantities", {"gold": want, "system": match})
    for extra in unmatched:
        _add(counts, "quantity_fp")
        report("FP", "quantities", extra)
    tp, fp, fn = multiset_overlap(
        (float(q["value"]) for q in gold_q), (_number(q.get("value")) for q in system_q)
    )
    _add(counts, "quantity_value_tp", tp)
    _add(counts, "quantity_value_fp", fp)
    _add(counts, "quantity_value_fn", fn)
    gold_values = {float(q["value"]) for q in gold_q}
    for fact in system_q:
        value = _number(fact.get("value"))
        if YEARISH.match(str(fact.get("quote", ""))) or (
            value is not None and value.is_integer() and 1900 <= value <= 2100
            and value not in gold_values
        ):  # fmt: skip
            _add(counts, "years_as_quantities")
    if only_quantities:
        return

    # Mechanisms: strict span + code.
    gold_m: list[tuple[Any, Any]] = []
    for want in gold_kind.get("mechanism", []):
        span = alignment.map(want["start"], want["end"])
        gold_m.append((span, want["mechanism"]) if span else (None, want["mechanism"]))
    system_m: list[tuple[Any, Any]] = [
        ((f.get("start"), f.get("end")), f.get("mechanism")) for f in by_kind.get("mechanism", [])
    ]
    tp, fp, fn = multiset_overlap(gold_m, system_m)
    _add(counts, "mechanism_tp", tp)
    _add(counts, "mechanism_fp", fp)
    _add(counts, "mechanism_fn", fn)
    if confusions is not None and (fp or fn):
        gold_keys = list(gold_m)
        for fact, found in zip(by_kind.get("mechanism", []), system_m, strict=True):
            if found in gold_keys:
                gold_keys.remove(found)
            else:
                report("FP", "mechanisms", fact)
        system_keys = list(system_m)
        for fact, wanted in zip(gold_kind.get("mechanism", []), gold_m, strict=True):
            if wanted in system_keys:
                system_keys.remove(wanted)
            else:
                report("FN", "mechanisms", fact)

    # Periods: exact (start, end, mechanism).
    def period_key(f: dict[str, Any]) -> tuple[Any, Any, Any]:
        return (f.get("start_year"), f.get("end_year"), f.get("mechanism"))

    gold_p = [period_key(f) for f in gold_kind.get("period", [])]
    system_p = [period_key(f) for f in by_kind.get("period", [])]
    tp, fp, fn = multiset_overlap(gold_p, system_p)
    _add(counts, "period_tp", tp)
    _add(counts, "period_fp", fp)
    _add(counts, "period_fn", fn)
    if confusions is not None and (fp or fn):
        report("mismatch", "periods", {"gold": gold_p, "system": system_p})

    # Events: trigger + type, then the full frame on the matched pairs.
    system_e = list(by_kind.get("event", []))
    free = list(range(len(system_e)))
    _add(counts, "event_system", len(system_e))
    for want in gold_kind.get("event", []):
        _add(counts, "event_gold")
        trigger = want.get("trigger") or {"start": want["start"], "end": want["end"]}
        span = alignment.map(trigger["start"], trigger["end"])
        chosen = None
        if span is not None:
            for index in free:
                got = system_e[index]
                got_span = (_number(got.get("start")) or -1.0, _number(got.get("end")) or -1.0)
                if got.get("type") == want["type"] and overlaps(span, got_span):
                    chosen = index
                    break
        if chosen is None:
            report("FN", "events", want)
            continue
        free.remove(chosen)
        got = system_e[chosen]
        _add(counts, "event_tp")
        if got.get("modality") == want["modality"]:
            _add(counts, "event_modality_ok")
        frame_ok = (
            main_actor(want["who"]) == main_actor(got.get("who"))
            and (want.get("when") or None) == (got.get("when") or None)
            and same_place(want.get("where"), got.get("where"))
        )
        if frame_ok:
            _add(counts, "event_frame_ok")
        else:
            report("frame", "events", {"gold": want, "system": got})
    for index in free:
        report("FP", "events", system_e[index])


def _number(value: Any) -> float | None:
    """A numeric value as float, None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# ------------------------------------------------------------------------------ metrics


@dataclass(frozen=True)
class Metric:
    """How one reported figure is computed from summed counters."""

    key: str
    label: str
    kind: str  # "accuracy" (ok / n), "prf" (tp, fp, fn → F1), "mean_f1", "count", "ratio"
    counters: tuple[str, ...]
    covers: str


METRICS: tuple[Metric, ...] = (
    Metric("published_day", "publication date (day) accuracy", "accuracy",
           ("published_day_ok", "published_day_n"), "published"),
    Metric("published_time", "publication time+offset accuracy", "accuracy",
           ("published_time_ok", "published_time_n"), "published"),
    Metric("outlet", "outlet accuracy", "accuracy", ("outlet_ok", "outlet_n"), "metadata"),
    Metric("title", "title accuracy", "accuracy", ("title_ok", "title_n"), "metadata"),
    Metric("author", "author F1", "prf", ("author_tp", "author_fp", "author_fn"), "metadata"),
    Metric("boilerplate_lines", "boilerplate lines F1 (plain text)", "prf",
           ("boiler_tp", "boiler_fp", "boiler_fn"), "body"),
    Metric("body_lines", "body lines F1 (HTML)", "prf",
           ("bodyline_tp", "bodyline_fp", "bodyline_fn"), "body"),
    Metric("body_shingles", "body 4-gram shingle F1 (HTML)", "mean_f1",
           ("shingle_p", "shingle_r", "shingle_n"), "body"),
    Metric("body_exact", "exact body accuracy (HTML)", "accuracy",
           ("body_exact_ok", "body_exact_n"), "body"),
    Metric("mechanisms", "mechanism mentions strict F1", "prf",
           ("mechanism_tp", "mechanism_fp", "mechanism_fn"), "facts"),
    Metric("quantities", "quantities (value, counted) F1", "prf",
           ("quantity_tp", "quantity_fp", "quantity_fn"), "quantities"),
    Metric("quantity_values", "quantities value-only F1", "prf",
           ("quantity_value_tp", "quantity_value_fp", "quantity_value_fn"), "quantities"),
    Metric("quantity_approx", "quantity approx accuracy (matched)", "accuracy",
           ("quantity_approx_ok", "quantity_pairs"), "quantities"),
    Metric("quantity_total", "quantity denominator accuracy (matched)", "accuracy",
           ("quantity_total_ok", "quantity_pairs"), "quantities"),
    Metric("years_as_quantities", "years/periods counted as quantities", "count",
           ("years_as_quantities",), "quantities"),
    Metric("periods", "plan periods exact F1", "prf", ("period_tp", "period_fp", "period_fn"),
           "facts"),
    Metric("event_triggers", "event trigger+type F1", "prf",
           ("event_tp", "event_system", "event_gold"), "facts"),
    Metric("event_frames", "event full frame F1", "prf",
           ("event_frame_ok", "event_system", "event_gold"), "facts"),
    Metric("event_modality", "event modality accuracy (matched)", "accuracy",
           ("event_modality_ok", "event_tp"), "facts"),
    Metric("provenance", "provenance (quote == text[start:end])", "accuracy",
           ("provenance_ok", "provenance_n"), "facts"),
    Metric("errors", "documents refused or crashed", "count", ("errors",), "any"),
)  # fmt: skip


def compute(metric: Metric, totals: Counts) -> dict[str, Any]:
    """The value of `metric` (and P/R where it has them) from summed counters.

    For "prf" metrics whose counters are (matched, system total, gold total) — the event
    metrics — precision is matched/system and recall matched/gold.
    """
    c = [totals.get(name, 0.0) for name in metric.counters]
    if metric.kind == "accuracy":
        ok, n = c
        return {"value": ok / n if n else None, "n": int(n)}
    if metric.kind == "count":
        return {"value": c[0], "n": int(c[0])}
    if metric.kind == "mean_f1":
        p_sum, r_sum, n = c
        if not n:
            return {"value": None, "n": 0}
        p, r = p_sum / n, r_sum / n
        return {"value": _f1(p, r), "precision": p, "recall": r, "n": int(n)}
    if metric.key.startswith("event_"):
        matched, system, gold = c
        p = matched / system if system else (1.0 if not gold else 0.0)
        r = matched / gold if gold else (1.0 if not system else 0.0)
        return {"value": _f1(p, r), "precision": p, "recall": r, "n": int(gold)}
    tp, fp, fn = c
    if not tp + fp + fn:
        return {"value": None, "n": 0}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"value": _f1(p, r), "precision": p, "recall": r, "n": int(tp + fn)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summed(per_document: Sequence[Counts]) -> Counts:
    """Counters added over documents."""
    totals: Counts = {}
    for counts in per_document:
        for key, value in counts.items():
            totals[key] = totals.get(key, 0.0) + value
    return totals


def bootstrap_std(
    metric: Metric, per_document: Sequence[Counts], samples: int, seed: int = 0
) -> float | None:
    """Standard deviation of `metric` over `samples` resamplings of the documents (with
    replacement, fixed seed so reports are reproducible); None when it cannot be computed."""
    if samples < 2 or not per_document:
        return None
    rng = random.Random(seed)  # noqa: S311 - statistical resampling, not security
    values = []
    n = len(per_document)
    for _ in range(samples):
        pick = [per_document[rng.randrange(n)] for _ in range(n)]
        value = compute(metric, summed(pick))["value"]
        if value is not None:
            values.append(value)
    if len(values) < 2:
        return None
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5


# ------------------------------------------------------------------------------ running


def run_system(
    system: System, documents: Sequence[GoldDocument], samples: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Score `system` on `documents`: metrics with bootstrap std, and the confusion list."""
    confusions: list[dict[str, Any]] = []
    per_document = []
    covered: set[str] = {"any"}
    started = time.perf_counter()
    for document in documents:
        try:
            prediction = system(document)
        except Exception as exc:  # a baseline that crashes on one page counts it as an error
            prediction = Prediction(
                covers=frozenset(covered - {"any"}), error=f"crash: {type(exc).__name__}: {exc}"
            )
        covered |= prediction.covers
        per_document.append(score_document(document, prediction, confusions))
    elapsed = time.perf_counter() - started
    totals = summed(per_document)
    metrics = {}
    for metric in METRICS:
        if metric.covers not in covered:
            continue
        figures = compute(metric, totals)
        figures["std"] = (
            bootstrap_std(metric, per_document, samples) if metric.kind != "count" else None
        )
        figures["label"] = metric.label
        metrics[metric.key] = figures
    return (
        {"status": "ok", "seconds": round(elapsed, 3), "metrics": metrics},
        confusions,
    )


def evaluate(
    split: str = "test",
    *,
    root: Path = GOLD_DIR,
    baselines: Iterable[str] = tuple(BASELINES),
    samples: int = 1000,
    pipeline: System | None = None,
) -> dict[str, Any]:
    """Score the pipeline and the installed baselines on one split of the gold set.

    Returns a JSON-ready report: the split, document counts, per system its status and metrics
    (value, precision/recall where they apply, n, bootstrap std), the targets with whether the
    pipeline meets each, and the pipeline's confusion list (wrong and missed values).
    """
    documents = load_split(split, root)
    systems: dict[str, Any] = {}
    result, confusions = run_system(pipeline or pipeline_system, documents, samples)
    systems["pipeline"] = result
    for name in baselines:
        module_name, factory = BASELINES[name]
        module = optional_module(module_name)
        if module is None:
            systems[name] = {"status": "not installed", "metrics": {}}
            continue
        systems[name], _ = run_system(factory(module), documents, samples)
    pipeline_metrics = systems["pipeline"]["metrics"]
    targets = {}
    for key, minimum in TARGETS.items():
        value = target_value(pipeline_metrics, key)
        targets[key] = {"target": f">= {minimum:g}", "met": value is not None and value >= minimum}
    for key, maximum in CEILINGS.items():
        value = pipeline_metrics.get(key, {}).get("value")
        targets[key] = {"target": f"<= {maximum:g}", "met": value is not None and value <= maximum}
    return {
        "split": split,
        "documents": len(documents),
        "html": sum(1 for d in documents if d.format == "html"),
        "text": sum(1 for d in documents if d.format == "text"),
        "bootstrap_samples": samples,
        "systems": systems,
        "targets": targets,
        "confusions": confusions,
    }


def compare(report: dict[str, Any], accepted: dict[str, Any]) -> list[dict[str, Any]]:
    """The pipeline's metrics against an accepted earlier report of the same split.

    One row per metric both reports have: previous and current value, the difference, and
    `regressed` when the current value falls more than one bootstrap std (of the accepted run)
    below it — or, for counts where lower is better, rises above it. Raises ValueError when the
    reports are for different splits.
    """
    if report.get("split") != accepted.get("split"):
        raise ValueError(
            f"cannot compare split {report.get('split')!r} with split {accepted.get('split')!r}"
        )
    now = report["systems"]["pipeline"]["metrics"]
    before = accepted.get("systems", {}).get("pipeline", {}).get("metrics", {})
    rows = []
    for metric in METRICS:
        old, new = before.get(metric.key, {}), now.get(metric.key, {})
        if old.get("value") is None or new.get("value") is None:
            continue
        if metric.kind == "count":
            regressed = new["value"] > old["value"]
        else:
            regressed = new["value"] < old["value"] - (old.get("std") or 0.0)
        rows.append(
            {
                "metric": metric.key,
                "accepted": old["value"],
                "current": new["value"],
                "change": new["value"] - old["value"],
                "regressed": regressed,
            }
        )
    return rows


def target_value(metrics: dict[str, Any], key: str) -> float | None:
    """The figure a target names: a metric's value, or its precision/recall for keys such
    as "author_precision"."""
    for part in ("precision", "recall"):
        if key.endswith("_" + part):
            figures = metrics.get(key.removesuffix("_" + part), {})
            value = figures.get(part)
            return None if value is None else float(value)
    value = metrics.get(key, {}).get("value")
    return None if value is None else float(value)


def format_table(report: dict[str, Any]) -> str:
    """A plain-text table: one row per metric, the pipeline (± std) then each baseline."""
    names = list(report["systems"])
    header = ["metric", "target", *names]
    rows = [header]
    for metric in METRICS:
        target = report["targets"].get(metric.key, {}).get("target", "")
        if metric.key == "author":
            target = (
                "P "
                + report["targets"]["author_precision"]["target"]
                + ", R "
                + (report["targets"]["author_recall"]["target"])
            )
        cells = [metric.label, target]
        shown = False
        for name in names:
            system = report["systems"][name]
            figures = system.get("metrics", {}).get(metric.key)
            if system["status"] != "ok":
                cells.append(system["status"])
            elif figures is None or figures.get("value") is None:
                cells.append("-")
            else:
                shown = True
                cells.append(_cell(figures, metric.kind))
        if shown:
            keys = ["author_precision", "author_recall"] if metric.key == "author" else [metric.key]
            if all(key in report["targets"] for key in keys):
                met = all(report["targets"][key]["met"] for key in keys)
                cells[1] += "  ok" if met else "  MISSED"
            rows.append(cells)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        f"gold split {report['split']}: {report['documents']} documents "
        f"({report['html']} HTML, {report['text']} plain text); "
        f"bootstrap {report['bootstrap_samples']} resamples",
        "",
    ]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(figures: dict[str, Any], kind: str) -> str:
    if kind == "count":
        return f"{figures['value']:g}"
    text = f"{figures['value']:.3f}"
    if figures.get("std") is not None:
        text += f" ±{figures['std']:.3f}"
    if "precision" in figures:
        text += f" (P {figures['precision']:.2f} R {figures['recall']:.2f})"
    return text
