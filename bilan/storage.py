"""The corpus: analysed articles in a DuckDB database.

Documents are keyed by a hash of their content, so that ingesting the same article twice
is a no-op, and a file that changed (same source and name, new content) replaces its old
version with its claims. Writes go one transaction per batch of documents, as Arrow
tables: killed at any moment, the database holds the batches committed before, each once,
and a rerun does the rest.

The schema is versioned (`schema_version`) and upgraded by `MIGRATIONS` on opening, the
way sqlite-utils migrations are applied: each migration runs once, in order, in a
transaction with the row that records it.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from bilan.model import Analysis, BilanError, Check, Claim, Document

log = logging.getLogger(__name__)

DB_ENV = "BILAN_DB"

# A claim is in a place's sentence (the web map's red; sentences are not stored) when no sentence end (. ! ?
# … then a space, or a line break) stands between the two, at most PLACE_SENTENCE_CHARS
# apart (a long French sentence is ~300 characters). SENTENCE_END is RE2's (DuckDB's) syntax, where \s is ASCII whitespace; the Python
# pattern spells that whitespace out, so that both find the same pairs.
PLACE_SENTENCE_CHARS = 400
SENTENCE_END = r"[.!?…][\"»”)]*\s|\n"
_SENTENCE_END = re.compile(r"[.!?…][\"»”)]*[\t\n\f\r ]|\n")

# Each migration: (version, what it does, statements). Never edit one that shipped: add one.
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "documents, claims, entities, rhetoric spans, marks, errors, clusters",
        (
            """CREATE TABLE documents (
                id VARCHAR PRIMARY KEY,          -- hash of the content and metadata
                name VARCHAR NOT NULL,           -- the document's id in CLAIMS.md (file name, JSONL id, URL hash)
                source VARCHAR NOT NULL,         -- the path or URL it was read from
                title VARCHAR,
                date VARCHAR,
                date_source VARCHAR,
                lang VARCHAR,
                outlet VARCHAR,
                url VARCHAR,
                text VARCHAR NOT NULL,
                body_start INTEGER NOT NULL,
                date_window_start VARCHAR,
                date_window_end VARCHAR,
                warnings VARCHAR[],
                meta JSON,
                extras JSON,                     -- analysers' output other than the tables below
                claim_count INTEGER NOT NULL,
                prose_length INTEGER NOT NULL,
                word_minhash BLOB,
                number_minhash BLOB,
                ingested_at TIMESTAMP NOT NULL
            )""",
            # No FOREIGN KEY on doc_id: DuckDB checks it row by row on insert and forbids
            # some deletes; the link is kept by writing both in one transaction.
            """CREATE TABLE claims (
                doc_id VARCHAR NOT NULL, n INTEGER NOT NULL,
                value BIGINT NOT NULL, value_max BIGINT, qualifier VARCHAR, category VARCHAR,
                side VARCHAR, scope VARCHAR, period VARCHAR, as_of VARCHAR, source VARCHAR,
                attribution VARCHAR, "start" INTEGER, "end" INTEGER, text VARCHAR,
                caption BOOLEAN NOT NULL,
                check_verdict VARCHAR, check_record_date VARCHAR, check_record_value BIGINT,
                check_expected_value BIGINT, check_lag_days INTEGER, check_oryx_value BIGINT,
                check_oryx_date VARCHAR, check_explanation VARCHAR
            )""",
            """CREATE TABLE entities (
                doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, type VARCHAR, name VARCHAR,
                "start" INTEGER, "end" INTEGER, text VARCHAR, lat DOUBLE, lon DOUBLE,
                region VARCHAR, country VARCHAR, role VARCHAR, subtype VARCHAR
            )""",
            """CREATE TABLE rhetoric_spans (
                doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, technique VARCHAR,
                "start" INTEGER, "end" INTEGER, text VARCHAR
            )""",
            """CREATE TABLE marks (
                doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, kind VARCHAR,
                "start" INTEGER, "end" INTEGER
            )""",
            """CREATE TABLE errors (
                source VARCHAR NOT NULL, name VARCHAR, stage VARCHAR NOT NULL,
                message VARCHAR NOT NULL, occurred_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE clusters (
                doc_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL, first BOOLEAN NOT NULL,
                similarity DOUBLE NOT NULL, method VARCHAR NOT NULL
            )""",
            "CREATE TABLE state (key VARCHAR PRIMARY KEY, value VARCHAR)",
            "INSERT INTO state VALUES ('clusters_stale', 'false')",
        ),
    ),
    (
        2,
        "figure_relays: which outlets of a cluster printed which figure, and who first",
        (
            """CREATE VIEW figure_relays AS
            SELECT k.cluster_id, c.category, c.side, c.value, c.value_max,
                   count(DISTINCT c.doc_id) AS documents,
                   list(DISTINCT coalesce(d.outlet, d.source) ORDER BY coalesce(d.outlet, d.source)) AS outlets,
                   min(d.date) AS first_date,
                   arg_min(coalesce(d.outlet, d.source), coalesce(d.date, '9999') || d.id) AS first_outlet,
                   arg_min(d.id, coalesce(d.date, '9999') || d.id) AS first_doc_id
            FROM claims c
            JOIN clusters k ON k.doc_id = c.doc_id
            JOIN documents d ON d.id = c.doc_id
            GROUP BY k.cluster_id, c.category, c.side, c.value, c.value_max""",
        ),
    ),
    (
        3,
        "place_claims: the claims in the sentence of each place (the web map's red), filled for the stored documents",
        (
            """CREATE TABLE place_claims (
                doc_id VARCHAR NOT NULL, place_n INTEGER NOT NULL, claim_n INTEGER NOT NULL
            )""",
            # The same rule as `place_claim_rows`, once over what is stored.
            f"""INSERT INTO place_claims
            SELECT e.doc_id, e.n, c.n FROM entities e
            JOIN claims c ON c.doc_id = e.doc_id AND abs(c."start" - e."start") < {PLACE_SENTENCE_CHARS}
            JOIN documents d ON d.id = e.doc_id
            WHERE e.type = 'place' AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND NOT regexp_matches(
                substr(d.text, least(c."start", e."start") + 1, abs(c."start" - e."start")), '{SENTENCE_END}')""",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


@contextmanager
def atomic(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction around the block: committed when it ends, rolled back if it raises
    (KeyboardInterrupt included), so a write is all or nothing."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


def default_db_path() -> Path:
    """`$BILAN_DB`, else `corpus.duckdb` in the user data directory."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("bilan")) / "corpus.duckdb"


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = 'main'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    # fetchall: DuckDB 2.0 refuses a relation (con.sql) on a connection with a result not read to its end.
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the migrations above the database's version up to `target`; returns those applied."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise BilanError(
            f"the corpus has schema version {current}, newer than this bilan knows ({SCHEMA_VERSION}): upgrade bilan"
        )
    applied = []
    for version, _, statements in MIGRATIONS:
        if current < version <= target:
            with atomic(con):
                if version == 1:
                    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
                for statement in statements:
                    con.execute(statement)
                con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [version])
            applied.append(version)
    return applied


