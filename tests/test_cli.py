"""The `bilan` command line: `check` and `eval`, exit statuses, bad input, documentation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilan import __version__
from bilan.cli import app

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "title: Bilan du jour\n"
    "date: 2024-05-14\n"
    "\n"
    "Selon l'état-major ukrainien, 1 740 soldats russes ont été tués en 24 heures.\n"
    "\n"
    "Au total, la Russie a perdu plus de 484 000 soldats depuis le début de l'invasion.\n"
)
runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input, env={"BILAN_RECORD": "", "NO_COLOR": "1", "COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bilan-du-jour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"bilan {__version__}"


def test_check_jsonl_follows_the_contract(article: Path) -> None:
    code, out, err = run("check", "--format", "jsonl", str(article))
    assert code == 0, err
    document = json.loads(out.splitlines()[0])
    assert document["id"] == "bilan-du-jour"
    assert (document["date"], document["date_source"], document["lang"]) == ("2024-05-14", "metadata", "fr")
    claims = document["claims"]
    assert [c["value"] for c in claims] == [1740, 484000]
    expected_keys = {
        "value",
        "value_max",
        "qualifier",
        "category",
        "side",
        "scope",
        "period",
        "as_of",
        "source",
        "attribution",
        "start",
        "end",
        "text",
        "check",
    }
    assert all(expected_keys <= set(c) for c in claims)
    for claim in claims:
        assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]
    # No record given: the snapshot bundled with bilan checks them, and the JSON says so.
    assert document["record"]["origin"] == "bundled" and all(c["check"] for c in claims)


def test_check_json_includes_the_text(article: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(article))
    assert code == 0
    assert json.loads(out)[0]["text"] == ARTICLE


def test_check_table_shows_the_claims(article: Path) -> None:
    code, out, _ = run("check", str(article))
    assert code == 0
    assert "personnel_killed" in out and "UA staff" in out and "1,740" not in out
    assert "1\u202f740" in out  # French figures in French typography


def test_check_reads_standard_input() -> None:
    code, out, _ = run(
        "check",
        "--format",
        "jsonl",
        "--lang",
        "en",
        "--date",
        "2024-05-14",
        "-",
        input="Ukraine's General Staff said 1,740 Russian troops were killed in the past day.",
    )
    assert code == 0
    document = json.loads(out)
    assert (document["id"], document["lang"], document["date_source"]) == ("stdin", "en", "option")
    assert document["claims"][0]["value"] == 1740


def test_usage_errors_exit_2(article: Path) -> None:
    assert run("check", "--format", "yaml", str(article))[0] == 2
    assert run("check", "--date", "14 mai", str(article))[0] == 2
    assert run("check", "--lang", "de", str(article))[0] == 2
    assert run("check")[0] == 2


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path, article: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "invalid.txt").write_bytes("Selon l'état-major, 1 740 soldats russes ont été tués.".encode() + b"\xff\xfe\xfa")
    (tmp_path / "no-article.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, out, err = run("check", "--format", "jsonl", str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == 1
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert "bilan-du-jour" in ids and "invalid" in ids  # invalid bytes: read with replacements, and reported
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    for name in ("empty.txt", "binary.txt", "invalid.txt", "no-article.html", "huge.txt", "missing.txt"):
        assert sum(name in line for line in error_lines) == 1, (name, err)
    assert "Traceback" not in err


@pytest.mark.parametrize("format", ["json", "jsonl", "table", "csv"])
def test_a_document_that_cannot_be_rendered_is_named_and_the_others_printed(
    format: str, tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bilan import hooks

    hooks.load_plugins()
    # A plugin analyser whose value for one document JSON cannot hold (a set).
    monkeypatch.setitem(hooks.analysers, "odd", lambda document, cleaned: {1, 2} if document.id == "broken" else 1)
    first, last = tmp_path / "alpha.txt", tmp_path / "zulu.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    last.write_text(ARTICLE, encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run("check", "--format", format, str(first), str(broken), str(last))
    if format in ("json", "jsonl"):
        assert code == 1
        documents = json.loads(out) if format == "json" else [json.loads(line) for line in out.splitlines()]
        assert [d["id"] for d in documents] == ["alpha", "zulu"] and [d["odd"] for d in documents] == [1, 1]
        errors = [line for line in err.splitlines() if line.startswith("error:")]
        assert errors == [
            f"error: {broken}: unexpected failure (TypeError: Object of type set is not JSON serializable); please report it"
        ], err
    else:  # the table and the CSV do not show analysers' values: every document is printed
        assert code == 0, err
        assert all(name in out for name in ("alpha", "broken", "zulu"))


@pytest.mark.parametrize("format", ["json", "jsonl", "table", "csv"])
def test_each_renderer_leaves_out_only_the_document_it_cannot_render(format: str) -> None:
    import io

    from bilan.hooks import load_plugins, renderers
    from bilan.model import Analysis, Check, Claim, Document

    load_plugins()

    def analysis(name: str, source: str, extra: object) -> Analysis:
        claim = Claim(
            value=1740,
            category="personnel_killed",
            side="russia",
            scope="cumulative",
            start=0,
            end=5,
            text="1 740",
            source=source,
            check=Check("matches", "2024-05-13", 1740),
        )
        return Analysis(
            document=Document(id=name, text="1 740 soldats", path=f"{name}.txt"), claims=[claim], extras={"odd": extra}
        )

    # JSON cannot hold a set; a lone surrogate (a library caller's source) no encoder takes.
    broken = analysis(
        "broken", "\udc80" if format in ("table", "csv") else "unattributed", {1} if format.startswith("json") else 1
    )
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    failures: list[tuple[str, str]] = []
    renderers[format](
        [analysis("alpha", "unattributed", 1), broken, analysis("zulu", "unattributed", 1)],
        stream,
        failed=lambda name, reason: failures.append((name, reason)),
    )
    stream.flush()
    out = stream.buffer.getvalue().decode("utf-8")
    assert [name for name, _ in failures] == ["broken.txt"]
    assert "unexpected failure" in failures[0][1]
    assert "alpha" in out and "zulu" in out and "broken" not in out
    if format == "json":
        assert [d["id"] for d in json.loads(out)] == ["alpha", "zulu"]


def test_check_json_of_no_document_is_an_empty_list(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, _ = run("check", "--format", "json", str(tmp_path / "empty.txt"))
    assert code == 1 and json.loads(out) == []


def test_eval_scores_against_gold(tmp_path: Path, article: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    start = ARTICLE.index("1 740")
    lines = [
        {
            "doc": "bilan-du-jour",
            "value": 1740,
            "value_max": None,
            "qualifier": "exact",
            "category": "personnel_killed",
            "side": "russia",
            "scope": "period",
            "period": "day",
            "as_of": "2024-05-14",
            "source": "ukraine_general_staff",
            "evidence": "1 740 soldats russes ont été tués",
            "start": start,
            "end": start + 33,
        },
        {
            "doc": "bilan-du-jour",
            "value": 9999,
            "value_max": None,
            "qualifier": "exact",
            "category": "tanks",
            "side": "russia",
            "scope": "cumulative",
            "period": None,
            "as_of": "2024-05-14",
            "source": "unattributed",
            "evidence": "Selon",
            "start": 50,
            "end": 55,
        },
    ]
    gold.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    code, out, err = run("eval", "--gold", str(gold), "--format", "json", str(article))
    assert code == 0, err
    result = json.loads(out)
    assert result["detection"]["true_positives"] == 1
    assert result["detection"]["predicted"] == 2 and result["detection"]["gold"] == 2
    assert result["typed"]["precision"] == 0.5 and result["typed"]["recall"] == 0.5
    assert result["fields"]["source"] == 1.0
    assert [m["value"] for m in result["misses"]] == [9999]
    assert [e["value"] for e in result["extras"]] == [484000]


def test_eval_json_writes_control_and_bidi_characters_as_escapes(tmp_path: Path) -> None:
    # An article's claim text (in the extras) and a gold line's evidence (in the misses)
    # with a bidi override, a C1 control and a line separator: escaped, the data unchanged.
    hostile = "\u202e\x9b\u2028"
    article = tmp_path / "bidi.txt"
    article.write_text(ARTICLE.replace("soldats russes", f"soldats{hostile} russes"), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "bidi",
                "value": 9999,
                "value_max": None,
                "qualifier": "exact",
                "category": "tanks",
                "side": "russia",
                "scope": "cumulative",
                "period": None,
                "as_of": "2024-05-14",
                "source": "unattributed",
                "evidence": f"Selon{hostile}",
                "start": 50,
                "end": 55,
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run("eval", "--gold", str(gold), "--format", "json", str(article))
    assert code == 0, err
    assert not any(char in out for char in hostile)
    assert all(escape in out for escape in ("\\u202e", "\\u009b", "\\u2028"))
    texts = json.dumps(json.loads(out), ensure_ascii=False)
    assert f"soldats{hostile} russes" in texts and f"Selon{hostile}" in texts  # the same data, decoded


def test_eval_skips_its_gold_file_inside_a_directory(tmp_path: Path, article: Path) -> None:
    (tmp_path / "gold.jsonl").write_text(
        json.dumps(
            {"doc": "bilan-du-jour", "value": 1740, "start": 100, "end": 140, "category": "personnel_killed", "side": "russia"}
        )
        + "\n"
    )
    code, out, err = run("eval", "--gold", str(tmp_path / "gold.jsonl"), "--format", "json", str(tmp_path))
    assert code == 0, err
    assert json.loads(out)["detection"]["gold"] == 1


def test_eval_names_a_malformed_gold_line(tmp_path: Path, article: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "x", "value": 1}\nnot json\n', encoding="utf-8")
    code, _, err = run("eval", "--gold", str(gold), str(article))
    assert code == 2 and "gold.jsonl:2" in err


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = set()
    for command in app.registered_commands:
        commands.add(command.name or command.callback.__name__)
    for group in app.registered_groups:
        sub = group.typer_instance
        for command in sub.registered_commands:
            commands.add(f"{group.name} {command.name or command.callback.__name__}")
    assert commands
    for command in sorted(commands):
        assert re.search(rf"bilan {re.escape(command)}\b", readme), f"`bilan {command}` is not documented in README.md"


def test_module_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "bilan", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "check" in result.stdout


# ---- any input, quiet by default, small things (issue 12) ------------------------------------


def test_directory_walks_skip_readmes_gold_and_docs(tmp_path: Path, article: Path) -> None:
    (tmp_path / "README.md").write_text("# How these articles were chosen\n\n1 000 soldats tués.\n", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"doc": "bilan-du-jour", "value": 1740}\n', encoding="utf-8")
    (tmp_path / "gold_entities.jsonl").write_text('{"doc": "bilan-du-jour", "kind": "entities"}\n', encoding="utf-8")
    (tmp_path / "CLAIMS.md").write_text("The contract: 3 000 chars.\n", encoding="utf-8")
    code, out, err = run("check", "--format", "jsonl", str(tmp_path))
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["bilan-du-jour"]
    # named on the command line, a README is read like any file
    code, out, _ = run("check", "--format", "jsonl", str(tmp_path / "README.md"))
    assert code == 0 and json.loads(out)["id"] == "README"
    # --verbose says what the walk skipped
    code, _, err = run("--verbose", "check", "--format", "jsonl", str(tmp_path))
    assert "README.md: skipped" in err and "gold.jsonl: skipped" in err


def test_the_records_data_notes_only_with_verbose_or_record_info(reference_dir: Path, article: Path) -> None:
    code, _, err = run("check", "--record", str(reference_dir), str(article))
    assert code == 0 and "note: record:" not in err
    _, _, err = run("--verbose", "check", "--record", str(reference_dir), str(article))
    assert "note: record:" in err
    code, out, err = run("record", "info", "--record", str(reference_dir))
    assert code == 0 and "note: record:" in err


def test_bilan_log_debug_shows_what_each_claim_was_decided_to_be(article: Path) -> None:
    result = runner.invoke(app, ["check", str(article)], env={"BILAN_RECORD": "", "BILAN_LOG": "debug"})
    assert result.exit_code == 0
    decided = [line for line in result.stderr.splitlines() if line.startswith("debug bilan.pipeline:")]
    assert any("'1 740 soldats russes ont été tués' -> 1740 personnel_killed russia" in line for line in decided), decided


def test_months_off_the_calendar_are_usage_errors(tmp_path: Path, reference_dir: Path) -> None:
    for since in ("2024-13", "2024-02-30", "2024-1"):
        result = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.duckdb"), "--since", since])
        assert result.exit_code == 2, (since, result.stderr)
    result = runner.invoke(
        app, ["plot", "tanks", "-o", str(tmp_path / "t.svg"), "--record", str(reference_dir), "--from", "2025-13"]
    )
    assert result.exit_code == 2 and not (tmp_path / "t.svg").exists()


def test_one_claim_is_one_claim(tmp_path: Path) -> None:
    single = tmp_path / "one.txt"
    single.write_text(
        "date: 2024-05-14\n\nSelon l'état-major ukrainien, 1 740 soldats russes ont été tués en 24 heures.\n", encoding="utf-8"
    )
    code, out, _ = run("check", str(single))
    assert code == 0 and "1 claim" in out and "1 claims" not in out


def test_eval_of_one_document_scores_only_its_gold(tmp_path: Path, article: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    start = ARTICLE.index("1 740")
    lines = [
        {
            "doc": "bilan-du-jour",
            "value": 1740,
            "category": "personnel_killed",
            "side": "russia",
            "evidence": "1 740 soldats russes ont été tués",
            "start": start,
            "end": start + 33,
        },
        {
            "doc": "another-article",
            "value": 120,
            "category": "tanks",
            "side": "russia",
            "evidence": "120 chars",
            "start": 0,
            "end": 9,
        },
    ]
    gold.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    code, out, err = run("eval", "--gold", str(gold), "--format", "json", str(article))
    assert code == 0, err
    result = json.loads(out)
    assert result["detection"]["gold"] == 1 and result["detection"]["true_positives"] == 1
    assert [m["value"] for m in result["misses"]] == []
    assert "1 gold line of 1 other document left out" in err


def test_tests_never_write_to_the_users_cache() -> None:
    from bilan.record import cache_directory
    from bilan.storage import default_db_path

    home = Path.home()
    for path in (cache_directory(), default_db_path()):
        assert not path.resolve().is_relative_to(home / ".cache") and not path.resolve().is_relative_to(home / ".local"), path


@pytest.fixture
def article_server() -> object:
    """A local web server with one article page at /article (fetched with --allow-private)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (
        "<html><head><title>Bilan du jour</title></head><body><article><h1>Bilan du jour</h1>"
        "<p>Selon l'état-major ukrainien, 1 740 soldats russes ont été tués en 24 heures, a indiqué "
        "l'armée dans son bilan quotidien publié mardi matin.</p>"
        "<p>Les combats se poursuivent dans l'est du pays, selon les autorités locales.</p></article></body></html>"
    )

    class Article(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/article"
            body = page.encode("utf-8") if found else b"no"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_check_reads_urls_beside_files(article_server: str, article: Path) -> None:
    code, out, err = run(
        "check",
        "--format",
        "jsonl",
        "--allow-private",
        "--date",
        "2024-05-14",
        f"{article_server}/article",
        str(article),
        f"{article_server}/missing",
    )
    assert code == 1  # the missing page failed; the others were read
    documents = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in documents][1] == "bilan-du-jour"
    assert documents[0]["url"] == f"{article_server}/article" and [c["value"] for c in documents[0]["claims"]] == [1740]
    failed = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(failed) == 1 and "/missing" in failed[0] and "404" in failed[0]
    assert failed[0].count(article_server) == 1  # the URL named once


