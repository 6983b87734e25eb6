"""What keeps `bilan serve` safe to expose: ASGI middleware, the /check form's CSRF token,
analyses in worker processes with a time limit, and an HTTP protocol that slow clients
cannot starve.

- `Guard` (outermost middleware): security headers on every response the app sends,
  errors included (a Content-Security-Policy everywhere, the docs' inline scripts allowed
  by hash); `HEAD` answered as `GET` without the body, `OPTIONS` with the methods of the
  path; a state-changing request from another origin refused (403).
- `BodyLimit`: a request body over the limit is refused (413), one that does not arrive
  within `BODY_SECONDS` too (408).
- CSRF: the /check form carries a random token that must equal its cookie (a
  double-submit cookie, SameSite=Strict), so that another site cannot post it.
- `CheckPool`: an analysis runs in a worker process and is stopped at its time limit (a
  thread cannot be stopped: a hostile text would keep it busy for good); the process is
  replaced and the visitor gets a 503 that says so.
- `GuardedH11Protocol` (uvicorn's h11 protocol, plus): a connection that is not serving a
  request has `HEADER_SECONDS` to send a complete request head, whatever it trickles; at
  `MAX_CONNECTIONS`, a new connection closes the one that has waited longest for its
  request head, so idle and slow sockets cannot lock normal clients out.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import multiprocessing
import re
import secrets
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import h11
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from bilan.model import BilanError

# Headers of every response, besides the Content-Security-Policy.
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
# Swagger UI and ReDoc pages: their own scripts by hash, styles inline (ReDoc writes style
# elements; these pages show only the app's own OpenAPI schema), ReDoc's search worker.
DOCS_PATHS = ("/docs", "/redoc")
DOCS_POLICY = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# A request body of 1 MiB sent at 35 kB/s arrives within this.
BODY_SECONDS = 30.0
# A browser sends its request head in one packet; ten seconds covers a slow mobile link.
HEADER_SECONDS = 10.0
# Open connections kept (uvicorn's limit_concurrency is set one above: see `serve`); far
# under the process's file limit, far over what one reader's browser opens (6 at most).
MAX_CONNECTIONS = 200

CSRF_COOKIE = "bilan_csrf"
CSRF_FIELD = "csrf"
CSRF_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")

# Two analyses at once on a small server; a few more wait (within the time limit), the
# rest are told to come back.
CHECK_WORKERS = 2
CHECK_QUEUE = 8
# A long article takes under 2 s; a text that takes longer than this is hostile or broken.
CHECK_SECONDS = 20.0
# A long article is ~40 kB of text: ten times that.
MAX_CHECK_CHARS = 400_000
# Whatever went wrong fetching a visitor's URL, they read this: which failure it was
# (refused, timeout, 404...) would map the network behind the server.
FETCH_FAILED = "no article could be read at that address (only public web pages are fetched)"


def _csp_hash(source: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source).digest()).decode() + "'"


class Guard:
    """Security headers on every response, HEAD and OPTIONS, same-origin writes only."""

    def __init__(self, app: ASGIApp, *, router: Router, policy: str) -> None:
        self.app = app
        self.router = router
        self.policy = policy.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        headers = {k.lower(): v for k, v in scope.get("headers") or []}
        if method == "OPTIONS":
            await self._options(scope, send)
            return
        if method not in SAFE_METHODS and not _same_origin(headers):
            await self._plain(send, 403, "refused: this request came from another site")
            return
        head = method == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        docs = scope["path"] in DOCS_PATHS or scope["path"].startswith("/docs/")
        start: Message | None = None
        buffered: list[bytes] = []

        async def guarded(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                if not docs:
                    await send(self._with_headers(message, self.policy))
                return
            if message["type"] == "http.response.body" and docs:
                # The docs pages are small: read whole, so that their inline scripts are
                # hashed into the policy.
                buffered.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(buffered)
                hashes = " ".join(_csp_hash(s) for s in INLINE_SCRIPT.findall(body))
                assert start is not None
                await send(self._with_headers(start, DOCS_POLICY.format(hashes=hashes).encode()))
                message = {**message, "body": body}
            if head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, guarded)

    def _with_headers(self, start: Message, policy: bytes) -> Message:
        names = {b"content-security-policy", *(name for name, _ in SECURITY_HEADERS)}
        kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in names]
        return {**start, "headers": [*kept, (b"content-security-policy", policy), *SECURITY_HEADERS]}

    async def _options(self, scope: Scope, send: Send) -> None:
        allowed: set[str] = set()
        probe = {**scope, "method": "GET"}
        for route in self.router.routes:
            match, _ = route.matches(probe)
            if match is not Match.NONE:
                allowed |= set(getattr(route, "methods", None) or {"GET"})
        if not allowed:
            await self._plain(send, 404, "Not Found")
            return
        if "GET" in allowed:
            allowed.add("HEAD")
        allow = ", ".join(sorted(allowed | {"OPTIONS"}))
        await send(
            self._with_headers(
                {"type": "http.response.start", "status": 204, "headers": [(b"allow", allow.encode())]}, self.policy
            )
        )
        await send({"type": "http.response.body", "body": b""})

    async def _plain(self, send: Send, status: int, text: str) -> None:
        body = text.encode()
        start = {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
        await send(self._with_headers(start, self.policy))
        await send({"type": "http.response.body", "body": body})


def _same_origin(headers: dict[bytes, bytes]) -> bool:
    """False when the browser says the request comes from another site (Sec-Fetch-Site,
    Origin); a client that says nothing (curl) passes, the CSRF token then decides."""
    if headers.get(b"sec-fetch-site", b"same-origin") not in (b"same-origin", b"none"):
        return False
    origin = headers.get(b"origin")
    if origin is None:
        return True
    netloc = urlsplit(origin.decode("latin-1")).netloc.lower()
    return bool(netloc) and netloc == headers.get(b"host", b"").decode("latin-1").lower()


def security_headers(policy: str) -> dict[str, str]:
    """The headers `Guard` adds, for the responses it cannot see (the 500 page)."""
    return {"Content-Security-Policy": policy, **{k.decode(): v.decode() for k, v in SECURITY_HEADERS}}


class BodyLimit:
    """ASGI middleware: refuse a request body larger than `limit` bytes with 413, or not
    received within `seconds` with 408.

    Checks the declared Content-Length first, then counts the bytes actually received,
    so a chunked upload cannot get past it either.
    """

    def __init__(self, app: ASGIApp, limit: int, seconds: float = BODY_SECONDS) -> None:
        self.app = app
        self.limit = limit
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _send_plain(send, 413, f"request body larger than {self.limit} bytes")
            return
        deadline = time.monotonic() + self.seconds
        received = 0
        body_done = False
        refusal: tuple[int, str] | None = None

        async def counted() -> Message:
            # Past the limit the app is told the client left: it stops reading, whatever
            # framework code reads the body (FastAPI turns exceptions there into a 400).
            nonlocal received, body_done, refusal
            if refusal:
                return {"type": "http.disconnect"}
            if body_done:  # after the body, only a disconnect can come: no deadline
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                refusal = (408, f"request body not received within {self.seconds:g} s")
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > self.limit:
                    refusal = (413, f"request body larger than {self.limit} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not refusal:  # the refusal below replaces whatever the app answers
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not refusal:
                raise
        if refusal:
            await _send_plain(send, *refusal)


async def _send_plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


# ---- CSRF ------------------------------------------------------------------------------


def csrf_token(request: Request) -> str:
    """The visitor's token: the one their cookie holds, or a new one."""
    token = request.cookies.get(CSRF_COOKIE, "")
    return token if CSRF_PATTERN.fullmatch(token) else secrets.token_urlsafe(32)


