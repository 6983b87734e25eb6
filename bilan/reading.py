"""Reading articles: files, directories, standard input, JSONL corpora and HTML pages.

Every offset bilan reports indexes `Document.text`, the full text exactly as decoded
(metadata included, nothing removed or normalised), with two documented exceptions:

- a byte-order mark at the start of a file is dropped when decoding (it is an encoding
  signature, not text); it shifts every offset by the same one position, consistently;
- for HTML, `Document.text` is the text trafilatura extracted from the page.

Bad inputs never stop a batch: `iter_documents` yields a `ReadFailure` (one line naming
the input) and goes on. `read_path` and `read_text` raise `BilanError` instead.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import logging
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from datetime import date as calendar_date
from pathlib import Path
from typing import Any, BinaryIO

from bilan.model import BilanError, Document

log = logging.getLogger(__name__)

# Size cap per file (and per JSONL line; a JSONL corpus is streamed, so the file itself
# may be larger), in MB of 2**20 bytes. Calibrated on what articles weigh: a ~1,000-word
# article is ~7 KB of text and news pages with their inline scripts are rarely over 2 MB,
# so 10 MB leaves room for any article while refusing logs, dumps and videos before they
# are read into memory (and a 10 MB article is analysed in under 30 s and 600 MB:
# bench/adversarial.py --big-mb 10). $BILAN_MAX_MB (or the CLI's --max-mb) sets another.
DEFAULT_MAX_MB = 10
MAX_MB_VARIABLE = "BILAN_MAX_MB"
MAX_BYTES = DEFAULT_MAX_MB * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
# What a directory walk passes over: a folder of articles often holds its README, its
# annotations (gold.jsonl, gold_entities.jsonl) and documentation named in capitals
# (CLAIMS.md, NOTES.txt), which are not articles. A file named on the command line is read
# whatever its name.
DOC_PREFIXES = ("readme", "changelog", "license", "licence", "contributing")
_DOC_NAME = re.compile(r"[A-Z][A-Z0-9_-]*\.(md|txt)")

# Names under which metadata and JSONL records may give a language.
LANGUAGE_NAMES = {
    "fr": "fr",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "en": "en",
    "eng": "en",
    "english": "en",
    "anglais": "en",
}

# Metadata keys kept as Document fields; any other key goes to `Document.meta`.
DOCUMENT_KEYS = ("title", "url", "outlet", "lang", "date")
# A `key: value` block is metadata only if it names at least one of these keys, so that
# prose opening with "Update: ..." is not taken for metadata.
METADATA_KEYS = frozenset(DOCUMENT_KEYS + ("author", "language"))

# Binary sniffing over the first bytes: a NUL byte, or more control bytes than any text has.
SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.05  # text files have none besides \t \n \r \f; 5% leaves room for stray ones
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b") + b"\x7f"

# Legacy encodings tried when a file is not UTF-8: bilan reads French and English, whose
# legacy encodings are these (charset-normalizer alone mistook short French cp1252 text
# with "œ" for cp1250).
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman", "cp850"]

# Stopwords that tell French from English (a word in both languages, such as "a", "on",
# "plus", is in neither table). Counting them over the first characters is enough.
STOPWORDS = {
    "fr": frozenset(
        "le la les de des du un une et est sont que qui dans pour par sur au aux avec ce cette ces "
        "il elle ils elles ont été était pas ne son sa ses leur leurs selon mais ou où "
        "nous vous se qu l d c n j lui après avant depuis contre entre aussi comme tout tous très "
        "déjà être avoir fait dont cela ainsi encore".split()
    ),
    "en": frozenset(
        "the of and to in is that for was with as by are were have has had it its be been this "
        "from at which their they he she not but will would said says after than more who what "
        "when there into about over also could should we you his her them these those being "
        "while where just".split()
    ),
}
LANGUAGE_SAMPLE_CHARS = 2000
# Stopwords decide when there are at least 8 of them and one language has twice the other's
# (every article of the project's sets and of realdev); shorter texts go to py3langid.
STOPWORDS_DECIDE = 8
STOPWORDS_LEAD = 2
_WORD = re.compile(r"[a-zà-öø-ÿœæ]+")

_HTML_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2})(?:[T ][\d:.+\-Z]*)?)?")
_COMPACT = re.compile(r"\ufeff?[ \t]*[Dd]ate[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)[ \t]*([^\r\n]*)")
_FRONT_MATTER = re.compile(r"\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_KEY_VALUE = re.compile(r"[ \t]*([A-Za-z][\w-]{0,30})[ \t]*:[ \t]*(.*?)[ \t\r]*$")
_KEY_BLOCK = re.compile(r"\ufeff?((?:[ \t]*[A-Za-z][\w-]{0,30}[ \t]*:[^\n]*\n)+)[ \t\r]*(?:\n|\Z)")


@dataclass
class ReadFailure:
    """An input that could not be read as it should: one line, naming it, saying what to do."""

    source: str  # the path, "<stdin>" or "corpus.jsonl:17"
    message: str
    # Set when something could still be read (invalid bytes replaced): the batch processes
    # it and still counts the failure.
    document: Document | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


# --- dates and languages -------------------------------------------------------------


def parse_date(value: str, where: str) -> str:
    """`YYYY-MM` or `YYYY-MM-DD` (a trailing ISO time is dropped), checked on the calendar."""
    text = value.strip().strip("\"'")
    match = _DATE.fullmatch(text)
    if match:
        year, month, day = match.group(1), match.group(2), match.group(3)
        try:
            calendar_date(int(year), int(month), int(day or 1))
        except ValueError:
            pass
        else:
            return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    raise BilanError(f"{where} {value.strip()!r} is not a date; write YYYY-MM or YYYY-MM-DD")


def parse_language(value: str, where: str) -> str:
    key = value.strip().strip("\"'").lower()
    code = LANGUAGE_NAMES.get(key) or LANGUAGE_NAMES.get(re.split(r"[-_]", key)[0])
    if code is None:
        raise BilanError(f"{where} {value.strip()!r} is not a supported language; bilan reads fr and en")
    return code


def detect_language(text: str) -> str:
    """ "fr" or "en": by each language's stopwords when they are many and one language clearly
    leads (articles: py3langid never disagreed on 72 of them), else by py3langid restricted to
    French and English (headlines, pasted paragraphs: it got 11 of 11 short headlines right where
    stopwords got 6; DEPENDENCIES.md)."""
    words = _WORD.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    counts = {lang: sum(map(stopwords.__contains__, words)) for lang, stopwords in STOPWORDS.items()}
    leader, other = ("en", "fr") if counts["en"] > counts["fr"] else ("fr", "en")
    if counts[leader] >= STOPWORDS_DECIDE and counts[leader] >= STOPWORDS_LEAD * counts[other]:
        return leader
    if not any(ch.isalpha() for ch in text[:LANGUAGE_SAMPLE_CHARS]):
        return "fr"  # nothing to go on: bilan's first language
    return _language_identifier().classify(text[:LANGUAGE_SAMPLE_CHARS])[0]


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    """py3langid's model, restricted to French and English: loaded once, on the first short text
    (about 2 s, decompressing its model)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE)
    identifier.set_languages(["fr", "en"])
    return identifier


