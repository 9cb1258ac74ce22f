"""Stage S5 mechanism mentions: one code per mechanism, longest variant wins, no partial words."""

from partnerdesk.extraction.facts import find_facts
from partnerdesk.extraction.facts.lexicon import lexicon
from partnerdesk.extraction.types import MECHANISM_CODES, Deadline

PUBLISHED = "2016-06-30T16:00:00+04:00"


def mechanisms(text):
    facts = find_facts(text, published=PUBLISHED, language="en", deadline=Deadline())
    return [f for f in facts if f["kind"] == "mechanism"]


def test_variant_names_map_to_one_code_each():
    text = (
        "Azerbaijan joined the Partnership for Peace (PfP) and later the PARP; its Partnership "
        "Goals and OCC Evaluation and Feedback results went to the Euro-Atlantic Disaster "
        "Response Coordination Centre."
    )
    assert mechanisms(text) == [
        {
            "kind": "mechanism",
            "mechanism": "PFP",
            "quote": "Partnership for Peace",
            "start": 22,
            "end": 43,
            "confidence": 0.98,
        },
        {
            "kind": "mechanism",
            "mechanism": "PFP",
            "quote": "PfP",
            "start": 45,
            "end": 48,
            "confidence": 0.95,
        },
        {
            "kind": "mechanism",
            "mechanism": "PARP",
            "quote": "PARP",
            "start": 64,
            "end": 68,
            "confidence": 0.95,
        },
        {
            "kind": "mechanism",
            "mechanism": "PARP_GOALS",
            "quote": "Partnership Goals",
            "start": 74,
            "end": 91,
            "confidence": 0.98,
        },
        {
            "kind": "mechanism",
            "mechanism": "OCC_EF",
            "quote": "OCC Evaluation and Feedback",
            "start": 96,
            "end": 123,
            "confidence": 0.98,
        },
        {
            "kind": "mechanism",
            "mechanism": "EADRCC",
            "quote": "Euro-Atlantic Disaster Response Coordination Centre",
            "start": 144,
            "end": 195,
            "confidence": 0.98,
        },
    ]


def test_staff_elements_trust_funds_and_operations():
    text = (
        "A Partnership Staff Element and a Partnership Headquarters Element exist; a trust fund "
        "and the PfP Trust Fund too; Resolute Support replaced ISAF; KFOR remains."
    )
    assert [(f["mechanism"], f["quote"]) for f in mechanisms(text)] == [
        ("PSE", "Partnership Staff Element"),
        ("PSE", "Partnership Headquarters Element"),
        ("TRUST_FUND", "trust fund"),
        ("TRUST_FUND", "PfP Trust Fund"),
        ("RSM", "Resolute Support"),
        ("ISAF", "ISAF"),
        ("KFOR", "KFOR"),
    ]


def test_lower_case_trust_fund_is_less_certain_than_a_named_one():
    facts = mechanisms("a trust fund and the NATO Trust Fund")
    assert [(f["quote"], f["confidence"]) for f in facts] == [
        ("trust fund", 0.85),
        ("NATO Trust Fund", 0.98),
    ]


def test_no_match_inside_other_words_or_in_the_wrong_case():
    text = (
        "The SPSS software, the IPAPx file, MAPS, the deep sea and the word pfp are not mechanisms."
    )
    assert mechanisms(text) == []


def test_names_tolerate_line_breaks_and_case():
    facts = mechanisms("the individual partnership\naction plan")
    assert [(f["mechanism"], f["quote"]) for f in facts] == [
        ("IPAP", "individual partnership\naction plan")
    ]


def test_every_gazetteer_code_is_a_contract_code():
    codes = set(lexicon("en").mechanism_by_variant.values())
    assert codes <= set(MECHANISM_CODES)
    assert len(codes) == len(MECHANISM_CODES)
