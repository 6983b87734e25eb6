"""The claims lexicon is checked when it is loaded: a phrase the matcher could read two ways is an error."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import pytest

import bilan
from bilan.claims import LexiconError, build_lexicon, extract_claims


@pytest.fixture(scope="module")
def shipped() -> dict:
    return tomllib.loads(resources.files("bilan.data").joinpath("claims_lexicon.toml").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shipped_lexicon_loads(shipped: dict, lang: str) -> None:
    assert build_lexicon(shipped, lang).nouns.phrases


def test_a_phrase_under_two_labels_is_refused_naming_both(shipped: dict) -> None:
    data = copy.deepcopy(shipped)
    data["en"]["nouns"]["aircraft"].append("fighters")
    with pytest.raises(LexiconError) as error:
        build_lexicon(data, "en")
    message = str(error.value)
    assert "en.nouns" in message and "'fighters'" in message
    assert "'personnel'" in message and "'aircraft'" in message


def test_a_repeated_row_is_refused(shipped: dict) -> None:
    data = copy.deepcopy(shipped)
    data["fr"]["personnel_cues"]["killed"].append("Décès")  # the matcher ignores case
    with pytest.raises(LexiconError, match=r"'Décès' is repeated under 'killed'"):
        build_lexicon(data, "fr")


def test_spaces_and_hyphens_make_the_same_phrase(shipped: dict) -> None:
    data = copy.deepcopy(shipped)
    data["en"]["nouns"]["air_defense"].append("air-defence systems")
    with pytest.raises(LexiconError, match="air-defence systems"):
        build_lexicon(data, "en")


def test_a_qualifier_phrase_in_two_rules_is_refused(shipped: dict) -> None:
    data = copy.deepcopy(shipped)
    data["en"]["qualifiers"][0]["before"].append("up to")
    with pytest.raises(LexiconError, match=r"'up to' is under both 'more_than \(gap 0\)' and 'up_to \(gap 0\)'"):
        build_lexicon(data, "en")


def test_fighters_are_people() -> None:
    claims = extract_claims(
        bilan.read_text("Ukrainian forces killed 40 Russian fighters near Bakhmut.", "t", lang="en", date="2023-03-01")
    )
    assert [(c.value, c.category) for c in claims] == [(40, "personnel_killed")]


def test_two_cased_letters_match_their_two_cases_only() -> None:
    """lexicon._TWO_CASED: each letter matches, case-insensitively, itself and its other case
    and no other code point ("i", "k" and "s" are left out: "İ", the Kelvin sign, "ſ")."""
    import re
    import string

    from bilan.claims.lexicon import _TWO_CASED

    everything = "".join(map(chr, range(0x110000)))
    for letter in string.ascii_lowercase:
        two_cased = set(re.findall(letter, everything, re.IGNORECASE)) == {letter, letter.upper()}
        assert two_cased == (letter in _TWO_CASED), letter


@pytest.mark.parametrize("words", [["un", "une"], ["a", "an"], ["une", "un"], ["l'un", "le"], ["an"]])
def test_words_searched_from_their_letter_match_as_the_look_behind_first(words: list[str]) -> None:
    import re

    from bilan.claims.lexicon import _alternatives, _words_from_their_letter

    after = r"(?=\s+(?!seul\b))"
    plain = re.compile(rf"(?<!\w)(?:{_alternatives(words)}){after}", re.IGNORECASE)
    fast = _words_from_their_letter(words, after)
    text = (
        "Un char, UNE pièce, un seul, aucun obus, _un x, 3un y, l'un des, L’UN de, une\nligne, "
        "a tank, An attack, A seul, an, a  b, ana c, Éun d, ÀA e, ſun, a\u00a0drone un"
    )
    for start in (0, 1, 5, 30):
        assert [m.span() for m in fast.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]
