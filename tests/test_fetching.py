"""Articles from URLs, against local HTTP servers on 127.0.0.1 only: a page, redirects,
404, a slow server, a 100 MB body, a PDF and an image each give a clear error per URL,
and a batch of URLs goes on past them (these fetch with `allow_private`, the server being
local). Without it, loopback in every spelling, private, link-local, metadata and other
non-public addresses are refused before any connection, also after a redirect: a server
that records every request it receives gets none."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from bilan import fetching
from bilan.model import BilanError, Document

ARTICLE = (
    "<html><head><title>Bilan du front</title></head><body><nav>Accueil | Monde | Sport</nav>"
    "<article><h1>Bilan du front</h1><p>Selon l'état-major ukrainien, plus de 105 000 soldats russes "
    "sont morts depuis l'invasion, et 3 000 chars ont été détruits.</p>"
    "<p>Le ministère russe de la Défense n'a pas commenté ces chiffres, publiés lundi à Kyiv.</p></article>"
    "</body></html>"
).encode()
HUNDRED_MB = 100 * 1024 * 1024
CHUNK = b"x" * 65536


class Handler(BaseHTTPRequestHandler):
    sent: ClassVar[dict[str, int]] = {}  # bytes written per path, across requests
    agents: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow page): that is what the test wants

    def _stream(self, declare_length: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            self.send_header("Content-Length", str(HUNDRED_MB))
        self.end_headers()
        sent = 0
        try:
            while sent < HUNDRED_MB:
                self.wfile.write(CHUNK)
                sent += len(CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            Handler.sent[self.path] = sent

    def do_GET(self) -> None:
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE)
        elif self.path == "/plain":
            self._send(
                200, "text/plain; charset=utf-8", "date: 2023-01-05\n\n100 soldats russes tués à Bakhmout, selon Kyiv.".encode()
            )
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.path)}")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", ARTICLE)
        elif self.path == "/huge":
            self._stream(declare_length=True)
        elif self.path == "/huge-undeclared":
            self.protocol_version = "HTTP/1.0"  # no Content-Length: the body ends when the server closes
            self._stream(declare_length=False)
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n" + b"0" * 2000)
        elif self.path == "/photo.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 2000)
        elif self.path == "/disguised":
            self._send(200, "text/html", b"%PDF-1.4\n" + b"0" * 2000)
        elif self.path == "/empty-page":
            self._send(200, "text/html", b"<html><body><nav>Accueil</nav></body></html>")
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LIMITS = fetching.FetchLimits(max_bytes=2 * 1024 * 1024, timeout=0.5, total_time=10)


def test_an_html_page_is_read_with_trafilatura_and_the_agent_names_bilan(server: str) -> None:
    document = fetching.fetch_document(f"{server}/article", limits=LIMITS, allow_private=True)
    assert "105 000 soldats russes" in document.text
    assert "Accueil | Monde" not in document.text  # navigation left out
    assert document.url == f"{server}/article"
    from bilan.reading import url_id

    assert document.id == url_id(f"{server}/article")
    assert Handler.agents[-1].startswith("bilan/") and "bilan" in fetching.USER_AGENT


def test_plain_text_keeps_its_metadata(server: str) -> None:
    document = fetching.fetch_document(f"{server}/plain", limits=LIMITS, allow_private=True)
    assert document.date == "2023-01-05" and document.text.startswith("date:")


def test_redirects_are_followed_to_the_final_url(server: str) -> None:
    document = fetching.fetch_document(f"{server}/moved", limits=LIMITS, allow_private=True)
    assert document.url == f"{server}/article" and "105 000" in document.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/loop", "more than 5 redirects"),
        ("/slow", "timeout"),
        ("/report.pdf", "a PDF"),
        ("/photo.png", "an image (image/png)"),
        ("/disguised", "a PDF"),
        ("/empty-page", "no article text"),
    ],
)
def test_each_failure_is_one_clear_line_naming_the_url(server: str, path: str, message: str) -> None:
    with pytest.raises(BilanError) as caught:
        fetching.fetch_document(f"{server}{path}", limits=LIMITS, allow_private=True)
    text = str(caught.value)
    assert text.startswith(f"{server}{path}: ") and message in text and "\n" not in text


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared"])
def test_a_100_mb_body_is_refused_without_downloading_it(server: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(BilanError, match="above the limit"):
        fetching.fetch_document(f"{server}{path}", limits=LIMITS, allow_private=True)
    assert time.monotonic() - started < 5
    time.sleep(0.2)  # let the server notice the closed connection
    assert Handler.sent.get(path, 0) < HUNDRED_MB / 4


def test_a_batch_of_urls_goes_on_past_failures(server: str) -> None:
    urls = [f"{server}/missing", f"{server}/article", f"{server}/report.pdf", f"{server}/slow", f"{server}/plain"]
    results = list(fetching.iter_urls(urls, limits=LIMITS, allow_private=True))
    assert [type(r).__name__ for r in results] == ["FetchFailure", "Document", "FetchFailure", "FetchFailure", "Document"]
    assert [r.source for r in results if isinstance(r, fetching.FetchFailure)] == [urls[0], urls[2], urls[3]]
    assert all(isinstance(r, Document) or r.stage == "fetch" for r in results)


def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(BilanError, match="not an http"):
        fetching.fetch_document("file:///etc/passwd")


def test_ingest_stores_the_pages_and_records_each_failing_url(server: str, tmp_path) -> None:
    import duckdb
    from typer.testing import CliRunner

    from bilan.cli import app

    db = tmp_path / "corpus.duckdb"
    urls = [f"{server}/article", f"{server}/missing", f"{server}/photo.png", f"{server}/huge", f"{server}/plain"]
    result = CliRunner().invoke(app, ["ingest", *urls, "--db", str(db), "--allow-private"])
    assert result.exit_code == 1, result.output  # some URLs failed, the others went in
    assert "Traceback" not in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert sorted(r[0] for r in con.execute("SELECT url FROM documents").fetchall()) == [f"{server}/article", f"{server}/plain"]
    errors = con.execute("SELECT source, stage, message FROM errors ORDER BY source").fetchall()
    con.close()
    assert [(source, stage) for source, stage, _ in errors] == [(urls[3], "fetch"), (urls[1], "fetch"), (urls[2], "fetch")]
    assert "above the limit" in errors[0][2] and "HTTP 404" in errors[1][2] and "image" in errors[2][2]


# ---- only public addresses ------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers every request with a page (redirecting /hop to `target`) and records it."""

    received: ClassVar[list[tuple[int, str, str]]] = []  # (port, path, Host header)
    target: ClassVar[str] = ""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        Recorder.received.append((self.server.server_address[1], self.path, self.headers.get("Host", "")))
        if self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", Recorder.target)
            self.end_headers()
            return
        body = ARTICLE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_recorder() -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def recorder() -> Iterator[int]:
    """A server on 127.0.0.1 that records every request; yields its port."""
    httpd = serve_recorder()
    Recorder.received.clear()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


