"""The word lists of `data/mechanisms.json` and `data/lexicon.json`, loaded once and compiled.

Every pattern built here is a plain alternation of literal phrases (whitespace inside a phrase
matches any run of whitespace) framed by look-arounds, so matching stays linear in the length
of the text: there is no nested repetition for the regex engine to backtrack into.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Letters and digits on either side of a phrase mean it sits inside another word.
_LEFT = r"(?<![A-Za-z0-9À-ɏ])"
_RIGHT = r"(?![A-Za-z0-9À-ɏ])"


def phrase_pattern(phrases: list[str]) -> str:
    """One alternation of `phrases`, longest first, whitespace-tolerant, not inside a word.

    Guarantees: at any position the longest listed phrase that fits is the one matched.
    """
    unique = sorted(set(phrases), key=lambda p: (-len(p), p))
    parts = [r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in unique]
    return _LEFT + "(?:" + "|".join(parts) + ")" + _RIGHT


def _load(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The compiled lists for one language; see `data/lexicon.json` for their meaning."""

    raw: dict[str, Any]
    mechanism_names: re.Pattern[str]
    mechanism_acronyms: re.Pattern[str]
    mechanism_by_variant: dict[str, str]
    months: dict[str, int]
    weekdays: dict[str, int]
    approx: re.Pattern[str]
    approx_by_phrase: dict[str, str]
    counted_nouns: frozenset[str]
    quantity_stopwords: frozenset[str]
    currencies: dict[str, str]
    roles: re.Pattern[str]
    name_particles: frozenset[str]
    name_stopwords: frozenset[str]
    places: re.Pattern[str]
    place_by_variant: dict[str, str]
    countries: re.Pattern[str]
    triggers: re.Pattern[str]
    trigger_type: dict[str, str]
    noun_triggers: frozenset[str]
    base_triggers: frozenset[str]
    weak_triggers: frozenset[str]
    deployment_objects: re.Pattern[str]
    met_objects: re.Pattern[str]
    place_stop_after: frozenset[str]
    subject_skip_words: frozenset[str]
    organisation_heads: frozenset[str]
    non_actors: frozenset[str]
    pronouns: re.Pattern[str]
    speech_verbs: re.Pattern[str]
    clause_boundary: re.Pattern[str]
    auxiliaries: frozenset[str]
    plan_words: re.Pattern[str]
    future: re.Pattern[str]
    negation: re.Pattern[str]
    relative: dict[str, tuple[str, int]]
    abbreviations: frozenset[str]
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    number_words: dict[str, int]


def normalise(phrase: str) -> str:
    """The lookup key of a matched phrase: lower case, single spaces, plain apostrophes."""
    return " ".join(phrase.replace("’", "'").split()).lower()


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The compiled lexicon for `language`, falling back to English for unknown languages."""
    data = _load("lexicon.json")
    raw: dict[str, Any] = data.get(language) or data["en"]
    mechanisms = _load("mechanisms.json")["mechanisms"]

    by_variant: dict[str, str] = {}
    names: list[str] = []
    acronyms: list[str] = []
    for entry in mechanisms:
        for name in entry["names"]:
            names.append(name)
            by_variant[normalise(name)] = entry["code"]
        for acronym in entry["acronyms"]:
            acronyms.append(acronym)
            by_variant[acronym] = entry["code"]

    approx_by_phrase = {
        normalise(phrase): kind for kind, phrases in raw["approx"].items() for phrase in phrases
    }
    place_by_variant = {
        normalise(variant): place["name"]
        for place in raw["places"]
        for variant in place["variants"]
    }
    trigger_type = {
        normalise(phrase): kind for kind, phrases in raw["triggers"].items() for phrase in phrases
    }
    numbers = raw["numbers"]
    approx_phrases = [p for p in approx_by_phrase if p != "~"]
    return Lexicon(
        raw=raw,
        mechanism_names=re.compile(phrase_pattern(names), re.IGNORECASE),
        mechanism_acronyms=re.compile(phrase_pattern(acronyms)),
        mechanism_by_variant=by_variant,
        months={k.lower(): v for k, v in raw["months"].items()},
        weekdays={k.lower(): v for k, v in raw["weekdays"].items()},
        approx=re.compile("(?:" + phrase_pattern(approx_phrases) + r"|~)\s*$", re.IGNORECASE),
        approx_by_phrase=approx_by_phrase,
        counted_nouns=frozenset(n.lower() for n in raw["counted_nouns"]),
        quantity_stopwords=frozenset(w.lower() for w in raw["quantity_stopwords"]),
        currencies={k.lower(): v for k, v in raw["currencies"].items()},
        roles=re.compile(phrase_pattern(raw["roles"])),
        name_particles=frozenset(raw["name_particles"]),
        name_stopwords=frozenset(raw["name_stopwords"]),
        places=re.compile(phrase_pattern(list(place_by_variant_surface(raw)))),
        place_by_variant=place_by_variant,
        countries=re.compile(phrase_pattern(raw["countries"])),
        triggers=re.compile(phrase_pattern(list(trigger_type)), re.IGNORECASE),
        trigger_type=trigger_type,
        noun_triggers=frozenset(normalise(n) for n in raw["noun_triggers"]),
        base_triggers=frozenset(normalise(n) for n in raw["base_triggers"]),
        weak_triggers=frozenset(normalise(n) for n in raw["weak_triggers"]),
        met_objects=re.compile(
            r"(?:\s+[\w'’-]+){0,3}?\s+" + phrase_pattern(raw["met_objects"]), re.IGNORECASE
        ),
        deployment_objects=re.compile(phrase_pattern(raw["deployment_objects"]), re.IGNORECASE),
        place_stop_after=frozenset(raw["place_stop_after"]),
        subject_skip_words=frozenset(raw["subject_skip_words"]),
        organisation_heads=frozenset(raw["organisation_heads"]),
        non_actors=frozenset(raw["non_actors"]),
        pronouns=re.compile(r"\s*" + phrase_pattern(raw["pronouns"])),
        speech_verbs=re.compile(r"[\s,]*" + phrase_pattern(raw["speech_verbs"])),
        clause_boundary=re.compile(
            r"(?:,\s*|\s+)(?:" + phrase_pattern(raw["clause_boundaries"]) + r")\s+|[,;]\s+"
        ),
        auxiliaries=frozenset(normalise(n) for n in raw["auxiliaries"]),
        plan_words=re.compile(phrase_pattern(raw["plan_words"]), re.IGNORECASE),
        future=re.compile(phrase_pattern(raw["future_markers"]), re.IGNORECASE),
        negation=re.compile(
            "(?:" + phrase_pattern([m for m in raw["negation_markers"] if m != "n't"]) + "|n['’]t)",
            re.IGNORECASE,
        ),
        relative={normalise(k): (v[0], int(v[1])) for k, v in raw["relative"].items()},
        abbreviations=frozenset(raw["abbreviations"]),
        units=numbers["units"],
        tens=numbers["tens"],
        scales=numbers["scales"],
        number_words={normalise(k): v for k, v in numbers["words"].items()},
    )


def place_by_variant_surface(raw: dict[str, Any]) -> list[str]:
    """Every surface form of every place, as written in the data file (case kept)."""
    return [variant for place in raw["places"] for variant in place["variants"]]