def test_report_writes_one_file_per_article_and_an_index(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "README.md").write_text("# About these articles\n", encoding="utf-8")
    (folder / "second.txt").write_text(ARTICLE.replace("Bilan du jour", "Deuxième bilan"), encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "from-jsonl", "text": ARTICLE, "lang": "fr"}) + "\n", encoding="utf-8")
    out = tmp_path / "reports"
    code, stdout, err = run("report", str(article), str(folder), str(corpus), "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["bilan-du-jour.html", "from-jsonl.html", "index.html", "second.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in ("bilan-du-jour.html", "second.html", "from-jsonl.html"):
        assert f'href="{name}"' in index
    assert "Deuxième bilan" in index and "3 article reports" in index
    assert "2 claims" in stdout
    # one article and a file name: that file, no index
    code, _, _ = run("report", str(article), "-o", str(tmp_path / "one.html"))
    assert code == 0 and (tmp_path / "one.html").is_file() and not (tmp_path / "index.html").exists()


def test_map_writes_the_places_as_geojson(tmp_path: Path) -> None:
    article = tmp_path / "front.txt"
    article.write_text(
        "date: 2023-02-10\n\nPrès de Bakhmout, 1 200 soldats russes ont été tués en une semaine, "
        "selon Kiev. À Kherson, la population attend.\n",
        encoding="utf-8",
    )
    code, _, err = run("map", str(article), "--format", "geojson", "-o", str(tmp_path / "places"))
    assert code == 0, err
    collection = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    bakhmut = next(f for name, f in by_name.items() if name.startswith("Bakhm"))
    lon, lat = bakhmut["geometry"]["coordinates"]
    assert 37 < lon < 39 and 48 < lat < 49.5  # [longitude, latitude], as RFC 7946 orders them
    assert bakhmut["properties"]["claims"] == 1 and bakhmut["properties"]["figures"][0]["value"] == 1200
    kherson = next(f for name, f in by_name.items() if name.startswith("Kherson"))
    assert kherson["properties"]["claims"] == 0
    assert run("map", str(article), "--format", "geojson", "-o", str(tmp_path / "x.svg"))[0] == 2


def test_plot_writes_the_charts_data_as_csv(tmp_path: Path, reference_dir: Path) -> None:
    import csv
    import io

    article = tmp_path / "tanks.txt"
    article.write_text(
        "date: 2022-08-17\n\nSelon l'état-major ukrainien, la Russie a perdu au moins 1 800 chars "
        "depuis le début de l'invasion.\n",
        encoding="utf-8",
    )
    target = tmp_path / "tanks.csv"
    result = runner.invoke(
        app,
        [
            "plot",
            "tanks",
            str(article),
            "--record",
            str(reference_dir),
            "--from",
            "2022-08",
            "--to",
            "2022-08-31",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    record = [r for r in rows if r["kind"] == "general_staff" and r["measure"] == "cumulative"]
    assert len(record) == 31 and all(r["date"].startswith("2022-08") for r in record)
    assert int(record[-1]["value"]) > int(record[0]["value"])
    claims = [r for r in rows if r["kind"] == "claim"]
    assert [(c["value"], c["measure"], c["verdict"]) for c in claims] == [("1800", "cumulative", "consistent")]
    assert "1 claim drawn" in result.stdout


def _with_a_terminal_on_stderr(*args: str) -> tuple[int, str, str]:
    """Run `bilan ARGS` with standard error on a pseudo-terminal and standard output on a pipe."""
    import os
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "BILAN_RECORD": "", "COLUMNS": "160", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bilan", *args], stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read().decode()
    code = process.wait(timeout=120)
    os.close(leader)
    return code, out, re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", seen.decode(errors="replace"))


def test_progress_bars_on_a_terminal_and_nothing_in_a_pipe(tmp_path: Path, reference_dir: Path, article: Path) -> None:
    (tmp_path / "second.txt").write_text(ARTICLE.replace("1 740", "1 750"), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "bilan-du-jour", "value": 1740, "start": 0, "end": 5}) + "\n", encoding="utf-8")
    record = ["--record", str(reference_dir)]
    db = tmp_path / "corpus.duckdb"
    for command, label, unit in (
        (["check", "--format", "jsonl", *record, str(tmp_path)], "check", "articles/s"),
        (["eval", "--gold", str(gold), *record, str(tmp_path)], "eval", "articles/s"),
        (["ingest", "--db", str(db), *record, str(tmp_path)], "ingest", "articles/s"),
        (["recheck", "--db", str(db), *record], "recheck", "articles/s"),
        (["record", "update", "--dir", str(tmp_path / "rec"), "--from", str(reference_dir)], "record", "files/s"),
    ):
        code, out, terminal = _with_a_terminal_on_stderr(*command)
        assert code in (0, 1), (command, terminal)
        assert label in terminal and unit in terminal and "ETA" in terminal, (command, terminal)
        if command[0] in ("check", "eval", "ingest"):
            assert "2/2" in terminal, (command, terminal)  # done / total: the total was counted first
        if command[0] == "check":
            assert [json.loads(line)["id"] for line in out.splitlines()] == ["bilan-du-jour", "second"]
    piped = subprocess.run(
        [sys.executable, "-m", "bilan", "check", "--format", "jsonl", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "BILAN_RECORD": ""},
    )
    assert piped.returncode == 0 and "ETA" not in piped.stderr and "articles/s" not in piped.stderr


def test_every_evidence_span_begins_and_ends_at_a_word(seeds_dir: Path, examples_dir: Path) -> None:
    code, out, err = run(
        "check",
        "--format",
        "json",
        "--include-captions",
        str(seeds_dir),
        str(examples_dir / "articles"),
        str(examples_dir / "corpus.jsonl"),
    )
    assert code == 0, err
    spans = 0
    for document in json.loads(out):
        full = document["text"]
        for claim in document["claims"]:
            start, end = claim["start"], claim["end"]
            assert full[start].isalnum() and not (start and full[start - 1].isalnum()), (document["id"], claim["text"])
            assert not (end < len(full) and full[end - 1].isalnum() and full[end].isalnum()), (document["id"], claim["text"])
            spans += 1
    assert spans > 100
