"""Stage S6 event frames: type, who (name and role), where, when, modality, clause quote."""

from partnerdesk.extraction.facts import find_facts
from partnerdesk.extraction.types import Deadline

PUBLISHED = "2016-06-30T16:00:00+04:00"


def events(text, published=PUBLISHED):
    facts = find_facts(text, published=published, language="en", deadline=Deadline())
    return [f for f in facts if f["kind"] == "event"]


def event(type_, who, where, when, modality, quote, start, confidence):
    return {
        "kind": "event",
        "type": type_,
        "who": [{"name": name, "role": role} for name, role in who],
        "where": where,
        "when": when,
        "modality": modality,
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "confidence": confidence,
    }


STOLTENBERG = ("Jens Stoltenberg", "NATO Secretary General")


def test_visit_and_meeting_in_one_sentence_share_actor_place_and_time():
    text = "NATO Secretary General Jens Stoltenberg visited Baku in May and met President Ilham Aliyev."
    assert events(text) == [
        event("visit", [STOLTENBERG], "Baku", "2016-05", "occurred",
              "NATO Secretary General Jens Stoltenberg visited Baku in May", 0, 0.9),
        event("meeting", [STOLTENBERG, ("Ilham Aliyev", "President")], "Baku", "2016-05",
              "occurred", "met President Ilham Aliyev", 64, 0.9),
    ]  # fmt: skip


def test_planned_visit_resolves_a_bare_month_forward():
    text = "Special Representative James Appathurai will visit Baku in May."
    assert events(text) == [
        event("visit", [("James Appathurai", "Special Representative")], "Baku", "2017-05",
              "planned", "Special Representative James Appathurai will visit Baku in May", 0, 0.9)
    ]  # fmt: skip


def test_expected_to_and_plans_to_are_planned():
    text = (
        "The North Atlantic Council is expected to approve the plan. Azerbaijan plans to sign it."
    )
    assert [(f["type"], f["who"], f["modality"]) for f in events(text)] == [
        ("approval", [{"name": "North Atlantic Council", "role": None}], "planned"),
        ("signing", [], "planned"),
    ]


def test_no_visits_scheduled_is_negated_without_arguments():
    assert events("No high-level visits have been scheduled.") == [
        event(
            "visit", [], None, None, "negated", "No high-level visits have been scheduled", 0, 0.45
        )
    ]


def test_did_not_meet_is_negated_and_takes_no_date():
    text = "Head of Mission Khazar Ibrahim did not meet the delegation in Brussels last week."
    assert events(text) == [
        event("meeting", [("Khazar Ibrahim", "Head of Mission")], "Brussels", None, "negated",
              "Head of Mission Khazar Ibrahim did not meet the delegation in Brussels last week", 0, 0.8)
    ]  # fmt: skip


def test_two_clauses_keep_their_own_actors_and_dates():
    text = (
        "Parliament approved the increase in December after President Ilham Aliyev met NATO "
        "Secretary General Jens Stoltenberg in Brussels in November."
    )
    assert events(text, published="2018-01-09") == [
        event("approval", [("Parliament", None)], None, "2017-12", "occurred",
              "Parliament approved the increase in December", 0, 0.8),
        event("meeting", [("Ilham Aliyev", "President"), STOLTENBERG], "Brussels", "2017-11",
              "occurred",
              "President Ilham Aliyev met NATO Secretary General Jens Stoltenberg in Brussels in November",
              51, 0.9),
    ]  # fmt: skip


def test_pronoun_and_surname_point_back_at_the_person_introduced_with_a_role():
    text = (
        "Claudio Bisogniero, NATO Deputy Secretary General, visited Baku on 16 December. "
        "He met Foreign Minister Elmar Mammadyarov. Bisogniero will return in May."
    )
    deputy = ("Claudio Bisogniero", "NATO Deputy Secretary General")
    assert [(f["type"], [(w["name"], w["role"]) for w in f["who"]], f["where"], f["when"], f["modality"])
            for f in events(text, published="2008-12-16")] == [
        ("visit", [deputy], "Baku", "2008-12-16", "occurred"),
        ("meeting", [deputy, ("Elmar Mammadyarov", "Foreign Minister")], "Baku", "2008-12-16", "occurred"),
    ]  # fmt: skip


def test_speaker_after_the_trigger_is_not_a_participant_and_summit_is_not_a_place():
    text = (
        "No visits have been scheduled before the Warsaw Summit, Special Representative "
        "James Appathurai told Trend."
    )
    assert [(f["who"], f["where"], f["modality"]) for f in events(text)] == [([], None, "negated")]


def test_city_preferred_to_headquarters_and_weekday_from_the_anchor():
    text = "Azerbaijan and NATO signed the agreement at NATO Headquarters in Brussels on Monday."
    assert [(f["type"], f["who"], f["where"], f["when"]) for f in events(text, "2005-02-14")] == [
        ("signing", [], "Brussels", "2005-02-14")
    ]


def test_anaphoric_nouns_and_goals_met_are_not_events():
    text = "The visit was useful. The country has met its Partnership Goals. The talks went on."
    assert events(text) == []


def test_documents_sent_are_other_and_troops_sent_are_deployments():
    text = "The draft IPAP has been sent to NATO. Azerbaijan has sent 26 more servicemen to Kabul."
    assert [(f["type"], f["where"]) for f in events(text)] == [
        ("other", None),
        ("deployment", "Kabul"),
    ]


def test_a_name_without_a_role_before_the_trigger_and_a_visit_to_a_country():
    text = "Jens Stoltenberg paid an official visit to Georgia two days ago."
    assert events(text) == [
        event("visit", [("Jens Stoltenberg", None)], "Georgia", "2016-06-28", "occurred",
              "Jens Stoltenberg paid an official visit to Georgia two days ago", 0, 0.9)
    ]  # fmt: skip


def test_organisation_subjects_skip_dates_and_take_the_first_conjunct():
    text = (
        "On Monday NATO approved the plan. Azerbaijan and NATO signed it. "
        "In May the Azerbaijani Parliament approved the law."
    )
    assert [(f["type"], [w["name"] for w in f["who"]]) for f in events(text)] == [
        ("approval", ["NATO"]),
        ("signing", []),
        ("approval", ["Azerbaijani Parliament"]),
    ]
