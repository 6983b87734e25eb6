"""Fixtures shared by the tests.

`../shared` (the seed articles, their gold and the reference record) sits beside a clone
in CI and on the developers' machines, not in a user's clone: tests that need it skip with
the reason where it is absent, and fail in CI (CI=true), where it must be there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"


def _need(path: Path) -> Path:
    if path.exists():
        return path
    message = f"{path} is absent: clone bilan beside the shared/ folder to run this test"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SHARED / "seeds")


@pytest.fixture(scope="session")
def seeds_gold(seeds_dir: Path) -> Path:
    return _need(seeds_dir / "gold.jsonl")


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return _need(SHARED / "reference")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
