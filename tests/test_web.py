"""The web app (`bilan.web.create_app`) over a small corpus written through `bilan.storage`.

The corpus is made of hand-written analyses (no pipeline), so these tests pin what the
pages show and refuse, not what the extractor finds. One article is hostile: script tags
and event handlers in its title, outlet, text, claims, entities and explanation.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilan import storage
from bilan.model import Analysis, Check, Claim, Document, Entity, Mark, RhetoricSpan
from bilan.rhetoric import RhetoricReport
from bilan.web import MAX_BODY_BYTES, create_app, search_terms

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _claim(text: str, fragment: str, value: int, category: str, verdict: str | None, **check: object) -> Claim:
    start = text.index(fragment)
    return Claim(
        value=value,
        category=category,
        side="russia",
        scope="cumulative",
        start=start,
        end=start + len(fragment),
        text=fragment,
        qualifier="more_than",
        source="ukraine_general_staff",
        as_of="2022-12",
        check=Check(verdict=verdict, **check) if verdict else None,
    )


def calm_analysis() -> Analysis:
    text = (
        "title: Bilan de l'hiver à Kherson\ndate: 2022-12-23\noutlet: Le Quotidien\n\n"
        "Selon l'état-major ukrainien, plus de 100 400 militaires russes sont morts depuis le début de "
        "l'invasion. L'armée dit aussi avoir détruit 3 000 chars. Un massacre effroyable, écrit le journal.\n"
        "Légende : un char détruit près de Kherson. Crédit : Agence\n"
    )
    body = text.index("Selon")
    claims = [
        _claim(
            text,
            "plus de 100 400 militaires russes sont morts",
            100400,
            "personnel_killed",
            "matches",
            record_date="2022-12-22",
            record_value=100400,
            explanation="Equals the General Staff total of 2022-12-22.",
        ),
        _claim(
            text,
            "3 000 chars",
            3000,
            "tanks",
            "consistent",
            record_date="2022-12-22",
            record_value=3014,
            explanation="Rounds the General Staff total of 3 014.",
        ),
    ]
    kherson = text.index("Kherson", body)
    massacre = text.index("massacre effroyable")
    caption = text.index("Légende")
    document = Document(
        id="calm",
        text=text,
        body_start=body,
        title="Bilan de l'hiver à Kherson",
        date="2022-12-23",
        date_source="metadata",
        lang="fr",
        outlet="Le Quotidien",
    )
    return Analysis(
        document=document,
        claims=claims,
        marks=[Mark("caption", caption, len(text) - 1)],
        extras={
            "entities": [
                Entity(
                    "place",
                    "Kherson",
                    kherson,
                    kherson + 7,
                    "Kherson",
                    lat=46.64,
                    lon=32.61,
                    region="Kherson Oblast",
                    country="UA",
                )
            ],
            "rhetoric": RhetoricReport(
                spans=[RhetoricSpan("Loaded_Language", massacre, massacre + 19, "massacre effroyable")],
                paragraphs=[],
                counts={"Loaded_Language": 1},
                tone=3.2,
                genre="reporting",
                genre_reasons=["attributed figures", "few loaded words"],
                words=31,
            ),
        },
    )


def hostile_analysis() -> Analysis:
    text = f"title: {HOSTILE}\noutlet: {HOSTILE}\n\nIntro {HOSTILE} puis 500 chars <b onmouseover=alert(1)>détruits</b> à {HOSTILE}.\n"
    body = text.index("Intro")
    fragment = "500 chars <b onmouseover=alert(1)>détruits</b>"
    claim = _claim(
        text,
        fragment,
        500,
        "tanks",
        "overstated",
        record_date="2022-12-22",
        record_value=300,
        explanation=f"Differs from the record {HOSTILE}",
    )
    claim.attribution = '=HYPERLINK("http://example.invalid")' + HOSTILE
    place = text.rindex(HOSTILE)
    document = Document(
        id=f"hostile{HOSTILE}",
        text=text,
        body_start=body,
        title=HOSTILE,
        date="2022-12",
        date_source="metadata",
        lang="fr",
        outlet=HOSTILE,
        url=f"javascript:alert(1)//{HOSTILE}",
    )
    return Analysis(
        document=document,
        claims=[claim],
        warnings=[HOSTILE],
        extras={
            "entities": [
                Entity("place", HOSTILE, place, place + len(HOSTILE), HOSTILE, lat=47.0, lon=35.0, region=HOSTILE, country="UA"),
                Entity("person", HOSTILE, place, place + 5, HOSTILE, role=HOSTILE),
            ],
            "rhetoric": RhetoricReport(
                spans=[RhetoricSpan(HOSTILE, body, body + 5, "Intro")],
                paragraphs=[],
                counts={HOSTILE: 1},
                tone=1.0,
                genre=HOSTILE,
                genre_reasons=[HOSTILE],
            ),
        },
    )


def build_corpus(path: Path, analyses: list[Analysis]) -> dict[str, str]:
    """Write `analyses` with the storage module; returns document name -> stored id."""
    con = storage.connect(path)
    stored = []
    for analysis in analyses:
        key = storage.document_key(analysis.document)
        stored.append(storage.to_stored(analysis, key=key, source=f"test/{analysis.document.id}"))
    storage.write_batch(con, stored, [])
    ids = dict(con.execute("SELECT name, id FROM documents").fetchall())
    con.close()
    return ids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("web") / "corpus.duckdb"
    return path, build_corpus(path, [calm_analysis(), hostile_analysis()])


@pytest.fixture(scope="module")
def client(corpus: tuple[Path, dict[str, str]]) -> TestClient:
    return TestClient(create_app(corpus[0]))


def _hostile_id(corpus: tuple[Path, dict[str, str]]) -> str:
    return next(v for k, v in corpus[1].items() if k.startswith("hostile"))


class _Elements(HTMLParser):
    """Every element a browser would build from the page, with its attributes and script text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _no_live_markup(html: str) -> None:
    """The hostile strings appear only as text: no element, handler or script of theirs."""
    parser = _Elements()
    parser.feed(html)
    assert not [(t, a) for t, a in parser.tags if t in ("img", "b")]
    assert not [(t, name) for t, a in parser.tags for name in a if name.startswith("on")]
    assert not [s for s in parser.scripts if "<script" in s.lower() or "<img" in s.lower() or "</" in s]
    assert not [a for t, a in parser.tags if str(a.get("href", "")).lower().startswith("javascript:")]


