"""Stage S6: event frames — visits, meetings, signings, approvals, deployments, evaluations.

Per sentence, a trigger from the lexicon ("visited", "paid a visit", "met", "held talks",
"signed", "approved", "deployed", "evaluated", "hosted" …) gives the event type. Base verb forms
("visit", "sign") count only after an auxiliary ("will visit", "plans to sign", "did not
meet"); weak verbs ("discussed", "received") only when the sentence has no strong one, and
nouns ("visit", "talks", "conference") only when it has no verb trigger, never after "the" or
"this" (they point back at an event already reported). At most two events of different types
come from one sentence, each from its own clause ("… visited Baku today and met …"). The frame
takes its arguments from its clause:

* who — a role from the lexicon followed by a capitalised name ("Special Representative James
  Appathurai", "President of Azerbaijan Ilham Aliyev") or a name followed by ", role"; a
  surname alone names a person already introduced with a role earlier in the document; "He",
  "His", "The envoy" at the start of a sentence name the first person of the last sentence that
  named one; otherwise the capitalised run just before the verb ("The North Atlantic Council
  today approved", "Allies will assess"), not a country and not a mechanism. A person named
  after the trigger and followed by "said"/"told" is the speaker, not a participant;
* where — a place from the gazetteer (a city rather than "NATO Headquarters"), preferring one
  after the trigger; for a visit with no city, the country visited ("visited Georgia");
* when — the temporal expression nearest the trigger, resolved against the publication date
  (a planned event resolves forward); a negated event has no date;
* modality — negated when a negation stands just before the trigger (or just after a noun
  trigger: "no visits have been scheduled", "has been postponed"), planned when a future
  marker does ("will visit", "is expected to", "hoped to"), else occurred.

The quote runs from the start of the clause to the last argument found.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from partnerdesk.extraction.facts.lexicon import Lexicon, normalise
from partnerdesk.extraction.facts.when import Anchor, TimeMention, resolve
from partnerdesk.extraction.types import Deadline

_WINDOW_BEFORE = 70
_WINDOW_AFTER = 70
_MAX_EVENTS_PER_SENTENCE = 2
_WORD = re.compile(r"[\w'’]+")
_SUBJECT_WORD = re.compile(r"[\w][\w'’&-]*")
_ANAPHORIC = re.compile(r"(?<![\w])(?:[Tt]he|[Tt]his|[Tt]hat)\s+$")
# The arguments of a trigger end at the next clause: a comma, "and" or "but" not followed by a
# capitalised word (lists of people go on: "met X, Defence Minister Y and Minister Z").
_ARGUMENTS_END = re.compile(
    r"[;:]|,\s+(?![A-Z]|which\s)|\s+(?:and|but|while|after|before)\s+(?![A-Z])"
)
_CLAUSE_START = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s*")
_TO_A_COUNTRY = re.compile(r"(?:\bto|\bin|visited|visit|visits)\s+$")
_LEADING_WORDS = frozenset(
    {"The", "A", "An", "In", "On", "At", "By", "It", "They", "This", "That", "He", "She", "His",
     "Her", "Later", "Earlier", "Last", "Next", "Today", "Yesterday", "Also", "Meanwhile"}
)  # fmt: skip
_SENDING = frozenset({"sent", "send", "sends"})
_SITES = frozenset({"NATO Headquarters", "SHAPE"})


@dataclass(frozen=True)
class Person:
    """A named person with the role the text gives them (None when it gives none)."""

    start: int
    end: int
    name: str
    role: str | None


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase with its event type and whether it is a verb."""

    start: int
    end: int
    type: str
    verb: bool
    strength: int = 2  # 2 strong verb, 1 weak verb ("discussed"), 0 noun ("visit")