# Every spelling of this machine that a URL can hold: each reaches the recorder's port on
# loopback if it is not refused (0177.0.0.1 is octal; 0.0.0.0 is this host on Linux).
LOOPBACK_HOSTS = (
    "127.0.0.1",
    "127.1",
    "0x7f000001",
    "2130706433",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "localhost",
    "localhost.",
    "0177.0.0.1",
    "0.0.0.0",
    "[::]",
)


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_loopback_in_any_spelling_is_refused_before_any_request(recorder: int, host: str) -> None:
    url = f"http://{host}:{recorder}/secret"
    with pytest.raises(BilanError) as caught:
        fetching.fetch_document(url, limits=LIMITS)
    message = str(caught.value)
    assert message.startswith(f"{url}: ") and "\n" not in message
    assert any(word in message for word in ("loopback", "unspecified", "not a valid URL")), message
    time.sleep(0.05)
    assert Recorder.received == []


# Addresses checked without a connection (a literal resolves without the network).
REFUSED_ADDRESSES = {
    "10.0.0.1": "private",
    "172.16.5.4": "private",
    "192.168.1.1": "private",
    "fc00::1": "private",
    "169.254.169.254": "metadata",
    "fd00:ec2::254": "metadata",
    "100.100.100.200": "metadata",
    "169.254.1.1": "link-local",
    "fe80::1": "link-local",
    "100.64.0.1": "not a public address",
    "224.0.0.1": "multicast",
    "ff02::1": "multicast",
    "240.0.0.1": "reserved",
    "255.255.255.255": "reserved",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "::ffff:10.0.0.1": "private",
    "2002:7f00:1::": "loopback",
    "192.0.2.1": "private",
    "127.255.255.254": "loopback",
}


@pytest.mark.parametrize(("address", "kind"), sorted(REFUSED_ADDRESSES.items()))
def test_non_public_addresses_are_refused_with_their_kind(address: str, kind: str) -> None:
    assert kind in fetching.address_refusal(ipaddress.ip_address(address))
    with pytest.raises(fetching.UnreachableHost, match=kind):
        fetching.resolve_host(address, 80)
    assert ipaddress.ip_address(fetching.resolve_host(address, 80, allow_private=True)) == ipaddress.ip_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.140", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert fetching.address_refusal(ipaddress.ip_address(address)) is None
    assert fetching.resolve_host(address, 443) == address


def test_a_name_with_one_private_answer_among_public_ones_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", 80)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 80)),
    ]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(fetching.UnreachableHost, match=r"news\.example is a private address \(10\.1\.2\.3\)"):
        fetching.resolve_host("news.example", 80)


