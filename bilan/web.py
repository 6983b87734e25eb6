"""`bilan serve`: a read-only web app over a corpus database (FastAPI, Jinja2).

Pages: `/` overview, `/search`, `/articles/{id}`, `/claims` (+ CSV), `/record/{category}`,
`/map`, `/check`, and a JSON API under `/api/` that mirrors them; OpenAPI docs at `/docs`
served from files installed with the package (no CDN).

Safe by construction:
- the database itself is never opened: the app reads its snapshot (`LiveCorpus`), read-only,
  so that `bilan ingest` writes while it serves; every query takes its values as parameters;
- every text goes through Jinja2's autoescaping; the only script a page may run is the
  project's own, allowed by hash in a Content-Security-Policy header;
- query parameters are validated against the value sets of CLAIMS.md and date patterns;
- no request reaches the filesystem by path: documents are looked up by id in the
  database, and the only static files are the docs' bundle, mounted from the package;
- request bodies are capped (`MAX_BODY_BYTES`) before they are read;
- `bilan serve` binds 127.0.0.1 unless told otherwise, and answers only its own host names;
- headers, CSRF, time limits and slow clients: `bilan.websecurity`.

Search: DuckDB's `fts` extension is not bundled with duckdb 2.0.0 (`LOAD fts` wants a
download from DuckDB's extension server, and the PyPI wheels of it are built for 1.5.x and
refuse to load in 2.0), and a full-text index would have to be written into the database,
which this app opens read-only. So search is tokenised substring matching: the query is
cut into words, and every word must occur, ignoring case and accents ("etat" finds
"État"), in the title or text; results rank by how many of the words the title holds,
then by date. It scans a folded copy of the texts kept in memory (built when the app
starts: a few seconds and ~6 MB per 1,000 articles); bench/serve.py prints its times.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, quote, urlencode

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from fastapi_offline import FastAPIOffline
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilan import __version__, reading, storage
from bilan.model import (
    CATEGORIES,
    SIDES,
    SOURCES,
    VERDICT_FILTERS,
    Analysis,
    BilanError,
    Category,
    Check,
    Claim,
    Document,
    Entity,
    Mark,
    RhetoricSpan,
    Side,
    Source,
    VerdictFilter,
)
from bilan.rendering import report
from bilan.rendering.drawing import DrawPool, Once
from bilan.storage import ClaimFilters, Order
from bilan.websecurity import (
    CHECK_SECONDS,
    CSRF_FIELD,
    MAX_CHECK_CHARS,
    BodyLimit,
    CheckPool,
    CheckRefused,
    Guard,
    check_submission,
    csrf_token,
    csrf_valid,
    security_headers,
    set_csrf_cookie,
    warm_up_analysis,
)

log = logging.getLogger(__name__)

# A long article is ~40 kB of text; 1 MiB leaves room for HTML pasted whole and stops
# a client from making the server buffer an arbitrary body.
MAX_BODY_BYTES = 1024 * 1024
MAX_QUERY_CHARS = 200
MAX_SEARCH_TERMS = 8
PAGE_SIZE = 100
SEARCH_PAGE_SIZE = 30
# Distinct points drawn on /record/{category}: beyond this the chart is unreadable and slow
# to draw; the most printed figures are kept.
MAX_RECORD_POINTS = 2000
RECORD_TABLE_ROWS = 200
# /claims.csv is written 2,000 claims at a time (about 0.5 MB of CSV a chunk), by at most
# EXPORTS_AT_ONCE requests at once (the others wait their turn): each export's query holds
# its sorted rows and its join's table in DuckDB (about 85 MB on 10k articles), and eight
# at once took the server from 450 MB to 1.2 GB, of which the allocators kept 400 MB.
CSV_BATCH_ROWS = 2_000
EXPORTS_AT_ONCE = 2
# Article charts kept drawn (about 100 kB of SVG each).
CHART_CACHE_SIZE = 256
# How often a request looks for a snapshot newer than the one served (one stat call).
POLL_SECONDS = 1.0
ID_PATTERN = re.compile(r"[^\x00-\x1f/\\]{1,300}")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}(-\d{2})?")
DAY_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
MONTH_PATTERN = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

CLAIM_FIELDS = (
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
)


ENTITY_FIELDS = tuple(Entity.__dataclass_fields__)
CORPUS_TABLES = ("documents", "claims", "entities", "marks", "rhetoric_spans", "place_claims")


class RhetoricView:
    """A stored rhetoric report: its spans (a table) and the rest (tone, genre...: JSON)."""

    def __init__(self, spans: list[RhetoricSpan], summary: dict[str, Any]) -> None:
        self.spans = spans
        self.summary = summary
        for key, value in summary.items():
            if key.isidentifier() and not hasattr(self, key):
                setattr(self, key, value)

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary, "spans": [s.to_dict() for s in self.spans]}


class CheckRequest(BaseModel):
    """The body of POST /api/check: an article's text, or its http(s) address."""

    text: str = Field("", max_length=MAX_CHECK_CHARS, description="The article's text (metadata lines first, if any).")
    url: str = Field("", max_length=2000, description="Or the article's http(s) address.")
    date: str = Field(
        "",
        max_length=10,
        pattern=r"^(\d{4}-\d{2}(-\d{2})?)?$",
        description="The publication date, YYYY-MM-DD or YYYY-MM: the figures are checked at it "
        "(else the text's own date, else one inferred from its figures, which the explanations say).",
    )


class ClaimQuery(BaseModel):
    """The query of GET /api/claims: OpenAPI lists the values of each filter."""

    category: Category | None = None
    side: Side | None = None
    source: Source | None = None
    verdict: VerdictFilter | None = Field(None, description="A verdict, or `unchecked` for claims not checked.")
    outlet: str | None = None
    lang: Literal["fr", "en"] | None = None
    since: str | None = Field(None, description="Claims as of this date or later: YYYY-MM or YYYY-MM-DD.")
    until: str | None = Field(None, description="Claims as of this date or earlier: YYYY-MM or YYYY-MM-DD.")
    offset: int = 0
    limit: int = PAGE_SIZE