@dataclass
class EventFrame:
    """An event found in one sentence, before it is turned into a contract fact."""

    start: int
    end: int
    type: str
    who: list[Person] = field(default_factory=list)
    where: str | None = None
    when: str | None = None
    modality: str = "occurred"
    verb: bool = True
    trigger_start: int = 0

    @property
    def confidence(self) -> float:
        """Higher for verb triggers and for every argument the frame has filled."""
        score = 0.45 + (0.1 if self.verb else 0.0)
        score += 0.15 if self.who else 0.0
        score += 0.1 if self.where else 0.0
        score += 0.1 if self.when else 0.0
        return round(min(score, 0.95), 2)


@cache
def _person_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    word = r"[A-ZÀ-ÞƏ][^\W\d_A-Z]+(?:-[A-ZÀ-ÞƏ][^\W\d_A-Z]+)?"
    particle = "(?:" + "|".join(sorted(lex.name_particles)) + r")\s+"
    name = rf"{word}(?:\s+(?:{particle}){{0,2}}{word}){{0,3}}"
    cap = r"[A-Z][\w’'&-]*"
    roles = lex.roles.pattern
    extension = (
        rf"(?:\s+(?:of|for|to|in|at)\s+(?:the\s+)?{cap}(?:\s+(?:and\s+)?{cap}){{0,3}}?){{0,2}}?"
    )
    role_first = re.compile(rf"(?P<role>{roles}){extension},?\s+(?P<name>{name})(?![\w’'-])")
    owner = r"(?:the\s+|NATO['’]s\s+|Azerbaijan['’]s\s+|his\s+country['’]s\s+)?"
    name_first = re.compile(rf"(?<![\w-])(?P<name>{name}),\s+{owner}(?P<role>{roles})")
    return role_first, name_first


def _clean_name(name: str, lex: Lexicon) -> str:
    words = name.split()
    while words and words[0] in lex.name_stopwords:
        words.pop(0)
    kept: list[str] = []
    for word in words:
        if word in lex.name_stopwords:
            break
        kept.append(word)
    while kept and kept[-1] in lex.name_particles:
        kept.pop()
    return " ".join(kept)


def find_people(text: str, start: int, end: int, lex: Lexicon) -> list[Person]:
    """The role-and-name persons in `text[start:end]`, in order of position."""
    role_first, name_first = _person_patterns(lex)
    people: list[Person] = []
    for pattern in (role_first, name_first):
        for match in pattern.finditer(text, start, end):
            name = _clean_name(match.group("name"), lex)
            if name:
                role = " ".join(match.group("role").split())
                people.append(Person(match.start(), match.end(), name, role))
    people.sort(key=lambda p: p.start)
    return people


def _triggers(text: str, start: int, end: int, lex: Lexicon) -> list[Trigger]:
    found: list[Trigger] = []
    for match in lex.triggers.finditer(text, start, end):
        key = normalise(match.group())
        kind = lex.trigger_type[key]
        if key in _SENDING and not lex.deployment_objects.search(
            text, match.end(), min(end, match.end() + 50)
        ):
            kind = "other"  # "the draft plan has been sent to NATO" moves a document, not troops
        if key in ("met", "meet") and lex.met_objects.match(text, match.end(), end):
            continue  # "met its Partnership Goals" fulfils something, nobody was met
        strength = 1 if key in lex.weak_triggers else 2
        if key in lex.base_triggers:
            before = _WORD.findall(text[max(start, match.start() - 30) : match.start()])[-3:]
            if any(
                w.lower() in lex.auxiliaries or w.lower().endswith(("n't", "n’t")) for w in before
            ):
                found.append(
                    Trigger(match.start(), match.end(), kind, verb=True, strength=strength)
                )
                continue
        if key in lex.noun_triggers:
            # "the visit", "this meeting" point back at an event already reported.
            if not _ANAPHORIC.search(text, max(start, match.start() - 6), match.start()):
                found.append(Trigger(match.start(), match.end(), kind, verb=False, strength=0))
        elif key not in lex.base_triggers:
            found.append(Trigger(match.start(), match.end(), kind, verb=True, strength=strength))
    return found


