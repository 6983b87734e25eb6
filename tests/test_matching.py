"""The phrase matcher and the folding shared by claims, entities and rhetoric (bilan.matching)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilan.matching import LexiconError, PhraseScanner, PhraseTable, Tokens, checked, document_tokens, fold, phrase_regex

SENTENCE_BREAK = re.compile(r"[.!?;\n]")
WORD = re.compile(r"[^\W_]+")


def found(table: dict, text: str) -> list[tuple[str, str]]:
    return [(text[a:b], label) for a, b, label in PhraseTable(table).find(text, 0, len(text))]


def rhetoric_tokens(text: str) -> Tokens:
    return Tokens(text, [(0, len(text))], word=WORD, punctuation=False, breaks=SENTENCE_BREAK)


def every(phrases: dict, tokens: Tokens) -> list[tuple[int, int, object]]:
    scanner = PhraseScanner({"t": PhraseTable(phrases, check=False)})
    return sorted(scanner.matches(tokens), key=lambda m: (m[0], m[1], str(m[2])))


# --- folding -----------------------------------------------------------------------------


def test_fold_strips_case_accents_and_curly_apostrophes_one_character_for_one() -> None:
    assert fold("Élysée, Kharkív l’armée\u00a0RUSSE") == "elysee, kharkiv l'armee russe"


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_fold_keeps_every_offset(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == fold(folded)  # folding twice changes nothing


@pytest.mark.parametrize(
    "text",
    [
        "Kharkív, Bakhmout et Zaporijjia : « l’armée » a été détruite — 3\u202f000 pertes.",  # a few accents: replaced
        "".join(chr(code) for code in range(0xC0, 0x250)) + " plus de mots",  # many distinct ones: translated
        "\u1fef\u00b4 \u1ffd `",  # U+1FFD folds to ´, which folds to ': each character is folded once
    ],
)
def test_fold_folds_each_character_as_on_its_own(text: str) -> None:
    assert fold(text) == "".join(fold(char) for char in text)
    assert fold("\u1ffd") == "\u00b4" and fold("\u00b4") == "'"


# --- phrase tables: leftmost-longest, case, spaces and hyphens, prefixes -----------------


def test_the_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    table = {"air_defense": ["air defense", "air defense systems"], "systems": ["systems"]}
    assert found(table, "Air defense systems and systems.") == [("Air defense systems", "air_defense"), ("systems", "systems")]


def test_spaces_and_hyphens_are_alike_but_other_punctuation_is_the_phrases() -> None:
    table = {"us": ["u.s. army"], "ad": ["air defense"]}
    assert found(table, "the U.S. Army and air-defense") == [("U.S. Army", "us"), ("air-defense", "ad")]
    assert found(table, "the U S Army, air, defense") == []


def test_a_star_makes_a_prefix_and_an_apostrophe_is_a_token() -> None:
    table = {"destroyed": ["détrui*"], "army": ["l'armée"]}
    assert found(table, "Ils ont détruit, l’armée détruisait") == [
        ("détruit", "destroyed"),
        ("l’armée", "army"),
        ("détruisait", "destroyed"),
    ]


def test_several_tables_in_one_pass_each_leftmost_longest_on_its_own() -> None:
    scanner = PhraseScanner(
        {"nouns": PhraseTable({"tank": ["tanks", "main battle tanks"]}), "cues": PhraseTable({"cue": ["battle"]})}
    )
    text = "two main battle tanks"
    result = scanner.scan(text, 0, len(text))
    assert [(text[a:b], label) for a, b, label in result["nouns"]] == [("main battle tanks", "tank")]
    assert [(text[a:b], label) for a, b, label in result["cues"]] == [("battle", "cue")]


def test_a_phrase_repeated_or_under_two_labels_is_refused() -> None:
    with pytest.raises(LexiconError, match=r"'Fighters' is under both 'personnel' and 'aircraft'"):
        checked("en.nouns", {"personnel": ["fighters"], "aircraft": ["Fighters"]})
    with pytest.raises(LexiconError, match=r"'air-defense' is repeated under 'ad'"):
        PhraseTable({"ad": ["air defense", "air-defense"]}, "t")


def test_a_phrase_as_a_regular_expression() -> None:
    pattern = re.compile(phrase_regex("l'armée détrui*"), re.IGNORECASE)
    assert pattern.fullmatch("L’armée  détruisait")


# --- steps: alternatives, gaps, sentence breaks; every label's longest match --------------


def test_alternatives_gaps_and_breaks() -> None:
    phrases = {"blood": [("sang", 3, "sur", frozenset({"les", "ses"}), "mains")], "war": [("guerre",)]}
    text = "du sang, encore et toujours, sur ses mains. La guerre"
    tokens = rhetoric_tokens(text)
    assert [(text[a:b], label) for a, b, label in every(phrases, tokens)] == [
        ("sang, encore et toujours, sur ses mains", "blood"),
        ("guerre", "war"),
    ]
    assert every(phrases, rhetoric_tokens("du sang. Sur ses mains")) == []  # no phrase across a sentence
    assert every(phrases, rhetoric_tokens("du sang un deux trois quatre sur les mains")) == []  # gap of three at most


def test_every_label_keeps_its_longest_match_overlaps_included() -> None:
    phrases = {"short": [("machine",)], "long": [("machine", "de", "guerre")], "gap": [("machine", 2)]}
    text = "la machine de guerre russe"
    assert [(text[a:b], label) for a, b, label in every(phrases, rhetoric_tokens(text))] == [
        ("machine", "short"),
        ("machine de guerre", "gap"),
        ("machine de guerre", "long"),
    ]


def test_a_phrase_cannot_start_with_a_gap() -> None:
    with pytest.raises(ValueError, match="starts with a gap"):
        PhraseScanner({"t": PhraseTable({"x": [(2, "guerre")]}, check=False)})


# --- properties against a plain reference ------------------------------------------------

VOCABULARY = ["air", "defense", "systems", "de", "la", "guerre", "u", "s", "l", "armée", "Tanks"]
SEPARATORS = [" ", " ", "-", ", ", ". ", "'", "\n", ".", "  "]


def _reference_scan(phrases: list[tuple[list[str], str]], text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest, written plainly: the tokens and the joints computed here."""
    tokens = [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in re.finditer(r"\w+|['’]", text)]

    def joint(i: int) -> str:
        return re.sub(r"[\s\-‑]+", "", text[tokens[i - 1][1] : tokens[i][0]])

    out, taken = [], -1
    for i, (start, _end, _form) in enumerate(tokens):
        best = None
        for words, label in phrases:
            n = len(words)
            if i + n <= len(tokens) and all(tokens[i + k][2] == words[k] and (k == 0 or joint(i + k) == "") for k in range(n)):
                if best is None or tokens[i + n - 1][1] > best[1]:
                    best = (start, tokens[i + n - 1][1], label)
        if best and start >= taken:
            out.append(best)
            taken = best[1]
    return out


