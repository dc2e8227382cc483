"""The stage-1 runs are registered for `ldl run` and start from the CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ldl.cli.app import app


def test_the_three_runs_are_listed():
    result = CliRunner().invoke(app, ["run", "--list", "--json"])
    assert result.exit_code == 0, result.output
    names = {entry["name"] for entry in json.loads(result.output)}
    assert {"practical.vision", "practical.text", "practical.collab"} <= names


def test_collab_runs_fast_from_the_cli(tmp_path):
    result = CliRunner().invoke(app, ["run", "practical.collab", "--fast", "--json", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    outcome = json.loads(result.stdout)  # the epoch tables went to stderr
    assert outcome["metrics"]["dot_rmse"] > 0
    assert (tmp_path / "practical" / "collab").is_dir()
