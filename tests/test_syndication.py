"""Syndication clusters: relayed copies and translations of one story found, distinct
articles kept apart, the first printer named.

The calibration of the thresholds in bilan/syndication.py comes from the copies made
here: light and heavy relays of every seed and development article, translations written
for these tests, and every pair of distinct articles as the negatives."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilan import storage, syndication
from bilan.model import Analysis, Check, Claim, Document

# Written for these tests: one English wire story, its French translation (figures kept,
# "one million" in words on one side only), and a French story that quotes the same
# General Staff tallies in the same order but tells another story.
WIRE_EN = """KYIV, Feb 24 (Wire) - Russia has lost 1,000,340 soldiers killed or wounded since the start of its full-scale invasion, Ukraine's General Staff said on Monday, three years after the first tanks crossed the border.

The General Staff said its forces had destroyed 10,933 Russian tanks, 22,790 armoured vehicles and 29,063 artillery systems. It also counted 1,240 multiple rocket launchers and 369 aircraft.

In the past 24 hours alone, 1,140 Russian soldiers were put out of action, the statement said, most of them near Pokrovsk, where Moscow has massed about 50,000 troops.

Russia does not publish its own losses. Western officials put the figure lower, at about 700,000 killed or wounded, and said Moscow recruits around 30,000 men a month to replace them.

Ukraine has not disclosed its own losses since December, when President Volodymyr Zelensky said 43,000 Ukrainian soldiers had been killed."""

WIRE_FR = """KYIV, 24 février (Wire) - La Russie a perdu 1 000 340 soldats tués ou blessés depuis le lancement de son invasion à grande échelle, a annoncé lundi l'état-major ukrainien, trois ans après que les premiers chars ont franchi la frontière.

L'état-major a indiqué que ses forces avaient détruit 10 933 chars russes, 22 790 véhicules blindés et 29 063 systèmes d'artillerie. Il a également recensé 1 240 lance-roquettes multiples et 369 avions.

Au cours des dernières 24 heures, 1 140 soldats russes ont été mis hors de combat, selon le communiqué, la plupart près de Pokrovsk, où Moscou a massé environ 50 000 hommes.

La Russie ne publie pas ses propres pertes. Des responsables occidentaux avancent un chiffre plus bas, environ 700 000 tués ou blessés, et affirment que Moscou recrute quelque 30 000 hommes par mois pour les remplacer.

L'Ukraine n'a pas communiqué ses propres pertes depuis décembre, lorsque le président Volodymyr Zelensky a déclaré que 43 000 soldats ukrainiens avaient été tués."""

OTHER_FR = """Dans une tribune publiée jeudi, un ancien colonel revient sur trois années de guerre et sur ce que disent vraiment les bilans officiels, souvent repris sans recul.

Kiev affirme avoir détruit 10 933 chars russes, 22 790 véhicules blindés et 29 063 systèmes d'artillerie, sans que ces chiffres puissent être vérifiés de manière indépendante.

Pour l'auteur, qui a servi 25 ans dans l'armée de terre, la guerre d'usure a changé de nature en 2024 : les drones ont remplacé l'artillerie comme première cause de pertes, et les deux camps produisent désormais plus de 4 000 appareils par jour.

Il rappelle qu'en 1945, l'Armée rouge avait perdu 8 000 chars pendant la seule bataille de Berlin, et que les comparaisons historiques ont leurs limites. Les chiffres de 2022 et 2023 montrent selon lui une armée russe qui a appris de ses erreurs."""


# Another story in French that quotes every figure of the wire in the same order.
ANALYSIS_FR = """Analyse. Que valent les bilans de Kiev ? Le 24 février, trois ans de guerre : le chiffre de 1 000 340 soldats russes hors de combat n'est vérifiable par personne. Pas plus que les 10 933 chars, les 22 790 blindés ou les 29 063 pièces d'artillerie, ni les 1 240 lance-roquettes et 369 avions revendiqués.

