"""Write use-cases of the evidence app: ingest documents, review facts into records.

Ingest (`document_ingest`): the bytes are hashed first — the same bytes twice are one document,
so a re-ingest returns the stored document and writes nothing. Otherwise the pure pipeline
(`partnerdesk.extraction.extract`) cleans the document and finds its facts within a hard time
and size limit; a refused document raises a ValidationError naming the pipeline's error code.
The document, its claims and facts and its full-text index row are written in one transaction.

Review (`fact_review`): a decision is a `ReviewDecision` row beside the extractor's payload,
which never changes. Accepting creates or links the matching record through the owning app's
services (with the reviewer's rights) and makes it cite the document (a `Source` created once
per document):
- an event of type visit or meeting → a political-dialogue meeting;
- a personnel figure with ISAF, RSM or KFOR in its sentence → a contribution snapshot;
- a period of an IPAP, IPCP, ITPP or ANP → the plan of that period (an existing one is linked,
  otherwise a DRAFT is created);
- a count of Partnership Goals ("27 of 41 goals") → the PARP cycle covering the year is linked
  (cites the document). The parp app computes goal counts from goal rows and stores none, so
  the reported count stays in the fact and its evidence, not in the cycle.
Facts of other kinds (mechanism mentions, other quantities) are accepted without a record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from partnerdesk import extraction
from partnerdesk.core.actor import Actor
from partnerdesk.core.dates import DatePrecision
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.services import record_bulk_create, record_create, record_update
from partnerdesk.dialogue.choices import Direction, MeetingFormat, MeetingStatus, Side
from partnerdesk.dialogue.models import Meeting
from partnerdesk.dialogue.selectors import meeting_list
from partnerdesk.dialogue.services import meeting_create, meeting_update, participant_create
from partnerdesk.evidence.choices import (
    DECISION_STATUS,
    OPERATION_CODES,
    PERSONNEL_WORDS,
    PLAN_CODES,
    REVIEW_MOVES,
    Credibility,
    Decision,
    FactKind,
    Reliability,
)
from partnerdesk.evidence.models import Claim, Document, Fact, ReviewDecision, describe
from partnerdesk.evidence.search import index_document
from partnerdesk.extraction.types import DEFAULT_TIMEOUT, MAX_BYTES, ExtractionError
from partnerdesk.operations.selectors import contribution_list, operation_list
from partnerdesk.operations.services import contribution_create, contribution_update
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.selectors import cycle_list
from partnerdesk.parp.services import cycle_update
from partnerdesk.plans.selectors import plan_list
from partnerdesk.plans.services import plan_create, plan_update
from partnerdesk.sources.models import Confidence, Source
from partnerdesk.sources.services import source_create

# -- ingest --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input of a batch: stored, already known, or failed (and why)."""

    source: str
    document: Document | None
    created: bool
    error: str = ""

    @property
    def status(self) -> str:
        """ "stored", "known" or "failed"."""
        if self.document is None:
            return "failed"
        return "stored" if self.created else "known"


def _partial_date(value: str | None) -> tuple[dt.date, str] | None:
    """ "2016", "2016-05", "2016-05-30" or a timestamp → (first day, precision); else None."""
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day is not None:
            return dt.date(int(year), int(month), int(day)), DatePrecision.DAY
        if month is not None:
            return dt.date(int(year), int(month), 1), DatePrecision.MONTH
        return dt.date(int(year), 1, 1), DatePrecision.YEAR
    except ValueError:
        return None


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lower())


def claim_key(fact: Mapping[str, Any]) -> str:
    """The normalised key under which the same fact from several documents is one claim."""
    kind = fact.get("kind")
    if kind == FactKind.MECHANISM:
        parts = [fact.get("mechanism")]
    elif kind == FactKind.QUANTITY:
        parts = [
            fact.get("value"),
            fact.get("of_total"),
            _norm(fact.get("counted")),
            fact.get("when"),
        ]
    elif kind == FactKind.PERIOD:
        parts = [fact.get("mechanism"), fact.get("start_year"), fact.get("end_year")]
    else:
        names = sorted(_norm(p.get("name")) for p in fact.get("who") or [] if p.get("name"))
        parts = [
            fact.get("type"),
            fact.get("modality"),
            fact.get("when"),
            _norm(fact.get("where")),
            "+".join(names),
        ]
    return ":".join([str(kind), *("" if p is None else str(p) for p in parts)])[:300]


