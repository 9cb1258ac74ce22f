"""Stage S2b: the line classifier on scraped plain text (pure, no database).

Fixtures are written for these tests; they imitate only the layout of outlet pages.
"""

from __future__ import annotations

from typing import Any

from partnerdesk.extraction.boilerplate import (
    Cleaned,
    classify,
    dateline,
    plain_lines,
    strip_site_suffix,
)
from partnerdesk.extraction.metadata import outlet_for_name, outlet_for_url
from partnerdesk.extraction.types import Deadline

SCRAPED = """AZERNEWS
Monday, 23 November 2026
Nation | Business | Region | Culture | Sport
Loading...
Allies review the partnership plan
Allies review the partnership plan
15 November 2016 10:23 (UTC+04:00)
By Aysel Mammadli
Allies met in Brussels to review the partnership plan, the press office said.
<span style="font-size: 12pt;">The current stage covers 2015-2016 &amp; a new draft is due.</span>
Experts will visit Baku in December.
Follow us on Telegram and Facebook to get the latest news from AZERNEWS
Latest news
Minister meets visiting delegation
Forum to open in June
LOADING...
© 2026 AZERNEWS. Materials may be quoted with a link to the source.
"""


def _classify(raw: str, **kwargs: Any) -> Cleaned:
    return classify(plain_lines(raw, Deadline(5.0)), deadline=Deadline(5.0), raw=raw, **kwargs)


def test_every_line_gets_its_kind():
    result = _classify(SCRAPED, outlet=None)
    assert result.kinds == [
        "site",
        "banner",
        "boilerplate",
        "boilerplate",
        "title",
        "title",
        "dateline",
        "byline",
        "body",
        "body",
        "body",
        "boilerplate",
        "boilerplate",
        "teaser",
        "teaser",
        "teaser",
        "boilerplate",
    ]


def test_body_metadata_and_outlet():
    result = _classify(SCRAPED, outlet=None)
    assert [line.text for line in result.body] == [
        "Allies met in Brussels to review the partnership plan, the press office said.",
        "The current stage covers 2015-2016 & a new draft is due.",
        "Experts will visit Baku in December.",
    ]
    assert result.title == "Allies review the partnership plan"
    assert result.author == "Aysel Mammadli"
    assert result.outlet is not None
    assert result.outlet.name == "Azernews"
    assert result.published is not None
    assert result.published.iso() == "2016-11-15T10:23:00+04:00"


def test_removed_spans_are_the_raw_lines():
    result = _classify(SCRAPED, outlet=None)
    removed = [SCRAPED[start:end] for start, end in sorted(result.removed)]
    assert removed[:8] == [
        "AZERNEWS",
        "Monday, 23 November 2026",
        "Nation | Business | Region | Culture | Sport",
        "Loading...",
        "Allies review the partnership plan",
        "Allies review the partnership plan",
        "15 November 2016 10:23 (UTC+04:00)",
        "By Aysel Mammadli",
    ]
    assert removed[-1] == "© 2026 AZERNEWS. Materials may be quoted with a link to the source."
    assert len(removed) == 14
    start = SCRAPED.index("Monday")
    assert (start, start + len("Monday, 23 November 2026")) in result.removed


def test_the_banner_crawl_date_is_not_the_publication_date():
    raw = "Trend News Agency\nTuesday, 17 November 2026 | Baku +9°C\nHeadline here\n"
    raw += "The minister said the talks in Brussels had been useful and frank.\n"
    result = _classify(raw, outlet=None)
    assert result.kinds[:3] == ["site", "banner", "title"]
    assert result.published is None


def test_a_date_only_banner_above_an_earlier_dateline_is_skipped():
    raw = (
        "Civil.ge\nNovember 21, 2026\nNews | Politics | Security\n04/06/2019 - 12:10\n"
        "Flood warning system presented\nA warning system funded by the programme was presented.\n"
    )
    result = _classify(raw, outlet=None)
    assert result.published.iso() == "2019-06-04"


def test_of_two_date_lines_above_the_title_the_earlier_one_is_published():
    raw = (
        "Azatutyun / RFE/RL Armenian Service\nArmenia | World | Video\nLoading...\n"
        "November 21, 2026\nDecember 05, 2017\nPeacekeepers stay\n"
        "Armenia will keep its contingent in the mission next year, the ministry said.\n"
    )
    result = _classify(raw, outlet=None)
    assert result.kinds[:6] == [
        "site",
        "boilerplate",
        "boilerplate",
        "dateline",
        "dateline",
        "title",
    ]
    assert result.published.iso() == "2017-12-05"
    assert result.outlet.name == "Azatutyun"


def test_an_updated_stamp_is_never_the_publication_date():
    raw = "Headline words\nPublished: 3 March 2014\nUpdated: 5 March 2014 10:00\n"
    raw += "The ministry said the plan had been sent to the Alliance for comments.\n"
    result = _classify(raw, outlet=None)
    assert result.kinds[:3] == ["title", "dateline", "dateline"]
    assert result.published.iso() == "2014-03-03"


def test_stray_tags_and_entities_are_resolved_in_text_but_spans_cover_the_raw_line():
    raw = "<p>First <b>bold</b> line&nbsp;here.</p>\nSecond<br>part.\n"
    lines = plain_lines(raw, Deadline(5.0))
    assert [line.text for line in lines] == ["First bold line here.", "Second part."]
    assert raw[lines[0].start : lines[0].end] == "<p>First <b>bold</b> line&nbsp;here.</p>"


