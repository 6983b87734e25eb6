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