def _choose(triggers: list[Trigger]) -> list[Trigger]:
    """The triggers that make events: strong verbs (one per type, at most two), else the first
    weak verb, else the first noun."""
    strong = [t for t in triggers if t.strength == 2]
    if not strong:
        return [max(triggers, key=lambda t: (t.strength, -t.start))]
    chosen: list[Trigger] = []
    for trigger in strong:
        if all(t.type != trigger.type for t in chosen):
            chosen.append(trigger)
    return chosen[:_MAX_EVENTS_PER_SENTENCE]


def _modality(text: str, trigger: Trigger, region: tuple[int, int], lex: Lexicon) -> str:
    before = text[max(region[0], trigger.start - _WINDOW_BEFORE) : trigger.start]
    after = ""
    if not trigger.verb:
        after = text[trigger.end : min(region[1], trigger.end + _WINDOW_AFTER)]
    if lex.negation.search(before) or (after and lex.negation.search(after)):
        return "negated"
    if lex.future.search(before) or (
        after and (lex.future.search(after) or lex.plan_words.search(after))
    ):
        return "planned"
    return "occurred"


def _regions(
    text: str, sentence: tuple[int, int], chosen: list[Trigger], lex: Lexicon
) -> list[tuple[int, int]]:
    """One clause per chosen trigger: the sentence cut at the last clause boundary ("and",
    "after", a comma …) between consecutive triggers, or else at the later trigger."""
    cuts: list[tuple[int, int]] = []
    for first, second in itertools.pairwise(chosen):
        boundary = None
        for match in lex.clause_boundary.finditer(text, first.end, second.start):
            boundary = match
        cuts.append(boundary.span() if boundary else (second.start, second.start))
    starts = [sentence[0]] + [cut[1] for cut in cuts]
    ends = [cut[0] for cut in cuts] + [sentence[1]]
    return list(zip(starts, ends, strict=True))


def _subject(
    text: str,
    region: tuple[int, int],
    trigger: Trigger,
    lex: Lexicon,
    mechanisms: list[tuple[int, int]],
) -> Person | None:
    """The organisation named just before the trigger ("The North Atlantic Council today
    approved", "Allies will assess"), skipping auxiliaries and time words; None if there is none."""
    words = list(_SUBJECT_WORD.finditer(text, max(region[0], trigger.start - 200), trigger.start))
    index = len(words) - 1
    while index >= 0 and words[index].group() in lex.subject_skip_words:
        index -= 1
    run: list[re.Match[str]] = []
    while index >= 0:
        word = words[index].group()
        if word[0].isupper() or (word == "and" and run):
            run.insert(0, words[index])
            index -= 1
            continue
        break
    # Function words and dates at the start of the sentence are not part of the name.
    while run and (
        run[0].group() == "and"
        or run[0].group() in _LEADING_WORDS
        or run[0].group().lower() in lex.weekdays
        or run[0].group().lower() in lex.months
    ):
        run.pop(0)
    if not run:
        return None
    first, last = run[0].start(), run[-1].end()
    if any(m_start < last and first < m_end for m_start, m_end in mechanisms):
        return None
    names = [m.group() for m in run]
    if names[0].endswith(("'s", "’s")):
        names = names[1:]
    if not names:
        return None
    if names[-1] not in lex.organisation_heads and "and" in names:
        names = names[: names.index("and")]
    if not names or names[-1] in lex.non_actors:
        return None
    if names[0] in lex.non_actors and names[-1] not in lex.organisation_heads:
        return None  # "Azerbaijani Air Force" is a unit, "Azerbaijani Parliament" a body
    if normalise(" ".join(names)) in lex.place_by_variant:
        return None
    return Person(first, last, " ".join(names), None)