def query_string(filters: ClaimFilters | storage.DocumentFilters) -> str:
    """The filters as a URL query, for links and the CSV download."""
    return urlencode({k: v for k, v in asdict(filters).items() if v is not None})


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise HTTPException(422, f"{name} must be one of: {', '.join(allowed)}")
    return value


def _date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not DATE_PATTERN.fullmatch(value):
        raise HTTPException(422, f"{name} must be a date YYYY-MM or YYYY-MM-DD")
    return value


def _short_text(value: str | None, name: str, limit: int = MAX_QUERY_CHARS) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > limit:
        raise HTTPException(422, f"{name} is longer than {limit} characters")
    return value.strip()


def _order(sort: str, order: str, sorts: dict[str, str]) -> Order:
    if sort not in sorts:
        raise HTTPException(422, f"sort must be one of: {', '.join(sorts)}")
    if order not in ("asc", "desc"):
        raise HTTPException(422, "order must be asc or desc")
    return Order(sort, descending=order == "desc")


def _doc_id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise HTTPException(404, "no such document")
    return value


# A figure in a query or a text: digits grouped by thousands ("710 000", "710,000",
# "1 000 000", narrow no-break spaces too), or a run of digits.
FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?![\w])|(?<![\w])\d+(?![\w])")
THOUSANDS = "(\\d)[ \u00a0\u202f,.](\\d{3})"  # joined twice in the texts: 1 000 000 -> 1000000
CONTEXT_CHARS = 110  # of a snippet, before the match


def search_terms(query: str) -> list[str]:
    """The terms of a query, at most `MAX_SEARCH_TERMS`, each once: figures as their digits
    ("710 000" is one term, 710000, matched as a whole number), words lower-cased."""
    figures = [re.sub(r"\D", "", m.group()) for m in FIGURE.finditer(query)]
    words = [w.lower() for w in re.findall(r"\w[\w'’-]*", FIGURE.sub(" ", query))]
    return list(dict.fromkeys(figures + words))[:MAX_SEARCH_TERMS]


def is_figure(term: str) -> bool:
    return term.isdigit()


def fold(text: str) -> str:
    """Lower case without accents, one character for one (as DuckDB's strip_accents(lower()))."""
    import unicodedata

    return "".join(
        unicodedata.normalize("NFKD", ch)[:1] if len(unicodedata.normalize("NFKD", ch)) > 1 else ch for ch in text.lower()
    )


def _term_pattern(term: str) -> re.Pattern[str]:
    if is_figure(term):
        groups: list[str] = []
        digits = term
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        return re.compile(r"(?<![\d])" + "[ \u00a0\u202f,.]?".join(groups) + r"(?![\d])")
    return re.compile(re.escape(term))


def snippet(text: str, body_start: int, terms: list[str]) -> list[tuple[str, bool]]:
    """Where the article's prose (never its metadata lines) first holds a term: about 320
    characters from the start of a word, as (text, is_a_match) parts for highlighting."""
    body = text[body_start:]
    folded = fold(body)
    patterns = [_term_pattern(t) for t in terms]
    first = min((m.start() for p in patterns if (m := p.search(folded))), default=0)
    start = max(0, first - CONTEXT_CHARS)
    if start:  # from the start of a word
        space = re.compile(r"\s").search(body, start, first)
        start = space.end() if space else start
    end = min(len(body), first + 320 - (first - start))
    end_space = body.rfind(" ", first, end)
    end = end_space if end < len(body) and end_space > first else end
    window = folded[start:end]
    spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(window))
    parts: list[tuple[str, bool]] = []
    cursor = 0
    for a, b in spans:
        if a < cursor:
            continue
        parts += [(body[start + cursor : start + a], False), (body[start + a : start + b], True)]
        cursor = b
    parts.append((body[start + cursor : end], False))
    return [(re.sub(r"\s+", " ", part), match) for part, match in parts if part]


def _sql_string(value: str) -> str:
    """A SQL string literal (ATTACH takes no parameters)."""
    return "'" + value.replace("'", "''") + "'"