# No connection bilan opens reaches out: DuckDB would otherwise download and load an
# extension for a file it recognises (a SQLite database given as --db fetched sqlite_scanner).
NO_EXTENSION_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
SQLITE_HEADER = b"SQLite format 3\x00"


def open_duckdb(database: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that never installs or loads an extension by itself."""
    return duckdb.connect(database, read_only=read_only, config=dict(NO_EXTENSION_DOWNLOADS))


def _refuse_foreign_file(db: Path) -> None:
    try:
        with open(db, "rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError:
        return  # DuckDB says why it cannot open it
    if header == SQLITE_HEADER:
        raise BilanError(f"{db}: a SQLite database, not a bilan corpus (a DuckDB file written by `bilan ingest`)")


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create or upgrade, unless read-only) the corpus at `path` (default: `default_db_path()`)."""
    db = Path(path) if path else default_db_path()
    if db.exists():
        _refuse_foreign_file(db)
    if read_only:
        if not db.exists():
            raise BilanError(f"{db}: no corpus there; run `bilan ingest` first")
        try:
            con = open_duckdb(str(db), read_only=True)
        except duckdb.Error as exc:
            raise BilanError(f"{db}: cannot open the corpus: {_first_line(exc)}") from None
        version = schema_version(con)
        if version != SCHEMA_VERSION:
            con.close()
            raise BilanError(
                f"{db}: schema version {version}, this bilan reads {SCHEMA_VERSION}: "
                + ("run `bilan ingest` or `bilan recheck` once to upgrade it" if version < SCHEMA_VERSION else "upgrade bilan")
            )
        return con
    db.parent.mkdir(parents=True, exist_ok=True)
    con = _open_for_writing(db)
    migrate(con)
    return con


# A writer that finds the file locked (another writer, a `bilan sql` or `bilan serve`
# making its first snapshot: all short) waits this long before giving up with one line.
LOCK_WAIT_SECONDS = 10.0


def _open_for_writing(db: Path) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return open_duckdb(str(db))
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise BilanError(f"{db}: cannot open the corpus: {_first_line(exc)}") from None
            time.sleep(0.1)


# --- the snapshot `bilan serve` reads ------------------------------------------------------
#
# DuckDB lets one process write a database file or several read it, never both at once
# (a read-only open fails with "Conflicting lock is held" while a writer has the file, and
# the reverse). So the web app never opens the corpus itself: it reads a copy beside it,
# `corpus.duckdb.snapshot`, which writers publish after they commit (CHECKPOINT, copy to a
# temporary file, atomic rename) and the server reopens when it changes. docs/corpus.md
# has the figures that chose this over alternating locks.

SNAPSHOT_SUFFIX = ".snapshot"
# During a long ingest, a new snapshot at most this often (a copy is ~40 ms per 1,000
# articles when measured): the pages show new articles within about this delay.
PUBLISH_EVERY_SECONDS = 15.0


def snapshot_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + SNAPSHOT_SUFFIX)