def test_a_teaser_block_ends_at_the_first_sentence():
    raw = (
        "Headline of the story\nThe first paragraph of the story ends with a full stop.\n"
        "Read also:\nShort teaser one\nShort teaser two\n"
        "The story goes on after the teasers with another sentence of text.\n"
    )
    result = _classify(raw, outlet=None)
    assert result.kinds == ["title", "body", "boilerplate", "teaser", "teaser", "body"]


def test_an_agency_lead_prefix_is_cut_with_its_raw_span():
    raw = (
        "Report.az\nBattalion starts evaluation\n"
        "Baku. 31 May. REPORT.AZ/ On Wednesday, a battalion started a NATO evaluation exercise.\n"
    )
    result = _classify(raw, outlet=None)
    assert [line.text for line in result.body] == [
        "On Wednesday, a battalion started a NATO evaluation exercise."
    ]
    start = raw.index("Baku.")
    assert (start, start + len("Baku. 31 May. REPORT.AZ/ ")) in result.removed
    assert result.outlet.name == "Report.az"


def test_a_trend_byline_line_gives_the_author():
    raw = (
        "Trend News Agency\nEnvoy speaks\n18 February 2016 14:40 (UTC+04:00)\n"
        "BAKU, Azerbaijan, by Orkhan Safarli - Trend:\n"
        "No visits have been scheduled before the summit, the envoy told Trend.\n"
    )
    result = _classify(raw, outlet=None)
    assert result.kinds == ["site", "title", "dateline", "byline", "body"]
    assert result.author == "Orkhan Safarli"


def test_a_bare_name_next_to_the_dateline_is_the_author():
    raw = (
        "APA.AZ\nEnvoy encourages reforms\n30 June 2017 12:15 (UTC +04:00)\nLeyla Hasanova\n"
        "The envoy said the new plan puts education at its centre, in an interview.\n"
    )
    result = _classify(raw, outlet=None)
    assert result.kinds == ["site", "title", "dateline", "byline", "body"]
    assert result.author == "Leyla Hasanova"


def test_a_title_with_the_site_suffix_counts_as_a_repetition():
    raw = (
        "Minister visits Brussels\nMinister visits Brussels - APA\n"
        "The minister arrived in Brussels for talks with the Secretary General.\n"
    )
    result = _classify(raw, outlet=outlet_for_url("https://apa.az/x"))
    assert result.kinds == ["title", "title", "body"]
    assert result.title == "Minister visits Brussels"


def test_short_lines_without_punctuation_at_the_edges_are_boilerplate():
    raw = (
        "The minister arrived in Brussels for talks with the Secretary General.\n"
        "Both sides praised the partnership and agreed to meet again.\n"
        "Politics\nNATO Azerbaijan\n"
    )
    result = _classify(raw, outlet=None)
    assert result.kinds == ["body", "body", "edge", "edge"]
    assert result.title is None


def test_a_headline_may_end_with_a_question_mark():
    raw = "Will NATO open an office in Baku?\nThe question was raised at a conference in Baku on Monday.\n"
    result = _classify(raw, outlet=None)
    assert result.title == "Will NATO open an office in Baku?"
    assert result.kinds == ["title", "body"]


def test_a_lone_headline_with_no_sentence_after_it_is_not_taken_as_title():
    raw = "NATO and Azerbaijan discussed the plan in Baku\n"
    result = _classify(raw, outlet=None)
    assert result.title is None
    assert [line.text for line in result.body] == ["NATO and Azerbaijan discussed the plan in Baku"]


def test_html_lines_keep_the_markup_title_and_do_not_guess_one():
    raw = "First short line\nA sentence of body text that ends with a stop.\n"
    result = _classify(raw, outlet=None, guess_title=False)
    assert result.title is None
    assert result.kinds == ["edge", "body"]


def test_dateline_accepts_labels_outlet_names_and_bylines_but_not_sentences():
    found = dateline("15 January 2008 [14:43] - Today.Az")
    assert found is not None
    assert found.date.iso() == "2008-01-15"
    found = dateline("Posted on 3 May 2017 | By Jane Writer | Views: 1234")
    assert (found.date.iso(), found.author, found.updated) == ("2017-05-03", "Jane Writer", False)
    assert dateline("The plan was approved on 7 March 2008 by the Council.") is None


def test_site_suffixes_are_stripped_only_for_known_sites():
    apa = outlet_for_name("APA")
    assert strip_site_suffix("Envoy visits Baku | APA.AZ", apa) == "Envoy visits Baku"
    assert (
        strip_site_suffix("Envoy visits Baku | Some Blog", None, "Some Blog") == "Envoy visits Baku"
    )
    assert strip_site_suffix("Baku - a city of winds", None) == "Baku - a city of winds"


def test_outlet_phrases_apply_to_their_outlet_only():
    raw = (
        "The Council approved the plan after a meeting with the partner in Brussels.\n"
        "Page last updated: 27 May 2005 12:00\nFurther information\n"
        "The plan covers defence and security sector reform for the coming years.\n"
    )
    nato = _classify(raw, outlet=outlet_for_name("NATO"))
    assert nato.kinds == ["body", "boilerplate", "boilerplate", "body"]
    other = _classify(raw, outlet=outlet_for_name("APA"))
    assert other.kinds == ["body", "dateline", "body", "body"]
    assert other.published is None  # a last-update stamp is not a publication date


def test_a_title_case_headline_next_to_the_dateline_is_not_an_author():
    raw = (
        "30 June 2016\nNATO Chief Visits Baku\n"
        "The Secretary General arrived in Baku for talks with the President on Thursday.\n"
    )
    result = _classify(raw, outlet=None)
    assert result.kinds == ["dateline", "title", "body"]
    assert (result.title, result.author) == ("NATO Chief Visits Baku", None)
