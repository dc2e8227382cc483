"""`ldl labs`, `ldl open` and `ldl lab-run`, through the CLI, on tiny labs in a temporary content root."""

from __future__ import annotations

import json
import time
import urllib.request

import nbformat
import psutil
import pytest
from labkit import write_lab
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.notebooks import jupyter
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, create_workspace


@pytest.fixture
def workspace(tmp_path, monkeypatch, content_root):
    write_lab(content_root, "2-math", "math.calculus", "good_lab", "from ldl.notebooks.lab import FAST, report",
              "report(score=0.5 if FAST else 1.0)")
    write_lab(content_root, "2-math", "math.calculus", "bad_lab", "raise ValueError('on purpose')", order=2)
    root = create_workspace(tmp_path / "ws", []).root
    monkeypatch.setenv("LDL_HOME", str(root))
    return Workspace(root)


def ldl(*args: str):
    return CliRunner().invoke(app, list(args))


def test_open_print_materialises_once_and_keeps_the_learners_edits(workspace):
    first = ldl("open", "good_lab", "--print")
    assert first.exit_code == 0, first.output
    path = workspace.labs_dir / "2-math" / "good_lab.ipynb"
    assert first.output.strip() == str(path)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("mine = True"))
    nbformat.write(notebook, str(path))
    again = ldl("open", "good_lab", "--print", "--json")
    assert json.loads(again.output) == {"lab_id": "good_lab", "notebook": str(path), "url": None}
    assert nbformat.read(path, as_version=4).cells[-1].source == "mine = True"
    with ProgressStore(workspace.progress_db) as store:
        assert store.lab_runs() == []  # opening records nothing


def test_lab_run_records_the_run_and_labs_lists_its_status(workspace):
    ok = ldl("lab-run", "good_lab", "--fast", "--json")
    assert ok.exit_code == 0, ok.output
    report = json.loads(ok.output)
    assert report["mode"] == "fast" and report["notebook"]["status"] == "ok"
    assert report["notebook"]["metrics"] == {"score": 0.5}
    failed = ldl("lab-run", "bad_lab")
    assert failed.exit_code == 1
    assert "ValueError" in failed.output and "on purpose" in failed.output
    with ProgressStore(workspace.progress_db) as store:
        runs = {run.lab_id: run for run in store.lab_runs()}
    assert (runs["good_lab"].status, runs["good_lab"].mode) == ("ok", "fast")
    assert (runs["bad_lab"].status, runs["bad_lab"].mode) == ("error", "full")
    listing = {row["id"]: row for row in json.loads(ldl("labs", "--json").output)}
    assert listing["good_lab"]["last_status"] == "ok" and listing["bad_lab"]["last_status"] == "error"
    assert listing["good_lab"]["notebook"].endswith("good_lab.ipynb")


def test_open_outside_a_workspace_says_how_to_make_one(content_root, monkeypatch, tmp_path):
    write_lab(content_root, "2-math", "math.calculus", "good_lab", "x = 1")
    monkeypatch.delenv("LDL_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    result = ldl("open", "good_lab", "--print")
    assert result.exit_code == 1 and "ldl init" in str(result.exception.hint)


def test_jupyterlab_serves_the_notebook_on_localhost_only_with_a_token(workspace):
    notebook = workspace.labs_dir / "2-math" / "good_lab.ipynb"
    ldl("open", "good_lab", "--print")
    launch = jupyter.plan_launch(notebook, workspace.root, open_browser=False)
    assert launch.url.startswith(f"http://127.0.0.1:{launch.port}/lab/tree/labs/2-math/good_lab.ipynb?token=")
    server = jupyter.start(launch, quiet=True)
    try:
        api = f"http://127.0.0.1:{launch.port}/api/contents/labs/2-math/good_lab.ipynb"
        body = _get_when_up(api + f"?token={launch.token}", deadline=time.monotonic() + 90)
        assert json.loads(body)["name"] == "good_lab.ipynb"
        with pytest.raises(urllib.error.HTTPError):  # no token, no access
            urllib.request.urlopen(api, timeout=10)
        listening = [c.laddr.ip for c in psutil.Process(server.pid).net_connections() if c.status == "LISTEN"]
        assert listening and set(listening) == {"127.0.0.1"}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get_when_up(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
