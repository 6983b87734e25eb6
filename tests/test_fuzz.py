"""Property fuzzing of the public parsing and extraction functions (issue 13, item 4).

On any text: no exception, every offset within the text and `text[start:end]` equal to
the evidence, values non-negative integers, and CPU time within a generous bound per kB
(CI noise cannot fail it; a quadratic blow-up, like the 78 s of 8 kB of "mille" once, does).

Two hypothesis profiles: `ci` (the default: a few dozen examples per property, tens of
seconds in all) and `long` (10,000 examples per property), chosen by
`BILAN_HYPOTHESIS=long`. The hostile inputs found so far are regression cases below,
generated here from their shape.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bilan.claims import extract_claims
from bilan.cleaning import clean
from bilan.dating import find_dates
from bilan.model import BilanError, Document
from bilan.numbers import find_numbers
from bilan.pipeline import analyse
from bilan.reading import ReadFailure, decode, iter_documents, read_text

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
PROFILE = settings.get_profile(os.environ.get("BILAN_HYPOTHESIS", "ci"))
T = TypeVar("T")

# CPU seconds allowed: a base for start-up costs plus so much per kB of text. The pipeline
# takes about 0.02 s per kB on these texts (0.8 s for the first call, which loads data):
# the bound is 10 to 50 times that, and CPU time is not slowed by other processes.
BASE_SECONDS = 3.0
SECONDS_PER_KB = 0.25

# The words, figures and marks that the extraction stages read, and those that made them
# slow or crash: random texts made of them reach far more rules than random characters.
VOCABULARY = [
    "mille",
    "cent",
    "deux",
    "trois",
    "vingt",
    "quatre-vingt-dix",
    "et",
    "un",
    "une",
    "million",
    "millions",
    "milliers",
    "centaine",
    "one",
    "hundred",
    "and",
    "thousand",
    "twenty-five",
    "a",
    "dozen",
    "billion",
    "soldats",
    "soldiers",
    "tués",
    "killed",
    "blessés",
    "wounded",
    "chars",
    "tanks",
    "drones",
    "avions",
    "selon",
    "l'état-major",
    "the General Staff",
    "said",
    "a perdu",
    "lost",
    "ont été tués",
    "were killed",
    "jour",
    "day",
    "le",
    "la",
    "les",
    "des",
    "au total",
    "in total",
    "près de",
    "about",
    "more than",
    "plus de",
    "12",
    "1 200",
    "1,200",
    "484 000",
    "105 960",
    "3.5",
    "12,5",
    "%",
    "(+12)",
    "+1 740",
    "0",
    "00",
    "007",
    "9" * 30,
    "1 000 000 000 000",
    "—",
    "–",
    "-",
    ":",
    ";",
    ".",
    ",",
    "!",
    "?",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    "\u00a0",
    "\u202f",
    "\t",
    "janvier",
    "mai",
    "May",
    "2024",
    "2022-02-24",
    "12/05/2024",
    "lundi",
    "Monday",
    "hier",
    "yesterday",
    "demain",
    "tomorrow",
    "semaine",
    "week",
    "Photo :",
    "AFP",
    "(AFP)",
    "Kiev, 12 nov 2024 (AFP) -",
    "«",
    "»",
    '"',
    "'",
    "ans",
    "years",
    "km",
    "$",
    "€",
    "h",
    "jour 302",
    "day 993",
    "jour 99999999999",
    "title: x",
    "date: 2024-05-14",
    "lang: en",
    "---",
    "<div>",
    "</div>",
    "<p>",
    "&amp;",
    "\u202e",
    "\x1b",
    "Équipe",
    "Kharkiv",
    "Bakhmout",
    "Russie",
    "Ukraine",
    "russes",
    "Russian",
    "ukrainiens",
]
separators = st.sampled_from([" ", " ", " ", "", "\n", "\u00a0", ", ", "-"])
soup = st.lists(st.tuples(st.sampled_from(VOCABULARY), separators), max_size=300).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)
texts = st.one_of(soup, st.text(max_size=2000), st.text(alphabet=st.characters(codec="utf-8"), max_size=500))
langs = st.sampled_from(["fr", "en"])
# window positions: mostly within the texts, sometimes any int (beyond a C integer once raised)
positions = st.one_of(st.integers(-5, 2100), st.integers(-5, 2100), st.integers())


def cpu_bound(text: str) -> float:
    return BASE_SECONDS + SECONDS_PER_KB * len(text.encode("utf-8", "surrogatepass")) / 1024


def within(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


def check_claims(text: str, claims: list) -> None:
    for claim in claims:
        assert within(text, claim.start, claim.end), claim
        assert text[claim.start : claim.end] == claim.text, claim
        assert isinstance(claim.value, int) and not isinstance(claim.value, bool) and claim.value >= 0, claim
        assert claim.value_max is None or (isinstance(claim.value_max, int) and claim.value_max >= 0), claim


def timed(function: Callable[..., T], *args: object, **kwargs: object) -> tuple[T, float]:
    started = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - started


@PROFILE
@given(texts, langs, positions, st.one_of(st.none(), positions))
@example("quatre-vingt-dix ", "fr", -4, None)  # a negative start once gave "dix" at offsets -4..-1
@example("1 200 soldats", "fr", 10**20, -(10**20))  # positions beyond a C integer once raised OverflowError
def test_find_numbers(text: str, lang: str, start: int, end: int | None) -> None:
    mentions, seconds = timed(find_numbers, text, lang, start, end)
    assert seconds <= cpu_bound(text)
    previous_end = 0
    for mention in mentions:
        assert within(text, mention.start, mention.end) and text[mention.start : mention.end] == mention.text, mention
        assert mention.start >= previous_end, "sorted and non-overlapping"
        previous_end = mention.end
        assert isinstance(mention.value, int) and mention.value >= 0, mention
        assert mention.value_max is None or mention.value_max >= 0, mention


@PROFILE
@given(
    texts,
    langs,
    st.sampled_from([None, "2024-05-14", "2024-05", "2022-02-24", "0001-01-01", "9999-12-31", "x"]),
    positions,
    st.one_of(st.none(), positions),
)
@example("Le 12 mai, lundi", "fr", "2024-05-20", -5, None)  # a negative start once gave offsets below 0
@example("Le 12 mai, lundi", "fr", "2024-05-20", -(10**20), 10**20)  # beyond a C integer once raised OverflowError
@example("12 mai, demain, la semaine prochaine", "fr", "9999-12-31", 0, None)  # past the calendar's end: OverflowError once
@example("hier, la semaine dernière, lundi", "fr", "0001-01-01", 0, None)  # before its start: OverflowError once
def test_find_dates(text: str, lang: str, base: str | None, start: int, end: int | None) -> None:
    mentions, seconds = timed(find_dates, text, lang, base, start, end)
    assert seconds <= cpu_bound(text)
    for mention in mentions:
        assert within(text, mention.start, mention.end) and text[mention.start : mention.end] == mention.text, mention
        assert mention.date is None or mention.date[:4].isdigit(), mention


def document_of(text: str, lang: str) -> Document:
    return Document(id="fuzz", text=text, lang=lang)


@PROFILE
@given(texts, langs)
def test_clean(text: str, lang: str) -> None:
    cleaned, seconds = timed(clean, document_of(text, lang))
    assert seconds <= cpu_bound(text)
    previous_end = 0
    for mark in cleaned.marks:
        assert within(text, mark.start, mark.end) and mark.start >= previous_end, mark
        previous_end = mark.end
    for start, end in (*cleaned.paragraphs, *cleaned.sentences):
        assert within(text, start, end), (start, end)


@PROFILE
@given(texts, langs)
def test_extract_claims(text: str, lang: str) -> None:
    claims, seconds = timed(extract_claims, document_of(text, lang))
    assert seconds <= cpu_bound(text)
    check_claims(text, claims)


@PROFILE
@given(texts, st.sampled_from([None, "fr", "en"]), st.sampled_from([None, "2024-05-14", "2022-02"]))
def test_read_text_then_analyse(text: str, lang: str | None, date: str | None) -> None:
    try:
        document = read_text(text, lang=lang, date=date)
    except BilanError:
        return  # a malformed date or language in the text's metadata: one clear line
    assert document.text == text and 0 <= document.body_start <= len(text)
    analysis, seconds = timed(analyse, document)
    assert seconds <= cpu_bound(text)
    check_claims(text, analysis.claims)
    for mark in analysis.marks:
        assert within(text, mark.start, mark.end), mark


@PROFILE
@given(
    texts,
    st.one_of(
        st.none(),
        st.text(max_size=12),
        st.sampled_from(["2024", "2024-02-30", "2024-05-01T10:00Z", "0001-01", "9999-12-31", "2022-02-24"]),
    ),
    st.sampled_from([None, "fr", "en", "de", ""]),
    positions,
)
@example("Selon Kyiv, 500 chars russes ont été détruits.", None, None, 10**20)  # once OverflowError
def test_analyse_documents_with_odd_fields(text: str, date: str | None, lang: str | None, body_start: int) -> None:
    document = Document(id="odd", text=text, date=date, lang=lang, body_start=body_start)
    try:
        analysis = analyse(document)
    except BilanError:
        return  # a date that is not YYYY-MM or YYYY-MM-DD: one clear line
    check_claims(text, analysis.claims)


@PROFILE
@given(
    st.lists(
        st.tuples(
            st.sampled_from([".txt", ".md", ".html", ".jsonl"]),
            st.one_of(st.binary(max_size=600), texts.map(lambda t: t.encode("utf-8", "surrogatepass"))),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_iter_documents_never_raises(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for number, (suffix, data) in enumerate(files):
            (folder / f"f{number}{suffix}").write_bytes(data)
        items = list(iter_documents([scratch, str(folder / "f0" / "missing.txt")]))
    assert items and all(isinstance(item, (Document, ReadFailure)) for item in items)
    assert isinstance(items[-1], ReadFailure) and items[-1].source.endswith("missing.txt")
    for item in items:
        document = item.document if isinstance(item, ReadFailure) else item
        if document is not None:
            assert 0 <= document.body_start <= len(document.text)
            assert "\n" not in str(item.message if isinstance(item, ReadFailure) else ""), "one line"


@PROFILE
@given(st.binary(max_size=2000))
def test_decode_raises_only_bilan_errors(data: bytes) -> None:
    try:
        text, _ = decode(data)
    except BilanError:
        return
    assert isinstance(text, str) and text.strip()
    text.encode("utf-8")  # no lone surrogate escapes the decoder


# --- regression cases: the slow and crashing inputs of issue 13, generated from their shape ---

HOSTILE_FAMILIES = {
    "French number words": ("fr", "mille "),
    "English number words": ("en", "one hundred and "),
    "bulletin items with dashes": ("fr", "chars — 12 (+1) — "),
    "many loss sentences": ("fr", "Selon l'état-major, 1 200 soldats russes ont été tués et 15 chars détruits. "),
    "runs of spaces and no-break spaces": ("fr", " \u00a0\u202f  \u00a0 "),
    "digit groups": ("fr", "123 "),
    "dashes": ("en", "— – - "),
    # one line without a sentence end (cut in 1,500-character sentences): each figure of a
    # sentence once read every side name, date, cue or figure of the sentence or article again
    "a bulletin on one line": ("fr", "chars — {n} (+1) — "),
    "side names and figures in one sentence": ("en", "Ukraine said Russia lost {n} troops, "),
    "day numbers and figures in one sentence": ("en", "on day {n}, 12 tanks destroyed, "),
    "bulletin headers and figures in one sentence": ("fr", "pertes totales de l'ennemi {n} "),
    "quoted figures": ("fr", "« {n} soldats tués », "),
    "sources and figures in one sentence": ("fr", "selon Kyiv, {n} soldats russes ont été tués, "),
    # entities once looked for the line's start from the text's start for every place name
    "place names on one line": ("fr", "la région de Kharkiv et le croiseur Moskva, {n} soldats, "),
    # a dateline was looked for from the text's start for every date of one long line
    "weekdays then a figure, on one line": ("fr", "lundi, " * 150 + "{n} soldats russes tués, "),
}


def hostile_text(unit: str, size: int) -> str:
    """`unit` repeated to `size` characters, "{n}" counting from 100: verbatim repeats would be
    set aside by cleaning as a page's repeated furniture."""
    count = size // len(unit.replace("{n}", "")) + 1
    return "".join(unit.replace("{n}", str(100 + i)) for i in range(count))[:size]


