"""Plugins from the `bilan.plugins` entry points: a third-party distribution adds an analyser,
a renderer and a scorer, as bilan's own features do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from bilan import hooks
from bilan.reading import read_path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "articles" / "fr_wire_01.txt"

WORD_COUNT_PLUGIN = """
from bilan.hooks import analyser, renderer, scorer


@analyser("word_count")
def count_words(document, cleaned):
    return len(document.text.split())


@renderer("counts")
def render_counts(analyses, stream, **options):
    for analysis in analyses:
        stream.write(f"{analysis.document.id} {len(analysis.claims)} {analysis.extras['word_count']}\\n")


@scorer("word_count")
def score_word_counts(gold_lines, analyses):
    counted = {analysis.document.id: analysis.extras["word_count"] for analysis in analyses}
    return {"exact": sum(counted.get(line["doc"]) == line["words"] for line in gold_lines), "of": len(gold_lines)}
"""


def _install(site: Path, distribution: str, module: str, source: str) -> None:
    """A distribution as pip would leave it in site-packages: its module and its .dist-info."""
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    info = site / f"{distribution.replace('-', '_')}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[bilan.plugins]\n{module} = {module}\n", encoding="utf-8")


def _bilan(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "bilan", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_a_third_party_plugin_adds_an_analyser_a_renderer_and_a_scorer(tmp_path: Path) -> None:
    _install(tmp_path, "bilan-word-count", "bilan_word_count", WORD_COUNT_PLUGIN)
    (document,) = read_path(ARTICLE)
    words = len(document.text.split())

    checked = _bilan(tmp_path, "check", "--format", "counts", str(ARTICLE))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.split() == ["fr_wire_01", "4", str(words)]

    as_json = _bilan(tmp_path, "check", "--format", "json", str(ARTICLE))
    assert json.loads(as_json.stdout)[0]["word_count"] == words

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"kind": "word_count", "doc": "fr_wire_01", "words": words}) + "\n", encoding="utf-8")
    scored = _bilan(tmp_path, "eval", "--format", "json", "--gold", str(gold), str(ARTICLE))
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["word_count"] == {"exact": 1, "of": 1}


def test_a_plugin_that_fails_to_import_is_one_error_and_bilan_goes_on(tmp_path: Path) -> None:
    _install(tmp_path, "bilan-broken", "bilan_broken", "import a_module_nobody_installed\n")
    checked = _bilan(tmp_path, "check", "--format", "jsonl", str(ARTICLE))
    assert checked.returncode == 0
    assert len(checked.stdout.splitlines()) == 1
    errors = [line for line in checked.stderr.splitlines() if "bilan_broken" in line]
    assert len(errors) == 1 and "a_module_nobody_installed" in errors[0]
    assert "Traceback" not in checked.stderr


def test_bilan_declares_its_own_features_as_entry_points() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert sorted(declared[hooks.ENTRY_POINT_GROUP].values()) == sorted(hooks.BUILTIN_PLUGINS)
    installed = [ep for ep in metadata.entry_points(group=hooks.ENTRY_POINT_GROUP) if ep.dist and ep.dist.name == "bilan"]
    if installed:  # an install made from this pyproject.toml (CI's); an older one may not have them yet
        assert sorted(ep.value for ep in installed) == sorted(hooks.BUILTIN_PLUGINS)
