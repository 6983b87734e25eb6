"""The plain data that flows through bilan's stages.

Every stage takes and returns these dataclasses; `to_dict()` gives the JSON of the claim
contract (`CLAIMS.md`): field names and value sets are kept exactly as written there.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

CATEGORIES_LOSSES = (
    "personnel_killed",
    "personnel_wounded",
    "personnel_casualties",
    "personnel_captured",
    "tanks",
    "armoured_vehicles",
    "tanks_and_armoured_vehicles",
    "artillery",
    "mlrs",
    "air_defense",
    "aircraft",
    "helicopters",
    "aircraft_and_helicopters",
    "drones",
    "cruise_missiles",
    "ships",
    "submarines",
    "vehicles_fuel_tanks",
    "special_equipment",
    "ground_robotic_systems",
)
CATEGORIES_NOT_LOSSES = ("force", "territory_km2", "other")
CATEGORIES = CATEGORIES_LOSSES + CATEGORIES_NOT_LOSSES
QUALIFIERS = ("exact", "more_than", "at_least", "about", "nearly", "up_to", "range")
SIDES = ("russia", "ukraine", "other")
SCOPES = ("cumulative", "period", "event")
PERIODS = ("day", "week", "month", "year")
SOURCES = (
    "ukraine_general_staff",
    "ukraine_mod",
    "ukraine_other",
    "russia_mod",
    "russia_other",
    "uk_mod",
    "us_officials",
    "oryx",
    "media_estimate",
    "unattributed",
    "other",
)
VERDICTS = (
    "matches",
    "consistent",
    "stale",
    "ahead",
    "misquoted",
    "overstated",
    "understated",
    "unverifiable",
)
DATE_SOURCES = ("metadata", "text", "inferred_from_figures", "option")
VERDICT_FILTERS = (*VERDICTS, "unchecked")  # what a query may ask for: a verdict, or no check
# The value sets as types, for the CLI's options and the web API's parameters: Typer and
# FastAPI list them in --help and OpenAPI and refuse any other value.
if TYPE_CHECKING:  # a type checker cannot read the tuples above as literals: for it these are str
    Category = str
    LossCategory = str
    Side = str
    Source = str
    Verdict = str
    VerdictFilter = str
else:
    Category, LossCategory, Side, Source, Verdict, VerdictFilter = (
        Literal[values] for values in (CATEGORIES, CATEGORIES_LOSSES, SIDES, SOURCES, VERDICTS, VERDICT_FILTERS)
    )


@dataclass
class Document:
    """One article, as read: `text` is the full decoded text that every offset indexes.

    For HTML, `text` is the text trafilatura extracted; `body_start` is where the prose
    begins once the metadata block (if any) is skipped.
    """

    id: str
    text: str
    body_start: int = 0
    title: str | None = None
    date: str | None = None
    date_source: str | None = None
    lang: str | None = None
    url: str | None = None
    outlet: str | None = None
    path: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Any int is read as a position within the text: a negative body_start would slice from
        # the end, one beyond a C integer raise OverflowError in every stage's regex calls.
        if isinstance(self.text, str) and not 0 <= self.body_start <= len(self.text):
            self.body_start = max(0, min(self.body_start, len(self.text)))


@dataclass
class Mark:
    """A span that cleaning set aside: its figures are not the article's claims."""

    kind: str  # caption, credit, cookie_banner, navigation, related, teaser, byline, repeat
    start: int
    end: int