Un jour ordinaire, en 24 heures, Kiev annonce 1 140 pertes russes ; autour de Pokrovsk, on parle de 50 000 hommes. Les Occidentaux disent 700 000, avec 30 000 recrues par mois. Et Kiev tait ses propres morts depuis l'aveu de 43 000 tués."""


def _read(path: Path) -> Document:
    from bilan.reading import read_path

    return read_path(path)[0]


@pytest.fixture(scope="module")
def articles(seeds_dir: Path, examples_dir: Path) -> list[Document]:
    files = sorted(seeds_dir.glob("*.txt")) + sorted((examples_dir / "articles").glob("*.txt"))
    return [_read(f) for f in files]


def _prose(document: Document) -> str:
    return document.text[document.body_start :]


def _relay(text: str, heavy: bool) -> str:
    """A wire story as another outlet prints it: a byline and its own lead; when heavy,
    a third of the paragraphs cut and a 'read also' line added."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if heavy:
        kept = [p for i, p in enumerate(paragraphs) if i % 3 != 2]
        kept[0] = "Notre correspondant rapporte que la situation reste tendue sur le front, selon des sources concordantes."
        kept.append("Lire aussi : nos autres articles sur la guerre en Ukraine.")
    else:
        kept = ["(AFP) " + paragraphs[0], *paragraphs[1:]]
    return "\n\n".join(kept)


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def test_relayed_copies_score_far_above_distinct_articles(articles: list[Document]) -> None:
    shingles = [syndication.word_shingles(_prose(d)) for d in articles]
    distinct = max(_jaccard(a, b) for a, b in itertools.combinations(shingles, 2))
    relays = [
        _jaccard(syndication.word_shingles(_relay(_prose(d), heavy)), s)
        for heavy in (False, True)
        for d, s in zip(articles, shingles)
        if _prose(d).count("\n\n") >= 4  # heavy edits need paragraphs to cut
    ]
    assert distinct < syndication.WORD_THRESHOLD / 2
    assert min(relays) > syndication.WORD_THRESHOLD * 1.2


def _member(id: str, text: str, lang: str, date: str | None = None) -> syndication.Member:
    signatures = syndication.signatures(text)
    return syndication.Member(id, date, lang, signatures.length, signatures.words, signatures.numbers)


def test_clusters_join_relays_and_keep_distinct_articles_apart(articles: list[Document]) -> None:
    members = [_member(d.id, _prose(d), d.lang or "fr", "2024-01-10") for d in articles]
    originals = [d for d in articles if _prose(d).count("\n\n") >= 4][:6]
    members += [_member(f"{d.id}-relay", _relay(_prose(d), True), d.lang or "fr", "2024-01-11") for d in originals]
    rows = {r.doc_id: r for r in syndication.cluster(members)}
    for d in originals:
        assert rows[d.id].cluster_id == rows[f"{d.id}-relay"].cluster_id == d.id  # the original came first
        assert rows[d.id].first and not rows[f"{d.id}-relay"].first
    assert len({r.cluster_id for r in rows.values()}) == len(originals)
    assert all(len([r for r in rows.values() if r.cluster_id == c]) == 2 for c in {r.cluster_id for r in rows.values()})


def test_a_translation_joins_its_original_through_its_figures() -> None:
    members = [
        _member("en", WIRE_EN, "en", "2025-02-24"),
        _member("fr", WIRE_FR, "fr", "2025-02-24"),
        _member("other", OTHER_FR, "fr", "2025-02-27"),
    ]
    rows = {r.doc_id: r for r in syndication.cluster(members)}
    assert set(rows) == {"en", "fr"}
    assert rows["fr"].method == "numbers" and rows["fr"].similarity >= syndication.NUMBER_THRESHOLD
    assert (
        _jaccard(syndication.number_shingles(WIRE_EN), syndication.number_shingles(OTHER_FR)) < syndication.NUMBER_THRESHOLD / 2
    )


def test_figures_do_not_link_two_articles_in_one_language() -> None:
    twin = _member("fr-2", WIRE_FR.replace("KYIV", "KIEV").replace("a annoncé", "a déclaré"), "fr")
    rows = syndication.cluster([_member("fr", WIRE_FR, "fr"), _member("analysis", ANALYSIS_FR, "fr"), twin])
    assert {r.doc_id for r in rows} == {"fr", "fr-2"}
    assert (
        _jaccard(syndication.number_shingles(WIRE_FR), syndication.number_shingles(ANALYSIS_FR)) >= syndication.NUMBER_THRESHOLD
    )
    assert all(r.method == "words" for r in rows)


def test_the_undated_come_last_and_ties_go_by_id() -> None:
    members = [
        _member("b", WIRE_FR, "fr", None),
        _member("c", WIRE_FR + " Fin.", "fr", "2025-02"),
        _member("a", WIRE_FR + " Mise à jour.", "fr", "2025-02-25"),
    ]
    rows = {r.doc_id: r for r in syndication.cluster(members)}
    assert {r.cluster_id for r in rows.values()} == {"c"}  # a month sorts before its days


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(["\u00a0", "\u202f", " "]))
def test_figures_read_french_and_english_grouping_alike(value: int, space: str) -> None:
    english = f"{value:,}"
    french = english.replace(",", space)
    assert (
        syndication.figures(f"ils ont perdu {english} soldats")
        == syndication.figures(f"perte de {french} soldats")
        == [str(value)]
    )


def test_prose_leaves_out_the_spans_set_aside() -> None:
    text = "title\n\nBody one. Cookie banner here. Body two."
    start = text.index("Cookie")
    assert syndication.prose(text, 7, [(start, start + len("Cookie banner here."))]) == "Body one. \n Body two."


def _stand_in(item: tuple[Document, str, str]) -> storage.StoredDocument:
    document, key, source = item
    claims = [
        Claim(
            value=int(re.sub(r"\D", "", m.group(1))),
            category="tanks",
            side="russia",
            scope="cumulative",
            start=m.start(),
            end=m.end(),
            text=m.group(),
            check=Check("matches"),
        )
        for m in re.finditer(r"(\d[\d,\u00a0 ]*\d) (?:Russian tanks|chars russes)", document.text)
    ]
    return storage.to_stored(Analysis(document, claims=claims), key=key, source=source)


def test_the_corpus_tells_which_outlets_relayed_a_figure_and_who_was_first(tmp_path: Path) -> None:
    documents = [
        Document("w-en", WIRE_EN, lang="en", outlet="Wire", date="2025-02-24", path="/c/w-en.txt"),
        Document("w-fr", WIRE_FR, lang="fr", outlet="Le Quotidien", date="2025-02-25", path="/c/w-fr.txt"),
        Document("w-fr2", "(AFP) " + WIRE_FR, lang="fr", outlet="La Gazette", date="2025-02-26", path="/c/w-fr2.txt"),
        Document("other", OTHER_FR, lang="fr", outlet="La Revue", date="2025-02-27", path="/c/other.txt"),
    ]
    con = storage.connect(tmp_path / "corpus.duckdb")
    storage.ingest(con, documents, _stand_in)
    assert storage.clusters_stale(con)
    assert storage.update_clusters(con) == 3
    assert not storage.clusters_stale(con)
    relays = con.execute(
        "SELECT value, documents, outlets, first_outlet, first_date FROM figure_relays ORDER BY value"
    ).fetchall()
    assert relays == [(10933, 3, ["La Gazette", "Le Quotidien", "Wire"], "Wire", "2025-02-24")]
    # the other article prints the same figure but relayed nothing
    assert (
        con.execute("SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.name = 'other'").fetchone()[0] == 1
    )
    con.close()