# --- decoding -------------------------------------------------------------------------


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the bytes are UTF-16 text with no byte-order mark:
    French and English are mostly ASCII, so every other byte is NUL, always the same one."""
    head = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(head) < 4:
        return None
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # Text: at least half of its characters ASCII (their high byte NUL), and almost no
    # NUL on the other side (a NUL character is not text). Binary formats fail either test.
    if odd >= half / 2 and even <= half / 100:
        return "utf-16-le"
    if even >= half / 2 and odd <= half / 100:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "binary file (NUL bytes), not text"
    controls = sum(head.count(byte) for byte in CONTROL_BYTES)
    if head and controls / len(head) > MAX_CONTROL_SHARE:
        return "binary file (control bytes), not text"
    return None


# Bytes that are not UTF-8 come out of "surrogateescape" as U+DC80..U+DCFF, one per byte.
_ESCAPED_TO_REPLACEMENT = {code: "\ufffd" for code in range(0xDC80, 0xDD00)}


def decode(data: bytes, *, declared: str | None = None, detect_legacy: bool = True) -> tuple[str, str | None]:
    """Bytes to text, and a warning when bytes had to be replaced.

    UTF-8 first (a BOM is dropped: see the module docstring); UTF-16/32 when their BOM says
    so; a file with no valid UTF-8 sequence is a legacy encoding, detected by
    charset-normalizer among the Western ones. A UTF-8 file with a few invalid bytes keeps
    each of them as one U+FFFD and the warning says how many and where: nothing is
    dropped and the reader is told. `declared` is the encoding the file itself names (an
    HTML page's `<meta charset>`), used when the bytes are not UTF-8 and decode with it.
    `detect_legacy=False` is for JSON, which is UTF-8 by definition.
    Raises BilanError for empty and binary data.
    """
    text, warning = _decode_bytes(data, declared, detect_legacy)
    if not text.strip():  # a legacy no-break space alone, a UTF-16 blank
        raise BilanError("empty file")
    return text, warning


def _decode_bytes(data: bytes, declared: str | None, detect_legacy: bool) -> tuple[str, str | None]:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                break  # not UTF-16/32 after all: go on as bytes
    skipped = 0
    if data.startswith(codecs.BOM_UTF8):
        skipped = len(codecs.BOM_UTF8)
        data = data[skipped:]
    if not data.strip():
        raise BilanError("empty file")
    utf16 = _utf16_without_bom(data) if not skipped else None
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise BilanError(
                f"{utf16.upper()} text without a byte-order mark, with invalid sequences: re-save it as UTF-8"
            ) from None
        head = text[:SNIFF_BYTES]
        controls = sum(1 for char in head if char < " " and char not in "\t\n\r\f")
        if controls <= MAX_CONTROL_SHARE * len(head):  # else binary data that looked like it
            return text, None
    binary = _looks_binary(data)
    if binary:
        raise BilanError(binary)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first_bad = error.start + skipped
    if declared:
        try:
            return data.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect as if there were none
    loose = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for char in loose if "\udc80" <= char <= "\udcff")
    if detect_legacy and not any(char > "\x7f" and not "\udc80" <= char <= "\udcff" for char in loose):
        # Not one valid multi-byte sequence: a legacy single-byte encoding. charset-normalizer
        # picks among the Western ones; it declines some short texts ("café été"), which
        # are then cp1252, the usual one for French and English (latin_1 if cp1252 cannot).
        from charset_normalizer import from_bytes  # imported here: only legacy files need it

        best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
        if best is not None:
            return str(best), None
        try:
            return data.decode("cp1252"), None
        except UnicodeDecodeError:
            return data.decode("latin_1"), None
    text = loose.translate(_ESCAPED_TO_REPLACEMENT)
    if invalid == 1:
        return text, f"1 invalid UTF-8 byte at byte {first_bad} replaced with U+FFFD; the rest was read"
    return text, f"{invalid} invalid UTF-8 bytes (the first at byte {first_bad}) replaced with U+FFFD; the rest was read"


# --- metadata -------------------------------------------------------------------------


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _parse_pairs(block: str, *, strict: bool) -> dict[str, str] | None:
    """`key: value` lines. Strict (a bare block): any other line means it is not metadata.
    Lenient (front matter, fenced by `---`): nested YAML (lists, indented maps) is skipped."""
    pairs: dict[str, str] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.fullmatch(line) if strict or not line[:1].isspace() else None
        if match:
            pairs[match.group(1).lower()] = _unquote(match.group(2))
        elif strict:
            return None
    return pairs


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def parse_metadata(text: str) -> tuple[dict[str, str], int]:
    """The metadata a text starts with (CLAIMS.md's three forms) and where its prose starts."""
    compact = _COMPACT.match(text)
    if compact:
        # The title is prose to analyse: the body starts with it.
        title = compact.group(2).strip()
        meta = {"date": compact.group(1)}
        if title:
            meta["title"] = title
            return meta, compact.start(2)
        return meta, _skip_blank(text, compact.end())
    front = _FRONT_MATTER.match(text)
    if front:
        pairs = _parse_pairs(front.group(1), strict=False)
        if pairs is not None:
            return pairs, _skip_blank(text, front.end())
    block = _KEY_BLOCK.match(text)
    if block:
        pairs = _parse_pairs(block.group(1), strict=True)
        if pairs and METADATA_KEYS.intersection(pairs):
            return pairs, _skip_blank(text, block.end())
    return {}, 0


def _apply_metadata(document: Document, meta: dict[str, str], where: str) -> None:
    for key, value in meta.items():
        if not value:
            continue
        if key == "date":
            document.date = parse_date(value, f"{where} date")
            document.date_source = "metadata"
        elif key in ("lang", "language"):
            document.lang = parse_language(value, f"{where} language")
        elif key in DOCUMENT_KEYS:
            setattr(document, key, value)
        else:
            document.meta[key] = value


def _apply_options(document: Document, lang: str | None, date: str | None) -> Document:
    if date is not None:
        document.date = parse_date(date, "--date")
        document.date_source = "option"
    if lang is not None:
        document.lang = parse_language(lang, "--lang")
    if document.lang is None:
        document.lang = detect_language(document.text[document.body_start :])
    return document


# --- readers of one text --------------------------------------------------------------


def read_text(
    text: str, id: str = "text", *, lang: str | None = None, date: str | None = None, path: str | None = None
) -> Document:
    """A document from plain text, reading the metadata it starts with (if any).

    `lang` and `date` override the metadata (`date_source="option"`); without either, the
    language is detected from the body. Raises BilanError for malformed dates or languages.
    """
    meta, body_start = parse_metadata(text)
    document = Document(id=id, text=text, body_start=body_start, path=path)
    _apply_metadata(document, meta, "metadata")
    return _apply_options(document, lang, date)


def _extract_html(html: str | bytes) -> Any:
    import trafilatura  # imported here: plain-text runs never pay for it

    options: dict[str, Any] = dict(
        with_metadata=True,
        include_comments=False,
        # Dates from the page's markup only: the extensive search guesses from copyright
        # lines and URLs ("© 2024" became 2024-01-01 in a test page).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    result = trafilatura.bare_extraction(html, **options)
    if result is None and (b"<body" if isinstance(html, bytes) else "<body") not in html[:4096]:
        # trafilatura finds nothing in a bare fragment of one paragraph: give it a page.
        wrapper = (b"<html><body>", b"</body></html>") if isinstance(html, bytes) else ("<html><body>", "</body></html>")
        result = trafilatura.bare_extraction(wrapper[0] + html + wrapper[1], **options)
    return result


# libxml2, under lxml and trafilatura, drops what is nested deeper than this (it reads 254
# nested divs inside body and html, not 255): a page beyond it is too deeply nested.
MAX_HTML_DEPTH = 256
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
_VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def html_depth(html: str | bytes) -> int:
    """How deeply the elements of a page nest, counting open and close tags (one linear scan)."""
    page = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    depth = deepest = 0
    for match in _TAG.finditer(page):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in _VOID_ELEMENTS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


# Fewer words than this in the extracted text is a page without an article (menus and
# footers extracted from article-less test pages gave 1 to 6 words; a news brief has 30+).
MIN_ARTICLE_WORDS = 8


def read_html(
    html: str | bytes, id: str = "html", *, url: str | None = None, lang: str | None = None, date: str | None = None
) -> Document:
    """A document from an HTML page: trafilatura's main text, with title, date and URL.

    Offsets index the extracted text, which is `Document.text`; `meta["format"]` is
    "html". Raises BilanError when the page holds no article text.
    """
    result = _extract_html(html)
    text = (result.text or "") if result is not None else ""
    if len(_WORD.findall(text.lower())) < MIN_ARTICLE_WORDS:
        depth = html_depth(html)
        if depth > MAX_HTML_DEPTH:
            raise BilanError(
                f"HTML page too deeply nested ({depth:,} levels of elements, over the {MAX_HTML_DEPTH} "
                "the HTML parser reads): no article text found"
            )
        raise BilanError("no article text found in this HTML page")
    # meta["format"] tells cleaning that figures and their captions are already gone.
    document = Document(
        id=id,
        text=text,
        title=result.title or None,
        url=url or result.url or None,
        outlet=result.sitename or None,
        meta={"format": "html"},
    )
    if result.date:
        try:
            document.date = parse_date(result.date, "page date")
            document.date_source = "metadata"
        except BilanError:
            pass  # a page date we cannot read is no date, not a failure of the article
    return _apply_options(document, lang, date)


def url_id(url: str) -> str:
    """A document id for a page known by its URL: 16 hex digits of its SHA-1."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


# --- files ----------------------------------------------------------------------------


def max_bytes(megabytes: float | None = None) -> int:
    """The size cap of one article, in bytes: `megabytes` if given, else $BILAN_MAX_MB, else
    DEFAULT_MAX_MB. Raises BilanError for a value that is not a positive number."""
    where = "the size cap"
    if megabytes is None:
        value = os.environ.get(MAX_MB_VARIABLE, "").strip()
        if not value:
            return MAX_BYTES
        where = f"${MAX_MB_VARIABLE}"
        try:
            megabytes = float(value)
        except ValueError:
            raise BilanError(f"{where} is {value!r}, not a number of megabytes") from None
    if not math.isfinite(megabytes) or megabytes <= 0:
        raise BilanError(f"{where} is {megabytes:g} MB: give a positive number of megabytes")
    return max(1, int(megabytes * 1_048_576))


def _size_text(size: int, digits: str) -> str:
    return f"{size / 1_048_576:{digits}} MB" if size >= 1_048_576 else f"{size / 1024:{digits}} kB"


def _cap_text(cap: int) -> str:
    return f"the {_size_text(cap, '.4g')} limit for one article (--max-mb or ${MAX_MB_VARIABLE} sets it)"


def _size_message(size: int, cap: int) -> str:
    return f"file is {_size_text(size, '.1f')}, over {_cap_text(cap)}; split it or give a JSONL corpus"


def _open_file(path: Path, cap: int) -> BinaryIO:
    """Open a regular file for reading, refusing what would block or is not a file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise BilanError("broken symbolic link: its target does not exist") from None
        raise BilanError("no such file or directory") from None
    except PermissionError:
        raise BilanError("permission denied: cannot read this file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BilanError("symbolic link loop: it never leads to a file") from None
        raise BilanError(f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise BilanError("a directory, not a file (give it to iter_documents or `bilan check` to read what it holds)")
    if not stat.S_ISREG(info.st_mode):
        raise BilanError("not a regular file (a FIFO, socket or device): cannot read it as an article")
    if info.st_size > cap and path.suffix.lower() not in JSONL_SUFFIXES:
        raise BilanError(_size_message(info.st_size, cap))
    try:
        return path.open("rb")
    except PermissionError:
        raise BilanError("permission denied: cannot read this file") from None
    except OSError as error:
        raise BilanError(f"cannot read: {error.strerror or error}") from None


def _read_limited(stream: BinaryIO, cap: int) -> bytes:
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise BilanError(f"over {_cap_text(cap)}; split it or give a JSONL corpus")
    return data


def _document_from_bytes(
    data: bytes, source: str, id: str, suffix: str, path: str | None, lang: str | None, date: str | None
) -> Iterator[Document | ReadFailure]:
    try:
        declared = _HTML_CHARSET.search(data[:SNIFF_BYTES]) if suffix in HTML_SUFFIXES else None
        text, warning = decode(data, declared=declared.group(1).decode("ascii") if declared else None)
        if suffix in HTML_SUFFIXES:
            document = read_html(text, id, lang=lang, date=date)
            document.path = path
        else:
            document = read_text(text, id, lang=lang, date=date, path=path)
    except BilanError as error:
        yield ReadFailure(source, str(error))
        return
    yield ReadFailure(source, warning, document) if warning else document


def _record_document(record: Any, source: str, fallback_id: str, lang: str | None, date: str | None, path: str) -> Document:
    if not isinstance(record, dict):
        raise BilanError("a JSONL line must be a JSON object with a 'text' or 'html' field")
    text, html = record.get("text"), record.get("html")
    content = text if text is not None else html
    if not isinstance(content, str) or not content.strip():
        raise BilanError("no 'text' or 'html' string in this record")
    url = record.get("url")
    url = url if isinstance(url, str) and url else None
    id = record_id(record, fallback_id)
    if text is not None:
        document = read_text(text, id, path=path)
    else:
        document = read_html(html, id, url=url)
        document.path = path
    fields = {
        key: str(value)
        for key, value in record.items()
        if key not in ("id", "text", "html") and value is not None and not isinstance(value, (dict, list))
    }
    _apply_metadata(document, fields, "record")
    return _apply_options(document, lang, date)


def record_id(record: dict, fallback_id: str) -> str:
    """A JSONL record's document id: its `id`, else the hash of its `url`, else `fallback_id`."""
    id_value = record.get("id")
    if id_value not in (None, ""):
        return str(id_value)
    url = record.get("url")
    return url_id(url) if isinstance(url, str) and url else fallback_id


def _holds_article(record: dict) -> bool:
    """Whether a record looks like an article at all (any of a corpus's fields), even a broken one."""
    return any(key in record for key in ("text", "html", "id", "url", "title"))


def unexpected(error: BaseException) -> str:
    """The one line for a failure bilan did not foresee (a bug, or an input it should refuse)."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"unexpected failure ({type(error).__name__}{': ' + first[:200] if first else ''}); please report it"


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BilanError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise BilanError(
            f"JSON value nested too deeply (over {sys.getrecursionlimit()} levels) to be an article record"
        ) from None
    except ValueError:  # json reads integers with int(), which refuses more than 4,300 digits
        raise BilanError(f"a JSON number of over {sys.get_int_max_str_digits():,} digits: no article record holds one") from None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(record: dict) -> tuple[dict, str | None]:
    """A record whose strings hold no lone surrogate (JSON may escape one, "\\ud800"; it is
    not a character and cannot be written as UTF-8): each becomes U+FFFD, and a warning says so."""
    count = 0

    def clean(value: Any) -> Any:
        nonlocal count
        if not isinstance(value, str):
            return value
        value, n = _LONE_SURROGATE.subn("\ufffd", value)
        count += n
        return value

    cleaned = {clean(key): clean(value) for key, value in record.items()}
    if not count:
        return record, None
    return (
        cleaned,
        f"{count} lone surrogate escape{'s' if count > 1 else ''} (\\ud800-\\udfff, not characters) replaced with U+FFFD",
    )


def _iter_jsonl(path: Path, lang: str | None, date: str | None, cap: int) -> Iterator[Document | ReadFailure]:
    try:
        stream = _open_file(path, cap)
    except BilanError as error:
        yield ReadFailure(str(path), str(error))
        return
    with stream:
        head = stream.read(SNIFF_BYTES)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
            yield ReadFailure(str(path), "UTF-16 text, but a JSONL corpus is UTF-8 (as JSON is): re-save it as UTF-8")
            return
        if _looks_binary(head):
            yield ReadFailure(str(path), "binary file, not a JSONL corpus")
            return
        stream.seek(0)
        number = 0
        documents = 0
        # The line that first gave each id: a second record with it is refused, never
        # stored over the first (which would lose one of them on every re-ingest).
        first_line_of: dict[str, int] = {}
        while True:
            line = stream.readline(cap + 1)
            if not line:
                break
            number += 1
            source = f"{path}:{number}"
            if len(line) > cap and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of this line
                    line = stream.readline(cap)
                yield ReadFailure(source, f"line over {_cap_text(cap)}")
                continue
            if not line.strip() or line.strip() == codecs.BOM_UTF8:  # a blank line, maybe saved with a BOM
                continue
            record = None
            try:
                text, warning = decode(line, detect_legacy=False)
                record = _parse_json(text)
                if isinstance(record, dict):
                    record, replaced = _without_lone_surrogates(record)
                    if replaced:
                        warning = "; ".join(filter(None, (warning, replaced)))
                if documents == 0 and isinstance(record, dict) and not _holds_article(record):
                    # not a corpus at all (a gold file beside the articles): one line, not one a record
                    yield ReadFailure(
                        str(path),
                        "not a corpus of articles: its first record has none of the "
                        "fields text, html, id, url, title; the file was skipped",
                    )
                    return
                if isinstance(record, dict):
                    id = record_id(record, f"{path.stem}-{number}")
                    first = first_line_of.setdefault(id, number)
                    if first != number:
                        raise BilanError(
                            f"duplicate id {id!r}: {path}:{first} has it already; this record was "
                            "not read (give each record its own id)"
                        )
                document = _record_document(record, source, f"{path.stem}-{number}", lang, date, str(path))
            except BilanError as error:
                yield ReadFailure(source, str(error))
                continue
            except Exception as error:  # noqa: BLE001 - one record never stops its corpus
                yield ReadFailure(source, unexpected(error))
                continue
            documents += 1
            yield ReadFailure(source, warning, document) if warning else document


def _iter_file(path: Path, lang: str | None, date: str | None, cap: int) -> Iterator[Document | ReadFailure]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _iter_jsonl(path, lang, date, cap)
        return
    try:
        with _open_file(path, cap) as stream:
            data = _read_limited(stream, cap)
    except BilanError as error:
        yield ReadFailure(str(path), str(error))
        return
    except OSError as error:  # an I/O error while reading (a failing disk, a vanished mount)
        yield ReadFailure(str(path), f"cannot read: {error.strerror or error}")
        return
    yield from _document_from_bytes(data, str(path), path.stem, suffix, str(path), lang, date)


def read_path(
    path: str | Path, *, lang: str | None = None, date: str | None = None, max_mb: float | None = None
) -> list[Document]:
    """The documents of one file (one, or one per line of a JSONL corpus), each at most
    `max_mb` MB (default: `max_bytes()`).

    Strict: raises BilanError, one line naming the file (or `file:line`), on the first
    problem, including invalid bytes; `iter_documents` reads what it can and goes on.
    """
    documents: list[Document] = []
    for item in _iter_file(Path(path), lang, date, max_bytes(max_mb)):
        if isinstance(item, ReadFailure):
            raise BilanError(str(item))
        documents.append(item)
    return documents


def is_not_an_article(name: str) -> bool:
    """Whether a directory walk skips this file name (see `DOC_PREFIXES`)."""
    lowered = name.lower()
    return (
        lowered.startswith(DOC_PREFIXES)
        or (lowered.startswith("gold") and lowered.endswith(".jsonl"))
        or _DOC_NAME.fullmatch(name) is not None
    )


def _walk_tree(directory: Path, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str]]]:
    """Each directory and the names of what it holds besides directories, below it first:
    os.walk without its recursion (Python 3.11's recurses once per level: a tree 1,000
    levels deep raised RecursionError); hidden directories and links to directories are
    not entered."""
    pending = [str(directory)]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as entries:
                files, below = [], []
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:  # a symbolic link loop: a file that cannot be read
                        is_dir = False
                    if not is_dir:
                        files.append(entry.name)
                    elif not entry.is_symlink() and not entry.name.startswith("."):
                        below.append(entry.path)
        except OSError as error:
            onerror(error)
            continue
        yield root, files
        pending.extend(below)


def walk(directory: Path) -> tuple[list[Path], list[ReadFailure]]:
    """Files of known suffixes under a directory, recursively and sorted, hidden ones
    skipped; and a failure for each subdirectory that could not be listed."""
    found: list[Path] = []
    failures: list[ReadFailure] = []

    def unlisted(error: OSError) -> None:
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or str(error))
        failures.append(ReadFailure(str(error.filename or directory), f"cannot list this directory: {reason}"))

    for root, files in _walk_tree(directory, unlisted):
        for name in files:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in KNOWN_SUFFIXES:
                continue
            if is_not_an_article(name):
                log.info("%s: skipped, a README, gold or documentation file, not an article", Path(root, name))
                continue
            found.append(Path(root, name))
    return sorted(found), failures


def iter_documents(
    paths: Iterable[str],
    *,
    lang: str | None = None,
    date: str | None = None,
    exclude: Iterable[str | Path] = (),
    max_mb: float | None = None,
) -> Iterator[Document | ReadFailure]:
    """Documents from files, directories (recursively) and "-" (standard input), each at
    most `max_mb` MB (default: `max_bytes()`: $BILAN_MAX_MB, else 10); a file or JSONL line
    over it is a ReadFailure naming the cap.

    `exclude` names files a directory walk passes over (`bilan eval` excludes its gold file).

    Never raises for a bad input: it yields a ReadFailure naming it and goes on. A failure
    that carries a document (replaced bytes) is followed by nothing else for that input:
    the caller processes `failure.document` and counts the failure. Invalid `lang` or
    `date` options, or an invalid cap, raise BilanError at once, since they would fail every document.
    """
    cap = max_bytes(max_mb)
    if date is not None:
        parse_date(date, "--date")
    if lang is not None:
        parse_language(lang, "--lang")
    for name in paths:
        if name == "-":
            try:
                data = _read_limited(sys.stdin.buffer, cap)
            except BilanError as error:
                yield ReadFailure("<stdin>", str(error))
                continue
            yield from _guarded("<stdin>", _document_from_bytes(data, "<stdin>", "stdin", ".txt", None, lang, date))
            continue
        path = Path(name)
        if path.is_dir():
            files, failures = walk(path)
            yield from failures
            # realpath, not Path.resolve: it never raises, even on a symbolic link loop
            skipped = {os.path.realpath(p) for p in exclude}
            for file in files:
                if skipped and os.path.realpath(file) in skipped:
                    continue
                yield from _guarded(str(file), _iter_file(file, lang, date, cap))
        else:
            yield from _guarded(name, _iter_file(path, lang, date, cap))


def _guarded(source: str, items: Iterator[Document | ReadFailure]) -> Iterator[Document | ReadFailure]:
    """The items of one input; an unforeseen exception while reading it is its failure, and
    the batch goes on with the next input."""
    try:
        yield from items
    except Exception as error:  # noqa: BLE001 - one input never stops the batch
        yield ReadFailure(source, unexpected(error))
