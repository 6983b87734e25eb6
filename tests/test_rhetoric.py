"""Rhetoric: technique spans from the lexicons, tone, genre, the scorer and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bilan import hooks
from bilan.cli import app
from bilan.model import Analysis, Document
from bilan.reading import read_path
from bilan.rhetoric import (
    OPINION_FIRST_PERSON_RATE,
    REPETITION_MIN,
    TECHNIQUES,
    WORD,
    Lexicon,
    _tokens,
    RhetoricReport,
    find_rhetoric,
    lexicon,
    score_rhetoric,
    score_spans,
)

DATA = Path(__file__).parent / "data"
SEEDS_GOLD = DATA / "seeds_rhetoric.jsonl"
EXAMPLES_GOLD = Path(__file__).resolve().parents[1] / "examples" / "gold_rhetoric.jsonl"
RECALL_FLOOR, PRECISION_FLOOR = 0.85, 0.80


def rhetoric(text: str, lang: str = "fr", **fields: str) -> RhetoricReport:
    return find_rhetoric(Document(id="t", text=text, lang=lang, **fields))


def techniques_of(report: RhetoricReport) -> list[tuple[str, str]]:
    return [(span.technique, span.text) for span in report.spans]


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- lexicon matching -----------------------------------------------------------------


@pytest.mark.parametrize("word", ["humiliant", "humiliante", "humiliantes", "humiliation", "humilié", "humiliée", "humiliait"])
def test_french_inflections_and_derivations_are_one_entry(word: str) -> None:
    report = rhetoric(f"Ce fut un revers {word} pour le Kremlin.")
    assert techniques_of(report) == [("Loaded_Language", word)]


@pytest.mark.parametrize("word", ["humiliating", "humiliation", "humiliated", "humiliates"])
def test_english_inflections_are_one_entry(word: str) -> None:
    report = rhetoric(f"It was a {word} moment for the Kremlin.", lang="en")
    assert techniques_of(report) == [("Loaded_Language", word)]


def test_words_that_only_share_a_prefix_do_not_match() -> None:
    # "humilité" (humility) shares the stem's letters but no suffix of its classes.
    assert rhetoric("Il a parlé avec humilité de la situation.").spans == []


def test_span_offsets_index_the_document_text() -> None:
    text = "date 2024-05\n\nLe tyran russe a subi d’énormes pertes.\n\n« Mad Vlad » recule."
    document = Document(id="t", text=text, lang="fr", body_start=14)
    report = find_rhetoric(document)
    assert [(s.technique, s.text) for s in report.spans] == [
        ("Name_Calling-Labeling", "tyran"),
        ("Exaggeration-Minimisation", "énormes pertes"),
        ("Name_Calling-Labeling", "Mad Vlad"),
    ]
    assert all(text[s.start : s.end] == s.text for s in report.spans)


def test_phrases_never_run_across_a_sentence_end() -> None:
    assert rhetoric("Ils ont reçu une machine. De guerre, il n'est plus question.").spans == []
    assert techniques_of(rhetoric("La machine de guerre avance.")) == [("Loaded_Language", "machine de guerre")]


def test_gap_words_in_a_pattern() -> None:
    report = rhetoric("Il a le sang de 80 000 jeunes Russes sur les mains.")
    assert techniques_of(report) == [("Loaded_Language", "sang de 80 000 jeunes Russes sur les mains")]


def test_literal_uses_cancel_a_loaded_match() -> None:
    assert rhetoric("Les troupes de choc ont avancé.").spans == []
    assert techniques_of(rhetoric("Un cessez-le-feu de choc a été annoncé.")) == [("Loaded_Language", "de choc")]
    assert rhetoric("The UN held an extraordinary session.", lang="en").spans == []


def test_techniques_in_both_languages() -> None:
    french = rhetoric("Les experts ont averti : la seule alternative restante serait l'usage des armes nucléaires.")
    assert techniques_of(french) == [
        ("Appeal_to_Authority", "Les experts ont averti"),
        ("False_Dilemma-No_Choice", "seule alternative"),
        ("Appeal_to_Fear-Prejudice", "armes nucléaires"),
    ]
    english = rhetoric("Experts warned the so-called ceasefire was his only option, sparking fears of nuclear war.", lang="en")
    assert techniques_of(english) == [
        ("Appeal_to_Authority", "Experts warned"),
        ("Doubt", "so-called"),
        ("False_Dilemma-No_Choice", "only option"),
        ("Appeal_to_Fear-Prejudice", "sparking fears"),
        ("Appeal_to_Fear-Prejudice", "nuclear war"),
    ]


def test_every_lexicon_label_is_a_semeval_technique_name() -> None:
    for lang in ("fr", "en"):
        labels = {entry.label for entry in lexicon(lang).entries}
        techniques = labels & set(TECHNIQUES)
        assert len(techniques) >= 10
        assert labels - techniques <= {"NOT", "attribution", "first_person", "opinion", "satire", "opinion_label", "satire_label"}


def test_unknown_suffix_class_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown suffix class"):
        Lexicon([("Loaded_Language", "humili+NOPE")], {"ANT": ("ant",)})
    with pytest.raises(ValueError, match="starts with a gap"):
        Lexicon([("Loaded_Language", "*2 guerre")], {})


@given(
    st.lists(
        st.sampled_from(
            [
                "tyran",
                "humiliation",
                "de",
                "choc",
                "machine",
                "guerre",
                ".",
                "\n",
                "« ",
                "”",
                "Vlad",
                "je",
                "selon",
                "experts",
                " ",
                "’",
                "d’énormes",
                "pertes",
                "-",
                "0",
            ]
        ),
        max_size=60,
    )
)
@settings(max_examples=200, deadline=None)
def test_any_text_gives_spans_inside_paragraphs(pieces: list[str]) -> None:
    text = " ".join(pieces)
    report = rhetoric(text)
    assert all(text[s.start : s.end] == s.text and s.technique in TECHNIQUES for s in report.spans)
    assert sum(sum(p.counts.values()) for p in report.paragraphs) == len(report.spans)
    assert all(any(p.start <= s.start and s.end <= p.end for p in report.paragraphs) for s in report.spans)
    assert report.genre in ("reporting", "opinion", "satire")


@given(st.text(max_size=200), st.integers(0, 20))
@settings(max_examples=300, deadline=None)
def test_word_offsets_are_those_of_the_word_pattern(text: str, cut: int) -> None:
    tokens = _tokens(text, [(0, min(cut, len(text))), (min(cut, len(text)), len(text))])
    expected = [m.span() for m in WORD.finditer(text, 0, min(cut, len(text)))]
    expected += [m.span() for m in WORD.finditer(text, min(cut, len(text)), len(text))]
    assert list(zip(tokens.starts, tokens.ends)) == expected
    assert tokens.forms == [text[a:b].lower() for a, b in expected]
    assert len(tokens.breaks) == len(expected)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_arbitrary_unicode_never_breaks_the_scan(text: str) -> None:
    report = rhetoric(text)
    assert all(text[s.start : s.end] == s.text for s in report.spans)
    assert report.tone >= 0


# --- repetition, tone, paragraphs ----------------------------------------------------------


def test_a_label_used_three_times_is_repetition() -> None:
    three = rhetoric("Le tyran parle.\nLe tyran ment.\nLe tyran recule.")
    assert REPETITION_MIN == 3
    assert [s.text for s in three.spans if s.technique == "Repetition"] == ["tyran", "tyran"]
    two = rhetoric("Le tyran parle.\nLe tyran ment.")
    assert "Repetition" not in two.counts


def test_counts_and_tone_per_paragraph_and_article() -> None:
    report = rhetoric("Une invasion calamiteuse et humiliante.\nLes ministres se sont réunis mardi à Bruxelles.")
    first, second = report.paragraphs
    assert first.counts == {"Loaded_Language": 2} and first.words == 5 and first.tone == 40.0
    assert second.counts == {} and second.tone == 0.0
    assert report.counts == {"Loaded_Language": 2}
    assert report.tone == round(100 * 2 / 13, 2) and report.words == 13


def test_unnamed_experts_are_an_appeal_only_as_the_warrant_of_a_judgment() -> None:
    # Sourcing a measured estimate is attribution; vouching for a forecast is an appeal.
    assert rhetoric("Selon des analystes, qui estiment qu'elles ont conquis 600 km², le front recule.").spans == []
    assert techniques_of(rhetoric("Les experts s'accordent à dire que le régime vacille.")) == [
        ("Appeal_to_Authority", "Les experts s'accordent")
    ]


def test_authority_and_doubt_do_not_count_in_the_tone() -> None:
    report = rhetoric("Les experts pensent que le bilan réel serait différent.")
    assert set(report.counts) == {"Appeal_to_Authority", "Doubt"}
    assert report.tone == 0.0


# --- genre -----------------------------------------------------------------------------------

REPORT = (
    "Le ministère de la Défense a déclaré mardi que deux drones avaient été abattus. "
    "Selon l’armée, aucune victime n’est à déplorer. « La situation est stable », a-t-il ajouté."
)


def test_attributed_neutral_prose_is_reporting() -> None:
    report = rhetoric(REPORT)
    assert report.genre == "reporting"
    assert report.genre_reasons[0] == "attributed statements: 100% of 3 sentences"


def test_first_person_author_is_opinion_but_not_a_quoted_first_person() -> None:
    opinion = rhetoric("Je pense que nous avons trop attendu. Mon pays doit agir, et je le dis sans détour.")
    assert opinion.genre == "opinion"
    assert any("opinion marker" in reason for reason in opinion.genre_reasons)
    quoted = rhetoric("« Je suis fier de mes soldats et de mon pays, je le dis », a déclaré le général.")
    assert quoted.genre == "reporting"
    assert "first person outside quotes: 0.0 per 100 words" in quoted.genre_reasons
    plain = rhetoric("Moi, j’ai vu mes voisins partir. Mon quartier est vide, ma rue aussi.")
    assert plain.genre == "opinion" and OPINION_FIRST_PERSON_RATE <= 100 * 5 / plain.words


def test_section_labels_count_in_the_title_and_outlet_only() -> None:
    assert rhetoric(REPORT, title="Tribune : l’Europe doit tenir").genre == "opinion"
    assert rhetoric("Il a publié une tribune dans Le Monde, a déclaré son entourage.").genre == "reporting"
    satire = rhetoric(REPORT, outlet="Le Gorafi")
    assert satire.genre == "satire" and satire.genre_reasons[0] == "satire marker: Gorafi"
    assert rhetoric("The ministry said two drones were downed.", lang="en", url="https://www.theonion.com/x").genre == "reporting"
    assert rhetoric("The ministry said two drones were downed.", lang="en", outlet="The Onion").genre == "satire"


@pytest.mark.parametrize(
    ("name", "genre"),
    [("fr_opinion_unlabelled", "opinion"), ("en_opinion_labelled", "opinion"), ("fr_satire", "satire"), ("en_satire", "satire")],
)
def test_genre_of_whole_pieces(name: str, genre: str) -> None:
    report = find_rhetoric(read_path(DATA / "rhetoric_genre" / f"{name}.txt")[0])
    assert report.genre == genre, report.genre_reasons


def test_loaded_unattributed_prose_is_opinion() -> None:
    report = rhetoric("Une invasion calamiteuse, humiliante, sanglante. Un tyran pathétique et brutal.")
    assert report.genre == "opinion"
    assert report.genre_reasons[0].startswith("unattributed prose")


def test_questions_put_to_the_reader_in_unattributed_prose_are_opinion() -> None:
    text = "Qui paiera ? Combien de temps encore ? Le front ne bouge plus depuis l'hiver."
    assert rhetoric(text).genre == "opinion"
    quoted = "« Qui paiera ? Combien de temps encore ? » a demandé le ministre. Le front ne bouge plus, selon l'armée."
    assert rhetoric(quoted).genre == "reporting"


def test_very_loaded_prose_with_little_attribution_is_opinion() -> None:
    text = (
        "Le tyran a lancé une invasion calamiteuse. Une débâcle humiliante. Un carnage sanglant. "
        "Une boucherie atroce. Selon l'armée, le front tient."
    )
    report = rhetoric(text)
    assert report.genre_reasons[1] == "attributed statements: 20% of 5 sentences"
    assert report.genre == "opinion" and report.genre_reasons[0].startswith("loaded density ≥")


# --- output, hooks, scorer -------------------------------------------------------------------


def test_report_to_dict_is_the_json_contract() -> None:
    data = json.loads(json.dumps(rhetoric("Le tyran russe.").to_dict()))
    assert set(data) == {"spans", "paragraphs", "counts", "tone", "genre", "genre_reasons", "words"}
    assert data["spans"] == [{"technique": "Name_Calling-Labeling", "start": 3, "end": 8, "text": "tyran"}]


def test_registered_as_analyser_and_scorer() -> None:
    hooks.load_plugins()
    document = Document(id="t", text="Le tyran russe.", lang="fr")
    assert isinstance(hooks.analysers["rhetoric"](document, None), RhetoricReport)
    assert hooks.scorers["rhetoric"] is score_rhetoric


def test_score_spans_by_overlap_and_technique() -> None:
    gold = [
        {"doc": "a", "technique": "Loaded_Language", "start": 0, "end": 10},
        {"doc": "a", "technique": "Doubt", "start": 20, "end": 30},
        {"doc": "b", "technique": "Loaded_Language", "start": 0, "end": 10},
    ]
    predicted = [
        {"doc": "a", "technique": "Loaded_Language", "start": 5, "end": 8},  # overlaps: correct
        {"doc": "a", "technique": "Loaded_Language", "start": 20, "end": 25},  # wrong technique there
        {"doc": "b", "technique": "Loaded_Language", "start": 10, "end": 12},  # touches, no overlap
    ]
    result = score_spans(gold, predicted)
    assert result["by_technique"]["Loaded_Language"] == {
        "gold": 2,
        "predicted": 3,
        "found": 1,
        "correct": 1,
        "precision": 0.3333,
        "recall": 0.5,
        "f1": 0.4,
    }
    assert result["by_technique"]["Doubt"]["recall"] == 0.0
    assert result["overall"]["recall"] == round(1 / 3, 4) and result["overall"]["precision"] == round(1 / 3, 4)


def _score_gold_file(gold_path: Path, directory: Path) -> dict:
    gold = read_gold(gold_path)
    analyses = []
    for doc in sorted({line["doc"] for line in gold}):
        document = read_path(next(directory.glob(doc + ".*")))[0]
        analyses.append(Analysis(document=document, extras={"rhetoric": find_rhetoric(document)}))
    return score_rhetoric(gold, analyses)


def _check_gold_file(gold_path: Path, directory: Path) -> None:
    for line in read_gold(gold_path):
        assert set(line) == {"kind", "doc", "technique", "start", "end", "text"} and line["kind"] == "rhetoric"
        assert line["technique"] in TECHNIQUES
        text = read_path(next(directory.glob(line["doc"] + ".*")))[0].text
        assert text[line["start"] : line["end"]] == line["text"]
        assert len(line["text"]) < 200  # a span, never an article's text


def test_seed_gold_spans_point_at_their_text(seeds_dir: Path) -> None:
    _check_gold_file(SEEDS_GOLD, seeds_dir)


def test_seeds_recall_and_precision_floors(seeds_dir: Path) -> None:
    overall = _score_gold_file(SEEDS_GOLD, seeds_dir)["overall"]
    assert overall["recall"] >= RECALL_FLOOR, overall
    assert overall["precision"] >= PRECISION_FLOOR, overall


def test_development_set_is_all_reporting(examples_dir: Path) -> None:
    for path in sorted((examples_dir / "articles").iterdir()):
        report = find_rhetoric(read_path(path)[0])
        assert report.genre == "reporting", (path.name, report.genre_reasons)


def test_seeds_are_tabloid_reporting(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("0*.txt")):
        report = find_rhetoric(read_path(path)[0])
        assert report.genre == "reporting", (path.name, report.genre_reasons)
        assert report.counts.get("Loaded_Language", 0) >= 3


def test_development_set_gold_spans_point_at_their_text(examples_dir: Path) -> None:
    _check_gold_file(EXAMPLES_GOLD, examples_dir / "articles")


def test_development_set_recall_and_precision_floors(examples_dir: Path) -> None:
    overall = _score_gold_file(EXAMPLES_GOLD, examples_dir / "articles")["overall"]
    assert overall["recall"] >= RECALL_FLOOR, overall
    assert overall["precision"] >= PRECISION_FLOOR, overall


# --- command line -----------------------------------------------------------------------------


def test_command_json_writes_control_and_bidi_characters_as_escapes(tmp_path: Path) -> None:
    hostile = "\u202e\x9b\u2028"
    article = tmp_path / f"a{hostile}b.txt"  # the document's id, from its file name
    article.write_text("Le tyran russe a subi une défaite humiliante, a déclaré le ministère.\n", encoding="utf-8")
    runner = CliRunner()
    for format in ("json", "jsonl"):
        result = runner.invoke(app, ["rhetoric", str(article), "--format", format])
        assert result.exit_code == 0, result.output
        assert not any(char in result.stdout for char in hostile)
        assert all(escape in result.stdout for escape in ("\\u202e", "\\u009b", "\\u2028"))
        [item] = json.loads(result.stdout) if format == "json" else [json.loads(result.stdout)]
        assert item["id"] == f"a{hostile}b" and item["rhetoric"]["counts"]  # the same data


def test_command_table_and_json(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Le tyran russe a subi une défaite humiliante, a déclaré le ministère.\n", encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(app, ["rhetoric", str(article)])
    assert table.exit_code == 0, table.output
    assert "Name_Calling-Labeling" in table.output and "reporting" in table.output
    by_paragraph = runner.invoke(app, ["rhetoric", str(article), "--paragraphs"])
    assert by_paragraph.exit_code == 0 and "0-69" in by_paragraph.output and "Loaded_Language 1" in by_paragraph.output
    as_json = runner.invoke(app, ["rhetoric", str(article), "--format", "json"])
    assert as_json.exit_code == 0
    [item] = json.loads(as_json.output)
    assert item["id"] == "a" and item["rhetoric"]["counts"] == {"Loaded_Language": 1, "Name_Calling-Labeling": 1}


def test_command_errors(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Le tyran recule.\n", encoding="utf-8")
    runner = CliRunner()
    missing = runner.invoke(app, ["rhetoric", str(tmp_path / "absent.txt"), str(article), "-f", "jsonl"])
    assert missing.exit_code == 1
    assert "absent.txt" in missing.output and "Traceback" not in missing.output
    assert json.loads(missing.stdout.splitlines()[-1])["id"] == "a"
    assert runner.invoke(app, ["rhetoric", str(article), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["rhetoric", str(article), "--lang", "de"]).exit_code == 2