def _default_owner(actor: Actor, owner: Organisation | None) -> Organisation:
    if owner is not None:
        if owner.kind != OrganisationKind.STATE:
            raise ValidationError({"owner": "A document is about a nation: choose a state."})
        return owner
    user = actor.user
    nation_id = getattr(user, "nation_id", None) if user is not None else None
    if nation_id is None:
        raise ValidationError({"owner": "Choose the nation the document is about."})
    return Organisation.objects.get(pk=nation_id)


def _known(actor: Actor, sha256: str) -> Document | None:
    existing = Document.objects.filter(sha256=sha256).select_related("owner").first()
    if existing is None:
        return None
    if actor.user is not None and not can(actor.user, Action.VIEW, existing):
        raise ValidationError(
            {"data": "These exact bytes are already stored as a document you may not see."}
        )
    return existing


def document_ingest(
    *,
    actor: Actor,
    data: bytes,
    source: str,
    url: str | None = None,
    owner: Organisation | None = None,
    marking: str = Marking.PUBLIC,
    reliability: str = Reliability.F,
    credibility: str = Credibility.UNKNOWN,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[Document, bool]:
    """Store `data` as a document with its facts; return (document, created).

    Idempotent on the sha256 of the bytes: a known document is returned with created=False
    and nothing is written. Input the pipeline refuses (binary, encoding, too large, too
    deep, timeout, empty) raises ValidationError {"data": "[code] message"} and writes
    nothing. The owner defaults to the actor's nation; alliance users must choose one.
    """
    if len(data) > MAX_BYTES:
        size = f"The document has {len(data):,} bytes; the limit is {MAX_BYTES:,}."
        raise ValidationError({"data": f"[too_large] {size}"})
    sha256 = hashlib.sha256(data).hexdigest()
    existing = _known(actor, sha256)
    if existing is not None:
        return existing, False
    nation = _default_owner(actor, owner)
    try:
        clean, facts = extraction.extract(data, source, url=url, timeout=timeout)
    except ExtractionError as exc:
        raise ValidationError({"data": f"[{exc.code}] {exc.message}"}) from exc
    except Exception as exc:
        raise ValidationError(
            {"data": f"[internal] The extractor failed on this document ({type(exc).__name__})."}
        ) from exc
    published = _partial_date(clean.published)
    values = {
        "owner": nation,
        "marking": marking,
        "sha256": sha256,
        "raw": data,
        "raw_text": clean.raw_text,
        "source_name": source[:300],
        "url": (url or clean.url or "")[:500],
        "content_type": clean.content_type[:40],
        "text": clean.text,
        "title": (clean.title or "")[:300],
        "outlet": (clean.outlet or "")[:150],
        "author": (clean.author or "")[:150],
        "published": clean.published or "",
        "published_on": published[0] if published else None,
        "published_precision": published[1] if published else "",
        "language": clean.language[:8],
        "boilerplate": [list(span) for span in clean.boilerplate],
        "reliability": reliability,
        "credibility": credibility,
    }
    with transaction.atomic():
        document = record_create(Document, actor=actor, values=values)
        _store_facts(actor, document, facts)
        index_document(document)
    return document, True


def _store_facts(actor: Actor, document: Document, facts: Sequence[Mapping[str, Any]]) -> None:
    """Create the document's claims (where new) and facts, each audited."""
    keys = {claim_key(f): f for f in facts}
    claims = {c.key: c for c in Claim.objects.filter(owner=document.owner, key__in=list(keys))}
    for key, fact in keys.items():
        if key not in claims:
            claims[key] = record_create(
                Claim,
                actor=actor,
                values={
                    "owner": document.owner,
                    "marking": document.marking,
                    "kind": fact["kind"],
                    "key": key,
                    "label": describe(dict(fact))[:300],
                },
            )
    rows = [
        {
            "owner": document.owner,
            "marking": document.marking,
            "document": document,
            "claim": claims[claim_key(f)],
            "kind": f["kind"],
            "payload": dict(f),
            "quote": f["quote"],
            "start": f["start"],
            "end": f["end"],
            "confidence": float(f.get("confidence", 0.5)),
        }
        for f in facts
    ]
    if rows:
        record_bulk_create(Fact, actor=actor, rows=rows)


@dataclass(frozen=True)
class BatchInput:
    """One document of a batch: its bytes and the name it came under."""

    data: bytes
    source: str
    url: str | None = None


def documents_ingest(
    *,
    actor: Actor,
    inputs: Iterable[BatchInput],
    owner: Organisation | None = None,
    marking: str = Marking.PUBLIC,
    reliability: str = Reliability.F,
    credibility: str = Credibility.UNKNOWN,
    progress: Any = None,
) -> list[IngestOutcome]:
    """Ingest each input on its own: a refused document is reported and the batch goes on.

    `progress`, when given, is called after each input with (done, outcome).
    """
    outcomes: list[IngestOutcome] = []
    for done, item in enumerate(inputs, start=1):
        try:
            document, created = document_ingest(
                actor=actor,
                data=item.data,
                source=item.source,
                url=item.url,
                owner=owner,
                marking=marking,
                reliability=reliability,
                credibility=credibility,
            )
            outcome = IngestOutcome(item.source, document, created)
        except ValidationError as exc:
            outcome = IngestOutcome(item.source, None, False, _message(exc))
        except Forbidden as exc:
            outcome = IngestOutcome(item.source, None, False, str(exc))
        outcomes.append(outcome)
        if progress is not None:
            progress(done, outcome)
    return outcomes


def _message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {message}" if field not in ("data", "__all__") else message
            for field, messages in error.message_dict.items()
            for message in messages
        )
    return "; ".join(error.messages)