@pytest.mark.parametrize("family", sorted(HOSTILE_FAMILIES))
def test_hostile_families_stay_within_the_time_bound(family: str) -> None:
    lang, unit = HOSTILE_FAMILIES[family]
    analyse(Document(id="warm", text="1 200 soldats", lang=lang))
    for size in (8 * 1024, 32 * 1024):
        text = hostile_text(unit, size)
        analysis, seconds = timed(analyse, Document(id=family, text=text, lang=lang))
        assert seconds <= cpu_bound(text), f"{family}: {seconds:.1f} s of CPU at {size // 1024} kB"
        check_claims(text, analysis.claims)


@pytest.mark.parametrize(
    "text",
    [
        "Les Russes ont perdu " + "9" * 500 + " soldats.",  # OverflowError once
        "Les Russes ont perdu " + " ".join(["123"] * 10_000) + " soldats.",  # int string limit once
        "le jour " + "9" * 40 + " de la guerre, 1 200 soldats tués",  # day number past the calendar
    ],
    ids=["500 digits", "10,000 digit groups", "huge day number"],
)
def test_figures_beyond_any_count_never_raise(text: str) -> None:
    check_claims(text, analyse(Document(id="x", text=text, lang="fr")).claims)
    assert all(m.date is None for m in find_dates(text, "fr", "2024-05-14") if m.kind == "day_number")


