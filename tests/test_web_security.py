"""The web app is safe to expose (`bilan.websecurity`): /check and /api/check never reach
a local address, and fail alike whatever the failure; the form needs its CSRF token and
writes from another site are refused; only known Host headers are answered; every
response, errors and docs included, has its security headers; HEAD and OPTIONS work; a
damaged database is refused at start; an analysis has a time limit that stops its worker;
slow and idle connections cannot lock a normal client out.

Servers here listen on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import psutil
import pytest
from fastapi.testclient import TestClient
from test_fetching import LOOPBACK_HOSTS, Recorder, serve_recorder
from test_web import build_corpus, calm_analysis, hostile_analysis, post_check

from bilan import websecurity
from bilan.model import BilanError
from bilan.web import create_app


T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the whole session, where asyncio.run refuses to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as executor:
        return executor.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("websec") / "corpus.duckdb"
    build_corpus(path, [calm_analysis(), hostile_analysis()])
    return path


@pytest.fixture(scope="module")
def client(database: Path) -> Iterator[TestClient]:
    with TestClient(create_app(database)) as client:  # `with`: the app's shutdown stops its workers
        yield client


@pytest.fixture(scope="module")
def recorder() -> Iterator[int]:
    httpd = serve_recorder()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


# ---- SSRF ------------------------------------------------------------------------------


def test_check_never_reaches_loopback_and_every_failure_reads_the_same(client: TestClient, recorder: int) -> None:
    Recorder.received.clear()
    answers = set()
    for host in LOOPBACK_HOSTS:
        url = f"http://{host}:{recorder}/article"
        api = client.post("/api/check", json={"url": url})
        assert api.status_code == 400, (host, api.text)
        answers.add(api.json()["detail"])
        form = post_check(client, url=url)
        assert form.status_code == 400, host
        answers.add(re.search(r'role="alert">([^<]*)<', form.text).group(1))
        assert "105 000" not in form.text  # the recorder's page is never shown
    # A name that does not resolve fails in the same words: nothing tells refused from
    # unresolvable from a timeout or a 404.
    answers.add(client.post("/api/check", json={"url": "http://nowhere.invalid/"}).json()["detail"])
    time.sleep(0.1)
    assert Recorder.received == []
    assert answers == {websecurity.FETCH_FAILED}


def test_check_refuses_private_link_local_and_metadata_addresses_alike(client: TestClient) -> None:
    answers = set()
    for host in (
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "[fc00::1]",
        "169.254.169.254",
        "[fd00:ec2::254]",
        "100.100.100.200",
        "169.254.1.1",
        "[fe80::1]",
        "100.64.0.1",
        "[::ffff:10.0.0.1]",
    ):
        url = f"http://{host}/latest/meta-data/"
        api = client.post("/api/check", json={"url": url})
        form = post_check(client, url=url)
        assert api.status_code == form.status_code == 400, host
        answers |= {api.json()["detail"], re.search(r'role="alert">([^<]*)<', form.text).group(1)}
    assert answers == {websecurity.FETCH_FAILED}


def test_a_check_redirected_to_loopback_is_refused_after_the_hop(recorder: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The analysis of /check and /api/check (`check_submission`, run in a worker) with the first
    # hop let through as if public: the loopback address it redirects to is vetted again.
    from bilan import fetching

    secret = serve_recorder()
    Recorder.received.clear()
    Recorder.target = f"http://[::ffff:127.0.0.1]:{secret.server_address[1]}/secret"
    real, calls = fetching.address_refusal, []
    monkeypatch.setattr(
        fetching, "address_refusal", lambda address: calls.append(address) or (None if len(calls) == 1 else real(address))
    )
    try:
        with pytest.raises(BilanError) as refused:
            websecurity.check_submission("", f"http://127.0.0.1:{recorder}/hop", None, None)
    finally:
        secret.shutdown()
        secret.server_close()
    assert str(refused.value) == websecurity.FETCH_FAILED
    assert [(port, path) for port, path, _ in Recorder.received] == [(recorder, "/hop")]


# ---- CSRF, origin and Host -------------------------------------------------------------


def test_the_check_form_needs_its_own_token(client: TestClient, database: Path) -> None:
    assert client.post("/check", data={"text": "500 chars détruits", "url": ""}).status_code == 403
    assert client.post("/check", data={"text": "500 chars", "url": "", "csrf": "x" * 43}).status_code == 403
    with TestClient(create_app(database)) as other:  # another visitor's token is not this one's
        token = re.search(r'name="csrf" value="([^"]+)"', other.get("/check").text).group(1)
    refused = client.post("/check", data={"text": "500 chars", "url": "", "csrf": token})
    assert refused.status_code == 403 and "submit it again" in refused.text
    assert 'name="csrf" value="' in refused.text  # with a fresh form to submit
    assert post_check(client, text="").status_code == 400  # its own token: the form is read
    cookie = client.get("/check").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_writes_from_another_site_are_refused(client: TestClient) -> None:
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        refused = client.post("/api/check", json={"text": "x"}, headers=headers)
        assert refused.status_code == 403, headers
        assert refused.headers["x-content-type-options"] == "nosniff"
    assert client.post("/api/check", json={"text": ""}, headers={"Origin": "http://testserver"}).status_code == 400


def test_only_known_host_headers_are_answered(database: Path) -> None:
    allowed = websecurity.allowed_hosts("127.0.0.1", ["bilan.example.org"])
    app = create_app(database, allowed_hosts=allowed)
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "bilan.example.org"):
        assert TestClient(app, base_url=f"http://{host}").get("/").status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example"):
        refused = TestClient(app, base_url=f"http://{host}").get("/")
        assert refused.status_code == 400, host
        assert "content-security-policy" in refused.headers
    assert "0.0.0.0" not in websecurity.allowed_hosts("0.0.0.0")


def test_serve_passes_allowed_hosts(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from bilan.cli import app

    calls: list[dict[str, object]] = []
    monkeypatch.setattr("bilan.web.serve", lambda path, **options: calls.append(options))
    result = CliRunner().invoke(
        app,
        ["serve", "--db", str(database), "--allowed-host", "news.example", "--allowed-host", "bilan.example"],
        env={"BILAN_RECORD": ""},
    )
    assert result.exit_code == 0, result.output
    assert calls[0]["allowed_hosts"] == ["news.example", "bilan.example"]


# ---- headers, HEAD, OPTIONS --------------------------------------------------------------


def _assert_guarded(response, where: str) -> None:
    headers = response.headers
    policy = headers.get("content-security-policy", "")
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, where
    assert headers["x-content-type-options"] == "nosniff", where
    assert headers["referrer-policy"] == "no-referrer", where


def test_every_response_has_its_security_headers(client: TestClient, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    requests = [
        ("GET", "/"),
        ("GET", "/nope"),
        ("GET", "/articles/none"),
        ("GET", "/claims?category=x"),
        ("GET", "/api/claims?since=yesterday"),
        ("GET", "/openapi.json"),
        ("GET", "/docs"),
        ("GET", "/redoc"),
        ("GET", "/docs/oauth2-redirect"),
        ("GET", "/static-offline-docs/swagger-ui-bundle.js"),
        ("GET", "/claims.csv"),
        ("DELETE", "/"),
        ("PUT", "/api/check"),
        ("HEAD", "/"),
        ("OPTIONS", "/"),
    ]
    for method, path in requests:
        _assert_guarded(client.request(method, path), f"{method} {path}")
    _assert_guarded(client.post("/api/check", content=b"x" * (2 << 20)), "413")
    broken = create_app(database)
    monkeypatch.setattr("bilan.web.Corpus.overview", lambda self: 1 / 0)
    failed = TestClient(broken, raise_server_exceptions=False).get("/")
    assert failed.status_code == 500 and "ZeroDivision" not in failed.text
    _assert_guarded(failed, "500")


def test_the_docs_run_only_their_own_scripts(client: TestClient) -> None:
    import base64
    import hashlib

    for path in ("/docs", "/redoc"):
        docs = client.get(path)
        policy = docs.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        for script in re.findall(r"<script>(.*?)</script>", docs.text, re.DOTALL):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, path


def test_head_and_options_are_answered(client: TestClient) -> None:
    for path in ("/", "/claims", "/check", "/map", "/docs", "/api/overview"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == 200 and head.content == b"", path
        assert head.headers.get("content-length") == get.headers.get("content-length"), path
        _assert_guarded(head, f"HEAD {path}")
    options = client.options("/")
    assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.options("/check").headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.options("/api/check").headers["allow"] == "OPTIONS, POST"
    assert client.options("/no/such/page").status_code == 404
    assert "access-control-allow-origin" not in options.headers  # no cross-origin grant


# ---- a damaged database ----------------------------------------------------------------


def test_a_damaged_database_is_refused_at_start_in_one_line(database: Path, tmp_path: Path) -> None:
    import shutil

    import duckdb
    from typer.testing import CliRunner

    from bilan.cli import app

    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(bytes(range(256)) * 400)
    dropped = tmp_path / "dropped.duckdb"
    shutil.copy(database, dropped)
    with duckdb.connect(str(dropped)) as con:
        con.execute("DROP TABLE marks")
    for path, reason in ((garbage, "not a valid DuckDB database"), (dropped, "damaged corpus")):
        with pytest.raises(BilanError, match=reason):
            create_app(path)
        result = CliRunner().invoke(app, ["serve", "--db", str(path)], env={"BILAN_RECORD": ""})
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        lines = [line for line in result.output.strip().splitlines() if "no record to check against" not in line]
        assert len(lines) == 1 and path.name in lines[0] and "serving" not in lines[0], result.output


# ---- bodies and analyses with a time limit --------------------------------------------------


def test_a_body_that_does_not_arrive_is_refused_with_408() -> None:
    async def reads_the_body(scope, receive, send) -> None:
        await receive()
        raise AssertionError("the body never came: the app must not be answered")

    sent: list[dict] = []

    async def never() -> dict:
        await asyncio.sleep(3600)
        return {}

    async def send(message: dict) -> None:
        sent.append(message)

    guard = websecurity.BodyLimit(reads_the_body, limit=1000, seconds=0.2)
    started = time.monotonic()
    _run(guard({"type": "http", "headers": []}, never, send))
    assert time.monotonic() - started < 2
    assert sent[0]["status"] == 408 and b"not received within 0.2 s" in sent[1]["body"]


def sleeps(seconds: float, context: object) -> int:
    """Runs in a CheckPool worker."""
    import os

    time.sleep(seconds)
    return os.getpid()


def _workers() -> list[psutil.Process]:
    """Live worker processes of this test process (not multiprocessing's resource tracker)."""
    return [
        p
        for p in psutil.Process().children(recursive=True)
        if p.is_running() and p.status() != "zombie" and "spawn_main" in " ".join(p.cmdline())
    ]


def test_an_analysis_past_its_limit_is_stopped_and_its_worker_replaced() -> None:
    before = {p.pid for p in _workers()}  # other apps' workers, if any
    pool = websecurity.CheckPool(None, workers=1, queue=0, seconds=120)
    try:
        first = _run(pool.run(sleeps, 0))  # the worker started (seconds on a busy machine)
        pool.seconds = 3
        started = time.monotonic()
        with pytest.raises(websecurity.CheckRefused, match="longer than 3 s"):
            _run(pool.run(sleeps, 60))
        assert time.monotonic() - started < 6
        pool.seconds = 120  # the replacement's spawn may be slow on a busy machine
        second = _run(pool.run(sleeps, 0))
        assert second != first  # the stopped worker was replaced, not left running
        assert not psutil.pid_exists(first) or psutil.Process(first).status() == "zombie"
        assert {p.pid for p in _workers()} - before == {second}  # the replacement alone
    finally:
        pool.close()


def test_a_full_queue_is_told_at_once() -> None:
    pool = websecurity.CheckPool(None, workers=1, queue=0, seconds=30)

    async def two_at_once() -> list[object]:
        return await asyncio.gather(pool.run(sleeps, 5), pool.run(sleeps, 0), return_exceptions=True)

    try:
        started = time.monotonic()
        first, second = _run(two_at_once())
        assert isinstance(second, websecurity.CheckRefused) and "try again" in str(second)
        assert isinstance(first, int) and time.monotonic() - started < 20
    finally:
        pool.close()


def test_the_api_says_503_when_the_analysis_runs_out_of_time(database: Path) -> None:
    with TestClient(create_app(database, check_seconds=0.01)) as client:
        answer = client.post("/api/check", json={"text": "Plus de 500 chars russes détruits, selon Kyiv."})
    assert answer.status_code == 503 and "was stopped" in answer.json()["detail"]


# ---- slow clients ------------------------------------------------------------------------


@pytest.fixture
def guarded_server(database: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    import uvicorn

    monkeypatch.setattr(websecurity, "HEADER_SECONDS", 1.0)
    monkeypatch.setattr(websecurity, "MAX_CONNECTIONS", 20)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(database),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        http=websecurity.GuardedH11Protocol,
        limit_concurrency=21,
        timeout_keep_alive=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _get(port: int) -> int:
    import httpx

    return httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=5).status_code


def test_a_trickled_request_head_is_cut_after_its_time(guarded_server: int) -> None:
    slow = socket.create_connection(("127.0.0.1", guarded_server))
    slow.settimeout(5)
    started = time.monotonic()
    for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n":
        try:
            slow.send(bytes([byte]))
        except OSError:
            break
        time.sleep(0.1)  # each byte well within any idle timeout
    answer = slow.recv(200)
    assert time.monotonic() - started < 4.5
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408")
    slow.close()


def test_idle_sockets_over_the_limit_make_room_for_a_normal_client(guarded_server: int) -> None:
    idle = [socket.create_connection(("127.0.0.1", guarded_server)) for _ in range(30)]
    for sock in idle:
        sock.send(b"GET / HTTP/1.1\r\n")  # a head begun, never finished
    try:
        time.sleep(0.2)
        assert _get(guarded_server) == 200  # not a 503: the longest-waiting sockets were closed
        closed = 0
        for sock in idle:
            sock.settimeout(0.2)
            try:
                answer = sock.recv(100)
            except TimeoutError:
                continue  # still open: it had not waited the longest
            closed += answer == b"" or answer.startswith(b"HTTP/1.1 408")
        assert closed >= 10
    finally:
        for sock in idle:
            sock.close()


# ---- hostile articles in a real browser ------------------------------------------------------

# Each is an article's title, outlet, address, text, claim, place and person; every one of
# them, if obeyed anywhere, would set window.__pwned, open a dialog or add a live element.
# tests/test_browser.py shows every page of a corpus of them in Chromium.
PAYLOADS = {
    "script": "<script>window.__pwned='script'</script>",
    "handler": "<img src=x onerror=\"window.__pwned='img'\"><body onload=alert(1)>",
    "attribute": '" autofocus onfocus="window.__pwned=\'attr\'" x="',
    "javascript": "javascript:window.__pwned='js'//",
    "svg": "<svg onload=\"window.__pwned='svg'\"><script>window.__pwned='svg2'</script>"
    '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "template": "{{7*7}} {% raw %}${7*7}",
    "bidi": "\u202egnp.exe \u2066\u202eevil\u2069 \u200f",
    "long": "Long" * 5000 + " " + "mot " * 4000,
}


def payload_analysis(name: str, payload: str):
    from test_web import _claim

    from bilan.model import Analysis, Document, Entity

    text = f"title: {payload}\noutlet: {payload}\n\nIntro {payload} : 500 chars {payload} détruits à {payload}.\n"
    body = text.index("Intro")
    fragment = f"500 chars {payload} détruits"
    claim = _claim(
        text,
        fragment,
        500,
        "tanks",
        "overstated",
        record_date="2022-12-22",
        record_value=300,
        explanation=f"Differs from the record {payload}",
    )
    claim.attribution = payload
    place = text.rindex(payload)
    document = Document(
        id=f"payload-{name}",
        text=text,
        body_start=body,
        title=payload,
        date="2022-12-20",
        date_source="metadata",
        lang="fr",
        outlet=payload,
        url=payload,
    )
    return Analysis(
        document=document,
        claims=[claim],
        warnings=[payload],
        extras={
            "entities": [
                Entity("place", payload, place, place + len(payload), payload, lat=47.0, lon=35.0, region=payload, country="UA"),
                Entity("person", payload, body, body + 5, payload, role=payload),
            ]
        },
    )


def test_the_real_command_checks_host_headers_and_answers_head(database: Path) -> None:
    import os
    import subprocess
    import sys

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "bilan", "serve", "--db", str(database), "--port", str(port), "--allowed-host", "bilan.example"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "BILAN_RECORD": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert httpx.head(base + "/").status_code == 200
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert httpx.get(base + "/", headers={"Host": "bilan.example"}).status_code == 200
        refused = httpx.get(base + "/", headers={"Host": "evil.example"})
        assert refused.status_code == 400 and "nosniff" in refused.headers["x-content-type-options"]
        assert "server" not in refused.headers  # uvicorn's banner is off
    finally:
        server.terminate()
        server.wait(timeout=30)
