"""Fixtures shared by the tests.

`../shared` (the seed articles, their gold and the reference record) sits beside a clone
in CI and on the developers' machines, not in a user's clone: tests that need it skip with
the reason where it is absent, and fail in CI (CI=true), where it must be there.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"

# Tests never write to the user's directories (the record's parse cache in ~/.cache/bilan,
# a corpus or record in ~/.local/share/bilan): set before bilan is imported, inherited by
# the commands the tests run in subprocesses.
TEST_HOME = Path(tempfile.mkdtemp(prefix="bilan-tests-"))
os.environ["BILAN_CACHE_DIR"] = str(TEST_HOME / "cache")
os.environ["XDG_CACHE_HOME"] = str(TEST_HOME / "xdg-cache")
os.environ["XDG_DATA_HOME"] = str(TEST_HOME / "xdg-data")


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
