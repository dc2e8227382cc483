"""Every command on a read-only workspace: a clear message, never a traceback.

The workspace is mounted read-only with bubblewrap (tests run as root, for whom `chmod -w` blocks
nothing; a read-only mount blocks root too). One child process under bwrap runs every command of
the tree in-process through Typer's runner, so the whole walk costs one interpreter start.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from cli.test_every_command import EXAMPLES, LEAVES, fill

from ldl.curriculum.items import load_labs

WALK = """
import json, sys
from typer.testing import CliRunner
from ldl.cli.app import app
results = {}
for name, args in json.loads(sys.argv[1]).items():
    result = CliRunner().invoke(app, [*name.split(), *args])
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    results[name] = {"code": result.exit_code, "output": result.output,
                     "crashed": repr(result.exception) if crashed else None}
print(json.dumps(results))
"""


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap (Debian package bubblewrap)")
def test_every_command_on_a_read_only_workspace_says_so_without_a_traceback(template_workspace, tmp_path):
    workspace = tmp_path / "workspace"
    shutil.copytree(template_workspace, workspace)
    (tmp_path / "export.json").write_text('{"format": "ldl-progress", "format_version": 1, "tables": {}}')
    shutil.copyfile(workspace / ".ldl" / "progress.sqlite", tmp_path / "damaged.sqlite")
    values = {"workspace": str(workspace), "scratch": str(tmp_path), "unit": "math.calculus",
              "lab": load_labs()[0].id, "exercise": "stable_softmax", "passed": "stable_softmax",
              "run_a": "-", "run_b": "-"}  # fmt: skip
    commands = {name: fill(example.args, values) for name, example in EXAMPLES.items() if not example.slow}
    commands["watch"] = ["stable_softmax"]
    commands["progress export"] = []
    commands["portfolio serve"] = ["--port", "0"]  # builds the site first: refused before serving
    commands["play"] = ["tic-tac-toe"]  # reads moves from stdin: the runner's is empty, so it ends
    commands["serve"] = []  # no exported model here: refused before loading or binding anything
    assert set(LEAVES) - set(commands) <= {name for name, e in EXAMPLES.items() if e.slow}
    env = {"LDL_HOME": str(workspace), "LDL_DATA_DIR": str(tmp_path / "data"), "LDL_OFFLINE": "1",
           "COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # fmt: skip
    jail = ["bwrap", "--bind", "/", "/", "--ro-bind", str(workspace), str(workspace), "--dev", "/dev",
            "--proc", "/proc", "--die-with-parent"]  # fmt: skip
    done = subprocess.run(
        [*jail, sys.executable, "-c", WALK, json.dumps(commands)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    crashed = {
        name: r["crashed"] for name, r in results.items() if r["crashed"] or "Traceback" in r["output"]
    }
    assert not crashed
    refused = {name: " ".join(r["output"].split()) for name, r in results.items() if r["code"] != 0}
    no_runs = {"runs show", "runs plot", "runs compare", "portfolio add"}  # refused first: no runs here
    no_runs.add("serve")  # and no exported model to serve
    no_runs |= {"recall start", "recall check", "recall give-up"}  # and no passed exercise to recall
    unclear = {
        name: text
        for name, text in refused.items()
        if f"workspace at {workspace} is read-only" not in text and name not in no_runs
    }
    assert not unclear
    for name in ("check", "done", "init", "hint", "status", "map", "progress import", "watch"):
        assert name in refused, f"`ldl {name}` wrote to a read-only workspace?"
    assert "Nothing was changed" in refused["check"] and "LDL_HOME=" in refused["check"]
