"""Fixtures: sample workspaces (site_sample.py) and built sites, made once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # site_*.py sit beside the tests

from site_sample import make_workspace  # noqa: E402

# The worked capstone examples (`ldl capstone`'s) go into the sample too: they must build clean.
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "capstones"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A built site from the sample workspace with the hostile capstone: (workspace, result)."""
    from ldl.cli.portfolio import build

    root = tmp_path_factory.mktemp("portfolio") / "workspace"
    workspace = make_workspace(root, hostile=True, capstones=EXAMPLES)
    return workspace, build(workspace)