# Each figure once checked every side name of its sentence, or every figure of the article,
# again: figures x names, or figures x figures. Counted, not timed: the lines run in the
# stage's module for a text 3.5 or 4 times longer must be at most 5 times as many.
CHECKS_PER_FIGURE = {
    # one sentence each time: under cleaning's 1,500-character cut
    "side names in one sentence": ("en", "Ukraine said Russia lost {n} troops, ", "sides", (400, 1400)),
    "figures after a night's attack": (
        "en",
        "Russia launched 60 drones overnight. Air defence destroyed {n} drones. ",
        "scoping",
        (4000, 16000),
    ),
}


def lines_run_in(filename: str, function: Callable[[], object]) -> int:
    """How many lines of the file `filename` run during `function()` (sys.settrace line events)."""
    import sys

    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename == filename else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        function()
    finally:
        sys.settrace(previous)
    return count[0]


@pytest.mark.parametrize("shape", sorted(CHECKS_PER_FIGURE))
def test_the_checks_per_figure_do_not_grow_with_the_text(shape: str) -> None:
    import importlib

    lang, unit, module_name, sizes = CHECKS_PER_FIGURE[shape]
    filename = importlib.import_module(f"bilan.claims.{module_name}").__file__
    counts = []
    for size in sizes:
        document = Document(id=shape, text=hostile_text(unit, size).rstrip(", ") + ".", lang=lang)
        assert len(extract_claims(document)) >= size // 80, "the figures are claims: every check runs"
        counts.append(lines_run_in(filename, lambda: extract_claims(document)))
    assert counts[1] <= 5 * counts[0], f"{shape}: {counts[0]} lines at {sizes[0]} characters, {counts[1]} at {sizes[1]}"