# -- review --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linked:
    """The record an accepted fact created or linked."""

    record: models.Model
    created: bool


def _check_edit(fact: Fact, edited: Any) -> dict[str, Any]:
    """The edited payload: same kind, provenance (quote, start, end) kept from the extractor."""
    if not isinstance(edited, Mapping):
        raise ValidationError({"payload": "Give the edited fact as a JSON object."})
    merged = dict(fact.payload) | dict(edited)
    if merged.get("kind") != fact.kind:
        raise ValidationError({"payload": f"The kind stays {fact.kind}."})
    for name in ("quote", "start", "end"):
        merged[name] = fact.payload[name]
    if fact.kind == FactKind.EVENT:
        who = merged.get("who") or []
        if not isinstance(who, list) or not all(isinstance(p, Mapping) for p in who):
            raise ValidationError({"payload": "who: give a list of {name, role} objects."})
    when = merged.get("when")
    if when not in (None, "") and _partial_date(str(when)) is None:
        raise ValidationError({"payload": "when: give YYYY, YYYY-MM or YYYY-MM-DD."})
    return merged


def fact_review(
    fact: Fact,
    *,
    actor: Actor,
    expected_version: int,
    decision: str,
    payload: Mapping[str, Any] | None = None,
    note: str = "",
) -> ReviewDecision:
    """Accept, edit or reject a fact; accepting creates or links its record (see module doc).

    Refused moves name the fact's state and the decisions still possible. Everything —
    the decision, the record, its citation and the fact's new state — is one transaction.
    """
    if decision not in Decision.values:
        raise ValidationError(
            {"decision": f"Unknown decision {decision!r}; choose accept, edit or reject."}
        )
    if fact.version != expected_version:
        raise VersionConflict(fact, expected_version)
    allowed = REVIEW_MOVES[fact.status]
    if decision not in allowed:
        possible = ", ".join(sorted(allowed)) or "none (the fact is decided)"
        raise ValidationError(
            {"decision": f"This fact is {fact.status}; possible decisions: {possible}."}
        )
    if actor.user is not None and not can(actor.user, Action.CHANGE, fact):
        raise Forbidden("You may view this fact but not review it.")
    edited = _check_edit(fact, payload) if decision == Decision.EDIT else None
    with transaction.atomic():
        linked: Linked | None = None
        if decision != Decision.REJECT:
            linked = _apply(actor, fact, edited or dict(fact.payload))
        values: dict[str, Any] = {
            "owner": fact.owner,
            "marking": fact.marking,
            "fact": fact,
            "reviewer": actor.user,
            "decision": decision,
            "payload": edited,
            "note": note,
        }
        if linked is not None:
            record = linked.record
            values |= {
                "record_type": ContentType.objects.get_for_model(type(record)),
                "record_id": str(record.pk),
                "record_label": str(record)[:300],
                "record_url": record.get_absolute_url()[:300],  # type: ignore[attr-defined]
                "record_created": linked.created,
            }
        review = record_create(ReviewDecision, actor=actor, values=values)
        record_update(
            fact,
            actor=actor,
            expected_version=expected_version,
            values={"status": DECISION_STATUS[decision]},
        )
    return review


