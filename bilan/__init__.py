"""bilan: find every military loss figure in news articles and check it against the record.

The whole pipeline is a set of functions over plain dataclasses (`bilan.model`)::

    import bilan
    doc = bilan.read_text("Au moins 97 480 soldats russes ont été tués.", date="2023-01-05")
    analysis = bilan.analyse(doc, record=bilan.load_record("../shared/reference"))
    for claim in analysis.claims:
        print(claim.to_dict())

One module per stage: reading, cleaning, numbers, dating, claims, record, checking,
entities, rhetoric, storage, rendering. Names are imported lazily so that `import bilan`
stays fast and the command line loads only what a command needs.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "Analysis": "bilan.model",
    "BilanError": "bilan.model",
    "Check": "bilan.model",
    "Claim": "bilan.model",
    "Document": "bilan.model",
    "Entity": "bilan.model",
    "Mark": "bilan.model",
    "RhetoricSpan": "bilan.model",
    "read_path": "bilan.reading",
    "read_text": "bilan.reading",
    "read_html": "bilan.reading",
    "iter_documents": "bilan.reading",
    "detect_language": "bilan.reading",
    "clean": "bilan.cleaning",
    "find_numbers": "bilan.numbers",
    "find_dates": "bilan.dating",
    "extract_claims": "bilan.claims",
    "analyse": "bilan.pipeline",
    "load_record": "bilan.record",
    "check_claims": "bilan.checking",
    "find_entities": "bilan.entities",
    "find_rhetoric": "bilan.rhetoric",
}

__all__ = sorted(_API) + ["__version__"]  # noqa: PLE0605 - the names of the lazily imported API


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'bilan' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
