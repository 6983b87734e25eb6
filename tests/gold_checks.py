"""Checks shared by the integrity tests of the hand-annotated sets (development, held-out,
blind): each gold line keeps the claim contract and points at its evidence."""

from __future__ import annotations

import re
from collections.abc import Callable

from bilan.model import CATEGORIES_LOSSES, PERIODS, QUALIFIERS, SCOPES, SIDES, SOURCES

AS_OF = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")


def check_contract(claim: dict, keys: set[str]) -> None:
    assert set(claim) == keys
    assert isinstance(claim["value"], int) and claim["value"] >= 0
    assert claim["qualifier"] in QUALIFIERS
    assert claim["category"] in CATEGORIES_LOSSES
    assert claim["side"] in SIDES
    assert claim["scope"] in SCOPES
    assert claim["source"] in SOURCES
    if claim["scope"] == "period":
        assert claim["period"] in PERIODS
    else:
        assert claim["period"] is None
    if claim["qualifier"] == "range":
        assert isinstance(claim["value_max"], int) and claim["value_max"] > claim["value"]
    else:
        assert claim["value_max"] is None
    assert claim["as_of"] is None or AS_OF.fullmatch(claim["as_of"])


def check_offsets(claim: dict, texts: dict[str, str], body_start: Callable[[str], int]) -> None:
    assert claim["doc"] in texts, f"no document {claim['doc']}"
    text = texts[claim["doc"]]
    assert text[claim["start"] : claim["end"]] == claim["evidence"]
    assert claim["start"] >= body_start(text), "evidence inside the metadata"


def check_value_printed(claim: dict, printed: set[int]) -> None:
    assert claim["value"] in printed, (claim["evidence"], printed)
    if claim["value_max"] is not None:
        assert claim["value_max"] in printed


def check_not_on_a_repeat(claim: dict, texts: dict[str, str]) -> None:
    """A paragraph repeated word for word is annotated at its first occurrence only."""
    text = texts[claim["doc"]]
    paragraph_start = text.rfind("\n", 0, claim["start"]) + 1
    paragraph_end = text.find("\n", claim["end"])
    paragraph = text[paragraph_start : paragraph_end if paragraph_end >= 0 else len(text)]
    assert text.find(paragraph) == paragraph_start
