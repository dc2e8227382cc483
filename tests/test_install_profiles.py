"""The light install: what works without PyTorch and fastai, and what says it needs the full install.

Each command runs in a fresh process whose `sitecustomize` (first on PYTHONPATH) makes every module
of the full install fail to import, as in `pip install -e .` without `[full]`. Learner code is
graded in `python -I` children, which ignore PYTHONPATH; the checks that matter happen before.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ldl.errors import FULL_INSTALL_MODULES
from ldl.paths import CONTENT_ROOT

LIGHT_INSTALL = textwrap.dedent(
    f"""
    import sys

    BLOCKED = {set(FULL_INSTALL_MODULES)!r}


    class LightInstall:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None


    sys.meta_path.insert(0, LightInstall())
    """
)
FULL_INSTALL_MESSAGE = "needs the full install (PyTorch and fastai)"


def plain(output: str) -> str:
    """The words of the output, without the error panel's borders and line breaks."""
    return " ".join(output.translate({ord(c): " " for c in "│╭╮╰╯─"}).split())


@pytest.fixture(scope="module")
def light(tmp_path_factory):
    """Run `python -m ldl ARGS` as a light install would; returns (exit code, stdout + stderr)."""
    root = tmp_path_factory.mktemp("light")
    shim = root / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(LIGHT_INSTALL, encoding="utf-8")
    workspace = root / "workspace"
    env = {**os.environ, "PYTHONPATH": str(shim), "LDL_HOME": str(workspace), "COLUMNS": "100"}

    def run(*args: str, timeout: float = 120) -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "ldl", *args], env=env, capture_output=True, text=True, timeout=timeout
        )
        return done.returncode, done.stdout + done.stderr

    code, output = run("init", str(workspace))
    assert code == 0, output
    run.workspace = workspace
    return run


def test_the_shim_really_hides_torch(light, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    (tmp_path / "sitecustomize.py").write_text(LIGHT_INSTALL, encoding="utf-8")
    probe = "import importlib.util as u; import numpy; print(u.find_spec('numpy') is not None); import torch"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "True" and "No module named 'torch'" in done.stderr


def test_map_next_and_a_numpy_exercise_work_without_torch(light):
    code, output = light("map")
    assert code == 0 and "Mathematical foundations" in output, output
    code, output = light("next")
    assert code == 0, output
    solution = CONTENT_ROOT / "stages" / "2-math" / "exercises" / "stable_softmax" / "solution.py"
    shutil.copy(solution, light.workspace / "exercises" / "2-math" / "stable_softmax.py")
    code, output = light("check", "stable_softmax")
    assert code == 0 and FULL_INSTALL_MESSAGE not in output, output


def test_a_stage_1_reference_run_says_it_needs_the_full_install(light, tmp_path):
    code, output = light("run", "practical.vision", "--fast", "--root", str(tmp_path))
    assert code == 1, output
    assert f"practical.vision {FULL_INSTALL_MESSAGE}" in plain(output)
    assert "pip install -e '.[full]'" in plain(output) and "Traceback" not in output


def test_a_stage_1_lab_says_it_needs_the_full_install(light):
    code, output = light("lab-run", "fashion_mnist_classifier", "--fast")
    assert code == 1, output
    assert f"The lab fashion_mnist_classifier {FULL_INSTALL_MESSAGE}: fastai is not installed here" in plain(
        output
    )


def test_a_torch_exercise_says_it_needs_the_full_install(light):
    code, output = light("check", "dot_product_bias")
    assert code == 1, output
    assert f"The exercise dot_product_bias {FULL_INSTALL_MESSAGE}: torch is not installed here" in plain(
        output
    )
    assert "Traceback" not in output


@pytest.mark.parametrize("script", ["engine_speed.py", "practical_quality.py"])
def test_benchmarks_that_need_torch_say_so(tmp_path, script):
    (tmp_path / "sitecustomize.py").write_text(LIGHT_INSTALL, encoding="utf-8")
    path = Path(__file__).resolve().parents[1] / "benchmarks" / script
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert FULL_INSTALL_MESSAGE in done.stderr and "pip install -e '.[full]'" in done.stderr


@pytest.mark.slow
def test_the_tour_runs_what_a_light_install_can_and_skips_the_rest(light):
    """The whole tour without torch (a few minutes): stage 1 skipped, the rest ok, exit status 0."""
    code, output = light("tour", "--json", timeout=1200)
    assert code == 0, output
    summary, _ = json.JSONDecoder().raw_decode(output[output.index("{") :])  # stderr may follow
    stops = summary["stops"]
    statuses = {stop["lab_id"]: stop["status"] for stop in stops}
    assert {statuses[lab] for lab in ("fashion_mnist_classifier", "shakespeare_generation")} == {"skipped"}
    assert all(status in ("ok", "skipped") for status in statuses.values())
    assert "ok" in statuses.values()
