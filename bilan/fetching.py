"""Articles from URLs: httpx with timeouts, a redirect limit, a size limit and an honest
User-Agent; the HTML goes through `bilan.reading.read_html` (trafilatura).

Every way a URL can fail (network, status, size, time, a PDF or an image instead of a
page) is a `BilanError` whose one-line message names the URL, so that a batch records it
and goes on.

Only public addresses are fetched unless the caller allows private ones (`allow_private`,
the CLI's `--allow-private`; the web app never does): loopback in any spelling, private,
link-local, shared (CGNAT), multicast, reserved, unspecified and cloud-metadata addresses
are refused. Each request's host is resolved once, every address it resolves to is vetted,
and the connection goes to the vetted address, with the name kept in the Host header and
the TLS server name (a second lookup could answer differently: DNS rebinding). Redirects
are followed here, hop by hop, each through the same check.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import httpx

from bilan import __version__
from bilan.model import BilanError, Document
from bilan.reading import max_bytes

USER_AGENT = f"bilan/{__version__} (fact-checking of loss figures in news articles; python-httpx)"

# Content types read as articles; the rest are refused with their kind named.
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
# Signatures of files that are not articles, for servers that send a wrong content type.
MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
)


# Why an address is refused, tested in this order on the address and on the IPv4 address an
# IPv6 one carries (::ffff:a.b.c.d, 6to4); `ipaddress` knows the ranges.
ADDRESS_KINDS = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)
# Cloud providers' instance metadata services (AWS, GCP, Azure, Oracle; AWS's IPv6 one; ECS;
# Alibaba's, in the shared range): named in the refusal, being the usual target.
METADATA_ADDRESSES = frozenset(
    map(
        ipaddress.ip_address,
        (
            "169.254.169.254",
            "fd00:ec2::254",
            "169.254.170.2",
            "100.100.100.200",
        ),
    )
)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnreachableHost(BilanError):
    """A host that does not resolve, or resolves to an address that is refused."""


def address_refusal(address: IPAddress) -> str | None:
    """Why `address` is not fetched without `allow_private` ("loopback", "private"...), or None."""
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    candidates: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):  # what it carries names the refusal best
        candidates[:0] = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    for candidate in candidates:
        if candidate in METADATA_ADDRESSES:
            return "a cloud metadata address"
        for attribute, kind in ADDRESS_KINDS:
            if getattr(candidate, attribute):
                return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"
        if not candidate.is_global:  # 100.64.0.0/10 (CGNAT) and the like
            return "not a public address"
    return None


def resolve_host(host: str, port: int, *, allow_private: bool = False) -> str:
    """The one address to connect to for `host`, every address it resolves to vetted.

    `host` may be any spelling `getaddrinfo` accepts (127.1, 0x7f000001, 2130706433,
    localhost.): what is vetted is what it resolves to. A name with any refused address is
    refused whole, so that no answer of a round-robin can be a way in.
    """
    try:
        # "localhost." is "localhost", whatever the resolver makes of the root's dot.
        answers = socket.getaddrinfo(host.removesuffix(".") or host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as problem:
        raise UnreachableHost(f"{host}: cannot resolve it ({getattr(problem, 'strerror', None) or problem})") from None
    # A scoped IPv6 address (fe80::1%eth0) is vetted without its zone.
    addresses = [ipaddress.ip_address(str(answer[4][0]).split("%")[0]) for answer in answers]
    if not addresses:
        raise UnreachableHost(f"{host}: cannot resolve it")
    if not allow_private:
        for address in addresses:
            refusal = address_refusal(address)
            if refusal:
                raise UnreachableHost(
                    f"{host} is {refusal} ({address}): only public addresses are fetched (--allow-private allows the others)"
                )
    # IPv4 first: many hosts publish an IPv6 address that this machine has no route to.
    return str(min(addresses, key=lambda a: a.version))


class PinnedTransport(httpx.BaseTransport):
    """Sends each request to the address `resolve_host` vetted for its host, not to a
    second lookup of the name; the Host header and TLS's server name stay the name."""

    def __init__(self, *, allow_private: bool = False) -> None:
        self.allow_private = allow_private
        # No connection kept for another request: the pool knows connections by address,
        # and two names on one address must not share a TLS session made for one of them.
        self._transport = httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0), trust_env=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in ("http", "https"):  # a redirect to file:, ftp:, gopher:...
            raise httpx.UnsupportedProtocol(f"{url.scheme}: is not fetched, only http and https", request=request)
        host = url.raw_host.decode("ascii")
        address = resolve_host(host, url.port or (443 if url.scheme == "https" else 80), allow_private=self.allow_private)
        extensions = dict(request.extensions)
        if url.scheme == "https":
            extensions["sni_hostname"] = host
        pinned = httpx.Request(
            request.method, url.copy_with(host=address), headers=request.headers, stream=request.stream, extensions=extensions
        )
        return self._transport.handle_request(pinned)

    def close(self) -> None:
        self._transport.close()