@dataclass
class Check:
    verdict: str
    record_date: str | None = None
    record_value: int | None = None
    expected_value: int | None = None
    lag_days: int | None = None
    oryx_value: int | None = None
    oryx_date: str | None = None
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Reason:
    """One decision of the claims pipeline: the field it set, the value, the rule that
    decided and the span it read (`start`, `end` index the document's text)."""

    field: str  # a claim field (`category`, `side`, `scope`, ...)
    value: Any
    rule: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Rejection:
    """A candidate figure that did not become a claim, and why."""

    value: int
    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    value: int
    category: str
    side: str
    scope: str
    start: int
    end: int
    text: str
    value_max: int | None = None
    qualifier: str = "exact"
    period: str | None = None
    as_of: str | None = None
    source: str = "unattributed"
    attribution: str | None = None
    check: Check | None = None
    caption: bool = False
    # Every decision that set a field, in order: the last one for a field is the one that stands.
    reasons: list[Reason] = field(default_factory=list, compare=False)

    def decide(self, field_name: str, rule: str, start: int | None = None, end: int | None = None) -> None:
        """Record the rule behind the current value of a field."""
        self.reasons.append(Reason(field_name, getattr(self, field_name), rule, start, end))

    def reason(self, field_name: str) -> Reason | None:
        """The decision that stands for a field: its last one."""
        return next((r for r in reversed(self.reasons) if r.field == field_name), None)

    def to_dict(self, reasons: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "value_max": self.value_max,
            "qualifier": self.qualifier,
            "category": self.category,
            "side": self.side,
            "scope": self.scope,
            "period": self.period,
            "as_of": self.as_of,
            "source": self.source,
            "attribution": self.attribution,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "check": self.check.to_dict() if self.check else None,
        }
        if self.caption:
            out["caption"] = True
        if reasons:
            out["reasons"] = [r.to_dict() for r in self.reasons]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        check = data.get("check")
        fields: dict[str, Any] = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k not in ("check", "reasons")}
        reasons = [Reason(**r) for r in data.get("reasons") or ()]
        return cls(**fields, check=Check(**check) if check else None, reasons=reasons)


@dataclass
class Entity:
    type: str  # place, person, organisation, unit, weapon
    name: str  # canonical
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    region: str | None = None
    country: str | None = None
    role: str | None = None
    subtype: str | None = None  # for weapons: tank, rocket launcher, ...

    def to_dict(self) -> dict[str, Any]:
        out = {"type": self.type, "name": self.name, "start": self.start, "end": self.end, "text": self.text}
        if self.type == "place":
            out.update(lat=self.lat, lon=self.lon, region=self.region, country=self.country)
        if self.role:
            out["role"] = self.role
        if self.subtype:
            out["subtype"] = self.subtype
        return out


@dataclass
class RhetoricSpan:
    technique: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Analysis:
    """Everything bilan found in one document."""

    document: Document
    claims: list[Claim] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Filled by the analysers registered in `bilan.hooks` (entities, rhetoric, ...).
    extras: dict[str, Any] = field(default_factory=dict)
    date_window: tuple[str, str] | None = None
    # The candidate figures the claims pipeline dropped, each with its reason (`bilan check --why`).
    rejected: list[Rejection] = field(default_factory=list)
    # Which record the claims were checked against, and of what date (`Record.describe()`).
    record: dict[str, Any] | None = None

    def to_dict(self, include_text: bool = False, reasons: bool = False) -> dict[str, Any]:
        """The JSON of CLAIMS.md; with `reasons`, each claim's decisions and the rejected candidates."""
        doc = self.document
        out: dict[str, Any] = {
            "id": doc.id,
            "title": doc.title,
            "date": doc.date,
            "date_source": doc.date_source,
            "lang": doc.lang,
            "url": doc.url,
            "outlet": doc.outlet,
            "claims": [c.to_dict(reasons=reasons) for c in self.claims],
        }
        if reasons:
            out["rejected"] = [r.to_dict() for r in self.rejected]
        if self.record:
            out["record"] = self.record
        if self.date_window:
            out["date_window"] = list(self.date_window)
        for key, value in self.extras.items():
            out[key] = (
                value.to_dict()
                if hasattr(value, "to_dict")
                else [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
                if isinstance(value, list)
                else value
            )
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if include_text:
            out["text"] = doc.text
        return out


class BilanError(Exception):
    """An error a user can act on: its message is printed as one line, without traceback.

    `usage` marks an error in how bilan was called (exit status 2) rather than in an input.
    """

    def __init__(self, message: str, *, usage: bool = False):
        super().__init__(message)
        self.usage = usage


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one document's claims (`claims.explain_claims`)
    or dates (`dating.find_dates`) are read, then as it was.

    The extraction makes no reference cycle (its objects are freed by their counts alone:
    tests/test_fuzz.py checks it), but it keeps 10 to 20 objects per figure alive until it
    returns (a claim, its figure, eight decisions): on a text of 14,000 figures the collector
    traversed the whole heap several times over for nothing (0.2-0.3 s of 1.4 s CPU at 128 kB
    of bulletin lines, none at 8 kB: the growth from 8 to 128 kB looked super-linear; and 3 ms
    of 26 in find_dates at 128 kB of weekdays, its ratio from 8 kB over 20).
    Threads share the switch: one that paused it restores it; one that found it paused
    leaves it alone, so it is never left off by an extraction."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
