"""Regenerate bilan/data/claim.schema.json: the JSON Schema of one analysed document as
`bilan check --format jsonl` writes it (`--format json` writes an array of them).

    python3 tools/build_claim_schema.py [OUTPUT]

The schema is made from the dataclasses of bilan.model, not written by hand:

- pydantic (already a dependency of the web app) turns each dataclass's fields and types
  into a schema;
- the value sets of docs/claims.md (`bilan.model.CATEGORIES`, `SIDES`, ...) become enums;
- the keys `to_dict()` always writes are required (found by calling it on a minimal
  instance), the others (`caption`, `reasons`, `rejected`, ...) are optional;
- a claim, its check and its reasons have no other keys; a document may have more, one per
  analyser registered in `bilan.hooks` (`entities`, `rhetoric`, a plugin's).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bilan" / "data" / "claim.schema.json"
sys.path.insert(0, str(ROOT))

from bilan import model  # noqa: E402 - after the path to this checkout

VALUE_SETS = {
    "category": model.CATEGORIES,
    "qualifier": model.QUALIFIERS,
    "side": model.SIDES,
    "scope": model.SCOPES,
    "period": model.PERIODS,
    "source": model.SOURCES,
    "verdict": model.VERDICTS,
    "date_source": model.DATE_SOURCES,
}
# Written by Analysis.to_dict only when there is something to say, or when asked for.
OPTIONAL_DOCUMENT_KEYS = ("rejected", "date_window", "warnings", "text")


def _properties(names: list[str], schema: dict[str, Any]) -> dict[str, Any]:
    """The property schemas of a dataclass's `names`, with enums for the fields that have a value set."""
    generated = schema["properties"]
    properties = {}
    for name in names:
        prop = {k: v for k, v in generated[name].items() if k not in ("title", "default")}
        if name in VALUE_SETS:
            nullable = {"type": "null"} in prop.get("anyOf", [])
            prop = {"enum": [*VALUE_SETS[name], *([None] if nullable else [])]}
            if not nullable:
                prop = {"type": "string", **prop}
        properties[name] = prop
    return properties


def _generated(cls: type) -> dict[str, Any]:
    # Nested dataclasses are referred to as #/$defs/NAME, which claim_schema defines.
    return TypeAdapter(cls).json_schema(ref_template="#/$defs/{model}")


def _object(cls: type, sample: dict[str, Any]) -> dict[str, Any]:
    """A dataclass as its to_dict() writes it: `sample` is a minimal instance's to_dict()."""
    schema = _generated(cls)
    out: dict[str, Any] = {"type": "object"}
    if "description" in schema:
        out["description"] = " ".join(schema["description"].split())
    out["properties"] = _properties(list(schema["properties"]), schema)
    out["required"] = list(sample)
    out["additionalProperties"] = False
    return out


def claim_schema() -> dict[str, Any]:
    claim = model.Claim(value=0, category="other", side="other", scope="event", start=0, end=0, text="")
    defs = {
        "Claim": _object(model.Claim, claim.to_dict()),
        "Check": _object(model.Check, model.Check(verdict="matches").to_dict()),
        "Reason": _object(model.Reason, model.Reason("value", 0, "rule").to_dict()),
        "Rejection": _object(model.Rejection, model.Rejection(0, 0, 0, "reason").to_dict()),
    }
    document = model.Document(id="", text="")
    always = list(model.Analysis(document=document).to_dict())
    properties = _properties([k for k in always if k != "claims"] + ["text"], _generated(model.Document))
    properties["claims"] = {"type": "array", "items": {"$ref": "#/$defs/Claim"}}
    properties.update(_properties([k for k in OPTIONAL_DOCUMENT_KEYS if k != "text"], _generated(model.Analysis)))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bilan analysed document",
        "description": "One document of `bilan check --format jsonl` (docs/claims.md): its metadata and its "
        "claims, each with its check against the record. Further keys hold the values of the "
        "analysers registered in bilan.hooks (entities, rhetoric, plugins).",
        "type": "object",
        "properties": {key: properties[key] for key in [*always, *OPTIONAL_DOCUMENT_KEYS]},
        "required": always,
        "additionalProperties": True,
        "$defs": defs,
    }


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    output.write_text(json.dumps(claim_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