def find_events(
    text: str,
    sentences: list[tuple[int, int]],
    times: list[TimeMention],
    mechanisms: list[tuple[int, int]],
    anchor: Anchor | None,
    lex: Lexicon,
    deadline: Deadline,
) -> list[EventFrame]:
    """The event frames of `text`, at most two (of different types) per sentence, in order."""
    places = [
        (m.start(), m.end(), lex.place_by_variant[normalise(m.group())])
        for m in lex.places.finditer(text)
        if not _place_stop(text, m.end(), lex)
    ]
    place_starts = [p[0] for p in places]
    time_starts = [t.start for t in times]
    known: dict[str, Person] = {}
    last_people: list[Person] = []
    frames: list[EventFrame] = []
    for index, sentence in enumerate(sentences):
        if index % 64 == 0:
            deadline.check()
        s_start, s_end = sentence
        people = find_people(text, s_start, s_end, lex)
        for person in people:
            known.setdefault(person.name.split()[-1], person)
        triggers = _triggers(text, s_start, s_end, lex)
        if triggers:
            people = _with_known_surnames(text, sentence, people, known)
            chosen = sorted(_choose(triggers), key=lambda t: t.start)
            previous: EventFrame | None = None
            pronoun = lex.pronouns.match(text, s_start) is not None
            for trigger, region in zip(chosen, _regions(text, sentence, chosen, lex), strict=True):
                frame = _frame(
                    text, trigger, region, people, places, place_starts, times, time_starts,
                    mechanisms, anchor, lex,
                )  # fmt: skip
                if previous is not None:
                    _inherit(frame, previous, subject=True)
                elif pronoun and last_people and not _speech_between(text, s_start, trigger, lex):
                    if not frame.who or frame.who[0].start >= trigger.start:
                        frame.who.insert(0, last_people[0])
                    if frames and frames[-1].type == "visit":
                        _inherit(frame, frames[-1], subject=False)
                previous = frame
                if (
                    (frame.verb and trigger.strength == 2)
                    or frame.who
                    or frame.where
                    or frame.when
                    or frame.modality != "occurred"
                ):
                    frames.append(frame)
        if people:
            last_people = people
    return frames


def _inherit(frame: EventFrame, source: EventFrame, *, subject: bool) -> None:
    """Fill the frame's missing main actor (if `subject`), place and time from `source`."""
    lacks_subject = not frame.who or frame.who[0].start > frame.trigger_start
    if (
        subject
        and source.who
        and lacks_subject
        and all(p.name != source.who[0].name for p in frame.who)
    ):
        frame.who.insert(0, source.who[0])
    frame.where = frame.where or source.where
    if frame.modality != "negated":
        frame.when = frame.when or source.when