def test_overview_counts_articles_claims_and_verdicts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert re.search(r'class="n-documents">2<', page.text)
    assert re.search(r'class="n-claims">3<', page.text)
    for verdict in ("matches", "consistent", "overstated"):
        assert f'href="/claims?verdict={verdict}"' in page.text
    assert "Le Quotidien" in page.text and "2022-12" in page.text
    data = client.get("/api/overview").json()
    assert data["documents"] == 2 and data["claims"] == 3
    assert {r["verdict"]: r["claims"] for r in data["by_verdict"]} == {"matches": 1, "consistent": 1, "overstated": 1}


def test_documents_api_lists_ids_that_open_their_article(client: TestClient, corpus: tuple[Path, dict[str, str]]) -> None:
    listing = client.get("/api/documents").json()
    assert listing["total"] == 2
    ids = {d["id"] for d in listing["documents"]}
    assert ids == set(corpus[1].values())
    calm = corpus[1]["calm"]
    page = client.get(f"/articles/{calm}")
    assert page.status_code == 200
    assert page.text.count('<mark class="claim v-matches first"') == 1
    assert page.text.count('<mark class="claim v-consistent first"') == 1
    assert 'class="rh"' in page.text and 'data-kind="caption"' in page.text
    assert "Genre: <strong>reporting</strong>" in page.text and "attributed figures; few loaded words" in page.text
    detail = client.get(f"/api/documents/{calm}").json()
    assert detail["id"] == "calm" and [c["value"] for c in detail["claims"]] == [100400, 3000]
    assert detail["claims"][0]["check"]["verdict"] == "matches"
    assert detail["entities"][0]["name"] == "Kherson"