pieces = st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)), max_size=40)
phrase_sets = st.lists(st.lists(st.sampled_from([w.lower() for w in VOCABULARY]), min_size=1, max_size=3), min_size=1, max_size=6)


@given(pieces, phrase_sets)
@settings(max_examples=300, deadline=None)
def test_scan_is_the_leftmost_longest_of_a_plain_reference(words: list[tuple[str, str]], phrases: list[list[str]]) -> None:
    text = "".join(w + s for w, s in words)
    table: dict[str, list[str]] = {}
    seen = set()
    for number, phrase in enumerate(phrases):
        if tuple(phrase) not in seen:
            seen.add(tuple(phrase))
            table.setdefault(f"l{number % 3}", []).append(" ".join(phrase))
    result = PhraseTable(table).find(text, 0, len(text))
    assert all(0 <= a < b <= len(text) and text[a:b].strip() == text[a:b] for a, b, _ in result)
    assert all(b <= c for (_, b, _), (c, _, _) in zip(result, result[1:]))  # no overlap, in order
    reference = _reference_scan([(p.split(" "), label) for label, ps in table.items() for p in ps], text)
    assert result == reference


def _reference_longest(steps: tuple, forms: list[str], breaks: list[bool], i: int, step: int = 0) -> int | None:
    """The index after the longest match of steps[step:] from token i (rhetoric's former matcher)."""
    if step == len(steps):
        return i
    current = steps[step]
    if isinstance(current, int):
        best = None
        for skip in range(current + 1):
            if skip and (i + skip - 1 >= len(forms) or breaks[i + skip - 1]):
                break
            after = _reference_longest(steps, forms, breaks, i + skip, step + 1)
            if after is not None and (best is None or after > best):
                best = after
        return best
    if i < len(forms) and (step == 0 or not breaks[i]) and forms[i] in current:
        return _reference_longest(steps, forms, breaks, i + 1, step + 1)
    return None


