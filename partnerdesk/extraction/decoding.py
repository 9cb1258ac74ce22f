"""Stages S0 and S1 of the extraction pipeline: refuse what is not text, then decode it.

Standard library only. The order of evidence for the encoding is: a byte-order mark, a
`<meta charset>` declaration, valid UTF-8, then a choice between Windows-1251 (Cyrillic) and
Windows-1252/Latin-1 by what the decoded letters look like. A text that is partly UTF-8 and
partly something else, or UTF-8 cut off in the middle of a character, is refused with the byte
offset where reading failed.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from partnerdesk.extraction.types import MAX_BYTES, ExtractionError

MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CONTROL_RATIO = 0.02  # more control bytes than this (besides tab, newlines, form feed) = binary
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")


def fingerprint(data: bytes) -> str:
    """The sha256 hex digest of the exact bytes (the document's identity)."""
    return hashlib.sha256(data).hexdigest()


def check_bytes(data: bytes) -> None:
    """Refuse input that is too large, empty or binary (stage S0), before any decoding.

    Text with a UTF-16/32 byte-order mark is let through although it contains NUL bytes.
    """
    if len(data) > MAX_BYTES:
        raise ExtractionError(
            "too_large",
            f"The document has {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes.",
        )
    if not data.strip():
        raise ExtractionError("empty", "The document is empty.")
    for magic, what in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise ExtractionError("binary", f"The document is {what}, not text or HTML.")
    if _bom(data) is not None:
        return
    sample = data[:65_536]
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise ExtractionError(
            "binary", f"The document contains a NUL byte at offset {nul}; it is not text."
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > CONTROL_RATIO * len(sample):
        raise ExtractionError(
            "binary",
            f"{controls} of the first {len(sample)} bytes are control characters; "
            "the document is not text.",
        )


def _bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return bom, encoding
    return None


def declared_charset(data: bytes) -> str | None:
    """The codec named by a `<meta charset>` / `http-equiv` declaration near the top, if known."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # A declaration readable as ASCII cannot be in UTF-16/32 (the HTML standard reads it as UTF-8).
    return None if name.startswith(("utf-16", "utf-32")) else name


def decode(data: bytes) -> tuple[str, str]:
    """Decode `data` to text (stage S1); returns (text, codec name). A BOM is not part of the text.

    Raises ExtractionError("encoding") naming the byte offset where decoding failed.
    """
    bom = _bom(data)
    if bom is not None:
        marker, encoding = bom
        return _strict(data[len(marker) :], encoding, offset=len(marker)), encoding
    declared = declared_charset(data)
    if declared is not None and declared not in ("utf-8", "ascii"):
        if declared in ("latin-1", "iso8859-1", "cp1252"):
            declared = _single_byte(data)
        return _strict(data, declared, offset=0), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
        if error.reason == "unexpected end of data" and error.end == len(data):
            raise ExtractionError(
                "encoding",
                f"The UTF-8 text ends in the middle of a character at byte {first_bad}; "
                "the file looks truncated.",
            ) from None
    if _utf8_share(data) >= 0.1:
        raise ExtractionError(
            "encoding",
            f"The document mixes encodings: it contains UTF-8 characters, but byte {first_bad} "
            f"(0x{data[first_bad]:02X}) is not valid UTF-8; convert it to one encoding.",
        )
    encoding = _single_byte(data)
    return _strict(data, encoding, offset=0), encoding


def _strict(data: bytes, encoding: str, *, offset: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ExtractionError(
            "encoding",
            f"The document cannot be read as {encoding}: byte {error.start + offset} "
            f"(0x{data[error.start]:02X}) is invalid there.",
        ) from None


def _utf8_share(data: bytes) -> float:
    """Share of the non-ASCII bytes that form well-formed UTF-8 multi-byte characters."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(len(ch.encode("utf-8")) for ch in text if ord(ch) > 127 and ch != "\ufffd")
    total = valid + invalid
    return valid / total if total else 0.0


def _single_byte(data: bytes) -> str:
    """Windows-1251 when the non-ASCII letters read as whole Cyrillic words, else 1252/Latin-1."""
    as_cyrillic = data.decode("cp1251", errors="replace")
    cyrillic_words = mixed_words = 0
    for word in _WORD.findall(as_cyrillic):
        if _CYRILLIC.search(word):
            cyrillic_words += 1
            if _LATIN_LETTER.search(word):
                mixed_words += 1
    if cyrillic_words and mixed_words * 5 <= cyrillic_words:
        return "cp1251"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


_HTML_STRONG = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_WEAK = re.compile(r"\s*<(?:article|main|div|section|p|h1)\b", re.IGNORECASE)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str, source: str = "") -> bool:
    """HTML when the text opens with document markup or has `<html>/<head>/<body>` near the top.

    A fragment opening with a block element (`<div>`, `<p>` …) counts too unless the file is
    named *.txt (scraped text may start with a stray tag); a file named *.html/*.htm is HTML.
    """
    head = text[:4096]
    if _HTML_STRONG.match(head) or _HTML_ANYWHERE.search(head):
        return True
    name = source.lower()
    if _HTML_WEAK.match(head) and not name.endswith(".txt"):
        return True
    return name.endswith((".html", ".htm", ".xhtml"))