def publish_snapshot(con: duckdb.DuckDBPyConnection, db: str | Path) -> Path:
    """Copy the committed corpus to its snapshot, swapped in whole (a reader sees the old
    one or the new one). Call it between transactions: CHECKPOINT moves the WAL into the
    file first, so the file alone holds every committed row."""
    db = Path(db)
    target = snapshot_path(db)
    _remove_stale_parts(target)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    con.execute("CHECKPOINT")
    try:
        shutil.copyfile(db, partial)
        with open(partial, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BilanError(f"{target}: cannot write the snapshot: {exc.strerror or exc}") from None
    return target


def _remove_stale_parts(target: Path) -> None:
    """Remove the half-copies left by writers that were killed while publishing (the pid in
    the name is no longer running)."""
    for part in target.parent.glob(f"{target.name}.*.part"):
        pid = part.name[len(target.name) + 1 : -len(".part")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            part.unlink(missing_ok=True)
        except PermissionError:
            pass  # another user's live process


def refresh_snapshot(db: str | Path) -> Path:
    """Make the snapshot from the database when it is missing or older than the database
    (a writer stopped before publishing), for a reader that must not hold the database:
    a read-only open, a logical copy (a read-only connection cannot CHECKPOINT), a rename.
    A database a writer holds keeps its snapshot (the writer publishes one when it commits)."""
    db = Path(db)
    target = snapshot_path(db)
    newest = max((p.stat().st_mtime_ns for p in (db, db.with_name(db.name + ".wal")) if p.exists()), default=0)
    if target.exists() and target.stat().st_mtime_ns >= newest:
        return target
    try:
        connect(db, read_only=True).close()  # refused in one line: missing, foreign, locked, other schema
    except BilanError as problem:
        if target.exists():
            return target  # being written: the writer will publish
        if "lock" in str(problem).lower():
            raise BilanError(
                f"{db}: a writer (`bilan ingest`?) holds it and has published no snapshot yet; "
                f"serve it once that writer has committed (within {PUBLISH_EVERY_SECONDS:g} s)"
            ) from None
        raise
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    partial.unlink(missing_ok=True)
    # A read-only connection attaches read-only only: copy through an in-memory one.
    copier = open_duckdb(":memory:")
    try:
        copier.execute(f"ATTACH {_sql_literal(str(db))} AS corpus_source (READ_ONLY)")
        copier.execute(f"ATTACH {_sql_literal(str(partial))} AS corpus_copy")
        copier.execute("COPY FROM DATABASE corpus_source TO corpus_copy")
        copier.execute("DETACH corpus_copy")
        copier.execute("DETACH corpus_source")
        os.replace(partial, target)
    except (duckdb.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BilanError(f"{target}: cannot make the snapshot: {_first_line(exc)}") from None
    finally:
        copier.close()
    return target


class SnapshotPublisher:
    """`on_commit` for `ingest`: publishes the snapshot every `PUBLISH_EVERY_SECONDS` while
    it writes; call `final()` when the writes are done. A snapshot that cannot be written
    is a warning, never a failed write: the rows are committed in the database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, db: str | Path, every: float = PUBLISH_EVERY_SECONDS) -> None:
        self.con, self.db, self.every = con, Path(db), every
        self.last = time.monotonic()
        self.published = 0

    def __call__(self) -> None:
        if time.monotonic() - self.last >= self.every:
            self.final()

    def final(self) -> None:
        try:
            publish_snapshot(self.con, self.db)
            self.published += 1
        except (BilanError, duckdb.Error) as problem:
            log.warning("the web app's snapshot was not updated: %s", problem)
        self.last = time.monotonic()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# --- rows -------------------------------------------------------------------------------


def document_key(document: Document) -> str:
    """The content hash that identifies a stored document: its text and its metadata."""
    canonical = json.dumps(
        [
            document.id,
            document.text,
            document.title,
            document.date,
            document.date_source,
            document.lang,
            document.url,
            document.outlet,
            sorted(document.meta.items()),
        ],
        ensure_ascii=False,
    )
    return hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()


def document_source(document: Document) -> str:
    """Where a document was read from: its path, else its URL (a changed file is found by this and its name)."""
    return str(document.path or document.url or document.id)


_S, _I, _B, _F, _BOOL = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_()
# Columns written by ingest, in the order of the rows built below (the tables may have more).
COLUMNS: dict[str, tuple[tuple[str, pa.DataType], ...]] = {
    "documents": (
        ("id", _S),
        ("name", _S),
        ("source", _S),
        ("title", _S),
        ("date", _S),
        ("date_source", _S),
        ("lang", _S),
        ("outlet", _S),
        ("url", _S),
        ("text", _S),
        ("body_start", _I),
        ("date_window_start", _S),
        ("date_window_end", _S),
        ("warnings", pa.list_(_S)),
        ("meta", _S),
        ("extras", _S),
        ("claim_count", _I),
        ("prose_length", _I),
        ("word_minhash", pa.binary()),
        ("number_minhash", pa.binary()),
        ("ingested_at", pa.timestamp("us")),
    ),
    "claims": (
        ("doc_id", _S),
        ("n", _I),
        ("value", _B),
        ("value_max", _B),
        ("qualifier", _S),
        ("category", _S),
        ("side", _S),
        ("scope", _S),
        ("period", _S),
        ("as_of", _S),
        ("source", _S),
        ("attribution", _S),
        ("start", _I),
        ("end", _I),
        ("text", _S),
        ("caption", _BOOL),
        ("check_verdict", _S),
        ("check_record_date", _S),
        ("check_record_value", _B),
        ("check_expected_value", _B),
        ("check_lag_days", _I),
        ("check_oryx_value", _B),
        ("check_oryx_date", _S),
        ("check_explanation", _S),
    ),
    "entities": (
        ("doc_id", _S),
        ("n", _I),
        ("type", _S),
        ("name", _S),
        ("start", _I),
        ("end", _I),
        ("text", _S),
        ("lat", _F),
        ("lon", _F),
        ("region", _S),
        ("country", _S),
        ("role", _S),
        ("subtype", _S),
    ),
    "rhetoric_spans": (("doc_id", _S), ("n", _I), ("technique", _S), ("start", _I), ("end", _I), ("text", _S)),
    "marks": (("doc_id", _S), ("n", _I), ("kind", _S), ("start", _I), ("end", _I)),
    "place_claims": (("doc_id", _S), ("place_n", _I), ("claim_n", _I)),
    "errors": (("source", _S), ("name", _S), ("stage", _S), ("message", _S), ("occurred_at", pa.timestamp("us"))),
}
CHILD_TABLES = ("claims", "entities", "rhetoric_spans", "marks", "place_claims")
CHECK_FIELDS = tuple(Check.__dataclass_fields__)


@dataclass
class StoredDocument:
    """One analysed document as the rows of each table (no timestamp: the writer adds it)."""

    document: tuple
    claims: list[tuple] = field(default_factory=list)
    entities: list[tuple] = field(default_factory=list)
    rhetoric_spans: list[tuple] = field(default_factory=list)
    marks: list[tuple] = field(default_factory=list)
    place_claims: list[tuple] = field(default_factory=list)


@dataclass
class Failure:
    """A document or input that could not be read, fetched or analysed."""

    source: str
    name: str | None
    stage: str  # read, fetch, analyse
    message: str
    # A warning about a document that was still read (bytes replaced): listed by `bilan
    # errors`, but the document counts as added (or unchanged), not as failed too.
    kept: bool = False


def _jsonable(value: Any) -> Any:
    """An analyser's output as JSON data: through its `to_dict()` where it has one."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def claim_row(doc_id: str, n: int, claim: Claim) -> tuple:
    check = claim.check
    return (
        doc_id,
        n,
        claim.value,
        claim.value_max,
        claim.qualifier,
        claim.category,
        claim.side,
        claim.scope,
        claim.period,
        claim.as_of,
        claim.source,
        claim.attribution,
        claim.start,
        claim.end,
        claim.text,
        bool(claim.caption),
        *(getattr(check, name) if check else None for name in CHECK_FIELDS),
    )


def claim_from_row(row: dict[str, Any]) -> Claim:
    """The Claim a `claims` row holds (CLAIMS.md fields, the check nested again)."""
    data = {k: v for k, v in row.items() if not k.startswith("check_") and k not in ("doc_id", "n")}
    if row.get("check_verdict") is not None:
        data["check"] = {name: row[f"check_{name}"] for name in CHECK_FIELDS}
    return Claim.from_dict(data)


def to_stored(analysis: Analysis, *, key: str, source: str) -> StoredDocument:
    """Flatten one analysis into table rows (run where the analysis ran, so the writer only writes)."""
    from bilan.syndication import prose, signatures

    doc = analysis.document
    extras: dict[str, Any] = {}
    entities: list[tuple] = []
    spans: list[tuple] = []
    for name, value in analysis.extras.items():
        if name == "entities":
            entities = [(key, n, *(_field(e, c) for c, _ in COLUMNS["entities"][2:])) for n, e in enumerate(value)]
        elif name == "rhetoric":
            # The spans go to their table; the rest of the report (counts, tone, genre) to extras.
            report = _jsonable(value)
            report = dict(report) if isinstance(report, dict) else {"spans": report}
            spans = [
                (key, n, *(_field(s, c) for c in ("technique", "start", "end", "text")))
                for n, s in enumerate(report.pop("spans", None) or [])
            ]
            extras[name] = report
        else:
            extras[name] = _jsonable(value)
    text = prose(doc.text, doc.body_start, [(m.start, m.end) for m in analysis.marks])
    sig = signatures(text)
    window = analysis.date_window or (None, None)
    document = (
        key,
        doc.id,
        source,
        doc.title,
        doc.date,
        doc.date_source,
        doc.lang,
        doc.outlet,
        doc.url,
        doc.text,
        doc.body_start,
        window[0],
        window[1],
        list(analysis.warnings),
        json.dumps(doc.meta, ensure_ascii=False),
        json.dumps(extras, ensure_ascii=False, default=str) if extras else None,
        len(analysis.claims),
        sig.length,
        sig.words,
        sig.numbers,
    )
    claims = [claim_row(key, n, c) for n, c in enumerate(analysis.claims)]
    return StoredDocument(
        document=document,
        claims=claims,
        entities=entities,
        rhetoric_spans=spans,
        marks=[(key, n, m.kind, m.start, m.end) for n, m in enumerate(analysis.marks)],
        place_claims=place_claim_rows(key, doc.text, entities, claims),
    )


def place_claim_rows(key: str, text: str, entities: Sequence[tuple], claims: Sequence[tuple]) -> list[tuple]:
    """(doc_id, place_n, claim_n) of each located place and claim of one sentence (the rule
    above SENTENCE_END), from the rows of `entities` and `claims`: computed at ingest, so that
    the map never reads the texts."""
    entity_columns = [name for name, _ in COLUMNS["entities"]]
    kind, start, lat, lon = (entity_columns.index(c) for c in ("type", "start", "lat", "lon"))
    claim_start = [name for name, _ in COLUMNS["claims"]].index("start")
    rows = []
    for entity in entities:
        if entity[kind] != "place" or entity[lat] is None or entity[lon] is None or entity[start] is None:
            continue
        for claim in claims:
            if claim[claim_start] is None:
                continue
            low, high = sorted((entity[start], claim[claim_start]))
            if high - low < PLACE_SENTENCE_CHARS and not _SENTENCE_END.search(text, low, high):
                rows.append((key, entity[1], claim[1]))
    return rows


# --- writing ----------------------------------------------------------------------------


def _arrow(table: str, rows: list[tuple]) -> pa.Table:
    spec = COLUMNS[table]
    schema = pa.schema([pa.field(name, kind) for name, kind in spec])
    columns = list(zip(*rows)) if rows else [()] * len(spec)  # one transposition, not one pass per column
    return pa.Table.from_arrays([pa.array(column, type=kind) for column, (_, kind) in zip(columns, spec)], schema=schema)


def _quoted(table: str) -> str:
    return ", ".join(f'"{name}"' for name, _ in COLUMNS[table])


@dataclass
class BatchResult:
    added: int = 0
    updated: int = 0
    claims: int = 0
    failed: int = 0
    warnings: int = 0


def batch_tables(stored: Sequence[StoredDocument], failures: Sequence[Failure]) -> dict[str, pa.Table]:
    """The Arrow tables of a batch, one per table of the schema (the unit `write_tables` takes)."""
    now = dt.datetime.now()
    tables = {"documents": _arrow("documents", [s.document + (now,) for s in stored])}
    for table in CHILD_TABLES:
        tables[table] = _arrow(table, [row for s in stored for row in getattr(s, table)])
    tables["errors"] = _arrow("errors", [(f.source, f.name, f.stage, f.message, now) for f in failures])
    return tables


def write_batch(con: duckdb.DuckDBPyConnection, stored: Sequence[StoredDocument], failures: Sequence[Failure]) -> BatchResult:
    if not stored and not failures:
        return BatchResult()
    result = write_tables(con, batch_tables(stored, failures))
    result.warnings = sum(f.kept for f in failures)
    result.failed -= result.warnings
    return result


def write_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> BatchResult:
    """Write a batch in ONE transaction (all or nothing).

    A document already stored (same content hash) is left as it is; an older version of
    a document (same source and name, other content) is deleted with its rows; the errors
    of a source that now reads are cleared; a failure replaces the earlier error of the
    same source and name.
    """
    result = BatchResult(failed=tables["errors"].num_rows)
    with atomic(con):
        if tables["documents"].num_rows:
            con.register("_batch_documents", tables["documents"])
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _new_documents AS SELECT * FROM _batch_documents "
                "WHERE id NOT IN (SELECT id FROM documents) QUALIFY row_number() OVER (PARTITION BY id) = 1"
            )
            con.unregister("_batch_documents")
            pairs = con.execute(
                "SELECT d.id, n.id FROM documents d JOIN _new_documents n ON d.source = n.source AND d.name = n.name AND d.id <> n.id"
            ).fetchall()
            if pairs:  # rare: files changed since the last ingest
                replaced = sorted({old for old, _ in pairs})
                for table in (*CHILD_TABLES, "clusters"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
                con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
                # New versions, not old rows: a database written before duplicate ids were
                # refused may hold two old rows for one (source, name).
                result.updated = len({new for _, new in pairs})
            result.added = (
                con.execute(f"INSERT INTO documents ({_quoted('documents')}) SELECT * FROM _new_documents").fetchone()[0]
                - result.updated
            )
            con.execute(
                "DELETE FROM errors e USING _new_documents n WHERE e.source = n.source AND (e.name IS NULL OR e.name = n.name)"
            )
            for table in CHILD_TABLES:
                if tables[table].num_rows:
                    con.register("_batch_rows", tables[table])
                    inserted = con.execute(
                        f"INSERT INTO {table} ({_quoted(table)}) SELECT * FROM _batch_rows "
                        "WHERE doc_id IN (SELECT id FROM _new_documents)"
                    ).fetchone()[0]
                    con.unregister("_batch_rows")
                    if table == "claims":
                        result.claims = inserted
            con.execute("DROP TABLE _new_documents")
            con.execute("UPDATE state SET value = 'true' WHERE key = 'clusters_stale'")
        if tables["errors"].num_rows:
            con.register("_batch_errors", tables["errors"])
            con.execute(
                "DELETE FROM errors e USING _batch_errors x WHERE e.source = x.source AND e.name IS NOT DISTINCT FROM x.name"
            )
            con.execute(f"INSERT INTO errors ({_quoted('errors')}) SELECT * FROM _batch_errors")
            con.unregister("_batch_errors")
    return result


def known_documents(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}


# --- analysing, in this process or in workers ---------------------------------------------


@dataclass(frozen=True)
class AnalysisOptions:
    """What `bilan.pipeline.analyse` needs besides the document; the record is named, not
    passed, so that each worker loads it once."""

    record: str | None = None
    use_record: bool = True
    include_captions: bool = False
    explain: str = "en"


# Analysed once when an Analyser starts: the pipeline loads some data on first use per
# language (1 s for English, 0.1 s for French when measured), which forked workers would
# otherwise each load again.
WARM_UP = (
    ("en", "Russia has lost 1,200 soldiers and 15 tanks near Bakhmut, Ukraine's General Staff said on Monday."),
    ("fr", "La Russie a perdu 1 200 soldats et 15 chars près de Bakhmout, selon l'état-major ukrainien lundi."),
)


class Analyser:
    """The pipeline, loaded once (record, plugins, lazily loaded data) and applied to document after document."""

    def __init__(self, options: AnalysisOptions) -> None:
        from bilan import hooks
        from bilan.pipeline import analyse

        hooks.load_plugins()
        self.analyse = analyse
        self.options = options
        self.record = None
        if options.use_record:
            from bilan.record import resolve_record

            self.record = resolve_record(options.record)
        for lang, text in WARM_UP:
            self((Document(id=f"warm-up-{lang}", text=text, lang=lang, date="2023-01-09"), "warm-up", "warm-up"))

    def __call__(self, item: tuple[Document, str, str]) -> StoredDocument | Failure:
        document, key, source = item
        try:
            analysis = self.analyse(
                document, record=self.record, include_captions=self.options.include_captions, explain=self.options.explain
            )
            return to_stored(analysis, key=key, source=source)
        except BilanError as exc:  # a document bilan refuses, with its reason
            return Failure(source, document.id, "analyse", str(exc))
        except Exception as exc:  # noqa: BLE001 - one failing article never stops the batch: it is recorded
            from bilan.reading import unexpected

            return Failure(source, document.id, "analyse", unexpected(exc))


AnalyseItem = Callable[[tuple[Document, str, str]], "StoredDocument | Failure"]
# Set in the parent just before the worker processes fork: they inherit it loaded.
_worker_analyser: AnalyseItem | None = None


def _analyse_in_worker(item: tuple[Document, str, str]) -> StoredDocument | Failure:
    assert _worker_analyser is not None, "worker forked without an analyser"
    return _worker_analyser(item)


# --- ingest ---------------------------------------------------------------------------------


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    warnings: int = 0  # documents stored (or unchanged) with a read warning (see Failure.kept)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.updated + self.unchanged + self.failed

    def add(self, batch: BatchResult) -> None:
        self.added += batch.added
        self.updated += batch.updated
        self.failed += batch.failed
        self.claims += batch.claims
        self.warnings += batch.warnings


def failure_of(item: Any) -> Failure:
    """A Failure from a `bilan.reading.ReadFailure` or `bilan.fetching.FetchFailure`."""
    partial = getattr(item, "document", None)
    return Failure(
        str(item.source),
        getattr(partial, "id", None),
        getattr(item, "stage", "read"),
        str(item.message),
        kept=partial is not None,
    )


# Documents per transaction: large enough that the commit (a WAL flush: 36 ms per batch
# in a profile of write_batch) is about 2% of the time to analyse the batch at 125
# articles/s, small enough that a crash loses little work.
BATCH_SIZE = 200
# Documents read ahead of the workers: bounds memory whatever the corpus size.
READ_AHEAD_PER_WORKER = 64


def ingest(
    con: duckdb.DuckDBPyConnection,
    items: Iterable[Document | Any],
    analyser: AnalyseItem,
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_commit: Callable[[], None] | None = None,
) -> IngestReport:
    """Analyse and store documents; `items` are Documents or read failures (`source`, `message`).

    `analyser` is an `Analyser` (the pipeline, loaded once) or any function from
    (document, key, source) to rows. Known documents (same content hash) are skipped; the
    others are analysed in this process (`workers=1`) or in worker processes forked from
    it (they inherit the loaded analyser), and written here in batches.
    `on_progress(n)` is called as n more items are done, `on_failure` with each failure
    (and warning) as its batch is written.
    """
    started = time.perf_counter()
    report = IngestReport()
    known = known_documents(con)
    failures: list[Failure] = []
    lock = threading.Lock()
    read_ahead = threading.BoundedSemaphore(max(1, workers) * READ_AHEAD_PER_WORKER)

    def progress(n: int = 1) -> None:
        if on_progress:
            on_progress(n)

    # A read failure that still carries a document (bytes replaced) is stored with that
    # document's rows, in the same batch; results come back in order, so a queue pairs them.
    attached: deque[Failure | None] = deque()

    # (source, name) -> content key of the first document of this run with them: a second
    # one (two URLs redirected to one page, ...) would be stored beside the first and one of
    # them deleted by the next ingest, so it is refused with a failure naming it.
    first_of: dict[tuple[str, str], str] = {}

    def pending() -> Iterator[tuple[Document, str, str]]:
        # Runs in the pool's feeding thread when there are workers: no database access here.
        for item in items:
            failure = None if isinstance(item, Document) else failure_of(item)
            document = item if failure is None else getattr(item, "document", None)
            if document is None:
                with lock:
                    failures.append(failure)
                progress()
                continue
            source = document_source(document)
            try:
                key = document_key(document)
            except Exception as exc:  # noqa: BLE001 - one unhashable document never stops the run
                problem = Failure(source, document.id, "read", f"{type(exc).__name__}: {_first_line(exc)}")
            else:
                first = first_of.setdefault((source, document.id), key)
                problem = (
                    None
                    if first == key
                    else Failure(
                        source,
                        document.id,
                        "read",
                        f"duplicate id {document.id!r}: an earlier input of this run from {source} has it; not stored",
                    )
                )
            if problem:
                with lock:
                    failures.append(problem)
                progress()
                continue
            if key in known:
                with lock:
                    report.unchanged += 1
                    if failure:
                        failures.append(failure)
                progress()
                continue
            known.add(key)
            read_ahead.acquire()
            attached.append(failure)
            yield document, key, source

    stored: list[StoredDocument] = []

    def flush() -> None:
        with lock:
            batch_failures = failures[:]
            failures.clear()
        try:
            report.add(write_batch(con, stored, batch_failures))
        except (pa.ArrowException, OverflowError, UnicodeError):
            # One document whose rows the tables cannot hold (a figure beyond BIGINT, text
            # that is not Unicode) would cost the whole batch: it becomes its own failure.
            writable = []
            for one in stored:
                try:
                    batch_tables([one], [])
                except (pa.ArrowException, OverflowError, UnicodeError) as exc:
                    _, name, source = one.document[:3]
                    batch_failures.append(
                        Failure(source, name, "analyse", f"cannot be stored ({type(exc).__name__}: {_first_line(exc)})")
                    )
                else:
                    writable.append(one)
            report.add(write_batch(con, writable, batch_failures))
        for failure in batch_failures if on_failure else ():
            on_failure(failure)
        stored.clear()
        if on_commit:  # between transactions, in the writing thread (see SnapshotPublisher)
            on_commit()

    def collect(results: Iterable[StoredDocument | Failure]) -> None:
        for result in results:
            read_ahead.release()
            failure = attached.popleft()
            with lock:
                if isinstance(result, Failure):
                    failures.append(result)
                else:
                    stored.append(result)
                if failure:
                    failures.append(failure)
                full = len(stored) + len(failures) >= batch_size
            progress()
            if full:
                flush()
        flush()

    # The writes are small and the cores are the analysis's: DuckDB's own threads would
    # compete with the workers for them (one thread cut the writes' CPU by a quarter).
    con.execute("SET threads = 1")
    try:
        _analyse_all(analyser, pending, collect, workers)
    finally:
        con.execute("RESET threads")
    report.seconds = time.perf_counter() - started
    return report


def _analyse_all(
    analyser: AnalyseItem,
    pending: Callable[[], Iterator[tuple[Document, str, str]]],
    collect: Callable[[Iterable[StoredDocument | Failure]], None],
    workers: int,
) -> None:
    global _worker_analyser
    if workers <= 1:
        collect(map(analyser, pending()))
    else:
        # fork: workers start at once with the pipeline and record loaded; they never
        # touch the database connection they inherit.
        _worker_analyser = analyser
        # Objects loaded so far (pipeline, record, gazetteer) are left out of garbage
        # collection, whose scans would otherwise copy every shared page into each worker.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                # 16 documents a task: fewer round trips than 4, with no measurable wait at the end.
                collect(pool.imap(_analyse_in_worker, pending(), chunksize=16))
        finally:
            _worker_analyser = None
            gc.unfreeze()


def clusters_stale(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT value FROM state WHERE key = 'clusters_stale'").fetchone()[0] == "true"


def update_clusters(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> int:
    """Recompute the syndication clusters if documents changed since; returns the rows written."""
    from bilan.syndication import Member, cluster

    if not force and not clusters_stale(con):
        return con.execute("SELECT count(*) FROM clusters").fetchone()[0]
    members = [
        Member(*row)
        for row in con.execute(
            "SELECT id, date, lang, prose_length, word_minhash, number_minhash FROM documents ORDER BY id"
        ).fetchall()
    ]
    rows = cluster(members)
    table = pa.table(
        {
            "doc_id": [r.doc_id for r in rows],
            "cluster_id": [r.cluster_id for r in rows],
            "first": [r.first for r in rows],
            "similarity": [r.similarity for r in rows],
            "method": [r.method for r in rows],
        },
        schema=pa.schema([("doc_id", _S), ("cluster_id", _S), ("first", _BOOL), ("similarity", _F), ("method", _S)]),
    )
    with atomic(con):
        con.execute("DELETE FROM clusters")
        con.register("_new_clusters", table)
        con.execute("INSERT INTO clusters SELECT * FROM _new_clusters")
        con.unregister("_new_clusters")
        con.execute("UPDATE state SET value = 'false' WHERE key = 'clusters_stale'")
    return len(rows)


# --- reading it back ----------------------------------------------------------------------

WRITE_REFUSED = "bilan sql runs read-only queries"
_READ_STATEMENTS = {"SELECT", "EXPLAIN"}


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one read-only query: anything but SELECT (incl. DESCRIBE, SHOW) or EXPLAIN is refused."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise BilanError(f"SQL: {_first_line(exc)}") from None
    if len(statements) != 1:
        raise BilanError(f"SQL: give one statement, not {len(statements)}")
    kind = statements[0].type.name
    if kind not in _READ_STATEMENTS:
        raise BilanError(f"{WRITE_REFUSED}: a {kind} statement is refused")
    try:
        # The connection is read-only already; this also stops COPY/ATTACH-like access to
        # other files through table functions (read_csv, ...): the corpus only.
        con.execute("SET enable_external_access = false")
        result = con.execute(sql)
        columns = [d[0] for d in result.description or []]
        return columns, result.fetchall()
    except duckdb.Error as exc:
        raise BilanError(f"SQL: {_first_line(exc)}") from None


@dataclass(frozen=True)  # a default argument of the read functions: shared, so never changed
class ClaimFilters:
    """Filters of `bilan claims` and the web's claims explorer: None leaves a field free;
    `verdict="unchecked"` keeps the claims with no check."""

    category: str | None = None
    side: str | None = None
    source: str | None = None
    verdict: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    lang: str | None = None

    def where(self) -> tuple[str, list]:
        """SQL conditions over `claims c JOIN documents d`, with their parameters."""
        conditions: list[str] = []
        params: list = []
        for column, value in (
            ("c.category", self.category),
            ("c.side", self.side),
            ("c.source", self.source),
            ("d.outlet", self.outlet),
            ("d.lang", self.lang),
        ):
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value)
        if self.verdict == "unchecked":
            conditions.append("c.check_verdict IS NULL")
        elif self.verdict is not None:
            conditions.append("c.check_verdict = ?")
            params.append(self.verdict)
        date = "coalesce(c.as_of, d.date)"
        for bound, op in ((self.since, ">="), (self.until, "<=")):
            if bound is not None:
                conditions.append(f"{date} IS NOT NULL AND {_overlaps(date, op)}")
                params += [bound, bound, bound]
        return (" AND ".join(conditions) or "TRUE"), params


def _overlaps(column: str, op: str) -> str:
    # Dates are YYYY-MM or YYYY-MM-DD: compare on the shorter of the two, so that a month
    # overlaps the days in it ("--until 2023-01" keeps 2023-01-31).
    return f"left({column}, least(length({column}), length(?))) {op} left(?, least(length({column}), length(?)))"


# --- the one read API: `bilan claims`, `bilan export`, `bilan check --format csv` and the
# web's /claims, /claims.csv and /api/claims list claims in these columns, in this order.

CLAIM_FIELDS = tuple(name for name, _ in COLUMNS["claims"][2:] if not name.startswith("check_"))
# (expression over `claims c JOIN documents d`, column name): the article, every claim
# field, every check field (named plainly: verdict, record_date, ... explanation).
CLAIM_SHEET: tuple[tuple[str, str], ...] = (
    ("c.doc_id", "doc_id"),
    ("d.name", "document"),
    ("d.title", "title"),
    ("d.outlet", "outlet"),
    ("d.url", "url"),
    ("d.date", "date"),
    ("d.lang", "lang"),
    ("c.n", "position"),
    *((f'c."{name}"', name) for name in CLAIM_FIELDS),
    *((f"c.check_{name}", name) for name in CHECK_FIELDS),
)
CLAIM_SHEET_COLUMNS = tuple(name for _, name in CLAIM_SHEET)
# What a table of claims can be sorted by (pages, `bilan claims --sort`); ties go by article and position.
CLAIM_SORTS = {
    "date": "coalesce(c.as_of, d.date)",
    "value": "c.value",
    "category": "c.category",
    "side": "c.side",
    "source": "c.source",
    "verdict": "c.check_verdict",
    "outlet": "d.outlet",
    "document": "coalesce(d.title, d.name)",
    "record_value": "c.check_record_value",
}
# A CSV cell starting like a formula (= + - @, tab, carriage return) gets a leading quote,
# so that a spreadsheet shows it rather than runs it (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CSV_TEXT = frozenset(name for name, kind in (*COLUMNS["documents"], *COLUMNS["claims"]) if kind == _S) | {
    "document",
    "verdict",
    "record_date",
    "oryx_date",
    "explanation",
}


@dataclass(frozen=True)
class Order:
    """How a listing is sorted: a key of its sorts, newest (or largest) first by default."""

    sort: str = "date"
    descending: bool = True

    def sql(self, sorts: dict[str, str], ties: str) -> str:
        if self.sort not in sorts:
            raise BilanError(f"sort by {self.sort!r}: choose one of {', '.join(sorts)}")
        return f"{sorts[self.sort]} {'DESC' if self.descending else 'ASC'} NULLS LAST, {ties}"


def claims_sql(filters: ClaimFilters, order: Order = Order(), *, spreadsheet: bool = False) -> tuple[str, list]:
    """The SELECT of a claims listing in `CLAIM_SHEET` columns; `spreadsheet` guards the
    text cells against formulas (for CSV)."""
    where, params = filters.where()
    select = ", ".join(
        f"CASE WHEN left({expr}, 1) IN ({', '.join(_sql_literal(c) for c in FORMULA_STARTS)}) "
        f'THEN chr(39) || {expr} ELSE {expr} END AS "{name}"'
        if spreadsheet and name in _CSV_TEXT
        else f'{expr} AS "{name}"'
        for expr, name in CLAIM_SHEET
    )
    return (
        f"SELECT {select} FROM claims c JOIN documents d ON d.id = c.doc_id WHERE {where} "
        f"ORDER BY {order.sql(CLAIM_SORTS, 'd.name, c.doc_id, c.n')}"
    ), params


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_claims(
    con: duckdb.DuckDBPyConnection,
    filters: ClaimFilters = ClaimFilters(),
    order: Order = Order(),
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[str], list[tuple]]:
    """One page (all by default) of the filtered claims, in `CLAIM_SHEET` columns."""
    sql, params = claims_sql(filters, order)
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    result = con.execute(sql, params)
    return [d[0] for d in result.description], result.fetchall()


def count_claims(con: duckdb.DuckDBPyConnection, filters: ClaimFilters = ClaimFilters()) -> int:
    where, params = filters.where()
    return con.execute(f"SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id WHERE {where}", params).fetchall()[0][
        0
    ]


def claim_batches(
    con: duckdb.DuckDBPyConnection, filters: ClaimFilters = ClaimFilters(), order: Order = Order(), *, batch_rows: int = 20_000
) -> pa.RecordBatchReader:
    """The filtered claims as Arrow batches, guarded for a spreadsheet (what CSV is written from)."""
    sql, params = claims_sql(filters, order, spreadsheet=True)
    return con.sql(sql, params=params).to_arrow_reader(batch_rows)


def write_csv(batches: Iterable[pa.RecordBatch], stream: Any, columns: Sequence[str] = CLAIM_SHEET_COLUMNS) -> int:
    """Write batches as CSV to a binary stream (a header even when there is no row); returns the rows."""
    rows = 0

    def counted() -> Iterator[pa.RecordBatch]:
        nonlocal rows
        for batch in batches:
            rows += batch.num_rows
            yield batch

    for chunk in csv_chunks(counted(), columns):
        stream.write(chunk)
    return rows


def csv_chunks(batches: Iterable[pa.RecordBatch], columns: Sequence[str] = CLAIM_SHEET_COLUMNS) -> Iterator[bytes]:
    """CSV bytes, one chunk per batch (the web streams them); the header alone when no row."""
    import io

    import pyarrow.csv

    header = True
    for batch in batches:
        buffer = io.BytesIO()
        pyarrow.csv.write_csv(batch, buffer, pyarrow.csv.WriteOptions(include_header=header))
        header = False
        yield buffer.getvalue()
    if header:
        yield (",".join(f'"{name}"' for name in columns) + "\n").encode()


def spreadsheet_safe(value: Any) -> Any:
    """A text cell guarded as `claims_sql(spreadsheet=True)` guards it."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def analysis_sheet(analyses: Iterable[Analysis]) -> Iterator[pa.RecordBatch]:
    """The claims of analyses (`bilan check`) in `CLAIM_SHEET` columns, as stored ones are
    exported; `doc_id` is the key `bilan ingest` would store the article under."""
    kinds = {**dict(COLUMNS["documents"]), **dict(COLUMNS["claims"])}
    schema = pa.schema(
        [
            (
                name,
                _I if name == "position" else kinds.get(name) or kinds.get(f"check_{name}") or kinds[{"document": "name"}[name]],
            )
            for name in CLAIM_SHEET_COLUMNS
        ]
    )
    for analysis in analyses:
        doc = analysis.document
        key = document_key(doc)
        rows = []
        for n, claim in enumerate(analysis.claims):
            check = claim.check
            rows.append(
                (
                    key,
                    doc.id,
                    doc.title,
                    doc.outlet,
                    doc.url,
                    doc.date,
                    doc.lang,
                    n,
                    *(getattr(claim, name) for name in CLAIM_FIELDS),
                    *(getattr(check, name) if check else None for name in CHECK_FIELDS),
                )
            )
        guarded = [
            tuple(spreadsheet_safe(v) if name in _CSV_TEXT else v for name, v in zip(CLAIM_SHEET_COLUMNS, row)) for row in rows
        ]
        columns = list(zip(*guarded)) if guarded else [()] * len(schema)
        yield pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


@dataclass(frozen=True)  # a default argument, as ClaimFilters
class DocumentFilters:
    """Filters of the web's article list: `month` is YYYY-MM or "undated"; `verdict` keeps
    the articles with at least one claim of that verdict ("unchecked": with no check)."""

    outlet: str | None = None
    month: str | None = None
    verdict: str | None = None
    lang: str | None = None

    def where(self) -> tuple[str, list]:
        conditions: list[str] = []
        params: list = []
        for column, value in (("d.outlet", self.outlet), ("d.lang", self.lang)):
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value)
        if self.month == "undated":
            conditions.append("d.date IS NULL")
        elif self.month is not None:
            conditions.append("left(d.date, 7) = ?")
            params.append(self.month)
        if self.verdict == "unchecked":
            conditions.append("EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id AND c.check_verdict IS NULL)")
        elif self.verdict is not None:
            conditions.append("EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id AND c.check_verdict = ?)")
            params.append(self.verdict)
        return (" AND ".join(conditions) or "TRUE"), params


DOCUMENT_SORTS = {
    "date": "d.date",
    "title": "coalesce(d.title, d.name)",
    "outlet": "d.outlet",
    "claims": "d.claim_count",
    "lang": "d.lang",
    "ingested": "d.ingested_at",
}
DOCUMENT_LISTING = (
    "d.id",
    "d.name",
    "d.title",
    "d.date",
    "d.date_source",
    "d.lang",
    "d.outlet",
    "d.url",
    "d.source",
    "d.claim_count AS claims",
)


def read_documents(
    con: duckdb.DuckDBPyConnection,
    filters: DocumentFilters = DocumentFilters(),
    order: Order = Order(),
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[str], list[tuple], int]:
    """One page of the filtered articles, newest first by default, and how many there are in all."""
    where, params = filters.where()
    total = con.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchall()[0][0]
    sql = (
        f"SELECT {', '.join(DOCUMENT_LISTING)}, (SELECT list(DISTINCT coalesce(c.check_verdict, 'unchecked') "
        "ORDER BY coalesce(c.check_verdict, 'unchecked')) FROM claims c WHERE c.doc_id = d.id) AS verdicts "
        f"FROM documents d WHERE {where} ORDER BY {order.sql(DOCUMENT_SORTS, 'd.name, d.id')}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    result = con.execute(sql, params)
    return [d[0] for d in result.description], result.fetchall(), total


EXPORTS = {
    "documents": "SELECT * EXCLUDE (word_minhash, number_minhash) FROM documents ORDER BY ingested_at, id",
    "claims": None,  # claims_sql(): the columns and order of every claims listing
}
EXPORT_FORMATS = ("csv", "parquet", "jsonl")


def export(con: duckdb.DuckDBPyConnection, what: str, fmt: str, output: str | Path) -> int:
    """Write all documents or claims to `output` in csv, parquet or jsonl; returns the rows.

    Claims come in the columns and order of every claims listing (`CLAIM_SHEET`, text cells
    guarded against formulas in csv); in jsonl their check is nested, as in CLAIMS.md."""
    if what not in EXPORTS:
        raise BilanError(f"--what {what}: choose documents or claims")
    if fmt not in EXPORT_FORMATS:
        raise BilanError(f"--format {fmt}: choose csv, parquet or jsonl")
    if (what, fmt) == ("claims", "csv"):
        return _to_file(output, lambda stream: write_csv(claim_batches(con), stream))
    if what == "claims":
        sql, params = claims_sql(ClaimFilters())
        if fmt == "jsonl":
            plain = ", ".join(f'"{name}"' for name in CLAIM_SHEET_COLUMNS if name not in CHECK_FIELDS)
            check = ", ".join(f"{name} := {name}" for name in CHECK_FIELDS)
            sql = f'SELECT {plain}, CASE WHEN verdict IS NULL THEN NULL ELSE struct_pack({check}) END AS "check" FROM ({sql})'
    else:
        sql, params = EXPORTS[what], []
    if fmt == "jsonl":
        return _to_file(output, lambda stream: _write_jsonl(con, sql, params, stream))
    options = {"csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet"}[fmt]
    assert not params  # COPY takes no parameters, and an export has no filter
    try:
        con.execute(f"COPY ({sql}) TO {_sql_literal(str(output))} ({options})")
    except duckdb.Error as exc:
        raise BilanError(f"{output}: {_first_line(exc)}") from None
    return con.execute(f"SELECT count(*) FROM ({sql})").fetchall()[0][0]


def _to_file(output: str | Path, write: Callable[[Any], int]) -> int:
    try:
        with open(output, "wb") as stream:
            return write(stream)
    except OSError as exc:
        raise BilanError(f"{output}: cannot write: {exc.strerror or exc}") from None


def _write_jsonl(con: duckdb.DuckDBPyConnection, sql: str, params: list, stream: Any) -> int:
    result = con.execute(sql, params)
    names = [d[0] for d in result.description]
    rows = 0
    while chunk := result.fetchmany(10_000):
        for row in chunk:
            stream.write((json.dumps(dict(zip(names, row)), ensure_ascii=False, default=str) + "\n").encode())
        rows += len(chunk)
    return rows


def list_errors(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    result = con.execute("SELECT source, name, stage, message, occurred_at FROM errors ORDER BY source, name")
    return [d[0] for d in result.description], result.fetchall()


# --- recheck ------------------------------------------------------------------------------


@dataclass
class RecheckReport:
    claims: int = 0
    changed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)


def recheck(
    con: duckdb.DuckDBPyConnection,
    record: Any,
    *,
    explain: str = "en",
    batch_documents: int = 2000,
    on_progress: Callable[[int], None] | None = None,
) -> RecheckReport:
    """Re-verdict every stored claim against `record`, from the rows (articles are not re-read);
    `on_progress(n)` is called as n more documents are checked."""
    from bilan.checking import check_claims

    report = RecheckReport()
    names = [name for name, _ in COLUMNS["claims"]]
    rows_by_doc: dict[str, list[dict[str, Any]]] = {}
    dates: dict[str, str | None] = {}
    updates: list[tuple] = []

    def check_documents() -> None:
        for doc_id, rows in rows_by_doc.items():
            claims = [claim_from_row(row) for row in rows]
            before = [row["check_verdict"] for row in rows]
            check_claims(claims, record, document_date=dates[doc_id], explain=explain)
            for row, claim, old in zip(rows, claims, before):
                check = claim.check.to_dict() if claim.check else {}
                updates.append((doc_id, row["n"], *(check.get(name) for name in CHECK_FIELDS)))
                verdict = check.get("verdict")
                report.claims += 1
                report.changed += verdict != old
                report.verdicts[str(verdict)] = report.verdicts.get(str(verdict), 0) + 1
            if on_progress:
                on_progress(1)
        rows_by_doc.clear()

    selected = ", ".join(f'c."{n}"' for n in names)
    cursor = con.execute(f"SELECT d.date, {selected} FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY c.doc_id, c.n")
    while chunk := cursor.fetchmany(10_000):
        for date, *values in chunk:
            row = dict(zip(names, values))
            if row["doc_id"] not in rows_by_doc and len(rows_by_doc) >= batch_documents:
                check_documents()
            rows_by_doc.setdefault(row["doc_id"], []).append(row)
            dates[row["doc_id"]] = date
    check_documents()
    kinds = dict(COLUMNS["claims"])
    schema = pa.schema([("doc_id", _S), ("n", _I)] + [(f"check_{name}", kinds[f"check_{name}"]) for name in CHECK_FIELDS])
    table = pa.Table.from_arrays([pa.array([u[i] for u in updates], type=f.type) for i, f in enumerate(schema)], schema=schema)
    with atomic(con):
        con.register("_new_checks", table)
        assignments = ", ".join(f"check_{name} = u.check_{name}" for name in CHECK_FIELDS)
        con.execute(f"UPDATE claims SET {assignments} FROM _new_checks u WHERE claims.doc_id = u.doc_id AND claims.n = u.n")
        con.unregister("_new_checks")
    return report