@pytest.mark.parametrize("body_start", [10**20, -(10**20), -3, 10**3])
def test_any_body_start_is_a_position_within_the_text(body_start: int) -> None:
    text = "Selon Kyiv, 500 chars russes ont été détruits."
    document = Document(id="odd", text=text, lang="fr", body_start=body_start)  # beyond a C integer once raised
    assert document.body_start == (0 if body_start < 0 else len(text))
    clean(document)
    check_claims(text, extract_claims(document))
    check_claims(text, analyse(document).claims)


def test_a_sentence_s_dates_are_not_each_compared_with_every_other(monkeypatch: pytest.MonkeyPatch) -> None:
    # read_scope once asked `m not in dated` (a list) of every date of the sentence, for each figure
    from bilan.dating import DateMention

    calls = [0]
    equal = DateMention.__eq__
    monkeypatch.setattr(DateMention, "__eq__", lambda self, other: calls.__setitem__(0, calls[0] + 1) or equal(self, other))
    counts = []
    for weekdays in (40, 140):  # one sentence each: under cleaning's 1,500-character cut
        calls[0] = 0
        document = Document(id="weekdays", text="lundi, " * weekdays + "100 soldats russes tués.", lang="fr")
        assert len(extract_claims(document)) == 1
        counts.append(calls[0])
    assert counts[1] <= 5 * max(counts[0], 1), f"{counts[0]} comparisons of dates for 40 weekdays, {counts[1]} for 140"


