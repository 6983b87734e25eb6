"""The whole pipeline on the seeds: extraction, dating and checking together (issue 3's bars)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bilan


@pytest.fixture(scope="module")
def analyses(seeds_dir: Path, reference_dir: Path) -> dict[str, bilan.Analysis]:
    record = bilan.load_record(reference_dir)
    found = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        for document in bilan.read_path(path):
            found[document.id[:3]] = bilan.analyse(document, record=record)
    return found


def checks(analysis: bilan.Analysis, value: int) -> list[bilan.Check]:
    return [c.check for c in analysis.claims if c.value == value]


def test_the_nine_ministry_figures_are_the_report_of_new_years_eve(analyses: dict) -> None:
    nine = [105960, 3029, 6075, 16, 552, 711, 4707, 180, 2016]
    for value in nine:
        (check,) = checks(analyses["002"], value)
        assert (check.verdict, check.record_date) == ("matches", "2022-12-31"), value


def test_undated_articles_are_dated_from_their_figures(analyses: dict) -> None:
    assert analyses["001"].document.date_source == "inferred_from_figures"
    assert analyses["001"].document.date.startswith("2024-11")
    assert analyses["004"].document.date_source == "inferred_from_figures"
    assert analyses["004"].document.date.startswith("2022-12")
    window = analyses["004"].date_window
    assert window is not None and window[0] <= "2022-12-22" <= window[1]


def test_day_302_figure_is_the_report_of_22_december(analyses: dict) -> None:
    (check,) = checks(analyses["004"], 100400)
    assert (check.verdict, check.record_date) == ("matches", "2022-12-22")


def test_daily_figures_match_the_reports_differences(analyses: dict) -> None:
    dates = {c.check.record_date for c in analyses["001"].claims if c.value in (1770, 1950)}
    assert dates == {"2024-11-11", "2024-11-12"}
    assert all(c.check.verdict == "matches" for c in analyses["001"].claims if c.value in (1770, 1950))


def test_may_peak_is_a_misquote_of_1740(analyses: dict) -> None:
    (check,) = checks(analyses["001"], 1730)
    assert (check.verdict, check.record_value, check.record_date) == ("misquoted", 1740, "2024-05-13")


def test_more_than_44000_is_consistent(analyses: dict) -> None:
    check = next(c.check for c in analyses["000"].claims if c.value == 44000)
    assert check.verdict == "consistent"


def test_other_sources_are_unverifiable_and_say_why(analyses: dict) -> None:
    uk = [c for c in analyses["001"].claims if c.source == "uk_mod"]
    assert uk and all(c.check.verdict == "unverifiable" for c in uk)
    assert all(c.check.explanation for c in uk)


def test_pipeline_without_record_extracts_and_leaves_checks_empty(seeds_dir: Path) -> None:
    document = bilan.read_path(seeds_dir / "002_494be95dc6817c3d.txt")[0]
    analysis = bilan.analyse(document)
    assert len(analysis.claims) == 14
    assert all(c.check is None for c in analysis.claims)
    assert analysis.document.date_source == "metadata"


def test_analysers_add_entities_and_rhetoric(seeds_dir: Path) -> None:
    document = bilan.read_path(seeds_dir / "000_dd917d69f1ca4539.txt")[0]
    output = bilan.analyse(document).to_dict()
    assert {"entities", "rhetoric"} <= set(output)
    assert any(e["name"] == "Kyiv" for e in output["entities"])


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Kiev, 12 nov 2024 (AFP) - L'armée russe a perdu 1 950 soldats lundi, selon l'état-major.", "fr", "2024-11-12"),
        ("LONDON, Jan 27 2025 (Reuters) - Russia has suffered nearly 1.2 million casualties.", "en", "2025-01-27"),
        ("Publié le 12 mai 2024 à 10h00\n\nLa Russie a perdu 1 740 soldats en 24 heures.", "fr", "2024-05-12"),
        ("Le 24 février 2022, la Russie a envahi l'Ukraine. Depuis, 1 000 chars ont été détruits.", "fr", None),
    ],
)
def test_dateline_dates_an_undated_article(text: str, lang: str, expected: str | None) -> None:
    analysis = bilan.analyse(bilan.read_text(text, "t", lang=lang), analysers=False)
    assert analysis.document.date == expected
    assert analysis.document.date_source == ("text" if expected else None)
