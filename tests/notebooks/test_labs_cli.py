"""`ldl labs`, `ldl open` and `ldl lab-run`, through the CLI, on tiny labs in a temporary content root."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request

import nbformat
import psutil
import pytest
from labkit import write_lab
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, create_workspace

LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 directly, never a proxy


@pytest.fixture
def workspace(tmp_path, monkeypatch, content_root):
    write_lab(
        content_root,
        "2-math",
        "math.calculus",
        "good_lab",
        "from ldl.notebooks.lab import FAST, report",
        "report(score=0.5 if FAST else 1.0)",
    )
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
    assert result.exit_code == 1 and "ldl init" in result.output


def _get_when_up(url: str, deadline: float) -> bytes:
    while True:
        try:
            with LOCAL.open(url, timeout=10) as response:
                return response.read()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGHUP], ids=["ctrl-c", "terminal-closed"])
def test_ldl_open_serves_the_printed_url_and_stopping_ldl_stops_the_server(
    workspace, content_root, stop_signal
):
    """The real command in its own process: the printed URL works (on 127.0.0.1 only, with a
    token); stopping ldl (Ctrl-C, or the terminal closing) stops the server, leaving nothing behind."""
    ldl_open = _start_ldl_open(content_root)
    server = None
    try:
        url = _read_url(ldl_open)
        api = url.replace("/lab/tree/", "/api/contents/")
        assert json.loads(_get_when_up(api, deadline=time.monotonic() + 90))["type"] == "notebook"
        [server] = psutil.Process(ldl_open.pid).children()
        listening = {c.laddr.ip for c in server.net_connections() if c.status == psutil.CONN_LISTEN}
        assert listening == {"127.0.0.1"}
        with pytest.raises(urllib.error.HTTPError):  # without the token, no access
            LOCAL.open(api.split("?")[0], timeout=10)
        ldl_open.send_signal(stop_signal)
        assert ldl_open.wait(timeout=30) == 0
        assert not server.is_running() or server.status() == psutil.STATUS_ZOMBIE
    finally:  # if the test failed half-way, take the server down with ldl
        family = psutil.Process(ldl_open.pid).children(recursive=True) if ldl_open.poll() is None else []
        for process in [*family, *([server] if server else [])]:
            if process.is_running():
                process.kill()
        ldl_open.kill()


def _default_sigint() -> None:
    """Run in the child before exec: a pytest started in the background (`pytest &`, CI runners)
    hands its children SIGINT *ignored*, and then a Ctrl-C test would test nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_ldl_open(content_root) -> subprocess.Popen:
    shim = (
        "import sys; from pathlib import Path; import ldl.curriculum.items as items; "
        "import ldl.curriculum.syllabus as syllabus; "
        f"items.CONTENT_ROOT = syllabus.CONTENT_ROOT = Path({str(content_root)!r}); "
        "from ldl.cli.app import main; sys.argv[0] = 'ldl'; main()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", shim, "open", "good_lab"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_default_sigint,
    )


def test_a_sigkilled_ldl_open_leaves_no_jupyterlab_behind(workspace, content_root):
    """SIGKILL gives ldl no chance to clean up: the server must go by itself (PR_SET_PDEATHSIG)."""
    ldl_open, server = _start_ldl_open(content_root), None
    try:
        _read_url(ldl_open)
        deadline = time.monotonic() + 60
        while not (children := psutil.Process(ldl_open.pid).children()):
            assert time.monotonic() < deadline, "`ldl open` started no server"
            time.sleep(0.1)
        [server] = children
        time.sleep(1.0)  # let the server get going, so the test is not only about a fresh fork
        ldl_open.kill()
        ldl_open.wait(timeout=10)
        gone, alive = psutil.wait_procs([server], timeout=20)
        assert not alive, f"JupyterLab (pid {server.pid}) outlived its SIGKILLed ldl"
    finally:  # if the test failed, take the orphaned server down by hand
        if server is not None and server.is_running():
            server.kill()
        ldl_open.kill()


def _read_url(process: subprocess.Popen) -> str:
    for line in process.stdout:
        if "http://127.0.0.1:" in line:
            return line[line.index("http://") :].split()[0]
    raise AssertionError("`ldl open` printed no URL")