def test_json_apis_write_control_and_bidi_characters_as_escapes(tmp_path: Path) -> None:
    hostile = "\u202e\x9b\u2028"
    text = f"title: Bilan{hostile}\noutlet: Le{hostile}Quotidien\n\nSelon l'état-major, plus de 100 400 soldats{hostile} russes ont été tués.\n"
    claim = _claim(
        text,
        f"plus de 100 400 soldats{hostile} russes",
        100400,
        "personnel_killed",
        "matches",
        record_date="2022-12-22",
        record_value=100400,
        explanation="Equals the total.",
    )
    document = Document(
        id=f"bidi{hostile}",
        text=text,
        body_start=text.index("Selon"),
        title=f"Bilan{hostile}",
        date="2022-12-23",
        date_source="metadata",
        lang="fr",
        outlet=f"Le{hostile}Quotidien",
    )
    ids = build_corpus(tmp_path / "corpus.duckdb", [Analysis(document=document, claims=[claim])])
    client = TestClient(create_app(tmp_path / "corpus.duckdb"))
    stored = next(iter(ids.values()))
    for path in (
        "/api/overview",
        "/api/documents",
        f"/api/documents/{stored}",
        "/api/search?q=soldats",
        "/api/claims",
        "/api/record/personnel_killed",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        body = answer.content.decode("utf-8")
        assert not any(char in body for char in hostile), path
        assert "\\u202e" in body and "\\u009b" in body and "\\u2028" in body, path
    detail = client.get(f"/api/documents/{stored}").json()  # the same data, decoded
    assert detail["title"] == f"Bilan{hostile}" and detail["claims"][0]["text"] == f"plus de 100 400 soldats{hostile} russes"


def test_unknown_documents_and_categories_are_404(client: TestClient) -> None:
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/record/not_a_category").status_code == 404
    assert client.get("/api/record/not_a_category").json() == {"detail": "no such category"}


def test_paths_never_reach_the_filesystem(client: TestClient) -> None:
    for path in (
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%2Fetc%2Fpasswd",
        "/static-offline-docs/../web.py",
        "/static-offline-docs/..%2F..%2Fweb.py",
        "/record/..%2F..%2Fpyproject.toml",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "root:" not in response.text and "def create_app" not in response.text


def test_claims_filters_validate_and_csv_downloads(client: TestClient) -> None:
    page = client.get("/claims", params={"category": "tanks"})
    assert page.status_code == 200 and "2 claims" in page.text
    api = client.get("/api/claims", params={"verdict": "matches"}).json()
    assert api["total"] == 1 and api["claims"][0]["value"] == 100400
    assert api["claims"][0]["explanation"] == "Equals the General Staff total of 2022-12-22."
    assert client.get("/api/claims", params={"since": "2023-01"}).json()["total"] == 0
    assert client.get("/api/claims", params={"until": "2022-12"}).json()["total"] == 3
    for bad in (
        {"category": "tanks'; DROP TABLE claims; --"},
        {"verdict": "wrong"},
        {"since": "yesterday"},
        {"until": "2023-01\n"},
        {"outlet": "x" * 500},
    ):
        assert client.get("/api/claims", params=bad).status_code == 422, bad
        assert client.get("/claims", params=bad).status_code == 422, bad
    assert client.get("/api/claims", params={"limit": "many"}).status_code == 422
    assert client.get("/claims", params={"page_number": "many"}).status_code == 422
    download = client.get("/claims.csv", params={"category": "tanks"})
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert sorted(r["value"] for r in rows) == ["3000", "500"]
    hostile = next(r for r in rows if r["value"] == "500")
    assert hostile["verdict"] == "overstated"
    assert hostile["attribution"].startswith("'=HYPERLINK")  # shown by a spreadsheet, not run


def test_search_matches_every_word_case_insensitively(client: TestClient) -> None:
    assert search_terms("Kherson  HIVER kherson") == ["kherson", "hiver"]
    found = client.get("/api/search", params={"q": "KHERSON hiver"}).json()
    assert found["total"] == 1 and found["results"][0]["title"] == "Bilan de l'hiver à Kherson"
    assert client.get("/api/search", params={"q": "kherson licorne"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "L'HIVER état-major"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "ETAT major"}).json()["total"] == 1  # accents and case ignored
    assert client.get("/api/search", params={"q": "(.*"}).json()["total"] == 0
    # LIKE wildcards in a query are literal characters, not patterns.
    assert client.get("/api/search", params={"q": "%"}).json()["total"] == 0
    page = client.get("/search", params={"q": "massacre"})
    assert page.status_code == 200 and "1 article match" in page.text and "Bilan de l&#39;hiver" in page.text
    assert client.get("/search", params={"q": "x" * 201}).status_code == 422


def test_map_and_record_pages_list_the_corpus(client: TestClient, corpus: tuple[Path, dict[str, str]]) -> None:
    places = client.get("/api/map").json()["places"]
    assert {p["name"] for p in places} == {"Kherson", HOSTILE}
    page = client.get("/map")
    assert page.status_code == 200 and "Kherson" in page.text
    record = client.get("/record/personnel_killed")
    assert record.status_code == 200
    assert f'href="/articles/{corpus[1]["calm"]}#claim-0"' in record.text
    api = client.get("/api/record/tanks").json()
    assert api["total"] == 2 and {c["verdict"] for c in api["claims"]} == {"consistent", "overstated"}


def test_hostile_article_is_text_on_every_page(client: TestClient, corpus: tuple[Path, dict[str, str]]) -> None:
    hostile = _hostile_id(corpus)
    for path in ("/", f"/articles/{hostile}", "/claims", "/claims?category=tanks", "/search?q=pwned", "/record/tanks", "/map"):
        page = client.get(path)
        assert page.status_code == 200, path
        _no_live_markup(page.text)
    article = client.get(f"/articles/{hostile}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in article
    assert 'href="javascript:' not in article
    assert client.get("/search?q=pwned").text.count("&lt;script&gt;window.__pwned") >= 1


def test_security_headers_and_read_only_database(client: TestClient, corpus: tuple[Path, dict[str, str]]) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert (
        "default-src 'none'" in policy
        and "script-src 'sha256-" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert page.headers["x-content-type-options"] == "nosniff"
    # The app never holds the database (a writer opens it while the app serves); it reads
    # the snapshot beside it, attached read-only.
    import duckdb

    duckdb.connect(str(corpus[0])).close()
    with pytest.raises(duckdb.Error, match="read-only"):
        storage.open_duckdb(":memory:").execute(
            f"ATTACH '{storage.snapshot_path(corpus[0])}' AS s (READ_ONLY); DELETE FROM s.documents"
        )


def post_check(client: TestClient, **fields: str):
    """POST the /check form as a browser would: with the token of the form it was shown."""
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/check").text).group(1)
    return client.post("/check", data={"text": "", "url": "", **fields, "csrf": token})


def test_check_form_limits_and_errors(client: TestClient) -> None:
    assert client.get("/check").status_code == 200
    empty = post_check(client)
    assert empty.status_code == 400 and "paste an article" in empty.text
    not_http = post_check(client, url="file:///etc/passwd")
    assert not_http.status_code == 400 and "root:" not in not_http.text
    too_big = client.post(
        "/check", content=b"text=" + b"a" * (MAX_BODY_BYTES + 1), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert too_big.status_code == 413
    chunked = client.post(
        "/api/check", content=iter([b"{" + b" " * MAX_BODY_BYTES, b"}"]), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413
    assert client.post("/api/check", json=["not", "an", "object"]).status_code == 422
    assert client.post("/api/check", json={"text": "x" * 400_001}).status_code == 422


PASTED = "date: 2023-01-05\n\nSelon l'état-major ukrainien, l'armée russe a perdu au moins 105 960 soldats depuis février.\n"


def test_check_analyses_pasted_text(client: TestClient) -> None:
    result = client.post("/api/check", json={"text": PASTED})
    assert result.status_code == 200
    assert 105960 in [c["value"] for c in result.json()["claims"]]
    page = post_check(client, text=PASTED)
    assert page.status_code == 200 and '<mark class="claim' in page.text and "105 960" in page.text
    hostile = post_check(client, text=f"title: {HOSTILE}\n\n{HOSTILE} 500 chars {HOSTILE} détruits.")
    assert hostile.status_code == 200 and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in hostile.text
    _no_live_markup(hostile.text)


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn.jsdelivr.net" not in docs.text and "/static-offline-docs/swagger-ui-bundle.js" in docs.text
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/documents", "/api/claims", "/api/search", "/api/record/{category}", "/api/map", "/api/check"} <= set(paths)


def test_missing_database_is_one_clear_error(tmp_path: Path) -> None:
    from bilan.model import BilanError

    with pytest.raises(BilanError, match="no corpus there"):
        create_app(tmp_path / "none.duckdb")


@pytest.fixture(scope="module")
def client_with_record(corpus: tuple[Path, dict[str, str]], reference_dir: Path) -> TestClient:
    from bilan.record import load_record

    return TestClient(create_app(corpus[0], record=load_record(reference_dir)))


def test_record_chart_points_link_to_their_articles(client_with_record: TestClient, corpus: tuple[Path, dict[str, str]]) -> None:
    calm = corpus[1]["calm"]
    page = client_with_record.get("/record/personnel_killed")
    assert page.status_code == 200
    chart = page.text[page.text.index('<figure class="chart record-chart"') : page.text.index("</figure>")]
    assert "<svg" in chart and f'href="/articles/{calm}#claim-0"' in chart
    article = client_with_record.get(f"/articles/{calm}")
    for category in ("personnel_killed", "tanks"):
        assert f'<img src="/articles/{calm}/charts/{category}.svg"' in article.text
    svg = client_with_record.get(f"/articles/{calm}/charts/tanks.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.startswith("<svg") and "http://" not in svg.text.replace("http://www.w3.org/", "")
    assert client_with_record.get(f"/articles/{calm}/charts/drones.svg").status_code == 404
    wounded = client_with_record.get("/record/personnel_wounded")
    assert wounded.status_code == 200 and "has no personnel_wounded series" in wounded.text
    assert client_with_record.get(f"/articles/{calm}/charts/..%2F..%2Fetc.svg").status_code == 404


def test_serve_binds_localhost_unless_told(corpus: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from bilan.cli import app

    calls: list[dict[str, object]] = []
    monkeypatch.setattr("bilan.web.serve", lambda path, **options: calls.append({"path": path, **options}))
    runner = CliRunner()
    assert runner.invoke(app, ["serve", "--db", str(corpus[0])], env={"BILAN_RECORD": ""}).exit_code == 0
    assert (
        runner.invoke(
            app, ["serve", "--db", str(corpus[0]), "--host", "0.0.0.0", "--port", "9001"], env={"BILAN_RECORD": ""}
        ).exit_code
        == 0
    )
    assert [(c["host"], c["port"]) for c in calls] == [("127.0.0.1", 8000), ("0.0.0.0", 9001)]
    assert runner.invoke(app, ["serve", "--port", "70000"]).exit_code == 2


def test_serve_with_a_missing_database_is_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilan.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")], env={"BILAN_RECORD": ""})
    assert result.exit_code == 1
    assert "none.duckdb" in result.output and "Traceback" not in result.output


def test_every_claims_export_has_one_shape(tmp_path: Path, reference_dir: Path) -> None:
    """`bilan export --what claims`, `bilan claims --format csv`, /claims.csv and `bilan check
    --format csv` give the same columns and, for the same article, the same rows; no cap."""
    import json

    from typer.testing import CliRunner

    from bilan.cli import app

    article = (
        "title: Bilan du jour\ndate: 2024-05-14\noutlet: Le Quotidien\n\n"
        "Selon l'état-major ukrainien, 1 740 soldats russes ont été tués en 24 heures. "
        "Au total, la Russie a perdu plus de 484 000 soldats et 7 400 chars depuis le début de l'invasion.\n"
    )
    corpus_file = tmp_path / "corpus.jsonl"
    with open(corpus_file, "w", encoding="utf-8") as stream:
        for n in range(45):  # 135 claims: more than the 100 `bilan claims` used to stop at
            stream.write(json.dumps({"id": f"day-{n:02d}", "text": article.replace("1 740", f"1 {n + 100}")}) + "\n")
    single = tmp_path / "day-00.txt"
    single.write_text(article.replace("1 740", "1 100"), encoding="utf-8")
    db = tmp_path / "corpus.duckdb"
    runner = CliRunner()
    env = {"BILAN_RECORD": str(reference_dir)}
    assert runner.invoke(app, ["ingest", "--db", str(db), str(corpus_file)], env=env).exit_code == 0

    exported = tmp_path / "claims.csv"
    assert (
        runner.invoke(
            app, ["export", "--what", "claims", "--format", "csv", "-o", str(exported), "--db", str(db)], env=env
        ).exit_code
        == 0
    )
    sheets = {
        "export": exported.read_text(encoding="utf-8"),
        "claims": runner.invoke(app, ["claims", "--format", "csv", "--db", str(db)], env=env).stdout,
        "web": TestClient(create_app(db)).get("/claims.csv").text,
    }
    parsed = {name: list(csv.DictReader(io.StringIO(text))) for name, text in sheets.items()}
    for name, text in sheets.items():
        assert next(csv.reader(io.StringIO(text))) == list(storage.CLAIM_SHEET_COLUMNS), name
        assert len(parsed[name]) == 135, name
    assert parsed["export"] == parsed["claims"] == parsed["web"]
    for column in ("title", "outlet", "date", "record_date", "record_value", "expected_value", "explanation"):
        assert any(row[column] for row in parsed["export"]), column

    checked = runner.invoke(app, ["check", "--format", "csv", "--record", str(reference_dir), str(single)], env=env)
    assert checked.exit_code == 0, checked.stderr
    assert next(csv.reader(io.StringIO(checked.stdout))) == list(storage.CLAIM_SHEET_COLUMNS)
    stored = sorted((r for r in parsed["export"] if r["document"] == "day-00"), key=lambda r: int(r["position"]))
    fresh = list(csv.DictReader(io.StringIO(checked.stdout)))
    # the same article, read from a file rather than a JSONL line: only its key differs
    assert [dict(r, doc_id="") for r in fresh] == [dict(r, doc_id="") for r in stored]


def test_openapi_lists_the_values_of_the_claim_filters(client: TestClient) -> None:
    from bilan.model import CATEGORIES, SIDES, SOURCES
    from bilan.web import VERDICT_FILTERS

    parameters = client.get("/openapi.json").json()["paths"]["/api/claims"]["get"]["parameters"]
    values = {p["name"]: next((s["enum"] for s in p["schema"].get("anyOf", []) if "enum" in s), None) for p in parameters}
    assert values["category"] == list(CATEGORIES) and values["side"] == list(SIDES)
    assert values["source"] == list(SOURCES) and values["verdict"] == list(VERDICT_FILTERS)
    assert values["lang"] == ["fr", "en"] and values["outlet"] is None


def test_ingest_runs_while_the_app_serves(tmp_path: Path) -> None:
    """A real `bilan ingest` process writes the database while the app answers pages: no
    request fails, no write fails, and the new articles appear once the ingest is done."""
    import os
    import subprocess
    import sys
    import time

    db = tmp_path / "corpus.duckdb"
    build_corpus(db, [calm_analysis()])
    con = storage.connect(db)
    storage.publish_snapshot(con, db)
    con.close()
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(40):
        (articles / f"a{n:02d}.txt").write_text(
            f"title: Bilan {n}\ndate: 2024-05-{1 + n % 28:02d}\n\n"
            f"Selon l'état-major ukrainien, {100 + n} soldats russes ont été tués en 24 heures.\n",
            encoding="utf-8",
        )
    client = TestClient(create_app(db))
    env = {**os.environ, "BILAN_RECORD": "", "NO_COLOR": "1"}
    writer = subprocess.Popen(
        [sys.executable, "-m", "bilan", "ingest", "--db", str(db), "--batch-size", "5", str(articles)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    failed, served = [], 0
    while writer.poll() is None:
        for path in ("/", "/claims", "/api/documents", "/search?q=soldats", "/map"):
            answer = client.get(path)
            served += 1
            if answer.status_code != 200:
                failed.append((path, answer.status_code))
    _, err = writer.communicate()
    assert writer.returncode == 0, err
    assert "40 added" in err and "0 failed" in err
    assert served > 5 and failed == [], (served, failed)
    deadline = time.monotonic() + 20
    while client.get("/api/overview").json()["documents"] != 41 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.get("/api/overview").json()["documents"] == 41
    assert "Bilan 39" in client.get("/search", params={"q": "Bilan 39"}).text


# ---- the pages a desk works in (issue 12) -----------------------------------------------------


def _desk_article(
    name: str,
    body: str,
    *,
    title: str | None,
    outlet: str | None,
    date: str | None,
    figures: tuple[tuple[str, int, str | None], ...] = (),
    places: tuple[tuple[str, float, float], ...] = (),
) -> Analysis:
    """An article with metadata lines, a claim for each (fragment, value, verdict) and a
    place entity for each (name, lat, lon)."""
    header = "".join(f"{key}: {value}\n" for key, value in (("title", title), ("outlet", outlet), ("date", date)) if value)
    text = f"{header}\n{body}\n"
    claims = [
        _claim(text, fragment, value, "personnel_killed", verdict, explanation=f"Why {value}: the record says so.")
        for fragment, value, verdict in figures
    ]
    for claim in claims:
        claim.as_of = date
    document = Document(
        id=name,
        text=text,
        body_start=len(header) + 1,
        title=title,
        date=date,
        date_source="metadata" if date else None,
        lang="fr",
        outlet=outlet,
    )
    entities = [
        Entity("place", place, text.index(place), text.index(place) + len(place), place, lat=lat, lon=lon, country="UA")
        for place, lat, lon in places
    ]
    return Analysis(document=document, claims=claims, extras={"entities": entities})


def desk_analyses() -> list[Analysis]:
    """A desk's corpus: 103 articles over outlets and months, one untitled, figures that a
    word-by-word search confuses, places with and without a loss figure in their sentence."""

    articles = [
        _desk_article(
            "near-miss",
            "Les pertes passent de 77 710 à 100 000 soldats selon Kiev.",
            title="Deux chiffres",
            outlet="Le Quotidien",
            date="2023-01-10",
            figures=(("100 000 soldats", 100000, "overstated"),),
        ),
        _desk_article(
            "the-figure",
            "Au total, 710 000 soldats russes ont été tués ou blessés près de Bakhmout. À Odessa, le port a rouvert.",
            title="Le bilan",
            outlet="Reuters",
            date="2024-11-12",
            figures=(("710 000 soldats", 710000, "matches"),),
            places=(("Bakhmout", 48.59, 38.0), ("Odessa", 46.48, 30.72)),
        ),
        _desk_article(
            "untitled-wire",
            "Zorglub mentionne 3 000 chars détruits.",
            title=None,
            outlet="Zorglub Press",
            date=None,
            figures=(("3 000 chars", 3000, None),),
        ),
    ]
    # enough articles for a second page of /articles
    articles += [
        _desk_article(
            f"filler-{n:03d}",
            f"Un article sans chiffre, numéro {n}.",
            title=f"Chronique {n:03d}",
            outlet="Agence",
            date=f"2022-{1 + n % 12:02d}-15",
        )
        for n in range(100)
    ]
    return articles


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    path = tmp_path_factory.mktemp("desk") / "corpus.duckdb"
    ids = build_corpus(path, desk_analyses())
    return TestClient(create_app(path)), ids


def _column(html: str, css_class: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(rf'<td class="{css_class}">(.*?)</td>', html, re.S)]


def test_articles_page_sorts_pages_and_filters(desk: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = desk
    first = client.get("/articles")
    assert first.status_code == 200 and "103 articles" in first.text
    dates = _column(first.text, "date")
    assert len(dates) == 100 and dates[:2] == ["2024-11-12", "2023-01-10"]  # newest first
    assert "undated" not in dates  # an undated article sorts last: on page 2
    second = client.get("/articles", params={"page_number": 2})
    assert _column(second.text, "date")[-1] == "undated" and "untitled-wire" in second.text
    by_title = client.get("/articles", params={"sort": "title", "order": "asc"}).text
    assert by_title.index("Chronique 000") < by_title.index("Chronique 001") < by_title.index("Chronique 099")
    assert 'aria-sort="ascending"' in by_title
    reverse = client.get("/articles", params={"sort": "title"}).text
    assert (
        reverse.index("untitled-wire")
        < reverse.index("Le bilan")
        < reverse.index("Deux chiffres")
        < reverse.index("Chronique 099")
    )
    reuters = client.get("/articles", params={"outlet": "Reuters"}).text
    assert "1 article." in reuters and "Le bilan" in reuters and "Deux chiffres" not in reuters
    assert "Le bilan" in client.get("/articles", params={"month": "2024-11"}).text
    undated = client.get("/articles", params={"month": "undated"}).text
    assert "1 article." in undated and f'href="/articles/{ids["untitled-wire"]}"' in undated
    overstated = client.get("/articles", params={"verdict": "overstated"}).text
    assert "1 article." in overstated and "Deux chiffres" in overstated
    for bad in ({"sort": "text"}, {"order": "sideways"}, {"month": "2024-13"}, {"verdict": "wrong"}):
        assert client.get("/articles", params=bad).status_code == 422, bad
    home = client.get("/").text
    assert 'href="/articles?month=2024-11"' in home and 'href="/articles?outlet=Reuters"' in home


def test_claim_tables_sort_and_show_the_explanation(desk: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = desk
    ascending = client.get("/claims", params={"sort": "value", "order": "asc"}).text
    assert ascending.index("3\u202f000") < ascending.index("100\u202f000") < ascending.index("710\u202f000")
    descending = client.get("/claims", params={"sort": "value"}).text
    assert descending.index("710\u202f000") < descending.index("3\u202f000")
    assert '<p class="explanation">Why 710000: the record says so.</p>' in descending  # visible, not a tooltip
    record = client.get("/record/personnel_killed", params={"sort": "value", "order": "asc"}).text
    assert record.index("3\u202f000") < record.index("710\u202f000")
    assert client.get("/claims", params={"sort": "text"}).status_code == 422
    # the API orders the same way through the same read API
    api = client.get("/api/claims").json()["claims"]
    assert [c["value"] for c in api] == [710000, 100000, 3000]  # newest first, undated last


def test_search_finds_a_figure_whole_and_shows_no_metadata(desk: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = desk
    assert search_terms("pertes 710 000 et 710,000") == ["710000", "pertes", "et"]
    for query in ("710 000", "710,000", "710000", "710\u202f000"):
        found = client.get("/api/search", params={"q": query}).json()
        assert [r["name"] for r in found["results"]] == ["the-figure"], query  # not "77 710 … 100 000"
    snippet = client.get("/api/search", params={"q": "710 000"}).json()["results"][0]["snippet"]
    assert ["710 000", True] in snippet and snippet[0][0].startswith("Au total")
    # metadata lines are neither searched nor shown: "Zorglub Press" is only an outlet line
    assert [r["name"] for r in client.get("/api/search", params={"q": "press"}).json()["results"]] == []
    found = client.get("/api/search", params={"q": "zorglub"}).json()["results"]
    assert [r["name"] for r in found] == ["untitled-wire"]
    text = "".join(part for part, _ in found[0]["snippet"])
    assert "outlet:" not in text and "Press" not in text and text.startswith("Zorglub mentionne")


def test_untitled_articles_are_named_by_their_id(desk: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = desk
    key = ids["untitled-wire"]
    for page in (
        client.get("/claims").text,
        client.get("/search", params={"q": "zorglub"}).text,
        client.get("/articles", params={"month": "undated"}).text,
    ):
        assert f">untitled-wire</a>" in page and f">{key}</a>" not in page
    assert '<h1 class="doc-title">untitled-wire</h1>' in client.get(f"/articles/{key}").text


def test_the_web_map_reds_places_as_bilan_map_does(tmp_path: Path, reference_dir: Path) -> None:
    from typer.testing import CliRunner

    from bilan.cli import app

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "front.txt").write_text(
        "date: 2023-02-10\n\nPrès de Bakhmout, 1 200 soldats russes ont été tués en une semaine, selon Kiev. "
        "À Kherson, la population attend. L'armée dit avoir détruit 12 chars à Avdiïvka.\n",
        encoding="utf-8",
    )
    db = tmp_path / "corpus.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--db", str(db), "--record", str(reference_dir), str(folder)]).exit_code == 0
    assert runner.invoke(app, ["map", str(folder), "-o", str(tmp_path / "map.svg")]).exit_code == 0

    def claims_by_place(svg: str) -> dict[str, int]:
        return {name: int(n) for name, n in re.findall(r'data-place="([^"]+)" data-mentions="\d+" data-claims="(\d+)"', svg)}

    command = claims_by_place((tmp_path / "map.svg").read_text(encoding="utf-8"))
    web = claims_by_place(TestClient(create_app(db)).get("/map").text)
    assert web == command and web.get("Bakhmut", web.get("Bakhmout")) and any(n == 0 for n in web.values()), web


def test_charts_are_drawn_once_per_snapshot_and_ahead_of_a_new_one(tmp_path: Path, reference_dir: Path) -> None:
    """The record's charts are drawn ahead; a new snapshot's are drawn before it is served (its
    new claim on them), while the record's lines drawn for the previous one are kept; an
    article's chart is the one `bilan report` draws."""
    import time

    from bilan.record import load_record
    from bilan.rendering.report import article_chart_svg

    record = load_record(reference_dir)
    db = tmp_path / "corpus.duckdb"
    ids = build_corpus(db, [calm_analysis()])
    con = storage.connect(db)
    storage.publish_snapshot(con, db)
    con.close()
    app = create_app(db, record=record)
    client = TestClient(app)
    app.state.draw_ahead()
    first = app.state.corpus()
    deadline = time.monotonic() + 120
    from bilan.model import CATEGORIES

    ahead = [("record", category) for category in CATEGORIES] + ["map", "map.json"]
    while not all(key in first.drawn for key in ahead) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ("record", "personnel_killed") in first.drawn and "map" in first.drawn
    drawn = first.drawn.computed
    before = client.get("/record/personnel_killed").text
    assert first.drawn.computed == drawn  # served as drawn ahead
    chart = client.get(f"/articles/{ids['calm']}/charts/personnel_killed.svg").text
    assert chart == article_chart_svg(calm_analysis(), "personnel_killed", record)
    assert client.get(f"/articles/{ids['calm']}/charts/personnel_killed.svg").text == chart
    assert first.article_charts.computed == 1

    later = calm_analysis()
    later.document.id, later.document.title = "later", "Bilan du printemps"
    later.document.text = later.document.text.replace("2022-12-23", "2023-03-01")
    later.claims[0].value, later.claims[0].as_of = 150_000, "2023-03"
    con = storage.connect(db)
    storage.write_batch(con, [storage.to_stored(later, key=storage.document_key(later.document), source="test/later")], [])
    later_id = con.execute("SELECT id FROM documents WHERE name = 'later'").fetchone()[0]
    storage.publish_snapshot(con, db)
    con.close()
    bases_drawn = app.state.chart_bases.drawn.computed
    while app.state.corpus() is first and time.monotonic() < deadline:
        time.sleep(0.2)
    fresh = app.state.corpus()
    assert fresh is not first and ("record", "personnel_killed") in fresh.drawn  # drawn before it was served
    after = client.get("/record/personnel_killed").text
    assert f"/articles/{later_id}#claim-0" in after and f"/articles/{later_id}#claim-0" not in before
    # The calm article's chart is drawn again for the new snapshot, over the lines kept.
    assert client.get(f"/articles/{ids['calm']}/charts/personnel_killed.svg").text == chart
    assert fresh.article_charts.computed == 1
    # 150 000 in March 2023 is within the line's range: every chart's lines were kept, none drawn again.
    assert app.state.chart_bases.drawn.computed == bases_drawn


def test_the_record_s_chart_lines_are_kept_on_disk_for_the_next_start(
    tmp_path: Path, reference_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server started again reads the record's chart lines it drew before (kept by a digest
    of what they draw), so that its first visitor never waits for them; a damaged file, or
    other figures, are drawn again."""
    from dataclasses import replace

    from bilan.record import load_record
    from bilan.rendering import charts

    record = load_record(reference_dir)
    db = tmp_path / "corpus.duckdb"
    build_corpus(db, [calm_analysis()])
    kept = tmp_path / "charts"

    def record_chart(app) -> str:
        page = TestClient(app).get("/record/personnel_killed").text
        return page[page.index('<figure class="chart record-chart"') : page.index("</figure>")]

    first = create_app(db, record=record, chart_directory=kept)
    drawn = record_chart(first)
    assert "<svg" in drawn and first.state.chart_bases.files.written == 1
    assert len(list(kept.glob("base-*.json"))) == 1

    def no_drawing(*args: object, **kwargs: object) -> None:
        raise AssertionError("drawn again")

    with monkeypatch.context() as patch:
        patch.setattr(charts, "draw_base", no_drawing)
        again = create_app(db, record=record, chart_directory=kept)
        assert record_chart(again) == drawn  # the same chart, its lines read from the file
        assert again.state.chart_bases.files.read_count == 1

    (file,) = kept.glob("base-*.json")
    file.write_text('{"svg": "<script>', encoding="utf-8")
    damaged = create_app(db, record=record, chart_directory=kept)
    assert record_chart(damaged) == drawn and damaged.state.chart_bases.files.read_count == 0

    frame = next(iter(damaged.state.chart_bases.drawn._values))
    data = charts.series_data(record, frame.category, frame.first, frame.last, frame.series)
    files = charts.BaseFiles(kept)
    changed = replace(data, points=[*data.points[:-1], (data.points[-1][0], data.points[-1][1] + 1, data.points[-1][2])])
    assert files.path(frame, data) == file and files.path(frame, changed) != file  # a record updated: drawn anew


def _asgi_get(app, path: str, query: str = "") -> tuple[int, list[bytes]]:
    """The status and body messages of one GET, as the ASGI server sends them."""
    import asyncio

    messages: list[dict] = []
    asked = [False]

    async def receive() -> dict:
        if not asked[0]:
            asked[0] = True
            return {"type": "http.request", "body": b"", "more_body": False}
        while not (messages and messages[-1]["type"] == "http.response.body" and not messages[-1].get("more_body")):
            await asyncio.sleep(0.01)
        return {"type": "http.disconnect"}  # the client goes once the whole body is sent

    async def send(message: dict) -> None:
        messages.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    # in a thread of its own: an earlier test of the suite may leave an event loop running in this one
    import threading

    runner = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    runner.start()
    runner.join()
    start = next(m for m in messages if m["type"] == "http.response.start")
    return start["status"], [m.get("body", b"") for m in messages if m["type"] == "http.response.body"]


def test_the_claims_csv_is_streamed_in_bounded_chunks_a_few_exports_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/claims.csv is sent as it is written, a batch of claims a chunk (never the whole file
    at once), equal to the CSV written in one go; and at most EXPORTS_AT_ONCE exports run
    their query at once, the others waiting their turn (each holds its sorted rows)."""
    import threading
    import time

    from bilan import web

    analyses = []
    for n in range(12):
        analysis = calm_analysis()
        analysis.document.id, analysis.document.title = f"copy-{n}", f"Bilan {n}"
        analyses.append(analysis)
    db = tmp_path / "corpus.duckdb"
    build_corpus(db, analyses)
    monkeypatch.setattr(web, "CSV_BATCH_ROWS", 5)
    app = create_app(db)
    status, chunks = _asgi_get(app, "/claims.csv")
    body = b"".join(chunks)
    assert status == 200 and body.count(b"\n") == 1 + 24  # the header, two claims per article
    assert len([c for c in chunks if c]) == 5  # 24 claims, 5 a batch, the header with the first
    whole = io.BytesIO()
    con = storage.connect(db, read_only=True)
    try:
        storage.write_csv(storage.claim_batches(con), whole)
    finally:
        con.close()
    assert body == whole.getvalue()

    running, most = [0], [0]
    lock = threading.Lock()
    written = storage.csv_chunks

    def slow_chunks(*args: object, **kwargs: object):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.2)
            yield from written(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(storage, "csv_chunks", slow_chunks)
    bodies: list[bytes] = []
    threads = [threading.Thread(target=lambda: bodies.append(b"".join(_asgi_get(app, "/claims.csv")[1]))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert bodies == [body] * 6 and most[0] == web.EXPORTS_AT_ONCE