def set_csrf_cookie(response: Response, token: str) -> Response:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/check")
    return response


def csrf_valid(request: Request, submitted: str) -> bool:
    """The form's token equals the cookie's: only a page of this site could have read it."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(CSRF_PATTERN.fullmatch(cookie)) and hmac.compare_digest(cookie, submitted)


# ---- analyses with a time limit ----------------------------------------------------------


def check_submission(text: str, url: str, date: str | None, record: Any) -> Any:
    """The analysis of a visitor's text or URL (/check, /api/check), in a `CheckPool`
    worker (this module imports neither the database nor the web framework's app).
    `date` (YYYY-MM-DD or YYYY-MM): the publication date the figures are checked at."""
    from bilan.fetching import fetch_document
    from bilan.pipeline import analyse
    from bilan.reading import read_text

    if text.strip():
        if len(text) > MAX_CHECK_CHARS:
            raise BilanError(f"the text is longer than {MAX_CHECK_CHARS} characters")
        document = read_text(text, id="pasted")
    elif url:
        if not url.startswith(("http://", "https://")) or len(url) > 2000:
            raise BilanError(f"{url[:80]}: give an http:// or https:// address")
        try:
            document = fetch_document(url)
        except BilanError:
            raise BilanError(FETCH_FAILED) from None
    else:
        raise BilanError("paste an article's text or give its URL")
    if date:
        from dataclasses import replace

        from bilan.reading import parse_date

        document = replace(document, date=parse_date(date, "the publication date"), date_source="option")
    return analyse(document, record=record)


class CheckRefused(BilanError):
    """The server did not analyse the text: busy, or the analysis ran out of time."""


_worker_context: Any = None


def _start_worker(context: Any, warm: Callable[[Any], Any] | None) -> None:
    global _worker_context
    _worker_context = context
    if warm is not None:
        warm(context)


def warm_up_analysis(record: Any) -> None:
    """A worker's first analysis loads lexicons, gazetteers and the record's indexes (a
    second or two): done when it starts, so that no visitor's time limit pays for it."""
    check_submission(
        "date: 2023-01-05\n\nSelon Kyiv, 105 960 soldats russes ont été tués et 3 000 chars détruits à Bakhmout.\n",
        "",
        None,
        record,
    )


def _run_in_worker(function: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    return function(*args, _worker_context)


def _nothing(context: Any) -> None:
    """What a worker runs to start."""


class CheckPool:
    """Worker processes (started on first use, each running `warm(context)` first) that
    run `function(*args, context)`.

    A call waits at most `seconds` in all, queue included: past it the worker is stopped
    and replaced. More than `workers + queue` calls at once are refused at once.
    """

    def __init__(
        self,
        context: Any,
        *,
        workers: int = CHECK_WORKERS,
        queue: int = CHECK_QUEUE,
        seconds: float = CHECK_SECONDS,
        warm: Callable[[Any], Any] | None = None,
    ) -> None:
        self.context = context
        self.warm = warm  # run in each worker as it starts, before any call
        self.workers = workers
        self.queue = queue
        self.seconds = seconds
        self._pool: Any = None
        self._running = 0

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        from pebble import ProcessExpired

        if self._running >= self.workers + self.queue:
            raise CheckRefused("the server is checking other articles: try again in a minute")
        self._running += 1
        try:
            future = self._processes().schedule(_run_in_worker, args=(function, args), timeout=self.seconds)
            try:
                # Cancelling the wrapped future stops pebble's worker, running or not.
                return await asyncio.wait_for(asyncio.wrap_future(future), self.seconds)
            except TimeoutError:
                raise CheckRefused(
                    f"the analysis took longer than {self.seconds:g} s and was stopped: the text was not checked"
                ) from None
            except ProcessExpired:  # the worker died (out of memory...): replaced already
                raise CheckRefused("the analysis stopped before its end: the text was not checked") from None
        finally:
            self._running -= 1

    def start(self) -> None:
        """Start the workers now rather than on the first check (a spawn takes seconds)."""
        self._processes().schedule(_run_in_worker, args=(_nothing, ()))

    def _processes(self) -> Any:
        from pebble import ProcessPool

        if self._pool is None:
            # Spawned, not forked: a fork of a threaded server may inherit a held lock.
            self._pool = ProcessPool(
                max_workers=self.workers,
                initializer=_start_worker,
                initargs=(self.context, self.warm),
                context=multiprocessing.get_context("spawn"),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=5)
            self._pool = None


# ---- the HTTP protocol -------------------------------------------------------------------


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request-head timeout and idle-first eviction.

    uvicorn times out only a connection idle after a response (`timeout_keep_alive`,
    disarmed by the next byte): a client that sends a byte every few seconds is never cut,
    and with `limit_concurrency` reached every other client gets a 503.
    """

    _waiting_since: float | None  # since when it waits for a request head; None while serving one

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._waiting_since = time.monotonic()
        self._head_timer = self.loop.call_later(HEADER_SECONDS, self._head_timeout)
        if len(self.connections) > MAX_CONNECTIONS:
            waiting = {
                c: c._waiting_since
                for c in self.connections
                if isinstance(c, GuardedH11Protocol) and c is not self and c._waiting_since is not None
            }
            if waiting:
                min(waiting, key=waiting.__getitem__)._close_waiting()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not None and not self.cycle.response_complete and self._waiting_since is not None:
            self._waiting_since = None  # a request is being served: the app's limits apply
            self._head_timer.cancel()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # (uvicorn may have started a pipelined request's cycle already)
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._waiting_since = time.monotonic()
            self._head_timer.cancel()
            self._head_timer = self.loop.call_later(HEADER_SECONDS, self._head_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_timer.cancel()
        self._waiting_since = None
        super().connection_lost(exc)

    def _head_timeout(self) -> None:
        if self._waiting_since is not None:
            self._close_waiting()

    def _close_waiting(self) -> None:
        self._waiting_since = None
        self._head_timer.cancel()
        if not self.transport.is_closing():
            if self.conn.our_state in (h11.IDLE, h11.DONE):  # between responses: say why
                self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            self.transport.close()


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """Host header values `serve` answers: the bound host, this machine's loopback names and
    `extra` (`--allowed-host`); an address that binds every interface is no name."""
    names = ["localhost", "127.0.0.1", "[::1]", *extra]
    if host not in ("0.0.0.0", "::", ""):
        names.append(f"[{host}]" if ":" in host else host)
    return list(dict.fromkeys(n.lower() for n in names))