@dataclass(frozen=True)
class FetchLimits:
    # A news page is 50-500 kB; the article size cap (10 MB unless --max-mb or $BILAN_MAX_MB
    # says otherwise) leaves room for inline images and scripts, and holds for files and URLs alike.
    max_bytes: int = field(default_factory=max_bytes)
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


def fetch_bytes(url: str, client: httpx.Client, limits: FetchLimits | None = None) -> Fetched:
    """Download `url`, refusing what is not a page or text and what is over the limits.

    Redirects are followed here, at most `limits.max_redirects`, each hop a new request
    through the client's transport (which vets its address, see `new_client`).
    """
    limits = limits or FetchLimits()  # made now: the size cap follows --max-mb / $BILAN_MAX_MB
    started = time.monotonic()
    try:
        request = client.build_request("GET", url)
        for _ in range(limits.max_redirects + 1):
            response = client.send(request, stream=True, follow_redirects=False)
            if response.next_request is None:
                break
            response.close()
            request = response.next_request
        else:
            raise httpx.TooManyRedirects("too many redirects", request=request)
        try:
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
        finally:
            response.close()
    except UnreachableHost as exc:
        raise BilanError(f"{url}: {exc}") from None
    except httpx.TooManyRedirects:
        raise BilanError(f"{url}: more than {limits.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise BilanError(f"{url}: no answer within {limits.timeout:g} s (timeout)") from None
    except httpx.InvalidURL as exc:
        raise BilanError(f"{url}: not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise BilanError(f"{url}: {type(exc).__name__}: {exc}") from None


def new_client(limits: FetchLimits | None = None, *, allow_private: bool = False) -> httpx.Client:
    """A client that connects only to vetted addresses (`PinnedTransport`); no proxy from
    the environment (a proxy would resolve names itself)."""
    limits = limits or FetchLimits()
    return httpx.Client(
        transport=PinnedTransport(allow_private=allow_private),
        trust_env=False,
        follow_redirects=False,
        timeout=httpx.Timeout(limits.timeout),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"},
    )


def fetch_document(
    url: str,
    *,
    client: httpx.Client | None = None,
    limits: FetchLimits | None = None,
    lang: str | None = None,
    date: str | None = None,
    allow_private: bool = False,
) -> Document:
    """The article at `url`, read like a file: HTML through trafilatura, text as text.

    The document's id is a hash of the URL as given (`bilan.reading.url_id`); its `url` is
    where the redirects ended. Raises BilanError naming the URL. Private addresses are
    refused unless `allow_private` (a `client` given brings its own rule: see `new_client`).
    """
    limits = limits or FetchLimits()
    return _fetch(url, client, limits, lang, date, allow_private)[0]


def _fetch(
    url: str, client: httpx.Client | None, limits: FetchLimits, lang: str | None, date: str | None, allow_private: bool = False
) -> tuple[Document, str | None]:
    """The document and a warning when bytes had to be replaced (see `bilan.reading.decode`)."""
    if not is_url(url):
        raise BilanError(f"{url}: not an http(s) URL")
    owned = client is None
    client = client or new_client(limits, allow_private=allow_private)
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


def iter_urls(
    urls: Iterable[str],
    *,
    limits: FetchLimits | None = None,
    lang: str | None = None,
    date: str | None = None,
    allow_private: bool = False,
) -> Iterator[Document | FetchFailure]:
    """Fetch URLs one after the other with one client; a failure is yielded, never raised."""
    limits = limits or FetchLimits()
    with new_client(limits, allow_private=allow_private) as client:
        for url in urls:
            try:
                document, warning = _fetch(url, client, limits, lang, date)
            except BilanError as exc:
                # the failure's source names the URL: its message is the reason alone, so that
                # the error line and the errors table do not name the URL twice
                yield FetchFailure(url, str(exc).removeprefix(f"{url}: "))
                continue
            yield FetchFailure(url, warning, document) if warning else document
