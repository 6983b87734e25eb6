"""Who and where: places with coordinates, people, organisations, units, weapons, and their scoring."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bilan
from bilan import hooks
from bilan.entities import (
    find_entities,
    fold,
    haversine_km,
    normalise_key,
    score_entities,
)
from bilan.model import Analysis, Document, Entity

ROOT = Path(__file__).resolve().parents[1]
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds_entities.jsonl"
EXAMPLES_GOLD = ROOT / "examples" / "gold_entities.jsonl"

# Reference coordinates (the towns' centres, well-known values rounded to 0.01 degree).
SEED_PLACES = {
    "Izium": (49.21, 37.26),
    "Kupiansk": (49.71, 37.62),
    "Balakliia": (49.46, 36.86),
    "Kurakhove": (47.98, 37.28),
    "Kherson": (46.64, 32.61),
    "Sevastopol": (44.60, 33.52),
    "Bakhchysarai": (44.75, 33.86),
    "Kreminna": (49.05, 38.22),
    "Toretsk": (48.40, 37.85),
    "Kursk": (51.73, 36.19),
    "Kyiv": (50.45, 30.52),
    "Moscow": (55.76, 37.62),
}


def entities_of(text: str, **kwargs: object) -> list[Entity]:
    return find_entities(Document(id="t", text=text), **kwargs)  # type: ignore[arg-type]


def named(text: str, surface: str) -> Entity:
    """The entity found on the first occurrence of `surface` in `text`."""
    start = text.index(surface)
    found = [e for e in entities_of(text) if e.start <= start < e.end]
    assert found, f"nothing found on {surface!r} in {text!r}"
    return found[0]


@pytest.fixture(scope="module")
def seed_analyses(seeds_dir: Path) -> list[Analysis]:
    documents = [d for path in sorted(seeds_dir.glob("*.txt")) for d in bilan.read_path(path)]
    return [Analysis(document=d, extras={"entities": find_entities(d)}) for d in documents]


@pytest.fixture(scope="module")
def example_analyses(examples_dir: Path) -> list[Analysis]:
    paths = sorted((examples_dir / "articles").glob("*.txt")) + [examples_dir / "corpus.jsonl"]
    documents = [d for path in paths for d in bilan.read_path(path)]
    return [Analysis(document=d, extras={"entities": find_entities(d)}) for d in documents]


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- the bars


def test_seed_towns_are_found_and_placed_within_25_km(seed_analyses: list[Analysis]) -> None:
    placed = {e.name: e for a in seed_analyses for e in a.extras["entities"] if e.type == "place"}
    for name, (lat, lon) in SEED_PLACES.items():
        assert name in placed, f"{name} not found in the seeds"
        entity = placed[name]
        assert haversine_km(lat, lon, entity.lat, entity.lon) <= 25, (name, entity.lat, entity.lon)
        assert entity.country in ("Ukraine", "Russia")
    assert placed["Izium"].region == "Kharkiv Oblast"
    assert placed["Toretsk"].region == "Donetsk Oblast"
    assert placed["Sevastopol"].region == "Sevastopol"
    assert placed["Kursk"].country == "Russia"


def test_seed_spellings_are_merged_under_one_name(seed_analyses: list[Analysis]) -> None:
    names: dict[str, set[str]] = {}
    for analysis in seed_analyses:
        for entity in analysis.extras["entities"]:
            names.setdefault(entity.name, set()).add(entity.text)
    assert {"Kupiansk", "Koupiansk"} <= names["Kupiansk"]
    assert {"Balakliya", "Balakliia", "Balaklia"} <= names["Balakliia"]
    assert {"Sébastopol"} <= names["Sevastopol"]
    assert {"Kiev", "Kyiv"} <= names["Kyiv"]
    assert {"Poutine", "Vlad", "Mad Vlad", "VLADIMIR Poutine", "Vladimir Poutine"} <= names["Vladimir Putin"]
    assert {"Zelensky", "Volodymyr Zelenski", "Volodymyr Zelensky"} <= names["Volodymyr Zelensky"]
    assert {"Sergueï Choïgou", "Choïgou"} <= names["Sergei Shoigu"]
    assert {"Olga Lautman", "Olga Lautmann", "Olga"} <= names["Olga Lautman"]


@pytest.mark.parametrize("gold_name", ["seeds", "examples"])
def test_precision_and_recall_on_the_gold(gold_name: str, request: pytest.FixtureRequest) -> None:
    gold_path, analyses = (
        (SEEDS_GOLD, request.getfixturevalue("seed_analyses"))
        if gold_name == "seeds"
        else (EXAMPLES_GOLD, request.getfixturevalue("example_analyses"))
    )
    scores = score_entities(read_gold(gold_path), analyses)
    assert scores["recall"] >= 0.95, scores["errors"]
    assert scores["precision"] >= 0.90, scores["errors"]
    for kind, by_type in scores["by_type"].items():
        if by_type["tp"] + by_type["fn"]:
            assert by_type["recall"] >= 0.85, (kind, by_type)


def test_gold_lines_are_well_formed_and_point_at_their_text(seeds_dir: Path, examples_dir: Path) -> None:
    texts = {d.id: d.text for path in sorted(seeds_dir.glob("*.txt")) for d in bilan.read_path(path)}
    for path in sorted((examples_dir / "articles").glob("*.txt")) + [examples_dir / "corpus.jsonl"]:
        texts.update({d.id: d.text for d in bilan.read_path(path)})
    for gold_path in (SEEDS_GOLD, EXAMPLES_GOLD):
        for line in read_gold(gold_path):
            assert line["kind"] == "entities"
            assert line["type"] in ("place", "person", "organisation", "unit", "weapon")
            assert texts[line["doc"]][line["start"] : line["end"]] == line["text"], line


# --------------------------------------------------------------------------- places in context


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Koupiansk, dans la province de Kharkiv, a été libérée.", "Kharkiv", "Kharkiv Oblast"),
        ("Des combats dans la région de Kharkiv ont repris.", "Kharkiv", "Kharkiv Oblast"),
        ("Fighting raged across the Kharkiv region overnight.", "Kharkiv", "Kharkiv Oblast"),
        ("Une frappe a touché une maison à Kharkiv lundi.", "Kharkiv", "Kharkiv"),
        ("Les troupes avancent en direction de Kharkiv.", "Kharkiv", "Kharkiv"),
        ("La situation reste tendue dans la direction de Kharkiv.", "Kharkiv", "Kharkiv Oblast"),
        ("renforcer les efforts dans le Donetsk. direction.", "Donetsk", "Donetsk Oblast"),
        ("Des drones au-dessus des régions de Koursk, Briansk et Orel.", "Briansk", "Bryansk Oblast"),
        ("over the Belgorod and Kursk regions", "Belgorod", "Belgorod Oblast"),
        ("Zelensky s'est envolé pour Washington DC.", "Washington", "Washington, D.C."),
        ("Un incendie de forêt dans l'État de Washington.", "Washington", "Washington (state)"),
        ("Les forces russes à Koupiansk et à Kupiansk.", "Koupiansk", "Kupiansk"),
        ("La ville de Balaklia a été abandonnée.", "Balaklia", "Balakliia"),
        ("Le Dniepr sépare les deux armées.", "Dniepr", "Dnipro River"),
        ("Une frappe sur Dnipro a fait deux morts.", "Dnipro", "Dnipro"),
    ],
)
def test_context_decides_between_town_and_region(text: str, surface: str, name: str) -> None:
    entity = named(text, surface)
    assert (entity.type, entity.name) == ("place", name)


def test_french_transliterations_of_front_line_towns() -> None:
    text = "Les combats font rage à Tchassiv Iar, Otcheretyne et Vouhledar. Tous les soldats sont partis."
    found = [(e.name, e.region) for e in entities_of(text)]
    assert found == [("Chasiv Yar", "Donetsk Oblast"), ("Ocheretyne", "Donetsk Oblast"), ("Vuhledar", "Donetsk Oblast")]


def test_regions_and_countries_have_coordinates() -> None:
    text = "La région de Koursk, la Crimée, la Russie et le Donbass."
    places = {e.name: e for e in entities_of(text)}
    assert haversine_km(51.7, 36.1, places["Kursk Oblast"].lat, places["Kursk Oblast"].lon) < 100
    assert places["Crimea"].country == "Ukraine"
    assert places["Russia"].lat is not None and places["Donbas"].region is None


def test_words_that_are_not_places() -> None:
    text = "Lundi, le Kremlin a menacé l'Occident. Hier, Samedi, the West responded."
    found = entities_of(text)
    assert [(e.type, e.name) for e in found] == [("organisation", "Kremlin")]


def test_words_run_together_are_split() -> None:
    text = "le président russe Vladimir. Poutineaffirmant qu'octobre"
    putin = named(text, "Poutineaffirmant")
    assert (putin.name, putin.text) == ("Vladimir Putin", "Poutine")


def test_a_ship_named_after_a_town_is_the_ship() -> None:
    text = (
        "L'état-major affirme avoir coulé un sous-marin russe, le Rostov-sur-le-Don, à Sébastopol.\n\n"
        "Le Rostov-sur-le-Don avait été touché en 2023. Rostov-sur-le-Don reste une grande ville."
    )
    found = [e for e in entities_of(text) if "Rostov" in e.text]
    assert [e.type for e in found] == ["weapon", "weapon", "weapon"]
    assert found[0].name == "Rostov-on-Don (submarine)" and found[0].subtype == "submarine"
    assert named(text, "Sébastopol").name == "Sevastopol"


# --------------------------------------------------------------------------- people, organisations, units, weapons


def test_roles_come_from_the_titles_beside_the_name() -> None:
    text = (
        "Sur Telegram, un conseiller du président Zelensky, Mykhailo Podolyak, a réagi.\n"
        "Poutine a confié la trêve à son ministre de la Défense, Sergueï Choïgou.\n"
        "Andriy Yermak, chef d'état-major du président, a diffusé une vidéo. M. Yermak a ajouté."
    )
    roles = {(e.name, e.text): e.role for e in entities_of(text) if e.type == "person"}
    assert roles[("Mykhailo Podolyak", "Mykhailo Podolyak")] == "adviser to the president"
    assert roles[("Volodymyr Zelensky", "Zelensky")] == "president"
    assert roles[("Sergei Shoigu", "Sergueï Choïgou")] == "defence minister"
    assert roles[("Andriy Yermak", "Yermak")] == "chief of staff"  # carried to every mention
    assert roles[("Vladimir Putin", "Poutine")] is None


def test_people_no_table_knows_and_given_names_alone() -> None:
    text = (
        "Par Claire Dumont\n\nYuri Felshtinsky, co-auteur du livre, est d'accord.\n"
        "Mais Yuri prévient que la guerre durera. Sir Tony Radakin l'a dit à la BBC. Sir Tony a ajouté."
    )
    people = [(e.text, e.name) for e in entities_of(text) if e.type == "person"]
    assert ("Claire Dumont", "Claire Dumont") in people
    assert ("Yuri", "Yuri Felshtinsky") in people
    assert ("Tony", "Tony Radakin") in people
    assert not any("\n" in surface for surface, _ in people)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "name"),
    [
        ("selon le compte X WarMonitor", "WarMonitor", "organisation", "WarMonitor"),
        ("L'agence officielle russe TASS a rapporté", "TASS", "organisation", "TASS"),
        ("les hommes du groupe Wagner", "Wagner", "organisation", "Wagner Group"),
        (
            "a annoncé l'état-major des forces armées ukrainiennes",
            "état-major",
            "organisation",
            "General Staff of the Armed Forces of Ukraine",
        ),
        ("Ukraine's General Staff said", "General Staff", "organisation", "General Staff of the Armed Forces of Ukraine"),
        ("a souligné jeudi le ministère britannique de la Défense", "ministère", "organisation", "UK Ministry of Defence"),
        ("du bataillon « Karpatska Sich » mènent", "Karpatska", "unit", "Karpatska Sich Battalion"),
        ("les soldats de la 47e brigade mécanisée tiennent", "47e", "unit", "47th Brigade"),
        ("the 93rd Mechanized Brigade said", "93rd", "unit", "93rd Brigade"),
        ("le régiment Azov à Marioupol", "Azov", "unit", "Azov Brigade"),
        ("la mer d'Azov reste fermée", "mer", "place", "Sea of Azov"),
    ],
)
def test_organisations_and_units(text: str, surface: str, kind: str, name: str) -> None:
    entity = named(text, surface)
    assert (entity.type, entity.name) == (kind, name)


@pytest.mark.parametrize(
    ("text", "surface", "name", "subtype"),
    [
        ("un seul char Leopard 2 affronte une colonne", "Leopard", "Leopard 2", "tank"),
        ("des roquettes HIMARS de fabrication américaine", "HIMARS", "HIMARS", "rocket launcher"),
        ("des drones kamikazes Switchblade", "Switchblade", "Switchblade", "loitering munition"),
        ("des véhicules BTR-82A arrivent", "BTR", "BTR-82A", "personnel carrier"),
        ("des véhicules BTR 82A arrivent", "BTR", "BTR-82A", "personnel carrier"),
        ("amphibies russes BTR-80K", "BTR", "BTR-80", "personnel carrier"),
        ("des chars T-72B3 et T-90M", "T-72B3", "T-72", "tank"),
        ("un Su-25 abattu", "Su-25", "Su-25", "aircraft"),
        ("un hélicoptère Ka-52", "Ka-52", "Ka-52", "helicopter"),
        ("les S-300 ukrainiens", "S-300", "S-300", "air defence system"),
        ("des missiles Storm Shadow", "Storm", "Storm Shadow", "cruise missile"),
        ("des ATACMS livrés", "ATACMS", "ATACMS", "ballistic missile"),
        ("un drone Bayraktar TB2", "Bayraktar", "Bayraktar TB2", "drone"),
        ("des Shahed iraniens", "Shahed", "Shahed-136", "loitering munition"),
        ("une munition rôdeuse Lancet", "Lancet", "Lancet", "loitering munition"),
        ("une batterie Patriot", "Patriot", "Patriot", "air defence system"),
    ],
)
def test_weapons_with_their_type(text: str, surface: str, name: str, subtype: str) -> None:
    entity = named(text, surface)
    assert (entity.type, entity.name, entity.subtype) == ("weapon", name, subtype)


def test_model_numbers_need_their_exact_form() -> None:
    assert not [e for e in entities_of("les chars T-72B3") if e.name == "T-90"]
    assert not entities_of("Il en reste 300 et les s 300 autres.")


# --------------------------------------------------------------------------- offsets, metadata, properties


def test_offsets_index_the_full_text_and_metadata_is_skipped() -> None:
    text = "title: Poutine à Kyiv\ndate: 2023-01-05\n\nPoutine a visité Kyiv."
    document = bilan.read_text(text, id="m")
    found = find_entities(document)
    assert [(e.name, e.text) for e in found] == [("Vladimir Putin", "Poutine"), ("Kyiv", "Kyiv")]
    assert all(e.start >= document.body_start and document.text[e.start : e.end] == e.text for e in found)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeiouKkyivPoutneÉéçï’'- .,\n0123456789BTRSHIMA")), max_size=120))
def test_any_text_gives_consistent_spans(text: str) -> None:
    found = entities_of(text)
    assert all(0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text for e in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@given(st.text(max_size=200))
def test_folding_keeps_offsets(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold("Sébastopol ÉTATS Choïgou’s") == "sebastopol etats choigou's"
    assert normalise_key("BTR-82A") == normalise_key("btr 82a") == "btr 82a"


# --------------------------------------------------------------------------- plugging in


def test_registered_as_analyser_and_scorer() -> None:
    hooks.load_plugins()
    assert "entities" in hooks.analysers and hooks.scorers["entities"] is score_entities
    found = hooks.analysers["entities"](Document(id="h", text="Poutine à Moscou."), None)
    assert [e.name for e in found] == ["Vladimir Putin", "Moscow"]


def test_the_analysis_json_carries_entities() -> None:
    analysis = bilan.analyse(bilan.read_text("Les forces russes ont quitté Izioum, près de Kharkiv.", id="j"))
    places = [e for e in analysis.to_dict()["entities"] if e["type"] == "place"]
    assert [p["name"] for p in places] == ["Izium", "Kharkiv"]
    assert {"lat", "lon", "region", "country", "start", "end"} <= set(places[0])


def test_scorer_matches_on_type_name_and_overlap() -> None:
    document = Document(id="d", text="Poutine à Kyiv et Kharkiv.")
    analysis = Analysis(document=document, extras={"entities": find_entities(document)})
    gold = [
        {"kind": "entities", "doc": "d", "type": "person", "name": "Vladimir Putin", "start": 0, "end": 7, "text": "Poutine"},
        {"kind": "entities", "doc": "d", "type": "place", "name": "Kyiv", "start": 10, "end": 14, "text": "Kyiv"},
        {"kind": "entities", "doc": "d", "type": "place", "name": "Kharkiv Oblast", "start": 18, "end": 25, "text": "Kharkiv"},
        {"kind": "entities", "doc": "d", "type": "weapon", "name": "HIMARS", "start": 0, "end": 3, "text": "Pou"},
    ]
    scores = score_entities(gold, [analysis])
    assert scores["by_type"]["person"] == {"precision": 1.0, "recall": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert scores["by_type"]["place"]["tp"] == 1 and scores["by_type"]["place"]["fp"] == 1
    assert scores["by_type"]["weapon"]["recall"] == 0.0 and scores["by_type"]["weapon"]["precision"] is None
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 2)


def test_ner_adds_unknown_names_and_filters_its_known_errors() -> None:
    text = (
        "Lundi, le général Kostiantyn Ravlyk a visité Pidhorodne.\n\nJessie Neal\n\nIzium est libre. "
        "Le colonel Ravlyk a salué les troupes Crédit : Twitter/@abc"
    )
    found = entities_of(text, use_ner=True)
    pairs = [(e.type, e.name, e.text) for e in found]
    assert ("person", "Kostiantyn Ravlyk", "Ravlyk") in pairs
    assert ("place", "Izium", "Izium") in pairs
    assert not any(e.text in ("Lundi", "Crédit") or "\n" in e.text or "Crédit" in e.text for e in found)
    assert all(text[e.start : e.end] == e.text for e in found)


def test_the_shipped_gazetteer_is_what_the_tool_generates(tmp_path: Path) -> None:
    out = tmp_path / "gazetteer.tsv"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_entities_gazetteer.py"), str(out)], check=True, capture_output=True
    )
    assert out.read_text(encoding="utf-8") == (ROOT / "bilan" / "data" / "entities_gazetteer.tsv").read_text(encoding="utf-8")


# --- the tables are checked as they load ---------------------------------------------------


def _tables_with(tmp_path: Path, name: str, edit) -> Path:
    """A copy of bilan's entity tables, one of them edited (`edit`: its text -> the new text)."""
    from bilan.entities import NAME_TABLES

    names = {p.name for p in (ROOT / "bilan" / "data").glob("entities_*")} | set(NAME_TABLES)
    for other in names:
        (tmp_path / other).write_text((ROOT / "bilan" / "data" / other).read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return tmp_path


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        # a hand-written name given a second row
        (
            "entities_weapons.tsv",
            lambda text: text + "HIMARS\trocket launcher\tHimars 2\n",
            r"entities_weapons\.tsv:{last}: 'HIMARS' repeats the row of line {himars}$",
        ),
        # a spelling under two names of the hand-written tables: one reading would hide the other
        (
            "entities_weapons.tsv",
            lambda text: text + "Fighters\taircraft\tZelensky\n",
            r"entities_weapons\.tsv:{last}: 'Zelensky' is a spelling of both 'Volodymyr Zelensky' \(entities_people\.tsv:\d+\) and 'Fighters'$",
        ),
        # a spelling written twice in its row
        (
            "entities_organisations.tsv",
            lambda text: text + "Azov Battalion Two\tunit\tAzov Two|Azov Two\n",
            r"entities_organisations\.tsv:{last}: 'Azov Two' is written twice in the row of 'Azov Battalion Two'$",
        ),
        # a gazetteer row repeated whole
        (
            "entities_gazetteer.tsv",
            lambda text: text + text.splitlines()[3] + "\n",
            r"entities_gazetteer\.tsv:{last}: 'Kharkiv' repeats the row of line 4$",
        ),
        # a title under two roles
        (
            "entities_roles.tsv",
            lambda text: text + "président\tgeneral\n",
            r"entities_roles\.tsv:{last}: 'président' is under both 'president' \(line \d+\) and 'general'$",
        ),
        # a word list's line repeated
        ("entities_given_names.txt", lambda text: text + "Olga\n", r"entities_given_names\.txt:{last}: 'Olga' repeats line \d+$"),
    ],
)
def test_a_repeated_or_conflicting_table_row_is_refused_naming_its_file_and_line(tmp_path: Path, name, edit, message) -> None:
    from bilan.entities import Tables
    from bilan.matching import LexiconError

    data = _tables_with(tmp_path, name, edit)
    path = data / name
    last = len(path.read_text(encoding="utf-8").splitlines())
    pattern = message.replace("{last}", str(last)).replace("{himars}", str(_line_of(data / "entities_weapons.tsv", "HIMARS\t")))
    with pytest.raises(LexiconError, match=pattern) as refused:
        Tables(data)
    assert "\n" not in str(refused.value)  # one line


def test_the_shipped_tables_load_and_keep_their_precedence() -> None:
    from bilan.entities import tables

    t = tables()
    # the gazetteer ranks its homonyms and follows the hand-written tables: "Austin" is the
    # defence secretary, "Moskva" the cruiser, "Carcovia" Kharkiv (listed before Kraków)
    assert t.aliases["austin"].target.name == "Lloyd Austin"
    assert t.aliases["moskva"].target.type == "weapon"
    assert t.aliases["carcovia"].target.name == "Kharkiv"
    # one spelling in two cases keeps the more permissive rule ("TASS", "Tass")
    assert t.aliases["tass"].case == "capital"