def _frame(
    text: str,
    trigger: Trigger,
    region: tuple[int, int],
    people: list[Person],
    places: list[tuple[int, int, str]],
    place_starts: list[int],
    times: list[TimeMention],
    time_starts: list[int],
    mechanisms: list[tuple[int, int]],
    anchor: Anchor | None,
    lex: Lexicon,
) -> EventFrame:
    r_start, r_end = region
    modality = _modality(text, trigger, region, lex)
    cut = _ARGUMENTS_END.search(text, trigger.end, r_end)
    if cut is not None:
        r_end = cut.start()
    for boundary in _CLAUSE_START.finditer(text, max(r_start, trigger.start - 300), trigger.start):
        r_start = boundary.end()
    who = [
        p
        for p in people
        if r_start <= p.start < r_end
        and not (p.start > trigger.start and lex.speech_verbs.match(text, p.end))
    ]
    if trigger.verb and not any(p.start < trigger.start for p in who):
        organisation = _subject(text, region, trigger, lex, mechanisms)
        if organisation is not None:
            who.insert(0, organisation)
    region_places = places[bisect_left(place_starts, r_start) : bisect_left(place_starts, r_end)]
    region_times = times[bisect_left(time_starts, r_start) : bisect_left(time_starts, r_end)]
    when = None
    region_times = [t for t in region_times if not _is_modifier_year(text, t)]
    if region_times and modality != "negated":
        nearest = min(region_times, key=lambda t: abs(t.start - trigger.start))
        when = resolve(nearest, anchor, future=modality == "planned")
    where = _place_for(trigger, region_places)
    if where is None and trigger.type == "visit":
        # A visit to a country names the country when no city is given ("visited Georgia").
        for country in lex.countries.finditer(text, trigger.end, r_end):
            if _TO_A_COUNTRY.search(
                text, max(trigger.start, country.start() - 10), country.start()
            ):
                where = country.group().removeprefix("the ")
                break
    ends = [trigger.end] + [p.end for p in who] + [p[1] for p in region_places]
    ends += [t.end for t in region_times]
    if max(ends) == trigger.end:
        # Nothing after the trigger: the quote runs to what it acts on ("approved the IPAP").
        ends += [m_end for m_start, m_end in mechanisms if trigger.end <= m_start < r_end][:1]
    if not trigger.verb and modality != "occurred":
        marker = _modality_marker(text, trigger, region, lex)
        if marker is not None:
            ends.append(marker)
    end = max(ends)
    while end > r_start and (text[end - 1].isspace() or text[end - 1] in ".;:!?"):
        end -= 1
    start = r_start
    while start < end and text[start].isspace():
        start += 1
    return EventFrame(
        start, end, trigger.type, who, where, when, modality, trigger.verb, trigger.start
    )


def _modality_marker(
    text: str, trigger: Trigger, region: tuple[int, int], lex: Lexicon
) -> int | None:
    """The end of the negation or plan word after a noun trigger ("visits have been scheduled")."""
    window_end = min(region[1], trigger.end + _WINDOW_AFTER)
    found = [
        match.end()
        for pattern in (lex.negation, lex.future, lex.plan_words)
        for match in [pattern.search(text, trigger.end, window_end)]
        if match is not None
    ]
    return max(found) if found else None


def _speech_between(text: str, start: int, trigger: Trigger, lex: Lexicon) -> bool:
    """Whether a speech verb ("said", "told") stands between `start` and the trigger."""
    return any(
        lex.speech_verbs.match(text, m.start())
        for m in _SUBJECT_WORD.finditer(text, start, trigger.start)
    )


def _is_modifier_year(text: str, mention: TimeMention) -> bool:
    """A bare year used as a modifier ("the 2017 PARP Assessment") dates a thing, not the event."""
    if mention.kind != "absolute" or mention.month is not None:
        return False
    following = (
        _SUBJECT_WORD.match(text, mention.end + 1)
        if text[mention.end : mention.end + 1] == " "
        else None
    )
    return following is not None and following.group()[0].isupper()


def _place_stop(text: str, end: int, lex: Lexicon) -> bool:
    following = _SUBJECT_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return following is not None and following.group() in lex.place_stop_after


def _place_for(trigger: Trigger, places: list[tuple[int, int, str]]) -> str | None:
    cities = [p for p in places if p[2] not in _SITES] or places
    after = [p for p in cities if p[0] >= trigger.end]
    if after:
        return after[0][2]
    return cities[-1][2] if cities else None


def _with_known_surnames(
    text: str, sentence: tuple[int, int], people: list[Person], known: dict[str, Person]
) -> list[Person]:
    """`people` plus earlier-introduced persons named here by surname only, in order."""
    named = {p.name for p in people}
    extra: list[Person] = []
    segment = text[sentence[0] : sentence[1]]
    for surname, person in known.items():
        if person.name in named:
            continue
        match = re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", segment)
        if match is None:
            continue
        position = sentence[0] + match.start()
        if any(p.start <= position < p.end for p in people):
            continue
        extra.append(Person(position, position + len(surname), person.name, person.role))
        named.add(person.name)
    return sorted(people + extra, key=lambda p: p.start)
