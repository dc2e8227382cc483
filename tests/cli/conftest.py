"""A prepared workspace per test, copied from one made by `ldl init` once per session."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from ldl.cli.app import app


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("template") / "workspace"
    result = CliRunner().invoke(app, ["init", str(root)], env={"LDL_HOME": None})
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def workspace(template_workspace, tmp_path, monkeypatch):
    """A fresh copy of the template workspace, named by LDL_HOME."""
    root = tmp_path / "workspace"
    shutil.copytree(template_workspace, root)
    monkeypatch.setenv("LDL_HOME", str(root))
    monkeypatch.setenv("COLUMNS", "120")
    return root