def test_a_redirect_to_loopback_is_checked_again_and_refused(recorder: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first hop is let through as if it were public; the hop it redirects to, to
    # another server on loopback, must be vetted again and never receive a request.
    secret = serve_recorder()
    Recorder.target = f"http://127.1:{secret.server_address[1]}/secret"
    real = fetching.address_refusal
    calls: list[str] = []

    def first_hop_public(address):
        calls.append(str(address))
        return None if len(calls) == 1 else real(address)

    monkeypatch.setattr(fetching, "address_refusal", first_hop_public)
    try:
        with pytest.raises(BilanError, match=r"127\.1 is a loopback address"):
            fetching.fetch_document(f"http://127.0.0.1:{recorder}/hop", limits=LIMITS)
    finally:
        secret.shutdown()
        secret.server_close()
    assert [(port, path) for port, path, _ in Recorder.received] == [(recorder, "/hop")]
    assert calls == ["127.0.0.1", "127.0.0.1"]


def test_the_name_is_resolved_once_and_kept_in_the_host_header(recorder: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A second lookup would let a rebinding name answer public to the check and private to
    # the connection: the vetted address must be the one connected to.
    real = socket.getaddrinfo
    lookups: list[str] = []

    def resolver(host, *args, **kwargs):
        lookups.append(host)
        return real("127.0.0.1" if host == "news.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    document = fetching.fetch_document(f"http://news.example:{recorder}/article", limits=LIMITS, allow_private=True)
    assert "105 000 soldats russes" in document.text and document.url == f"http://news.example:{recorder}/article"
    assert lookups.count("news.example") == 1
    assert Recorder.received == [(recorder, "/article", f"news.example:{recorder}")]


@pytest.mark.parametrize("command", ["ingest", "report", "check"])
def test_the_cli_refuses_loopback_unless_allowed(recorder: int, command: str, tmp_path) -> None:
    from typer.testing import CliRunner

    from bilan.cli import app

    target = {"ingest": ["--db", str(tmp_path / "corpus.duckdb")], "report": ["-o", str(tmp_path / "r.html")], "check": []}[
        command
    ]
    urls = [f"http://{host}:{recorder}/article" for host in LOOPBACK_HOSTS]
    for url in urls if command != "report" else urls[:3]:
        result = CliRunner().invoke(app, [command, url, *target], env={"BILAN_RECORD": ""})
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert Recorder.received == []
    allowed = CliRunner().invoke(app, [command, urls[0], *target, "--allow-private"], env={"BILAN_RECORD": ""})
    assert allowed.exit_code == 0, allowed.output
    assert [path for _, path, _ in Recorder.received] == ["/article"]


@pytest.mark.parametrize("command", ["ingest", "report", "check"])
def test_a_refused_url_is_named_once_in_its_error_line(recorder: int, command: str, tmp_path) -> None:
    from typer.testing import CliRunner

    from bilan.cli import app

    target = {"ingest": ["--db", str(tmp_path / "corpus.duckdb")], "report": ["-o", str(tmp_path / "r.html")], "check": []}[
        command
    ]
    url = f"http://0.0.0.0:{recorder}/article"
    result = CliRunner().invoke(app, [command, url, *target], env={"BILAN_RECORD": "", "COLUMNS": "300"})
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: http")]
    assert lines == [
        f"error: {url}: 0.0.0.0 is an unspecified address (0.0.0.0): only public addresses are fetched "
        "(--allow-private allows the others)"
    ], result.stderr
    assert Recorder.received == []


@pytest.mark.parametrize("target", ["file:///etc/passwd", "gopher://127.0.0.1:25/x", "ftp://127.0.0.1/x"])
def test_a_redirect_to_another_scheme_is_refused(recorder: int, target: str) -> None:
    Recorder.target = target
    with pytest.raises(BilanError, match="is not fetched, only http and https"):
        fetching.fetch_document(f"http://127.0.0.1:{recorder}/hop", limits=LIMITS, allow_private=True)
    assert [path for _, path, _ in Recorder.received] == ["/hop"]


@pytest.fixture
def tls_recorder(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, list[str]]]:
    """An HTTPS server on 127.0.0.1 with a certificate for news.example (made by openssl,
    trusted here alone); yields its port and the server names clients asked for (SNI)."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is absent: it makes the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=news.example",
            "-addext",
            "subjectAltName=DNS:news.example",
        ],
        check=True,
        capture_output=True,
    )
    names: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    import certifi

    monkeypatch.setattr(certifi, "where", lambda: str(cert))  # httpx's default trust store
    real = socket.getaddrinfo
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, *a, **k: real("127.0.0.1" if host.endswith(".example") else host, *a, **k)
    )
    Recorder.received.clear()
    yield httpd.server_address[1], names
    httpd.shutdown()
    httpd.server_close()


def test_https_to_the_pinned_address_verifies_the_certificate_of_the_name(tls_recorder: tuple[int, list[str]]) -> None:
    port, names = tls_recorder
    document = fetching.fetch_document(f"https://news.example:{port}/article", limits=LIMITS, allow_private=True)
    assert "105 000 soldats russes" in document.text
    assert names == ["news.example"]  # TLS was told the name, not the address connected to
    assert Recorder.received == [(port, "/article", f"news.example:{port}")]
    # Another name on the same address gets the same certificate, which is not its own.
    with pytest.raises(BilanError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
        fetching.fetch_document(f"https://other.example:{port}/article", limits=LIMITS, allow_private=True)


def test_the_download_limit_follows_the_article_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILAN_MAX_MB", "0.5")
    assert fetching.FetchLimits().max_bytes == 524_288
    monkeypatch.delenv("BILAN_MAX_MB")
    assert fetching.FetchLimits().max_bytes == 10 * 1_048_576