def _apply(actor: Actor, fact: Fact, payload: dict[str, Any]) -> Linked | None:
    """Create or link the record a fact stands for; None where no part takes this fact."""
    if fact.kind == FactKind.EVENT and payload.get("type") in ("visit", "meeting"):
        return _to_meeting(actor, fact, payload)
    if fact.kind == FactKind.QUANTITY and _is_personnel(payload):
        code = payload.get("operation") or _operation_near(fact)
        if code:
            return _to_contribution(actor, fact, payload, str(code))
    if fact.kind == FactKind.QUANTITY and "goal" in _norm(payload.get("counted")):
        return _to_parp_cycle(actor, fact, payload)
    if fact.kind == FactKind.PERIOD and payload.get("mechanism") in PLAN_CODES:
        return _to_plan(actor, fact, payload)
    return None


def cite_document(actor: Actor, document: Document) -> Source:
    """The source records cite for `document`, created on first use (once per document)."""
    if document.cited_as_id is not None:
        return Source.objects.get(pk=document.cited_as_id)
    strong = document.reliability in ("A", "B") and document.credibility in ("1", "2")
    source = source_create(
        actor=actor,
        data={
            "url": document.url,
            "title": (document.title or document.source_name)[:300],
            "publisher": document.outlet[:150],
            "accessed_on": document.created_at.date(),
            "confidence": Confidence.VERIFIED if strong else Confidence.SINGLE_SOURCE,
            "note": f"Evidence document {document.pk}, Admiralty grading {document.grading}.",
        },
    )
    record_update(
        document,
        actor=actor,
        expected_version=Document.objects.get(pk=document.pk).version,
        values={"cited_as": source},
    )
    document.cited_as = source
    return source


def sentence_of(fact: Fact) -> str:
    """The sentence (or line) of the document the fact was found in."""
    text = fact.document.text
    left, right = _sentence(text, fact.start, fact.end)
    sentence = text[left:right].strip()
    return sentence if sentence.endswith(".") else sentence + "."


def _when(fact: Fact, payload: Mapping[str, Any]) -> tuple[dt.date, str]:
    """The fact's date at its precision, else the document's publication date."""
    found = _partial_date(payload.get("when")) or _partial_date(fact.document.published)
    if found is None:
        raise ValidationError(
            {"payload": "The fact gives no date and the document none either; edit it to add one."}
        )
    return found


# -- into political dialogue ---------------------------------------------------------------

_FORMAT_CUES: tuple[tuple[str, str], ...] = (
    ("deputy secretary general", MeetingFormat.DSG_VISIT),
    ("special representative", MeetingFormat.SR_VISIT),
    ("secretary general", MeetingFormat.SG_VISIT),
    ("north atlantic council", MeetingFormat.NAC_PARTNER),
    ("political committee", MeetingFormat.POLITICAL_COMMITTEE),
    ("staff talks", MeetingFormat.STAFF_TALKS),
    ("euro-atlantic partnership council", MeetingFormat.EAPC),
)
_NATO_HQ = ("brussels", "nato headquarters", "nato hq", "nato's headquarters")
_NATO_ROLES = ("nato", "secretary general", "special representative", "allied", "alliance")


