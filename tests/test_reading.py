"""Reading: metadata forms, encodings, HTML, JSONL corpora and every bad input of the issue."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

import bilan
from hypothesis import given, settings
from hypothesis import strategies as st

from bilan.model import BilanError, Document
from bilan.reading import (
    MAX_BYTES,
    ReadFailure,
    decode,
    detect_language,
    iter_documents,
    read_html,
    read_path,
    read_text,
    url_id,
)

ARTICLE_FR = (
    "L'armée russe a perdu au moins 105 960 soldats depuis l'invasion, d'après le "
    "ministère ukrainien de la Défense, qui publie chaque matin ses chiffres."
)
ARTICLE_EN = (
    "More than 100,000 Russian troops have been killed since the invasion began, the "
    "Ukrainian defence ministry said on Monday, in its daily update of the losses."
)


def page(paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head>{head}</head><body><nav><a href='/'>Accueil</a></nav><article>{body}</article></body></html>"


ARTICLE_PAGE = page(
    [ARTICLE_FR, "Par ailleurs, 2 940 chars et 5 860 camions blindés auraient été détruits, selon les chiffres diffusés à Kyiv."],
    head=(
        "<title>Pertes russes | Le Journal</title>"
        "<meta property='og:title' content='Pertes russes'>"
        "<meta property='og:url' content='https://example.com/pertes'>"
        "<meta property='article:published_time' content='2023-01-05T10:00:00Z'>"
    ),
)


# --- the three metadata forms -----------------------------------------------------------

METADATA_CASES = [
    # (text, expected fields, where the body starts: the text it starts with)
    pytest.param(
        " date 2022-08 Des images dramatiques de chars incendiés.\n\nLe tyran russe pensait...",
        {"date": "2022-08", "date_source": "metadata", "title": "Des images dramatiques de chars incendiés.", "lang": "fr"},
        "Des images dramatiques",
        id="compact-fr",
    ),
    pytest.param(
        "date 2024-11-12 Russia suffers its deadliest day of the war\nRussia lost 1,950 troops on Monday, the army said.",
        {"date": "2024-11-12", "date_source": "metadata", "title": "Russia suffers its deadliest day of the war", "lang": "en"},
        "Russia suffers",
        id="compact-en-full-date",
    ),
    pytest.param(
        "url: https://example.com/a\ndate: 2023-01-05\nlang: fr\ntitle: Les pertes russes\noutlet: Le Journal\nauthor: Jessie Neal\n\nLes pertes russes s'alourdissent.",
        {
            "date": "2023-01-05",
            "date_source": "metadata",
            "title": "Les pertes russes",
            "url": "https://example.com/a",
            "outlet": "Le Journal",
            "lang": "fr",
            "meta": {"author": "Jessie Neal"},
        },
        "Les pertes russes s'alourdissent",
        id="key-value-fr",
    ),
    pytest.param(
        "Title: Russian losses mount\nDate: 2023-01\nURL: https://example.com/b\n\nThe army lost 500 tanks in a month.",
        {"date": "2023-01", "title": "Russian losses mount", "url": "https://example.com/b", "lang": "en"},
        "The army lost",
        id="key-value-en-capitalised-keys",
    ),
    pytest.param(
        "---\ntitle: \"Les pertes de l'ennemi\"\ndate: 2024-05-13\nlang: fr-FR\ntags: [guerre, bilan]\n---\n\nLes pertes totales de l'ennemi sont estimées à...",
        {"date": "2024-05-13", "title": "Les pertes de l'ennemi", "lang": "fr", "meta": {"tags": "[guerre, bilan]"}},
        "Les pertes totales",
        id="yaml-fr",
    ),
    pytest.param(
        "---\ntitle: Russian losses\ndate: '2022-12-21'\noutlet: The Sun\n---\nPutin has lost 100,000 soldiers, officials said.",
        {"date": "2022-12-21", "title": "Russian losses", "outlet": "The Sun", "lang": "en"},
        "Putin has lost",
        id="yaml-en-quoted-date",
    ),
    pytest.param(
        "---\ntitle: Pertes\ntags:\n  - guerre\n  - bilan\nauthor:\n  name: Jessie Neal\ndate: 2024-11\n---\nLes pertes russes s'alourdissent.",
        {"date": "2024-11", "title": "Pertes", "lang": "fr"},
        "Les pertes russes",
        id="yaml-nested-values-skipped",
    ),
    pytest.param(
        "Source: Ukrainian General Staff\n\nRussia lost 1,200 troops in a day.",
        {"date": None, "lang": "en", "meta": {}},
        "Source: Ukrainian",
        id="source-line-is-prose",
    ),
    pytest.param(
        "Kyiv: the army lost 200 tanks in a week, the general staff said.\n\nMore to come.",
        {"date": None, "date_source": None, "title": None, "lang": "en"},
        "Kyiv: the army",
        id="prose-with-colon-is-not-metadata",
    ),
    pytest.param(
        "Mise à jour: les pertes russes continuent de grimper selon l'état-major.\n\nLa suite.",
        {"date": None, "lang": "fr"},
        "Mise à jour",
        id="key-value-without-known-key-is-prose",
    ),
]


@pytest.mark.parametrize(("text", "expected", "body"), METADATA_CASES)
def test_metadata_forms(text: str, expected: dict, body: str) -> None:
    document = read_text(text, "doc")
    assert document.text == text  # nothing removed or normalised
    assert text[document.body_start :].startswith(body)
    for field_name, value in expected.items():
        assert getattr(document, field_name) == value, field_name


@pytest.mark.parametrize(("text", "expected", "body"), METADATA_CASES)
def test_metadata_forms_with_crlf_line_ends(text: str, expected: dict, body: str) -> None:
    text = text.replace("\n", "\r\n")
    document = read_text(text, "doc")
    assert text[document.body_start :].startswith(body.replace("\n", "\r\n"))
    for field_name, value in expected.items():
        assert getattr(document, field_name) == value, field_name


def test_compact_form_without_title_starts_body_at_next_line() -> None:
    document = read_text(" date 2022-08\n\nLe corps de l'article commence ici.")
    assert document.date == "2022-08"
    assert document.title is None
    assert document.text[document.body_start :].startswith("Le corps")


def test_options_override_metadata() -> None:
    document = read_text(" date 2022-08 Titre de l'article.\n\nCorps.", date="2023-01-05", lang="en")
    assert (document.date, document.date_source, document.lang) == ("2023-01-05", "option", "en")


@pytest.mark.parametrize(
    ("text", "option", "message"),
    [
        ("date: 2023-13\ntitle: x\n\nCorps.", None, "metadata date '2023-13' is not a date"),
        ("---\ndate: 05/01/2023\n---\nCorps.", None, "metadata date '05/01/2023' is not a date"),
        (" date 2023-02-30 Titre\n\nCorps.", None, "metadata date '2023-02-30' is not a date"),
        ("Corps de l'article.", "2023-1-5", "--date '2023-1-5' is not a date"),
        ("Corps de l'article.", "2023-01 5", "--date '2023-01 5' is not a date"),
        ("lang: de\ntitle: x\n\nKörper.", None, "metadata language 'de' is not a supported language"),
    ],
)
def test_invalid_dates_and_languages_are_clear_errors(text: str, option: str | None, message: str) -> None:
    with pytest.raises(BilanError, match=message) as raised:
        read_text(text, date=option)
    assert "\n" not in str(raised.value)


def test_iso_datetime_in_metadata_keeps_the_day() -> None:
    assert read_text("date: 2023-01-05T10:00:00Z\n\nCorps.").date == "2023-01-05"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ARTICLE_FR, "fr"),
        (ARTICLE_EN, "en"),
        ("Les forces russes ont perdu 200 chars.", "fr"),
        ("Russia has lost 200 tanks, officials said.", "en"),
        ("", "fr"),  # nothing to go on: French, bilan's first language
        ("1 800 / 44 000", "fr"),
        # headlines and pasted paragraphs, too short for stopwords: py3langid decides
        ("Ukraine: 1,100 Russian troops killed overnight", "en"),
        ("General Staff: Russia has lost 400,000 troops", "en"),
        ("Oryx : 3 000 chars russes détruits", "fr"),
        ("Kiev : 1 100 soldats russes tués en 24 heures", "fr"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_a_headline_alone_gives_its_claim() -> None:
    analysis = bilan.analyse(read_text("Ukraine: 1,100 Russian troops killed overnight", date="2024-11-12"), analysers=False)
    assert analysis.document.lang == "en"
    assert [(c.value, c.category, c.side) for c in analysis.claims] == [(1100, "personnel_killed", "russia")]


def test_language_detected_from_body_not_metadata_values() -> None:
    text = "title: The war in Ukraine: the losses of the army\n\nLes forces russes ont perdu des milliers de chars et de soldats depuis le début."
    assert read_text(text).lang == "fr"


# --- decoding ---------------------------------------------------------------------------


def test_utf8_bom_is_dropped() -> None:
    text, warning = decode(b"\xef\xbb\xbf date 2022-08 Titre")
    assert (text, warning) == (" date 2022-08 Titre", None)
    assert read_text(text).date == "2022-08"


def test_utf16_with_bom() -> None:
    assert decode("Les pertes de l’armée".encode("utf-16")) == ("Les pertes de l’armée", None)


@pytest.mark.parametrize(
    "text",
    [
        "Le général a dit que l’armée a perdu ses chars – c’est « énorme » – œuvre.",
        "Les pertes à l'été: 1 800 chars détruits.",
        "café été",
    ],
)
def test_cp1252_french_reads_right(text: str) -> None:
    assert decode(text.encode("cp1252")) == (text, None)


def test_cp1252_seed_reads_right(seeds_dir: Path, tmp_path: Path) -> None:
    original = (seeds_dir / "000_dd917d69f1ca4539.txt").read_text("utf-8")
    legacy = tmp_path / "000_dd917d69f1ca4539.txt"
    legacy.write_bytes(original.encode("cp1252", errors="replace"))
    expected = original.encode("cp1252", errors="replace").decode("cp1252")
    (document,) = read_path(legacy)
    assert document.text == expected
    assert document.date == "2022-08"


def test_invalid_utf8_bytes_are_replaced_one_for_one_and_reported() -> None:
    data = "Les pertes: 1 800 chars détruits. ".encode() + b"\xff\xfe" + b" Suite."
    text, warning = decode(data)
    assert text == "Les pertes: 1 800 chars détruits. \ufffd\ufffd Suite."
    assert warning == "2 invalid UTF-8 bytes (the first at byte 35) replaced with U+FFFD; the rest was read"


def test_one_invalid_byte_names_its_offset() -> None:
    text, warning = decode("Été ".encode() + b"\x80" + b" fin")
    assert text == "Été \ufffd fin"
    assert warning == "1 invalid UTF-8 byte at byte 6 replaced with U+FFFD; the rest was read"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty file"), (b" \n\t\n", "empty file"), (b"abc\x00def", "binary file"), (bytes(range(1, 9)) * 50, "binary file")],
)
def test_decode_refuses_empty_and_binary(data: bytes, message: str) -> None:
    with pytest.raises(BilanError, match=message):
        decode(data)


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_decode_never_fails_but_with_a_bilan_error(data: bytes) -> None:
    try:
        text, warning = decode(data)
    except BilanError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(text, str) and text.strip()
    assert warning is None or "\n" not in warning


@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and "\x00" not in t))
@settings(max_examples=200, deadline=None)
def test_decode_round_trips_utf8_text(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded, warning = decode(data)
    except BilanError:
        return  # control characters: refused as binary
    assert warning is None
    assert decoded == text.removeprefix("\ufeff")


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_read_text_keeps_text_and_body_within_it(text: str) -> None:
    try:
        document = read_text(text)
    except BilanError as error:
        assert "not a date" in str(error) or "language" in str(error)
        return
    assert document.text == text
    assert 0 <= document.body_start <= len(text)
    assert document.lang in ("fr", "en")


# --- HTML -------------------------------------------------------------------------------


def test_read_html_extracts_text_and_page_metadata() -> None:
    document = read_html(ARTICLE_PAGE, "pertes")
    assert ARTICLE_FR in document.text
    assert "Accueil" not in document.text  # navigation left out by trafilatura
    assert document.title == "Pertes russes"
    assert document.url == "https://example.com/pertes"
    assert (document.date, document.date_source, document.lang) == ("2023-01-05", "metadata", "fr")
    start = document.text.index("105 960")
    assert document.text[start : start + 7] == "105 960"  # offsets index the extracted text


def test_read_html_options_override_page() -> None:
    document = read_html(ARTICLE_PAGE, date="2023-02", lang="fr", url="https://other.example/x")
    assert (document.date, document.date_source, document.url) == ("2023-02", "option", "https://other.example/x")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div>menu</div></body></html>",
        "<html><head><title>Shop</title></head><body><nav><a href='/'>Home</a> | <a>News</a></nav><footer>© 2024 Example Ltd.</footer></body></html>",
        "<html><body></body></html>",
    ],
)
def test_html_without_article_is_an_error(html: str) -> None:
    with pytest.raises(BilanError, match="no article text found"):
        read_html(html)


def test_html_file_through_read_path(tmp_path: Path) -> None:
    path = tmp_path / "pertes.html"
    path.write_text(ARTICLE_PAGE, "utf-8")
    (document,) = read_path(path)
    assert (document.id, document.path, document.title) == ("pertes", str(path), "Pertes russes")


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "legacy.htm"
    html = page(
        [ARTICLE_FR, "Les chars détruits s’accumulent près de Kharkiv, où l’armée avance."], "<meta charset='windows-1252'>"
    )
    path.write_bytes(html.encode("cp1252"))
    (document,) = read_path(path)
    assert ARTICLE_FR in document.text
    assert "s’accumulent" in document.text


# --- JSONL corpora ----------------------------------------------------------------------


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_jsonl_records_and_their_fields(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            json.dumps(
                {"id": "a1", "text": ARTICLE_FR, "date": "2023-01", "title": "Pertes", "outlet": "Le Journal", "section": "monde"}
            ),
            json.dumps({"url": "https://example.com/en", "text": ARTICLE_EN, "lang": "en"}),
            json.dumps({"id": 7, "html": ARTICLE_PAGE}),
            "",
        ],
    )
    first, second, third = read_path(corpus)
    assert (first.id, first.date, first.date_source, first.title, first.outlet, first.lang) == (
        "a1",
        "2023-01",
        "metadata",
        "Pertes",
        "Le Journal",
        "fr",
    )
    assert first.meta == {"section": "monde"}
    assert first.text == ARTICLE_FR
    assert (second.id, second.url, second.lang) == (url_id("https://example.com/en"), "https://example.com/en", "en")
    assert len(second.id) == 16
    assert (third.id, third.title, third.date) == ("7", "Pertes russes", "2023-01-05")
    assert ARTICLE_FR in third.text


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    corpus = write_jsonl(
        tmp_path / "corpus.jsonl",
        [
            json.dumps({"id": "ok1", "text": ARTICLE_FR}),
            "{not json",
            json.dumps(["a", "list"]),
            json.dumps({"id": "no-text", "title": "x"}),
            json.dumps({"id": "bad-date", "text": ARTICLE_FR, "date": "hier"}),
            json.dumps({"id": "ok2", "text": ARTICLE_EN}),
        ],
    )
    items = list(iter_documents([str(corpus)]))
    assert [item.id for item in items if isinstance(item, Document)] == ["ok1", "ok2"]
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert [failure.source for failure in failures] == [f"{corpus}:{n}" for n in (2, 3, 4, 5)]
    assert "not valid JSON" in failures[0].message
    assert "JSON object" in failures[1].message
    assert "no 'text' or 'html'" in failures[2].message
    assert "record date 'hier' is not a date" in failures[3].message
    with pytest.raises(BilanError, match=r"corpus\.jsonl:2: not valid JSON"):
        read_path(corpus)


def test_jsonl_line_with_invalid_bytes_is_kept_and_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'{"id": "x", "text": "Les pertes \xff sont lourdes."}\n')
    (failure,) = list(iter_documents([str(corpus)]))
    assert isinstance(failure, ReadFailure) and failure.source == f"{corpus}:1"
    assert failure.document is not None and failure.document.text == "Les pertes \ufffd sont lourdes."


# --- files, directories, standard input and every bad input ------------------------------


def test_ids_and_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "002_x.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "001_y.md").write_text(ARTICLE_EN, "utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".secret.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / ".hidden" / "z.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "C.TXT").write_text(ARTICLE_FR, "utf-8")
    items = list(iter_documents([str(tmp_path)]))
    assert [(item.id, item.lang) for item in items] == [("001_y", "en"), ("C", "fr"), ("002_x", "fr")]
    assert items[2].path == str(tmp_path / "b" / "002_x.txt")


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTICLE_EN.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    (document,) = list(iter_documents(["-"], date="2024-11"))
    assert (document.id, document.lang, document.text, document.date_source) == ("stdin", "en", ARTICLE_EN, "option")


def test_empty_standard_input_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    (failure,) = list(iter_documents(["-"]))
    assert (failure.source, failure.message) == ("<stdin>", "empty file")


def test_bad_options_raise_at_once(tmp_path: Path) -> None:
    with pytest.raises(BilanError, match="--lang 'de'"):
        list(iter_documents([str(tmp_path)], lang="de"))
    with pytest.raises(BilanError, match="--date 'May' is not a date"):
        list(iter_documents([str(tmp_path)], date="May"))


def make_bad_inputs(directory: Path) -> dict[str, str]:
    """Every bad input of the issue in one directory, with the message each must get."""
    (directory / "empty.txt").write_bytes(b"")
    (directory / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with (directory / "huge.txt").open("wb") as big:
        big.truncate(50 * 1024 * 1024)  # sparse: refused by its size, never read
    (directory / "invalid.txt").write_bytes(b"Les pertes russes: " + b"\xe9\xff" + " chars détruits.".encode())
    (directory / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    os.mkfifo(directory / "pipe.txt")  # unreadable as an article even for root, and must not block
    (directory / "link.txt").symlink_to(directory / "gone.txt")
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file (NUL bytes), not text",
        "huge.txt": "file is 50.0 MB, over the 10 MB limit for one article (--max-mb or $BILAN_MAX_MB sets it); split it or give a JSONL corpus",
        "invalid.txt": "2 invalid UTF-8 bytes (the first at byte 19) replaced with U+FFFD; the rest was read",
        "nav.html": "no article text found in this HTML page",
        "pipe.txt": "not a regular file (a FIFO, socket or device): cannot read it as an article",
        "link.txt": "broken symbolic link: its target does not exist",
    }


def test_every_bad_input_fails_alone_with_one_line_naming_it(tmp_path: Path) -> None:
    expected = make_bad_inputs(tmp_path)
    (tmp_path / "good_a.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "good_z.txt").write_text(ARTICLE_EN, "utf-8")
    missing = str(tmp_path / "missing.txt")
    items = list(iter_documents([str(tmp_path), missing]))
    failures = {Path(item.source).name: item for item in items if isinstance(item, ReadFailure)}
    assert {name: failure.message for name, failure in failures.items()} == expected | {
        "missing.txt": "no such file or directory"
    }
    for failure in failures.values():
        assert "\n" not in str(failure) and str(failure).startswith(failure.source + ": ")
    assert [item.id for item in items if isinstance(item, Document)] == ["good_a", "good_z"]
    # the invalid bytes were kept, replaced, and the document still goes through
    assert failures["invalid.txt"].document.text == "Les pertes russes: \ufffd\ufffd chars détruits."
    assert all(failure.document is None for name, failure in failures.items() if name != "invalid.txt")


def test_read_path_raises_one_line_naming_the_file(tmp_path: Path) -> None:
    expected = make_bad_inputs(tmp_path)
    for name, message in expected.items():
        with pytest.raises(BilanError) as raised:
            read_path(tmp_path / name)
        assert str(raised.value) == f"{tmp_path / name}: {message}"


def test_read_path_of_a_directory(tmp_path: Path) -> None:
    with pytest.raises(BilanError, match="a directory, not a file"):
        read_path(tmp_path)


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    sentence = "Les forces russes ont perdu des chars. "
    path.write_text(sentence * (MAX_BYTES // len(sentence.encode())), "utf-8")
    (document,) = read_path(path)
    assert document.text.startswith(sentence)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; the next test covers this path")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE_FR, "utf-8")
    path.chmod(0)
    (failure,) = list(iter_documents([str(path)]))
    assert failure.message == "permission denied: cannot read this file"


def test_permission_denied_when_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "open.txt").write_text(ARTICLE_EN, "utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    items = list(iter_documents([str(tmp_path)]))
    assert [(type(item).__name__, getattr(item, "message", None)) for item in items] == [
        ("ReadFailure", "permission denied: cannot read this file"),
        ("Document", None),
    ]
    assert items[0].source == str(locked)


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists directories whatever their mode")
def test_unlistable_directory(tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "a.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_EN, "utf-8")
    closed.chmod(0)
    try:
        items = list(iter_documents([str(tmp_path)]))
    finally:
        closed.chmod(0o755)
    assert [str(item) for item in items if isinstance(item, ReadFailure)] == [
        f"{closed}: cannot list this directory: permission denied"
    ]
    assert [item.id for item in items if isinstance(item, Document)] == ["b"]


# --- the seeds ---------------------------------------------------------------------------


def test_seed_dates_and_titles(seeds_dir: Path) -> None:
    documents = {document.id: document for document in iter_documents(sorted(str(p) for p in seeds_dir.glob("0*.txt")))}
    assert set(documents) == {
        "000_dd917d69f1ca4539",
        "001_996ff203b985e3c5",
        "002_494be95dc6817c3d",
        "003_5cd07c1ed0724f90",
        "004_c19c4a4a4cc74163",
    }
    first, third = documents["000_dd917d69f1ca4539"], documents["002_494be95dc6817c3d"]
    assert (first.date, first.date_source, third.date, third.date_source) == ("2022-08", "metadata", "2023-01", "metadata")
    assert first.title.startswith("Des images dramatiques mettent à nu")
    assert third.title.startswith("Poutine a ordonné un cessez-le-feu")
    for document in (first, third):
        assert document.text.startswith(" date ")
        assert document.text[document.body_start :].startswith(document.title)
    for name in ("001_996ff203b985e3c5", "003_5cd07c1ed0724f90", "004_c19c4a4a4cc74163"):
        assert (documents[name].date, documents[name].body_start) == (None, 0)
    assert {document.lang for document in documents.values()} == {"fr"}


def test_unlistable_directory_when_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "a.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_EN, "utf-8")
    real_scandir = os.scandir

    def deny(path: object = ".") -> object:
        if Path(path) == closed:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    items = list(iter_documents([str(tmp_path)]))
    assert [str(item) for item in items if isinstance(item, ReadFailure)] == [
        f"{closed}: cannot list this directory: permission denied"
    ]
    assert [item.id for item in items if isinstance(item, Document)] == ["b"]


def test_directory_walk_excludes_named_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_FR, "utf-8")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"doc": "a", "value": 1}) + "\n", "utf-8")
    items = list(iter_documents([str(tmp_path)], exclude=[tmp_path / "gold.jsonl"]))
    assert [item.id for item in items] == ["a"]


def test_a_jsonl_file_that_is_no_corpus_is_one_failure(tmp_path: Path) -> None:
    gold = tmp_path / "annotations.jsonl"  # gold*.jsonl is skipped by the walk
    gold.write_text('{"doc": "a", "value": 1}\n{"doc": "b", "value": 2}\n', encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].source == str(gold) and "not a corpus" in items[0].message
