"""`prepare()`: stages S0–S3 end to end, and garbage that must only ever raise ExtractionError.

Fixtures are written for these tests; they imitate only the layout of outlet pages.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from typing import Any

import pytest

from partnerdesk.extraction.text import prepare
from partnerdesk.extraction.types import MAX_BYTES, CleanDocument, Deadline, ExtractionError

PLAIN = """Trend News Agency
Baku, Tuesday, 17 November 2026 | Baku +9°C
Loading...
Envoy: talks with Baku stay regular
Envoy: talks with Baku stay regular
18 February 2016 14:40 (UTC+04:00)
BAKU, Azerbaijan, by Orkhan Safarli - Trend:
The envoy said the dialogue with Baku remained regular and practical.
<span style="font-size: 12pt;">He praised the contribution of 94 servicemen to the mission.</span>
Follow Trend on X and Telegram
"""

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ambassador: close to 200 events last year | APA.AZ</title>
  <meta property="og:site_name" content="APA.AZ">
  <meta name="author" content="Someone Else">
</head>
<body>
  <div class="top-bar"><span class="today">Monday, 23 November 2026</span></div>
  <header><a class="logo" href="/">APA.AZ</a><ul class="menu"><li>Politics</li></ul></header>
  <main>
    <article>
      <div class="breadcrumbs"><a href="/">Home</a> / <a href="/politics/">Politics</a></div>
      <h1>Ambassador: close to 200 events last year</h1>
      <div class="meta">
        <span class="date">30 June 2016 16:00 (UTC +04:00)</span>
        <div class="author">By Leyla Hasanova</div>
      </div>
      <div class="article-body">
        <p>The ambassador described 2015 as a busy year for the partnership.</p>
        <p><span style="color: #1f1f1f;">Specialists took part in close to 200 events, he said.</span></p>
        <p>Follow us on Facebook, X and Telegram</p>
      </div>
      <div class="tags">Tags: <a href="/tag/nato">NATO</a></div>
    </article>
    <aside class="related"><h3>Related news</h3><ul><li>Other story <span class="time">10:00</span></li></ul></aside>
  </main>
  <footer><p>© 2005-2026 APA Information Agency. All rights reserved.</p></footer>
</body>
</html>"""


def _prepare(data: bytes, source: str = "doc.txt", **kwargs: Any) -> CleanDocument:
    return prepare(data, source, deadline=Deadline(5.0), **kwargs)


def _refusal(data: bytes, **kwargs: Any) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        prepare(data, "doc", deadline=kwargs.pop("deadline", Deadline(5.0)), **kwargs)
    return caught.value


def test_plain_text_end_to_end():
    data = PLAIN.encode()
    document = _prepare(data, "trend.txt")
    assert document.source == "trend.txt"
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.raw_text == PLAIN
    assert document.text == (
        "The envoy said the dialogue with Baku remained regular and practical.\n"
        "He praised the contribution of 94 servicemen to the mission."
    )
    assert document.title == "Envoy: talks with Baku stay regular"
    assert document.outlet == "Trend"
    assert document.author == "Orkhan Safarli"
    assert document.published == "2016-02-18T14:40:00+04:00"
    assert document.language == "en"
    assert document.url is None
    assert document.content_type == "text/plain"


def test_plain_text_boilerplate_spans_are_sorted_raw_lines():
    document = _prepare(PLAIN.encode())
    pieces = [PLAIN[start:end] for start, end in document.boilerplate]
    assert pieces == [
        "Trend News Agency",
        "Baku, Tuesday, 17 November 2026 | Baku +9°C",
        "Loading...",
        "Envoy: talks with Baku stay regular",
        "Envoy: talks with Baku stay regular",
        "18 February 2016 14:40 (UTC+04:00)",
        "BAKU, Azerbaijan, by Orkhan Safarli - Trend:",
        "Follow Trend on X and Telegram",
    ]


def test_html_end_to_end():
    document = _prepare(HTML.encode(), "page.html", url="https://en.apa.az/foreign-policy/x-1")
    assert document.text == (
        "The ambassador described 2015 as a busy year for the partnership.\n"
        "Specialists took part in close to 200 events, he said."
    )
    assert document.title == "Ambassador: close to 200 events last year"
    assert document.outlet == "APA"
    assert document.author == "Leyla Hasanova"
    assert document.published == "2016-06-30T16:00:00+04:00"
    assert document.language == "en"
    assert document.url == "https://en.apa.az/foreign-policy/x-1"
    assert document.content_type == "text/html"


def test_html_boilerplate_spans_cover_dropped_markup_and_never_the_body():
    document = _prepare(HTML.encode(), "page.html")
    spans = document.boilerplate
    assert list(spans) == sorted(spans)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    pieces = [HTML[start:end] for start, end in spans]
    assert (
        '<div class="top-bar"><span class="today">Monday, 23 November 2026</span></div>' in pieces
    )
    assert "Follow us on Facebook, X and Telegram" in pieces
    body_start = HTML.index("The ambassador")
    assert not any(start <= body_start < end for start, end in spans)


def test_html_outlet_from_og_site_name_without_url():
    document = _prepare(HTML.encode(), "page.html")
    assert document.outlet == "APA"
    assert document.published == "2016-06-30T16:00:00+04:00"


def test_an_apa_dateline_without_offset_gives_the_day_only():
    page = HTML.replace(" (UTC +04:00)", "")
    document = _prepare(page.encode(), "page.html", url="https://en.apa.az/x")
    assert document.published == "2016-06-30"