class Corpus:
    """Read-only queries over the corpus database written by `bilan ingest`."""

    def __init__(self, path: Path) -> None:

        # Refused (one clear line) when missing, locked or of another schema version.
        storage.connect(path, read_only=True).close()
        # The corpus is attached read-only to an in-memory database, which holds what the
        # search scans: every text lower-cased and stripped of accents, built once here
        # (the file cannot change while it is attached). A scan of that copy is ~5 times
        # faster than ILIKE over the stored texts.
        self._connection = storage.open_duckdb(":memory:")
        try:
            self._connection.execute(f"ATTACH {_sql_string(str(path))} AS corpus (READ_ONLY)")
        except duckdb.Error as error:
            raise BilanError(f"{path}: cannot open the corpus: {str(error).splitlines()[0]}") from None
        self._connection.execute("USE corpus")
        try:
            # The prose only (the metadata lines are not searched, nor shown in snippets),
            # and its figures with their thousands joined ("710 000" -> 710000).
            self._connection.execute(
                "CREATE TABLE memory.main.haystack AS SELECT id, date, "
                "strip_accents(lower(coalesce(title, ''))) AS title_words, "
                "strip_accents(lower(substr(text, body_start + 1))) AS words, "
                "regexp_replace(regexp_replace(substr(text, body_start + 1), $1, '\\1\\2', 'g'), $1, '\\1\\2', 'g') AS figures "
                "FROM documents",
                [THOUSANDS],
            )
            # A damaged file may attach and fail on its first query: every table the pages
            # read is read once here, so that `serve` refuses it rather than answers 500s.
            for table in CORPUS_TABLES:
                self._connection.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()
        except duckdb.Error as error:
            raise BilanError(f"{path}: damaged corpus: {str(error).splitlines()[0]}") from None
        self.path = path
        # What is drawn from this snapshot lives as long as it is served: a new snapshot is a
        # new Corpus, with nothing drawn yet.
        self.drawn: Once[Any] = Once()  # the record's charts, the map
        self.article_charts: Once[str] = Once(CHART_CACHE_SIZE)

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        # One cursor per call: DuckDB connections are not shared between threads.
        cursor = self._connection.cursor()
        try:
            cursor.execute("USE corpus")
            result = cursor.execute(sql, params)
            names = [d[0] for d in result.description]
            return [dict(zip(names, row)) for row in result.fetchall()]
        finally:
            cursor.close()

    def overview(self) -> dict[str, Any]:
        totals = self._rows("SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM claims) AS claims")[0]
        by_month = self._rows(
            "SELECT coalesce(left(date, 7), 'undated') AS month, count(*) AS documents FROM documents GROUP BY 1 ORDER BY 1"
        )
        by_outlet = self._rows(
            "SELECT coalesce(outlet, 'unknown') AS outlet, count(*) AS documents, "
            "min(date) AS first, max(date) AS last FROM documents GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50"
        )
        by_verdict = self._rows(
            "SELECT coalesce(check_verdict, 'unchecked') AS verdict, count(*) AS claims FROM claims GROUP BY 1 ORDER BY 2 DESC"
        )
        by_category = self._rows("SELECT category, count(*) AS claims FROM claims GROUP BY 1 ORDER BY 2 DESC")
        return {**totals, "by_month": by_month, "by_outlet": by_outlet, "by_verdict": by_verdict, "by_category": by_category}

    def documents(
        self, offset: int, limit: int, filters: storage.DocumentFilters = storage.DocumentFilters(), order: Order = Order()
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of articles through storage's read API, newest first by default."""
        cursor = self._cursor()
        try:
            names, rows, total = storage.read_documents(cursor, filters, order, offset=offset, limit=limit)
            return [dict(zip(names, row)) for row in rows], total
        finally:
            cursor.close()

    def outlets(self) -> list[str]:
        return [r["outlet"] for r in self._rows("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY 1")]

    def months(self) -> list[str]:
        return [
            r["month"]
            for r in self._rows("SELECT DISTINCT left(date, 7) AS month FROM documents WHERE date IS NOT NULL ORDER BY 1 DESC")
        ]

    def analysis(self, doc_id: str) -> Analysis | None:
        """The stored analysis of one document, rebuilt into the model's dataclasses."""
        from bilan.storage import claim_from_row

        found = self._rows("SELECT * EXCLUDE (word_minhash, number_minhash) FROM documents WHERE id = ?", [doc_id])
        if not found:
            return None
        row = found[0]
        document = Document(
            id=row["name"],
            text=row["text"],
            body_start=row["body_start"],
            title=row["title"],
            date=row["date"],
            date_source=row["date_source"],
            lang=row["lang"],
            url=row["url"],
            outlet=row["outlet"],
        )
        claims = [claim_from_row(r) for r in self._rows("SELECT * FROM claims WHERE doc_id = ? ORDER BY n", [doc_id])]
        entities = [
            Entity(**{k: r[k] for k in ENTITY_FIELDS})
            for r in self._rows("SELECT * FROM entities WHERE doc_id = ? ORDER BY n", [doc_id])
        ]
        marks = [
            Mark(kind=r["kind"], start=r["start"], end=r["end"])
            for r in self._rows("SELECT * FROM marks WHERE doc_id = ? ORDER BY n", [doc_id])
        ]
        spans = [
            RhetoricSpan(technique=r["technique"], start=r["start"], end=r["end"], text=r["text"])
            for r in self._rows("SELECT * FROM rhetoric_spans WHERE doc_id = ? ORDER BY n", [doc_id])
        ]
        extras = json.loads(row["extras"]) if row["extras"] else {}
        window = (row["date_window_start"], row["date_window_end"]) if row["date_window_start"] else None
        return Analysis(
            document=document,
            claims=claims,
            marks=marks,
            warnings=list(row["warnings"] or []),
            extras={"entities": entities, "rhetoric": RhetoricView(spans, extras.get("rhetoric") or {})},
            date_window=window,
        )

    def chart_analysis(self, doc_id: str) -> Analysis | None:
        """What an article's charts read, its date and claims (a third of `analysis`'s work:
        no text, entities, marks or spans)."""
        from bilan.storage import claim_from_row

        found = self._rows("SELECT name, date FROM documents WHERE id = ?", [doc_id])
        if not found:
            return None
        claims = [claim_from_row(r) for r in self._rows("SELECT * FROM claims WHERE doc_id = ? ORDER BY n", [doc_id])]
        return Analysis(document=Document(id=found[0]["name"], text="", date=found[0]["date"]), claims=claims)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # One cursor per call: DuckDB connections are not shared between threads.
        cursor = self._connection.cursor()
        cursor.execute("USE corpus")
        return cursor

    def claims(
        self, filters: ClaimFilters, offset: int, limit: int | None, order: Order = Order()
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of claims through storage's read API (the columns and order of every listing)."""
        cursor = self._cursor()
        try:
            names, rows = storage.read_claims(cursor, filters, order, offset=offset, limit=limit)
            return [dict(zip(names, row)) for row in rows], storage.count_claims(cursor, filters)
        finally:
            cursor.close()

    def claims_csv(self, filters: ClaimFilters, order: Order = Order()) -> Iterator[bytes]:
        """The filtered claims as CSV (storage's columns, formulas guarded), streamed in Arrow batches."""
        cursor = self._cursor()
        try:
            yield from storage.csv_chunks(storage.claim_batches(cursor, filters, order, batch_rows=CSV_BATCH_ROWS))
        finally:
            cursor.close()

    def search(self, terms: list[str], offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Articles holding every term: a word anywhere in the prose or title, a figure as a
        whole number of the prose; ranked by the terms in the title, then newest first."""
        folded = [t if is_figure(t) else self._rows("SELECT strip_accents(lower(?)) AS t", [t])[0]["t"] for t in terms]
        conditions, params, title_hits, title_params = [], [], [], []
        for term in folded:
            if is_figure(term):
                conditions.append("regexp_matches(figures, ?)")
                params.append(f"(^|[^0-9]){term}([^0-9]|$)")
                title_hits.append("regexp_matches(regexp_replace(title_words, '[^0-9]', '', 'g'), ?)::INT")
                title_params.append(f"^{term}$")
            else:
                conditions.append("(contains(words, ?) OR contains(title_words, ?))")
                params += [term, term]
                title_hits.append("contains(title_words, ?)::INT")
                title_params.append(term)
        match = " AND ".join(conditions)
        ranked = self._rows(
            f"SELECT id, count(*) OVER () AS total FROM memory.main.haystack WHERE {match} "
            f"ORDER BY {' + '.join(title_hits)} DESC, date DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, *title_params, limit, offset],
        )
        if not ranked:
            total = self._rows(f"SELECT count(*) AS n FROM memory.main.haystack WHERE {match}", params)[0]["n"] if offset else 0
            return [], total
        # Snippets only for the page's documents.
        ids = [r["id"] for r in ranked]
        details = {
            r["id"]: r
            for r in self._rows(
                "SELECT id, name, title, date, outlet, lang, text, body_start FROM documents "
                f"WHERE id IN ({', '.join('?' for _ in ids)})",
                ids,
            )
        }
        results = []
        for doc_id in ids:
            row = details[doc_id]
            row["snippet"] = snippet(row.pop("text"), row.pop("body_start"), folded)
            results.append(row)
        return results, ranked[0]["total"]

    def category_points(self, category: str, limit: int) -> list[dict[str, Any]]:
        """The distinct points of a category's chart (figure, date, scope, verdict), each with
        the earliest article that printed it; the most printed first when there are too many."""
        return self._rows(
            "SELECT arg_min(c.doc_id, coalesce(d.date, '9999') || c.doc_id) AS doc_id, "
            "arg_min(c.n, coalesce(d.date, '9999') || c.doc_id) AS n, "
            "arg_min(c.n, coalesce(d.date, '9999') || c.doc_id) AS position, "
            "c.value, c.scope, c.as_of, c.check_verdict, c.check_record_date, count(*) AS printed, "
            "any_value(c.side) AS side, any_value(c.qualifier) AS qualifier, any_value(c.period) AS period, "
            "any_value(c.check_explanation) AS check_explanation "
            "FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.category = ? "
            "GROUP BY c.value, c.scope, c.as_of, c.check_verdict, c.check_record_date "
            f"ORDER BY printed DESC LIMIT {int(limit)}",
            [category],
        )

    def places(self) -> list[dict[str, Any]]:
        """Places with coordinates: mentions, articles, and the loss figures of the sentences
        naming them (as `bilan map` colours them): the pairs of `place_claims`, stored at ingest."""
        places = self._rows(
            "SELECT name, any_value(lat) AS lat, any_value(lon) AS lon, any_value(region) AS region, "
            "any_value(country) AS country, count(*) AS mentions, count(DISTINCT doc_id) AS documents "
            "FROM entities WHERE type = 'place' AND lat IS NOT NULL AND lon IS NOT NULL "
            "GROUP BY name ORDER BY mentions DESC, name"
        )
        # The pairs were found at ingest (`storage.place_claim_rows`): no text is read here.
        linked = self._rows(
            "SELECT DISTINCT e.name AS place, d.name AS document, c.doc_id, c.n, c.value, c.category, c.side, "
            'c."start", c."end", c.text FROM place_claims p '
            "JOIN entities e ON e.doc_id = p.doc_id AND e.n = p.place_n "
            "JOIN claims c ON c.doc_id = p.doc_id AND c.n = p.claim_n "
            "JOIN documents d ON d.id = p.doc_id "
            "ORDER BY e.name, d.name, c.n"
        )
        by_place: dict[str, list[dict[str, Any]]] = {}
        for row in linked:
            by_place.setdefault(row.pop("place"), []).append(row)
        for place in places:
            place["claims"] = by_place.get(place["name"], [])
        return places


class LiveCorpus:
    """The corpus the pages read: the snapshot beside the database (`storage.snapshot_path`),
    reopened when a writer publishes a new one, so that `bilan ingest` runs while the app
    serves. The app never opens the database itself, whose lock would stop the writer.

    A new snapshot is seen within `POLL_SECONDS`; it is opened in a background thread while
    the pages go on reading the previous one, then swapped in (after `prepare(fresh)`, which
    draws its charts ahead, when set). The previous one closes when the last request reading
    it is done (a request keeps the Corpus it started with).
    """

    def __init__(self, db_path: Path) -> None:
        self.snapshot = storage.refresh_snapshot(db_path)
        self._identity = _file_identity(self.snapshot)
        self._current = Corpus(self.snapshot)
        self.prepare: Callable[[Corpus], None] | None = None
        self._checked = time.monotonic()
        self._loading = threading.Lock()

    def __call__(self) -> Corpus:
        now = time.monotonic()
        if now - self._checked >= POLL_SECONDS:
            self._checked = now
            if _file_identity(self.snapshot) != self._identity and self._loading.acquire(blocking=False):
                threading.Thread(target=self._reload, name="bilan-snapshot", daemon=True).start()
        return self._current

    def _reload(self) -> None:
        try:
            identity = _file_identity(self.snapshot)  # before opening: a newer file is seen again
            fresh = Corpus(self.snapshot)
            if self.prepare is not None:
                self.prepare(fresh)
            self._current, self._identity = fresh, identity
            log.info("serving the snapshot published at %s", time.ctime(identity[2] / 1e9))
        except BilanError as problem:
            log.warning("a new snapshot could not be opened, the previous one is served: %s", problem)
        finally:
            self._loading.release()


class VisibleJSONResponse(JSONResponse):
    """The API's JSON, its control and bidirectional characters (and lone surrogates) written
    as escapes as in `bilan check`'s JSON: the same data, nothing a terminal or a page obeys."""

    def render(self, content: Any) -> bytes:
        from bilan.visible import json_escaped

        return json_escaped(json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))).encode("utf-8")


def _file_identity(path: Path) -> tuple[int, int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, 0, 0)
    return (status.st_dev, status.st_ino, status.st_mtime_ns)


def create_app(
    db_path: Path | str,
    *,
    record: Any = None,
    allowed_hosts: Sequence[str] | None = None,
    check_seconds: float = CHECK_SECONDS,
    chart_directory: Path | None = None,
) -> FastAPI:
    """The web app over the corpus at `db_path`, opened read-only.

    `record` (a `bilan.record.Record`) draws the record's series and checks pasted
    articles; `allowed_hosts`: the Host header values answered (None: any, for tests and
    a proxy that checks them; `serve` always gives them); `check_seconds`: the time limit
    of one analysis on /check and /api/check; `chart_directory`: where the record's chart
    lines are kept once drawn, from one start of the server to the next (`serve` keeps them
    in bilan's cache directory). Analyses run in spawned processes: a script that serves
    the app must start under `if __name__ == "__main__":`.
    """

    corpus = LiveCorpus(Path(db_path))
    # Two at once: one long drawing (a chart's new record lines) does not hold up the next,
    # and the other worker threads answer pages.
    pool = DrawPool(2)
    bases = ahead_bases = start_bases = None
    if record is not None:
        from bilan.rendering.charts import ChartBases

        # The record's lines, drawn once whatever the snapshot: in the pool, as a page's
        # drawing or as drawing ahead.
        bases = ChartBases(record, gate=pool.page, directory=chart_directory)
        ahead_bases = bases.through(pool.ahead, ahead=True)
        # Before the server answers (`draw_ahead(wait=True)`): the drawing process when it is free,
        # else the thread that asks, so that two lanes draw at once.
        start_bases = bases.through(pool.ahead, ahead=False)
    env = report.environment()
    script = Markup(report.static_text("report.js"))
    css = Markup(report.static_text("bilan.css"))
    # Pages show the article charts as same-origin images, drawn while the page is read.
    csp = report.content_security_policy(script).replace("img-src data:", "img-src 'self' data:") + "; frame-ancestors 'none'"

    checks = CheckPool(record, seconds=check_seconds, warm=warm_up_analysis)
    exports = threading.BoundedSemaphore(EXPORTS_AT_ONCE)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        checks.close()
        if bases is not None:
            bases.close()

    app = FastAPIOffline(
        title="bilan",
        version=__version__,
        description="Loss figures in war reporting, checked against the General Staff's record. Read-only.",
        lifespan=lifespan,
        default_response_class=VisibleJSONResponse,
    )
    app.state.checks = checks
    app.state.corpus, app.state.chart_bases = corpus, bases  # what is served and drawn, for tests and benches
    # The last added runs first: Guard sees every response of the others.
    app.add_middleware(BodyLimit, limit=min(MAX_BODY_BYTES, reading.max_bytes()))  # the article cap, if lower
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts), www_redirect=False)
    app.add_middleware(Guard, router=app.router, policy=csp)

    def page(template: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(css=css, script=script, path=request.url.path, categories=CATEGORIES, **context)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        # Answered outside every middleware (Starlette's ServerErrorMiddleware): the
        # headers are set here.
        return Response(
            "internal error: the server could not answer this request",
            status_code=500,
            media_type="text/plain",
            headers=security_headers(csp),
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return VisibleJSONResponse({"detail": error.detail}, status_code=error.status_code)
        return page("error.html", request, status=error.status_code, status_code=error.status_code, message=str(error.detail))

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in error.errors()]
        if request.url.path.startswith("/api/"):
            return VisibleJSONResponse({"detail": details}, status_code=422)
        return page("error.html", request, status=422, status_code=422, message="; ".join(details))

    def claim_filters(
        category: str | None,
        side: str | None,
        source: str | None,
        verdict: str | None,
        outlet: str | None,
        lang: str | None,
        since: str | None,
        until: str | None,
    ) -> ClaimFilters:
        return ClaimFilters(
            category=_choice(category, CATEGORIES, "category"),
            side=_choice(side, SIDES, "side"),
            source=_choice(source, SOURCES, "source"),
            verdict=_choice(verdict, VERDICT_FILTERS, "verdict"),
            outlet=_short_text(outlet, "outlet"),
            lang=_choice(lang, ("fr", "en"), "lang"),
            since=_date(since, "since"),
            until=_date(until, "until"),
        )

    def record_chart(current: Corpus, category: str, ahead: bool = False, lane: Any = None) -> str | None:
        """The record's series with every claim of the corpus on it, each point a link.

        Claims that print the same figure for the same date with the same verdict are one
        point (wire copies overlap exactly), linking to the earliest article that printed it.
        Drawn once per snapshot (`current`, the Corpus the request reads: one still reading
        the previous snapshot cannot leave its chart for the next), in the draw pool as a
        page's drawing or (`ahead`) as drawing ahead.
        """
        if record is None:
            return None
        drawn = lane if lane is not None else ahead_bases if ahead else bases  # `lane`: see draw_ahead
        return current.drawn.get(("record", category), lambda: draw_record_chart(current, category, drawn))

    def draw_record_chart(current: Corpus, category: str, drawn: Any) -> str | None:
        from bilan.rendering.charts import chart_svg

        rows = current.category_points(category, MAX_RECORD_POINTS)
        claims = [
            Claim(
                value=r["value"],
                category=category,
                side=r["side"],
                scope=r["scope"],
                start=0,
                end=0,
                text="",
                qualifier=r["qualifier"],
                period=r["period"],
                as_of=r["as_of"],
                check=Check(verdict=r["check_verdict"], record_date=r["check_record_date"]) if r["check_verdict"] else None,
            )
            for r in rows
        ]
        targets = {id(c): f"/articles/{quote(r['doc_id'], safe='')}#claim-{r['position']}" for c, r in zip(claims, rows)}
        try:
            return chart_svg(record, category, claims=claims, links=lambda claim: targets[id(claim)], bases=drawn)
        except BilanError:
            return None

    def corpus_map(current: Corpus, ahead: bool = False) -> tuple[list[dict[str, Any]], Markup | None]:
        def draw() -> tuple[list[dict[str, Any]], Markup | None]:
            places = current.places()
            with pool.ahead() if ahead else pool.page():
                svg = _corpus_map(places)
            return places, Markup(svg) if svg else None

        return current.drawn.get("map", draw)

    def map_json(current: Corpus, ahead: bool = False) -> bytes:
        # 44,000 rows on 10,000 articles: their JSON (9 MB, 0.5 s CPU in calls that hold the
        # GIL) written once per snapshot, in the pool.
        def write() -> bytes:
            places = corpus_map(current, ahead)[0]
            with pool.ahead() if ahead else pool.page():
                return bytes(VisibleJSONResponse({"places": places}).body)

        return current.drawn.get("map.json", write)

    def draw_ahead(current: Corpus, lanes: int = 1) -> None:
        """Draw the record's charts and the map of `current` before any page asks for them:
        the map in a thread of its own, meanwhile (the charts' lines are drawn in the drawing
        process, the map here). With two `lanes` (before the server answers, when no page
        needs the GIL), two charts at once: one in the drawing process, one here."""

        def ahead(draw: Callable[[], object], what: str) -> None:
            started = time.thread_time()
            try:
                draw()
            except Exception:  # what failed here is drawn by the first page that asks for it
                log.exception("drawing %s ahead failed", what)
            log.info("%s drawn ahead in %.1f s CPU (this thread's)", what, time.thread_time() - started)

        def charts() -> None:
            if lanes == 1:
                for category in CATEGORIES:
                    record_chart(current, category, ahead=True)
                return
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(lanes, thread_name_prefix="bilan-draw-start") as lane:
                list(lane.map(lambda category: record_chart(current, category, lane=start_bases), CATEGORIES))

        places = threading.Thread(target=ahead, args=(lambda: map_json(current, ahead=True), "the map"), daemon=True)
        places.start()
        if record is not None:
            ahead(charts, "the record's charts")
        places.join()

    def start_drawing_ahead(wait: bool = False) -> None:
        """Draw ahead now, in a background thread (`wait`: here, in two lanes, returning once
        drawn), and each new snapshot before it is served."""
        corpus.prepare = draw_ahead
        if wait:
            draw_ahead(corpus(), lanes=2)
            return
        threading.Thread(target=draw_ahead, args=(corpus(),), name="bilan-draw-ahead", daemon=True).start()

    app.state.draw_ahead = start_drawing_ahead

    def draw_check_page(analysis: Analysis) -> report.ReportPage:
        return report.build_page(analysis, record=record, bases=bases)

    # ---- pages ----

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request) -> HTMLResponse:
        return page("index.html", request, overview=corpus().overview())

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "", page_number: int = 1) -> HTMLResponse:
        query = _short_text(q, "q")
        page_number = max(1, min(page_number, 10_000))
        terms = search_terms(query) if query else []
        rows, total = corpus().search(terms, (page_number - 1) * SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE) if terms else ([], 0)
        return page(
            "search.html",
            request,
            q=query or "",
            terms=terms,
            results=rows,
            total=total,
            page_number=page_number,
            page_size=SEARCH_PAGE_SIZE,
        )

    @app.get("/articles/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str) -> HTMLResponse:
        analysis = corpus().analysis(_doc_id(doc_id))
        if analysis is None:
            raise HTTPException(404, "no such document")
        charts = f"/articles/{quote(doc_id, safe='')}/charts/{{}}.svg"
        return page(
            "article.html", request, doc_key=doc_id, page=report.build_page(analysis, record=record, chart_src=charts.format)
        )

    @app.get("/articles/{doc_id}/charts/{category}.svg", include_in_schema=False)
    def article_chart(doc_id: str, category: str) -> Response:
        if record is None or category not in CATEGORIES:
            raise HTTPException(404, "no such chart")
        current, key = corpus(), _doc_id(doc_id)
        return Response(
            current.article_charts.get((key, category), lambda: draw_article_chart(current, key, category)),
            media_type="image/svg+xml",
            headers={"Cache-Control": "private, max-age=3600"},
        )

    def draw_article_chart(current: Corpus, doc_id: str, category: str) -> str:
        analysis = current.chart_analysis(doc_id)
        if analysis is None or not any(c.category == category for c in analysis.claims):
            raise HTTPException(404, "no such chart")
        try:
            return report.article_chart_svg(analysis, category, record, bases)
        except BilanError as problem:
            raise HTTPException(404, str(problem)) from None

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request,
        outlet: str | None = None,
        month: str | None = None,
        verdict: str | None = None,
        lang: str | None = None,
        sort: str = "date",
        order: str = "desc",
        page_number: int = 1,
    ) -> HTMLResponse:
        if month not in (None, "", "undated") and not MONTH_PATTERN.fullmatch(month):
            raise HTTPException(422, "month must be YYYY-MM or undated")
        filters = storage.DocumentFilters(
            outlet=_short_text(outlet, "outlet"),
            month=month or None,
            verdict=_choice(verdict, VERDICT_FILTERS, "verdict"),
            lang=_choice(lang, ("fr", "en"), "lang"),
        )
        sorting = _order(sort, order, storage.DOCUMENT_SORTS)
        page_number = max(1, min(page_number, 100_000))
        current = corpus()
        rows, total = current.documents((page_number - 1) * PAGE_SIZE, PAGE_SIZE, filters, sorting)
        return page(
            "articles.html",
            request,
            filters=filters,
            rows=rows,
            total=total,
            query=query_string(filters),
            page_number=page_number,
            page_size=PAGE_SIZE,
            sorting=sorting,
            outlets=current.outlets(),
            months=current.months(),
            verdicts=VERDICT_FILTERS,
        )

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        request: Request,
        category: str | None = None,
        side: str | None = None,
        source: str | None = None,
        verdict: str | None = None,
        outlet: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str = "date",
        order: str = "desc",
        page_number: int = 1,
    ) -> HTMLResponse:
        filters = claim_filters(category, side, source, verdict, outlet, lang, since, until)
        sorting = _order(sort, order, storage.CLAIM_SORTS)
        page_number = max(1, min(page_number, 100_000))
        rows, total = corpus().claims(filters, (page_number - 1) * PAGE_SIZE, PAGE_SIZE, sorting)
        return page(
            "claims.html",
            request,
            filters=filters,
            query=query_string(filters),
            rows=rows,
            total=total,
            page_number=page_number,
            page_size=PAGE_SIZE,
            sorting=sorting,
            choices={"category": CATEGORIES, "side": SIDES, "source": SOURCES, "verdict": VERDICT_FILTERS, "lang": ("fr", "en")},
        )

    @app.get("/claims.csv", include_in_schema=False)
    def claims_csv(
        category: str | None = None,
        side: str | None = None,
        source: str | None = None,
        verdict: str | None = None,
        outlet: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> StreamingResponse:
        filters = claim_filters(category, side, source, verdict, outlet, lang, since, until)

        def in_turn(chunks: Iterator[bytes]) -> Iterator[bytes]:
            # the query runs at the first chunk asked (a generator's body), within the turn
            with exports:
                yield from chunks

        return StreamingResponse(
            in_turn(corpus().claims_csv(filters)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="bilan-claims.csv"'},
        )

    def record_rows(day: str) -> tuple[Any, list[Any]]:
        """The record on one date (`bilan record show`): 404 without a record or outside it."""
        from bilan.record import record_on

        if record is None:
            raise HTTPException(404, "the server was started without a record")
        try:
            return record, record_on(record, day)
        except (BilanError, ValueError) as problem:
            raise HTTPException(404, str(problem)) from None

    @app.get("/record/{category}", response_class=HTMLResponse, include_in_schema=False)
    def record_page(request: Request, category: str, sort: str = "date", order: str = "desc") -> HTMLResponse:
        if DAY_PATTERN.fullmatch(category):  # /record/2024-11-11: the row of that date
            loaded, rows = record_rows(category)
            return page("record_day.html", request, day=category, rows=rows, record_label=loaded.label)
        if category not in CATEGORIES:
            raise HTTPException(404, "no such category")
        sorting = _order(sort, order, storage.CLAIM_SORTS)
        current = corpus()
        rows, total = current.claims(ClaimFilters(category=category), 0, RECORD_TABLE_ROWS, sorting)
        chart = record_chart(current, category)
        from bilan.record import series_label

        return page(
            "record.html",
            request,
            category=category,
            label=series_label(category),
            rows=rows,
            total=total,
            chart=Markup(chart) if chart else None,
            has_record=record is not None,
            table_rows=RECORD_TABLE_ROWS,
            sorting=sorting,
            query=urlencode({}),
        )

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        places, svg = corpus_map(corpus())
        return page("map.html", request, places=places, map_svg=svg)

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_form(request: Request) -> Response:
        token = csrf_token(request)
        return set_csrf_cookie(page("check.html", request, text="", url="", error=None, result=None, csrf=token), token)

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_submit(request: Request) -> Response:
        form = _form(await request.body())
        text, url, token = form.get("text", ""), form.get("url", "").strip(), csrf_token(request)
        date = form.get("date", "").strip()
        if not csrf_valid(request, form.get(CSRF_FIELD, "")):
            return set_csrf_cookie(
                page(
                    "check.html",
                    request,
                    status=403,
                    text=text,
                    url=url,
                    result=None,
                    csrf=token,
                    error="This form expired or came from another page: submit it again.",
                ),
                token,
            )
        try:
            # The analysis is CPU work (and a fetch may wait): in a worker process, timed.
            analysis = await checks.run(check_submission, text, url, _date(date, "date"))
        except CheckRefused as error:
            return page(
                "check.html", request, status=503, text=text, url=url, date=date, error=str(error), result=None, csrf=token
            )
        except BilanError as error:
            return page(
                "check.html", request, status=400, text=text, url=url, date=date, error=str(error), result=None, csrf=token
            )
        # Its charts and map are drawn in a worker thread, in the draw pool: not in the event loop.
        result = await run_in_threadpool(draw_check_page, analysis)
        return page("check.html", request, text="", url="", error=None, result=result)

    # ---- JSON API ----

    @app.get("/api/overview", tags=["corpus"])
    def api_overview() -> dict[str, Any]:
        """Counts of documents by month and outlet, and of claims by verdict and category."""
        return corpus().overview()

    @app.get("/api/documents", tags=["corpus"])
    def api_documents(offset: int = 0, limit: int = PAGE_SIZE) -> dict[str, Any]:
        """Documents with their `id`, newest first."""
        limit = max(1, min(limit, 1000))
        rows, total = corpus().documents(max(0, offset), limit)
        return {"total": total, "offset": offset, "limit": limit, "documents": rows}

    @app.get("/api/documents/{doc_id}", tags=["corpus"])
    def api_document(doc_id: str, text: bool = False) -> dict[str, Any]:
        """One document's analysis in the JSON of `bilan check` (with `text` if asked)."""
        analysis = corpus().analysis(_doc_id(doc_id))
        if analysis is None:
            raise HTTPException(404, "no such document")
        return analysis.to_dict(include_text=text)

    @app.get("/api/search", tags=["corpus"])
    def api_search(q: str, offset: int = 0, limit: int = SEARCH_PAGE_SIZE) -> dict[str, Any]:
        """Documents holding every word of `q` (case-insensitive substring match)."""
        query = _short_text(q, "q")
        terms = search_terms(query) if query else []
        limit = max(1, min(limit, 200))
        rows, total = corpus().search(terms, max(0, offset), limit) if terms else ([], 0)
        return {"q": query, "terms": terms, "total": total, "results": rows}

    @app.get("/api/claims", tags=["corpus"])
    def api_claims(query: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
        """Claims of the corpus with their checks, filtered as on /claims."""
        filters = claim_filters(
            query.category, query.side, query.source, query.verdict, query.outlet, query.lang, query.since, query.until
        )
        limit = max(1, min(query.limit, 5000))
        rows, total = corpus().claims(filters, max(0, query.offset), limit)
        return {"total": total, "offset": query.offset, "limit": limit, "claims": rows}

    @app.get("/api/record/{category}", tags=["corpus"])
    def api_record(category: str, offset: int = 0, limit: int = 1000) -> dict[str, Any]:
        """The claims of the corpus in `category`, newest first, with their verdicts and documents;
        or, for a date (YYYY-MM-DD), the record on that date: every category's total, daily
        figure (corrections applied) and Oryx count, as `bilan record show` prints them."""
        if DAY_PATTERN.fullmatch(category):
            loaded, rows = record_rows(category)
            return {"date": category, "record": loaded.describe(), "rows": [r.to_dict() for r in rows]}
        if category not in CATEGORIES:
            raise HTTPException(404, "no such category")
        limit = max(1, min(limit, 5000))
        rows, total = corpus().claims(ClaimFilters(category=category), max(0, offset), limit)
        return {"category": category, "total": total, "offset": offset, "limit": limit, "claims": rows}

    @app.get("/api/map", tags=["corpus"], response_class=VisibleJSONResponse)
    def api_map() -> Response:
        """Places of the corpus with coordinates, mentions and number of documents."""
        return Response(map_json(corpus()), media_type="application/json")

    @app.post("/api/check", tags=["check"])
    async def api_check(body: CheckRequest) -> dict[str, Any]:
        """Analyse pasted text or the article at a URL, as `bilan check --format json` does.

        400: nothing to check, or the URL gave no article; 503: the server is busy, or the
        analysis ran out of time."""
        try:
            analysis = await checks.run(check_submission, body.text, body.url.strip(), body.date or None)
        except CheckRefused as error:
            raise HTTPException(503, str(error)) from None
        except BilanError as error:
            raise HTTPException(400, str(error)) from None
        return analysis.to_dict()

    return app


def _form(body: bytes) -> dict[str, str]:
    """An urlencoded form, parsed without python-multipart; the body size is already capped."""
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=10)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the form must be UTF-8 urlencoded") from None
    return {k: v[0] for k, v in fields.items()}


def _corpus_map(places: list[dict[str, Any]]) -> str | None:
    """All places of the corpus on one map, sized by mentions (the rows of `Corpus.places`)."""
    if not places:
        return None
    from bilan.entities import place_kind
    from bilan.rendering.maps import MapPlace, Mention, map_svg

    def figures(rows: list[dict[str, Any]]) -> list[Claim]:
        return [
            Claim(
                value=r["value"], category=r["category"], side=r["side"], scope="", start=r["start"], end=r["end"], text=r["text"]
            )
            for r in rows
        ]

    shown = []
    for p in places:
        # The map sizes a place by its mentions and reds it by the figures of its sentences;
        # the corpus keeps counts, so the figures go with a first mention per article.
        by_document: dict[str, list[dict[str, Any]]] = {}
        for row in p["claims"]:
            by_document.setdefault(row["document"], []).append(row)
        mentions = [Mention(doc, 0, 0, p["name"], "", figures(rows)) for doc, rows in by_document.items()]
        mentions += [Mention("", 0, 0, p["name"], "", [])] * max(0, p["mentions"] - len(mentions))
        shown.append(
            MapPlace(
                p["name"], place_kind(p["name"]) or "place", p["lat"], p["lon"], p["region"], p["country"], mentions=mentions
            )
        )
    for row, place in zip(places, shown):
        row["anchor"] = place.anchor  # where the map's circle links to, in the table below it
        row["figures"] = len(place.claims)
    return map_svg(places=shown)


def serve(
    db_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    record: Any = None,
    allowed_hosts: Sequence[str] = (),
    check_seconds: float = CHECK_SECONDS,
    ready: Callable[[], None] | None = None,
) -> None:
    """Serve the app with uvicorn, guarded against slow clients (`GuardedH11Protocol`);
    Host headers other than the bound host, loopback's names and `allowed_hosts` get a 400.
    `ready` is called once the corpus is open, before the server starts."""
    import uvicorn

    from bilan import websecurity

    from bilan.record import cache_directory

    app = create_app(
        db_path,
        record=record,
        allowed_hosts=websecurity.allowed_hosts(host, allowed_hosts),
        check_seconds=check_seconds,
        chart_directory=cache_directory() / "charts",
    )
    app.state.checks.start()  # here rather than on the first check: a spawn takes seconds
    if record is not None:
        from bilan.rendering.charts import warm_up

        warm_up()  # the first chart page would otherwise import matplotlib and load its fonts
    if app.state.chart_bases is not None:
        app.state.chart_bases.start_process()  # spawned now: it draws the bases once it is up
    # The record's charts and the map, drawn before the server answers: a first draw of a
    # record page that was not yet drawn ahead took 0.2-0.45 s CPU on a quiet machine, and up
    # to 4 s on a busy one (drawn while a page waited). Their lines are kept in the cache
    # directory: a server started again with the same record, charts and corpus only reads them.
    app.state.draw_ahead(wait=True)
    if ready:
        ready()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        http=websecurity.GuardedH11Protocol,
        limit_concurrency=websecurity.MAX_CONNECTIONS + 1,
        timeout_keep_alive=5,
        server_header=False,
        h11_max_incomplete_event_size=64 * 1024,
    )
