"""`bilan map --format`: the formats are a value set that --help lists and Typer enforces."""

from __future__ import annotations

from typer.testing import CliRunner

from bilan.cli import app
from bilan.cli.map import FORMATS


def test_map_help_lists_every_format() -> None:
    result = CliRunner().invoke(app, ["map", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<" + "|".join(FORMATS) + ">" in result.output


def test_map_refuses_an_unknown_format_with_exit_2(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kyiv a perdu 12 chars.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["map", str(article), "-o", str(tmp_path / "m"), "--format", "kml"])
    assert result.exit_code == 2
    assert not (tmp_path / "m").exists()