def test_an_article_header_gives_metadata_and_keeps_its_standfirst():
    page = (
        "<html><body><article><header><h1>Envoy in Baku</h1>"
        '<p class="lead">The envoy arrived in Baku on Monday for two days of talks.</p>'
        '<a rel="author" href="/a/1">Jane Writer</a><time datetime="2016-06-30">30 June 2016</time>'
        "</header><p>He met the foreign minister and the defence minister.</p></article></body></html>"
    )
    document = _prepare(page.encode(), "p.html")
    assert document.title == "Envoy in Baku"
    assert document.author == "Jane Writer"
    assert document.published == "2016-06-30"
    assert document.text == (
        "The envoy arrived in Baku on Monday for two days of talks.\n"
        "He met the foreign minister and the defence minister."
    )


def test_meta_dates_are_used_when_the_page_has_no_dateline():
    page = (
        '<html><head><script type="application/ld+json">{"datePublished": "2005-05-27"}</script>'
        "</head><body><h1>Plan agreed</h1><p>The Council approved the plan.</p></body></html>"
    )
    document = _prepare(page.encode(), "p.html")
    assert (document.title, document.published) == ("Plan agreed", "2005-05-27")


def test_a_dateline_without_offset_takes_the_offset_of_meta_for_the_same_minute():
    page = (
        '<html><head><meta property="article:published_time" content="2017-05-31T11:05:00+04:00">'
        '</head><body><article><h1>Exercise starts</h1><span class="news-date">31 May, 2017 11:05</span>'
        "<p>A battalion started an evaluation exercise.</p></article></body></html>"
    )
    document = _prepare(page.encode(), "p.html", url="https://report.az/en/x/")
    assert document.published == "2017-05-31T11:05:00+04:00"


def test_a_day_only_dateline_takes_time_and_offset_from_meta_for_the_same_day():
    page = (
        '<html><head><meta property="article:published_time" content="2017-05-31T11:05:00+04:00">'
        '</head><body><article><h1>Exercise starts</h1><span class="date">31 May 2017</span>'
        "<p>A battalion started an evaluation exercise.</p></article></body></html>"
    )
    assert _prepare(page.encode(), "p.html").published == "2017-05-31T11:05:00+04:00"
    other_day = page.replace("31 May 2017", "30 May 2017")
    assert _prepare(other_day.encode(), "p.html").published == "2017-05-30"
    other_time = page.replace("31 May 2017", "31 May 2017 09:00")
    assert _prepare(other_time.encode(), "p.html").published == "2017-05-31"


def test_a_time_written_without_offset_keeps_only_the_date():
    raw = "Today.Az\nHeadline of the day\n15 January 2008 [14:43] - Today.Az\nThe ministry said 40 peacekeepers now serve.\n"
    document = _prepare(raw.encode())
    assert (document.outlet, document.published) == ("Today.az", "2008-01-15")


def test_a_page_with_only_a_banner_date_has_no_publication_date():
    raw = "Monday, 23 November 2026\nHeadline words\nThe minister met the envoy in Baku and discussed the plan.\n"
    document = _prepare(raw.encode())
    assert document.published is None
    assert document.text == "The minister met the envoy in Baku and discussed the plan."


def test_russian_windows_1251_document():
    raw = "Министр обсудил план\n30 июня 2016, 16:00\nМинистр заявил, что сотрудничество с НАТО будет продолжено.\n"  # noqa: RUF001
    document = _prepare(raw.encode("cp1251"))
    assert document.raw_text == raw
    assert document.title == "Министр обсудил план"
    assert document.published == "2016-06-30"
    assert document.language == "ru"
    assert document.text == "Министр заявил, что сотрудничество с НАТО будет продолжено."  # noqa: RUF001


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"%PDF-1.4\n", "binary"),
        (b"a" * (MAX_BYTES + 1), "too_large"),
        (b"<html><body>" + b"<div>" * 10_000 + b"</body></html>", "too_deep"),
        ("Встреча".encode()[:-1], "encoding"),
        ("Встреча в Баку. ".encode() + "Встреча в Баку.".encode("cp1251"), "encoding"),
        (b"Loading...\nFollow us on Telegram\n", "empty"),
        (b"<html><body><nav>Menu</nav><footer>Foot</footer></body></html>", "empty"),
    ],
)
def test_bad_input_is_refused_with_a_code(data, code):
    assert _refusal(data).code == code


def test_no_body_left_has_a_message_for_people():
    error = _refusal(b"Loading...\n")
    assert error.message == (
        "No article text is left once menus, banners and other boilerplate are removed."
    )


def test_a_spent_deadline_is_a_timeout():
    error = _refusal(PLAIN.encode(), deadline=Deadline(seconds=-1.0))
    assert error.code == "timeout"


def test_garbage_only_ever_raises_extraction_errors():
    generator = random.Random(2026)
    alphabet = [
        b"<div>",
        b"</div>",
        b"<p>",
        b"<!--",
        b"&amp;",
        b"\xd0\x9d",
        b"\xff",
        b" ",
        b"\n",
        b"a",
        b"<",
    ]
    samples = [bytes(generator.getrandbits(8) for _ in range(500)) for _ in range(20)]
    samples += [b"".join(generator.choice(alphabet) for _ in range(400)) for _ in range(40)]
    samples += [
        b"<html>" + b"".join(generator.choice(alphabet) for _ in range(400)) for _ in range(40)
    ]
    outcomes = set()
    for data in samples:
        try:
            document = prepare(data, "garbage", deadline=Deadline(5.0))
        except ExtractionError as error:
            outcomes.add(error.code)
        else:
            assert document.sha256 == hashlib.sha256(data).hexdigest()
            outcomes.add("ok")
    assert outcomes <= {"ok", "binary", "encoding", "empty"}
    assert "binary" in outcomes