def guess_format(payload: Mapping[str, Any], quote: str) -> str:
    """The meeting format the frame suggests: who took part and what the sentence names."""
    roles = " ".join(_norm(p.get("role")) for p in payload.get("who") or [])
    frame = f"{roles} {_norm(quote)}"
    for cue, meeting_format in _FORMAT_CUES:
        if cue in frame:
            return meeting_format
    if "president" in roles and any(place in frame for place in _NATO_HQ):
        return MeetingFormat.PRESIDENTIAL_VISIT
    return MeetingFormat.OTHER


def _direction(where: str) -> str:
    place = _norm(where)
    if not place:
        return Direction.ELSEWHERE
    if any(hq in place for hq in _NATO_HQ):
        return Direction.TO_NATO_HQ
    return Direction.TO_PARTNER_CAPITAL if place in _CAPITALS else Direction.ELSEWHERE


# Capitals of partner nations, for "where" → direction.
_CAPITALS = frozenset({"baku", "tbilisi", "yerevan", "chisinau", "kyiv", "minsk", "astana"})


def _side(role: str) -> str:
    role = _norm(role)
    return Side.NATO if any(word in role for word in _NATO_ROLES) else Side.PARTNER


def _meeting_title(payload: Mapping[str, Any], fact: Fact) -> str:
    who = [p for p in payload.get("who") or [] if p.get("name")]
    kind = "Visit" if payload.get("type") == "visit" else "Meeting"
    if who:
        first = who[0]
        role = f", {first['role']}" if first.get("role") else ""
        title = f"{kind}: {first['name']}{role}"
    else:
        title = f"{kind} reported by {fact.document.outlet or fact.document.source_name}"
    where = payload.get("where")
    return (f"{title} in {where}" if where else title)[:200]


def _add_source(current: Iterable[Source], source: Source) -> list[int] | None:
    ids = [s.pk for s in current]
    return None if source.pk in ids else [*ids, source.pk]


def _to_meeting(actor: Actor, fact: Fact, payload: dict[str, Any]) -> Linked:
    modality = payload.get("modality", "occurred")
    if modality == "negated":
        raise ValidationError(
            {"decision": "The text says this event did not happen; reject the fact instead."}
        )
    day, precision = _when(fact, payload)
    meeting_format = guess_format(payload, fact.quote)
    source = cite_document(actor, fact.document)
    existing = (
        meeting_list(actor.user)
        .filter(owner=fact.owner, date=day, precision=precision, format=meeting_format)
        .first()
    )
    if existing is not None:
        sources = _add_source(existing.sources.all(), source)
        if sources is not None:
            existing = meeting_update(
                existing, actor=actor, expected_version=existing.version, data={"sources": sources}
            )
        _add_participants(actor, existing, payload)
        return Linked(existing, False)
    where = str(payload.get("where") or "")
    meeting = meeting_create(
        actor=actor,
        data={
            "owner": fact.owner,
            "marking": fact.marking,
            "title": _meeting_title(payload, fact),
            "date": day,
            "precision": precision,
            "place": where[:150],
            "format": meeting_format,
            "direction": _direction(where),
            "status": MeetingStatus.PLANNED if modality == "planned" else MeetingStatus.HELD,
            "summary": sentence_of(fact),
            "sources": [source],
        },
    )
    _add_participants(actor, meeting, payload)
    return Linked(meeting, True)


def _add_participants(actor: Actor, meeting: Meeting, payload: Mapping[str, Any]) -> None:
    """The people of the fact's `who` the meeting does not list yet (matched by name)."""
    present = {_norm(name) for name in meeting.participants.values_list("person", flat=True)}
    position = len(present)
    for person in payload.get("who") or []:
        name = str(person.get("name") or "").strip()
        if not name or _norm(name) in present:
            continue
        position += 1
        present.add(_norm(name))
        participant_create(
            actor=actor,
            data={
                "meeting": meeting,
                "person": name[:150],
                "title": str(person.get("role") or "")[:200],
                "side": _side(str(person.get("role") or "")),
                "position": position,
            },
        )


# -- into operations -----------------------------------------------------------------------


def _is_personnel(payload: Mapping[str, Any]) -> bool:
    counted = _norm(payload.get("counted"))
    return any(word in counted for word in PERSONNEL_WORDS) and payload.get("of_total") is None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around text[start:end]."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return left + 1, min(right_candidates) if right_candidates else len(text)


