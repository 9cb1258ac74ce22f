"""Stage S2a: the tree-less HTML walk (pure, no database)."""

from __future__ import annotations

import pytest

from partnerdesk.extraction.boilerplate import rules
from partnerdesk.extraction.html import MAX_DEPTH, HtmlPage, parse_html
from partnerdesk.extraction.types import Deadline, ExtractionError


def _parse(raw: str, *, prune: tuple[str, ...] = (), deadline: Deadline | None = None) -> HtmlPage:
    return parse_html(
        raw,
        drop_tags=rules().drop_tags,
        drop_marks=rules().drop_marks + prune,
        keep_marks=rules().keep_marks,
        deadline=deadline or Deadline(5.0),
    )


def _body(page: HtmlPage) -> list[str]:
    return [line.text for line in page.lines if line.zone == "body"]


PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>Envoy visits Baku | Example Agency</title>
  <meta property="og:title" content="Envoy visits Baku">
  <meta property="article:published_time" content="2016-06-30T16:00:00+04:00">
  <meta name="author" content="Desk Writer">
  <link rel="canonical" href="https://en.apa.az/news/1">
  <script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2016-06-30"}]}</script>
  <style>p { color: red; }</style>
</head>
<body>
  <header><div class="logo">Example Agency</div><nav><a href="/">Home</a></nav></header>
  <main>
    <article>
      <header><h1>Envoy visits Baku</h1><time datetime="2016-06-30T16:00">30 June 2016 16:00</time></header>
      <p>The envoy arrived in Baku on Thursday &amp; met the minister.</p>
      <p>He said<br>cooperation <b>would</b> continue.</p>
      <div class="share-buttons">Share on X</div>
      <script>var hidden = "<p>not text</p>";</script>
    </article>
    <article class="card"><p>Other story teaser</p></article>
  </main>
  <footer><p>Copyright line</p></footer>
</body>
</html>"""


def test_paragraphs_become_lines_and_dropped_elements_leave_no_text():
    page = _parse(PAGE)
    assert _body(page) == [
        "The envoy arrived in Baku on Thursday & met the minister.",
        "He said",
        "cooperation would continue.",
    ]
    all_text = " ".join(line.text for line in page.lines)
    assert "Share on X" not in all_text
    assert "not text" not in all_text
    assert "Copyright line" not in all_text
    assert "color: red" not in all_text


def test_a_header_inside_the_article_is_read_for_metadata_only():
    page = _parse(PAGE)
    meta = [(line.text, line.hint) for line in page.lines if line.zone == "meta"]
    assert meta == [("Envoy visits Baku", "title"), ("30 June 2016 16:00", "date")]


def test_the_article_with_most_text_holds_the_body_and_other_cards_are_outside():
    page = _parse(PAGE)
    outside = [line.text for line in page.lines if line.zone == "outside"]
    assert outside == ["Other story teaser"]


def test_head_metadata_is_collected():
    page = _parse(PAGE)
    assert page.title_tag == "Envoy visits Baku | Example Agency"
    assert page.meta["og:title"] == "Envoy visits Baku"
    assert page.meta["article:published_time"] == "2016-06-30T16:00:00+04:00"
    assert page.meta["author"] == "Desk Writer"
    assert page.lang == "en-gb"
    assert page.canonical == "https://en.apa.az/news/1"
    assert page.times == ["2016-06-30T16:00"]
    assert page.json_ld == [
        {"@graph": [{"@type": "NewsArticle", "datePublished": "2016-06-30"}]},
        {"@type": "NewsArticle", "datePublished": "2016-06-30"},
    ]


def test_dropped_spans_are_exact_raw_offsets_of_whole_elements():
    page = _parse(PAGE)
    pieces = [PAGE[start:end] for start, end in page.dropped]
    assert pieces[0].startswith('<script type="application/ld+json">{"@graph"')
    assert pieces[1] == "<style>p { color: red; }</style>"
    assert (
        '<header><div class="logo">Example Agency</div><nav><a href="/">Home</a></nav></header>'
        in pieces
    )
    assert '<div class="share-buttons">Share on X</div>' in pieces
    assert '<script>var hidden = "<p>not text</p>";</script>' in pieces
    assert "<footer><p>Copyright line</p></footer>" in pieces


def test_line_spans_point_at_the_raw_paragraph_text():
    page = _parse(PAGE)
    line = next(x for x in page.lines if x.text.startswith("The envoy"))
    assert (
        PAGE[line.start : line.end]
        == "The envoy arrived in Baku on Thursday &amp; met the minister."
    )


def test_outlet_prune_marks_drop_their_elements():
    raw = "<html><body><p>Kept paragraph text.</p><div class='lenta-x'>Feed</div></body></html>"
    assert _body(_parse(raw)) == ["Kept paragraph text.", "Feed"]
    assert _body(_parse(raw, prune=("lenta",))) == ["Kept paragraph text."]


def test_hidden_elements_are_dropped():
    raw = '<html><body><p>Seen.</p><p hidden>Unseen.</p><p style="display: none">Gone.</p></body></html>'
    assert _body(_parse(raw)) == ["Seen."]


def test_ten_thousand_nested_divs_are_refused_as_too_deep():
    raw = "<html><body>" + "<div>" * 10_000 + "x" + "</div>" * 10_000 + "</body></html>"
    with pytest.raises(ExtractionError) as caught:
        _parse(raw)
    assert caught.value.code == "too_deep"
    assert caught.value.message == (
        "The HTML nests more than 400 elements deep (at character 2002); it was refused."
    )


def test_nesting_up_to_the_limit_is_accepted():
    depth = MAX_DEPTH - 2  # html and body are open too
    raw = "<html><body>" + "<div>" * depth + "Deep text." + "</div>" * depth + "</body></html>"
    assert _body(_parse(raw)) == ["Deep text."]


def test_unclosed_paragraphs_and_list_items_do_not_nest():
    raw = "<html><body>" + "<p>para " * 2000 + "<ul>" + "<li>item" * 2000 + "</ul></body></html>"
    page = _parse(raw)
    assert len(_body(page)) == 4000


def test_broken_markup_and_unknown_entities_do_not_fail():
    raw = "<html><body><p>Open <b>bold <i>both</table></td><p>Second &amp; &#x41; &bogus; line"
    assert _body(_parse(raw)) == ["Open bold both", "Second & A &bogus; line"]


def test_deeply_nested_json_ld_is_ignored_without_error():
    raw = '<html><head><script type="application/ld+json">' + "[" * 5000 + "]" * 5000
    raw += "</script></head><body><p>Text.</p></body></html>"
    page = _parse(raw)
    assert page.json_ld == []
    assert _body(page) == ["Text."]


def test_a_spent_deadline_stops_the_walk_with_timeout():
    raw = "<html><body>" + "<p>x</p>" * 200 + "</body></html>"
    with pytest.raises(ExtractionError) as caught:
        _parse(raw, deadline=Deadline(seconds=-1.0))
    assert caught.value.code == "timeout"
