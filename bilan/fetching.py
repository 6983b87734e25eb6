"""Articles from URLs: httpx with timeouts, a redirect limit, a size limit and an honest
User-Agent; the HTML goes through `bilan.reading.read_html` (trafilatura).

Every way a URL can fail (network, status, size, time, a PDF or an image instead of a
page) is a `BilanError` whose one-line message names the URL, so that a batch records it
and goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import httpx

from bilan import __version__
from bilan.model import BilanError, Document

USER_AGENT = f"bilan/{__version__} (fact-checking of loss figures in news articles; python-httpx)"

# Content types read as articles; the rest are refused with their kind named.
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
# Signatures of files that are not articles, for servers that send a wrong content type.
MAGIC = ((b"%PDF-", "a PDF"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
         (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive"))


@dataclass(frozen=True)
class FetchLimits:
    # A news page is 50-500 kB; 10 MB leaves room for inline images and scripts.
    max_bytes: int = 10 * 1024 * 1024
    # Seconds to connect and between two reads, and for the whole download (a server that
    # trickles bytes would never trip the read timeout alone).
    timeout: float = 20.0
    total_time: float = 60.0
    max_redirects: int = 5


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _kind_of(content_type: str) -> str:
    if content_type == "application/pdf":
        return "a PDF"
    if content_type.startswith("image/"):
        return f"an image ({content_type})"
    return content_type


@dataclass
class Fetched:
    body: bytes
    content_type: str  # without parameters, lower case; "" when the server sent none
    charset: str | None
    url: str  # after redirects


def fetch_bytes(url: str, client: httpx.Client, limits: FetchLimits = FetchLimits()) -> Fetched:
    """Download `url`, refusing what is not a page or text and what is over the limits."""
    started = time.monotonic()
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise BilanError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            header = response.headers.get("content-type", "")
            content_type = header.split(";")[0].strip().lower()
            if content_type and not content_type.startswith(HTML_TYPES + TEXT_TYPES):
                raise BilanError(f"{url}: {_kind_of(content_type)}, not a web page or text")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise BilanError(f"{url}: {int(declared):,} bytes, above the limit of {limits.max_bytes:,}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise BilanError(f"{url}: more than {limits.max_bytes:,} bytes, above the limit")
                if time.monotonic() - started > limits.total_time:
                    raise BilanError(f"{url}: still downloading after {limits.total_time:g} s, gave up")
            return Fetched(bytes(body), content_type, response.charset_encoding, str(response.url))
    except httpx.TooManyRedirects:
        raise BilanError(f"{url}: more than {limits.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise BilanError(f"{url}: no answer within {limits.timeout:g} s (timeout)") from None
    except httpx.InvalidURL as exc:
        raise BilanError(f"{url}: not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise BilanError(f"{url}: {type(exc).__name__}: {exc}") from None


def new_client(limits: FetchLimits = FetchLimits()) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"},
    )


def fetch_document(url: str, *, client: httpx.Client | None = None, limits: FetchLimits = FetchLimits(),
                   lang: str | None = None, date: str | None = None) -> Document:
    """The article at `url`, read like a file: HTML through trafilatura, text as text.

    The document's id is a hash of the URL as given (`bilan.reading.url_id`); its `url` is
    where the redirects ended. Raises BilanError naming the URL.
    """
    return _fetch(url, client, limits, lang, date)[0]


def _fetch(url: str, client: httpx.Client | None, limits: FetchLimits, lang: str | None,
           date: str | None) -> tuple[Document, str | None]:
    """The document and a warning when bytes had to be replaced (see `bilan.reading.decode`)."""
    if not is_url(url):
        raise BilanError(f"{url}: not an http(s) URL")
    owned = client is None
    client = client or new_client(limits)
    try:
        fetched = fetch_bytes(url, client, limits)
    finally:
        if owned:
            client.close()
    for magic, kind in MAGIC:
        if fetched.body.startswith(magic):
            raise BilanError(f"{url}: {kind}, not a web page or text")
    from bilan import reading

    try:
        text, warning = reading.decode(fetched.body, declared=fetched.charset)
        is_html = fetched.content_type in HTML_TYPES or (not fetched.content_type and text.lstrip()[:1] == "<")
        if is_html:
            document = reading.read_html(text, reading.url_id(url), url=fetched.url, lang=lang, date=date)
        else:
            document = reading.read_text(text, reading.url_id(url), lang=lang, date=date)
            document.url = document.url or fetched.url
    except BilanError as exc:
        raise BilanError(f"{url}: {exc}") from None
    return document, warning


@dataclass
class FetchFailure:
    """A URL that gave no document: has the `source` and `message` of a read failure."""

    source: str
    message: str
    document: Document | None = None
    stage: str = "fetch"


def iter_urls(urls: Iterable[str], *, limits: FetchLimits = FetchLimits(), lang: str | None = None,
              date: str | None = None) -> Iterator[Document | FetchFailure]:
    """Fetch URLs one after the other on one connection pool; a failure is yielded, never raised."""
    with new_client(limits) as client:
        for url in urls:
            try:
                document, warning = _fetch(url, client, limits, lang, date)
            except BilanError as exc:
                yield FetchFailure(url, str(exc))
                continue
            yield FetchFailure(url, warning, document) if warning else document