def _operation_near(fact: Fact) -> str | None:
    """The operation (ISAF, RSM, KFOR) mentioned in the quantity's sentence, if exactly one."""
    text = fact.document.text
    left, right = _sentence(text, fact.start, fact.end)
    codes = {
        m.payload.get("mechanism")
        for m in Fact.objects.filter(
            document_id=fact.document_id,
            kind=FactKind.MECHANISM,
            start__gte=left,
            end__lte=right,
        )
    } & set(OPERATION_CODES)
    if not codes:
        codes = {code for code in OPERATION_CODES if re.search(rf"\b{code}\b", text[left:right])}
    return codes.pop() if len(codes) == 1 else None


def _to_contribution(actor: Actor, fact: Fact, payload: dict[str, Any], code: str) -> Linked:
    operation = operation_list(actor.user).filter(code=code.upper()).first()
    if operation is None:
        raise ValidationError({"payload": f"No operation {code} is recorded; add it first."})
    day, precision = _when(fact, payload)
    try:
        value = int(payload["value"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError({"payload": "value: give a whole number of personnel."}) from exc
    source = cite_document(actor, fact.document)
    existing = (
        contribution_list(actor.user)
        .filter(owner=fact.owner, operation=operation, as_of=day)
        .first()
    )
    if existing is not None:
        sources = _add_source(existing.sources.all(), source)
        if sources is not None:
            existing = contribution_update(
                existing, actor=actor, expected_version=existing.version, data={"sources": sources}
            )
        return Linked(existing, False)
    snapshot = contribution_create(
        actor=actor,
        data={
            "owner": fact.owner,
            "marking": fact.marking,
            "operation": operation,
            "as_of": day,
            "as_of_precision": precision,
            "infantry": value,
            "approximate": payload.get("approx", "exact") != "exact",
            "notes": sentence_of(fact)[:2000],
            "sources": [source],
        },
    )
    return Linked(snapshot, True)


# -- into plans and PARP ---------------------------------------------------------------------


def _years(payload: Mapping[str, Any]) -> tuple[int, int]:
    try:
        start, end = int(payload["start_year"]), int(payload["end_year"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError({"payload": "start_year, end_year: give two years."}) from exc
    if end < start:
        raise ValidationError({"payload": "end_year: the period cannot end before it starts."})
    return start, end


def _to_plan(actor: Actor, fact: Fact, payload: dict[str, Any]) -> Linked:
    code = str(payload["mechanism"])
    start, end = _years(payload)
    source = cite_document(actor, fact.document)
    existing = (
        plan_list(actor.user)
        .filter(owner=fact.owner, plan_type=code, period_start__year=start, period_end__year=end)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        sources = _add_source(existing.sources.all(), source)
        if sources is not None:
            existing = plan_update(
                existing, actor=actor, expected_version=existing.version, data={"sources": sources}
            )
        return Linked(existing, False)
    plan = plan_create(
        actor=actor,
        data={
            "owner": fact.owner,
            "marking": fact.marking,
            "plan_type": code,
            "title": f"{code} {start}–{end}",
            "period_start": dt.date(start, 1, 1),
            "period_end": dt.date(end, 12, 31),
            "summary": f"Recorded from the press: “{sentence_of(fact)}”",
            "sources": [source],
        },
    )
    return Linked(plan, True)


def _to_parp_cycle(actor: Actor, fact: Fact, payload: dict[str, Any]) -> Linked:
    day, _ = _when(fact, payload)
    cycle = (
        cycle_list(actor.user)
        .filter(owner=fact.owner, start_year__lte=day.year, end_year__gte=day.year)
        .order_by("-start_year")
        .first()
    )
    if cycle is None:
        raise ValidationError(
            {
                "payload": f"No PARP cycle of {fact.owner.name} covers {day.year}; "
                "record the cycle first (or give another year in `when`)."
            }
        )
    source = cite_document(actor, fact.document)
    sources = _add_source(cycle.sources.all(), source)
    if sources is not None:
        cycle = cycle_update(
            cycle, actor=actor, expected_version=cycle.version, data={"sources": sources}
        )
    return Linked(cycle, False)