@PROFILE
@given(
    st.lists(st.sampled_from(["a", "b", " ", "\n", "\n\n", "xyz"]), max_size=200).map("".join),
    st.lists(st.integers(-3, 610), max_size=40),
    st.sampled_from([1, 2, 3, 7, 4096]),
)
def test_the_line_index_answers_as_a_scan_of_the_whole_line_does(text: str, positions: list[int], block: int) -> None:
    from bilan.claims.article import Lines

    lines = Lines(text)
    lines.BLOCK = block  # small blocks: every answer crosses blocks, in any order of asking
    for position in positions:
        at = min(max(position, 0), len(text))
        assert lines.start(position) == text.rfind("\n", 0, at) + 1, (text, position)
        expected_end = text.find("\n", at)
        assert lines.end(position) == (len(text) if expected_end < 0 else expected_end), (text, position)


def test_the_lines_of_a_year_table_are_not_each_walked_up_to_its_heading() -> None:
    # year_table_heading once walked from every year's line up to the table's heading: lines x
    # lines (2.6 s CPU at 32 kB, over 60 s at 128 kB). Counted, not timed, as above.
    import bilan.claims.scoping as scoping

    counts = []
    for years in (150, 600):
        text = "Russian losses by year:\n\n" + "".join(f"{2000 + n % 26}: {100 + n} troops killed\n" for n in range(years))
        document = Document(id="years", text=text, lang="en")
        assert len(extract_claims(document)) == years, "every line is a claim: every line asks for its heading"
        counts.append(lines_run_in(scoping.__file__, lambda: extract_claims(document)))
    assert counts[1] <= 5 * counts[0], f"{counts[0]} lines for 150 years, {counts[1]} for 600"


def test_an_extraction_leaves_no_cycle_for_the_paused_collector_and_restores_it() -> None:
    # explain_claims pauses the cycle collector (claims.collector_paused): only sound while what it
    # makes is freed by reference counts alone, which this checks on a text that reaches most rules.
    import gc

    from bilan.claims import collector_paused

    text = (
        "Selon l'état-major ukrainien, la Russie a perdu 1 200 soldats et 12 chars lundi. "
        "Russian losses so far:\n— tanks: 7 446 (+12)\n— troops: 484 000 (+1 200)\n\n"
        "Russia has lost 300 soldiers, Ukraine's General Staff said, and 40 drones were shot down overnight.\n"
    )
    for lang in ("fr", "en"):
        document = Document(id="cycles", text=text, lang=lang, date="2024-11-12")
        extract_claims(document)  # tables load once
        gc.collect()
        assert gc.isenabled()
        gc.disable()
        try:
            assert extract_claims(document)
            assert gc.collect() == 0, "the extraction left objects that only the cycle collector frees"
        finally:
            gc.enable()
        assert extract_claims(document) and gc.isenabled(), "restored after the extraction"
        gc.disable()  # find_dates pauses it too
        try:
            assert find_dates("lundi 4 mars, le 12 novembre 2024, Monday, " * 20, lang, "2024-11-12")
            assert gc.collect() == 0, "the dates left objects that only the cycle collector frees"
        finally:
            gc.enable()
    with pytest.raises(ZeroDivisionError), collector_paused():
        assert not gc.isenabled()
        1 / 0
    assert gc.isenabled(), "restored after an exception too"
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a collector paused by the caller stays paused"
    finally:
        gc.enable()
