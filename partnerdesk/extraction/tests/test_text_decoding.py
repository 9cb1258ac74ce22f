"""Stages S0 and S1: refusing non-text input and decoding text (pure, no database)."""

from __future__ import annotations

import hashlib
import random

import pytest

from partnerdesk.extraction.decoding import check_bytes, decode, fingerprint, looks_like_html
from partnerdesk.extraction.types import MAX_BYTES, ExtractionError

RUSSIAN = "НАТО и Азербайджан обсудили план сотрудничества в Баку.\n"  # noqa: RUF001


def _read(data: bytes) -> str:
    check_bytes(data)
    return decode(data)[0]


def _refusal(data: bytes) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        _read(data)
    return caught.value


def test_fingerprint_is_the_sha256_of_the_exact_bytes():
    assert fingerprint(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert fingerprint(b"abc\n") != fingerprint(b"abc")


def test_one_byte_over_the_limit_is_too_large():
    error = _refusal(b"a" * (MAX_BYTES + 1))
    assert error.code == "too_large"
    assert error.message == "The document has 5,000,001 bytes; the limit is 5,000,000 bytes."


def test_exactly_the_limit_is_accepted():
    check_bytes(b"a" * MAX_BYTES)


@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n"])
def test_empty_and_blank_input_is_empty(data):
    error = _refusal(data)
    assert (error.code, error.message) == ("empty", "The document is empty.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n...", "The document is a PDF file, not text or HTML."),
        (
            b"PK\x03\x04rest",
            "The document is a ZIP archive (or an Office document), not text or HTML.",
        ),
        (b"\x89PNG\r\n\x1a\nrest", "The document is a PNG image, not text or HTML."),
        (b"GIF89a....", "The document is a GIF image, not text or HTML."),
        (b"\xff\xd8\xff\xe0JFIF", "The document is a JPEG image, not text or HTML."),
    ],
)
def test_known_magic_numbers_are_binary(data, message):
    error = _refusal(data)
    assert (error.code, error.message) == ("binary", message)


def test_a_nul_byte_is_binary_with_its_offset():
    error = _refusal(b"Hello\x00world")
    assert (error.code, error.message) == (
        "binary",
        "The document contains a NUL byte at offset 5; it is not text.",
    )


def test_many_control_characters_are_binary():
    error = _refusal(b"ab\x01\x02" * 10)
    assert error.code == "binary"
    assert error.message == (
        "20 of the first 40 bytes are control characters; the document is not text."
    )


def test_random_bytes_are_refused_with_an_extraction_error():
    generator = random.Random(6)
    for _ in range(30):
        data = bytes(generator.getrandbits(8) for _ in range(2000))
        assert _refusal(data).code in ("binary", "encoding")


def test_utf8_without_bom():
    assert decode(RUSSIAN.encode()) == (RUSSIAN, "utf-8")


def test_utf8_bom_is_not_part_of_the_text():
    assert decode(b"\xef\xbb\xbfHello") == ("Hello", "utf-8")


def test_utf16_with_bom_passes_the_binary_check_and_decodes():
    data = b"\xff\xfe" + "Baku talks".encode("utf-16-le")
    check_bytes(data)
    assert decode(data) == ("Baku talks", "utf-16-le")


def test_meta_charset_wins_over_guessing():
    data = b'<html><head><meta charset="koi8-r"></head><body>' + RUSSIAN.encode("koi8-r")
    text, encoding = decode(data)
    assert encoding == "koi8-r"
    assert RUSSIAN in text


def test_windows_1251_is_recognised_by_its_cyrillic_words():
    assert decode(RUSSIAN.encode("cp1251")) == (RUSSIAN, "cp1251")


def test_western_single_byte_text_is_windows_1252():
    text = "Café société: the résumé was published in Brussels."
    assert decode(text.encode("cp1252")) == (text, "cp1252")


def test_mixed_encodings_are_refused_with_the_failing_offset():
    data = RUSSIAN.encode("utf-8") + RUSSIAN.encode("cp1251")
    error = _refusal(data)
    assert error.code == "encoding"
    assert len(RUSSIAN.encode("utf-8")) == 103
    assert error.message == (
        "The document mixes encodings: it contains UTF-8 characters, but byte 103 (0xCD) is not "
        "valid UTF-8; convert it to one encoding."
    )


def test_truncated_utf8_is_refused_as_truncated():
    data = "Встреча в Баку".encode()[:-1]
    error = _refusal(data)
    assert (error.code, error.message) == (
        "encoding",
        "The UTF-8 text ends in the middle of a character at byte 24; the file looks truncated.",
    )


def test_a_declared_charset_that_does_not_fit_is_an_encoding_error_with_offset():
    data = b'<meta charset="iso-2022-jp"><p>caf\xe9</p>'
    error = _refusal(data)
    assert (error.code, error.message) == (
        "encoding",
        "The document cannot be read as iso2022_jp: byte 34 (0xE9) is invalid there.",
    )


def test_a_utf16_declaration_in_ascii_markup_is_ignored():
    data = b'<meta charset="utf-16"><p>caf\xc3\xa9</p>'
    assert decode(data) == ('<meta charset="utf-16"><p>caf\u00e9</p>', "utf-8")


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", True),
        ("  <!-- saved -->\n<html lang='en'>", "page", True),
        ("<div class='article'>Text</div>", "scrape", True),
        ("<p>Scraped first line</p>\nSecond line\n", "scrape.txt", False),
        ("Title\n<span style='color: red;'>Body</span>\n", "scrape.txt", False),
        ("Plain words only.", "page.html", True),
        ("Plain words only.", "page.txt", False),
    ],
)
def test_html_is_sniffed_from_markup_then_file_name(text, source, expected):
    assert looks_like_html(text, source) is expected