step_lists = st.lists(
    st.tuples(
        st.frozensets(st.sampled_from(["de", "la", "guerre", "machine", "tanks"]), min_size=1, max_size=2),
        st.lists(
            st.one_of(
                st.integers(0, 3),
                st.frozensets(st.sampled_from(["de", "la", "guerre", "machine", "tanks"]), min_size=1, max_size=2),
            ),
            max_size=3,
        ),
    ),
    min_size=1,
    max_size=5,
)


@given(pieces, step_lists)
@settings(max_examples=300, deadline=None)
def test_matches_are_each_phrases_longest_match_at_each_start(words: list[tuple[str, str]], rows: list) -> None:
    text = "".join(w + s for w, s in words)
    phrases = {number: [(first, *rest)] for number, (first, rest) in enumerate(rows)}
    tokens = rhetoric_tokens(text)
    assert tokens.breaks is not None
    expected = set()
    for i in range(len(tokens.forms)):
        for label, (steps,) in phrases.items():
            after = _reference_longest(steps, tokens.forms, tokens.breaks, i)
            if after is not None:
                expected.add((tokens.starts[i], tokens.ends[after - 1], label))
    # equal phrases are one label: the reference finds each of them
    by_steps: dict[tuple, int] = {}
    for label, (steps,) in phrases.items():
        by_steps.setdefault(steps, label)
    expected = {(a, b, by_steps[phrases[label][0]]) for a, b, label in expected}
    got = every({label: [steps] for steps, label in by_steps.items()}, tokens)
    assert set(got) == expected and len(got) == len(expected)


# --- one tokenisation per document: the views that claims, rhetoric and entities read ---------

view_pieces = st.lists(
    st.tuples(
        st.sampled_from(VOCABULARY + ["Kyiv", "été", "x_y", "İ", "3"]),
        st.sampled_from(SEPARATORS + ["’", "!", "; ", "\n\n", "…"]),
    ),
    max_size=40,
)


@given(view_pieces, st.integers(0, 30), st.data())
@settings(max_examples=300, deadline=None)
def test_views_of_the_document_tokens_are_the_tokens_cut_apart(
    words: list[tuple[str, str]], cut: int, data: st.DataObject
) -> None:
    text = "".join(w + s for w, s in words)
    document_tokens.cache_clear()
    tokens = document_tokens(text, 0)
    assert document_tokens(text, 0) is tokens  # made once per document
    # since(): claims read from after a headline (which ends between two words)
    offset = min(cut, len(text))
    if not re.match(r"\w\w", text[offset - 1 : offset + 1] if offset else ""):
        since, alone = tokens.since(offset), Tokens(text, [(offset, len(text))])
        assert (since.forms, list(since.starts), list(since.ends)) == (alone.forms, list(alone.starts), list(alone.ends))
        assert [since.joint(i) for i in range(1, len(since.forms))] == [alone.joint(i) for i in range(1, len(alone.forms))]
    # words(): TOKEN's words, the apostrophes left out
    forms, starts, ends = tokens.words()
    words_alone = Tokens(text, [(0, len(text))], word=re.compile(r"\w+"))
    assert (forms, list(starts), list(ends)) == (words_alone.forms, list(words_alone.starts), list(words_alone.ends))
    # within(): rhetoric's paragraphs, with their sentence breaks
    bounds = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    spans = [
        (a, b)
        for a, b in zip(bounds[::2], bounds[1::2])
        if not re.match(r"\w\w", text[max(a - 1, 0) : a + 1] if a else "") and not re.match(r"\w\w", text[b - 1 : b + 1])
    ]
    breaks = re.compile(r"[.!?;…\n]")
    within = tokens.within(spans, breaks)
    expected = Tokens(text, spans, word=re.compile(r"\w+"), punctuation=False, breaks=breaks)
    assert (within.forms, list(within.starts), list(within.ends)) == (expected.forms, list(expected.starts), list(expected.ends))
    assert within.joints == expected.joints


def test_a_walk_over_words_gives_every_phrase_followed_shortest_first() -> None:
    scanner = PhraseScanner(
        {"names": PhraseTable({"city": [("new", "york")], "state": [("new", "york", "state")], "new": [("new",)]}, check=False)}
    )
    tokens = Tokens("New York State, new york", [(0, 24)])
    assert [(end, [label for _n, label in labels]) for end, labels in scanner.walk_words(tokens, 0)] == [
        (3, ["new"]),
        (8, ["city"]),
        (14, ["state"]),
    ]
    assert [end for end, _ in scanner.walk_words(tokens, 3)] == [19, 24]
    assert scanner.walk_words(tokens, 1) == []
    with pytest.raises(ValueError, match="words only"):
        PhraseScanner({"x": PhraseTable({"p": ["détrui*"]})}).walk_words(tokens, 0)
