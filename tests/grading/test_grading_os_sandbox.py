"""The OS sandbox (os_sandbox.py), its fallback, and the run folders (lifecycle.py).

What the learner's child can see is tested from inside: the learner's file lists it and prints
it, and the feedback shows what it printed (a wrong answer, so the output is shown).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from grading_kit import CORRECT, make_job

from ldl.grading import lifecycle, os_sandbox
from ldl.grading.runner import grade
from ldl.grading.verdicts import Verdict

needs_bwrap = pytest.mark.skipif(not os_sandbox.available(), reason="bubblewrap does not work here")
WRONG = "\ndef scale(x, factor):\n    return x * 0\n\ndef total(x):\n    return -1.0\n"
LOOK_AROUND = """
import os, sys
import ldl
seen = []
python = tuple(p for p in {sys.prefix, sys.base_prefix, *sys.path} if p and not p.startswith('/ldl'))
for root in ('/ldl', '/tmp', os.path.expanduser('~')):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not os.path.join(folder, d).startswith(python)]
        seen += [os.path.join(folder, f) for f in files]
print('LDL_AT', os.path.dirname(ldl.__file__))
print('SEEN', sorted(seen))
print('PID', os.getpid(), 'PROCS', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
"""


@needs_bwrap
def test_the_learners_child_sees_a_copy_of_the_harness_and_its_own_folder_only(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "bwrap")
    job = make_job(tmp_path, LOOK_AROUND + WRONG)
    result = grade(job)
    assert result.sandbox == os_sandbox.BUBBLEWRAP and result.verdict is Verdict.FAIL
    output = result.output
    assert "LDL_AT /ldl/lib/ldl" in output
    assert "/ldl/learner/0/tiny.py" in output and "/ldl/lib/ldl/grading/harness.py" in output
    absent = ("solution.py", "squared_factor.py", "runner.py", "progress.sqlite", "content", str(tmp_path))
    assert not [name for name in absent if name in output], output
    pids = output.split("PROCS")[1]
    assert (
        len(ast.literal_eval(pids.strip().splitlines()[0])) <= 3
    )  # bwrap's init, the harness, maybe nothing else


def test_lib_holds_the_harness_its_modules_and_the_checks_only(tmp_path):
    job = make_job(tmp_path, CORRECT)
    os_sandbox.prepare_lib(tmp_path / "lib", job.checks_file)
    names = {p.relative_to(tmp_path / "lib").as_posix() for p in (tmp_path / "lib").rglob("*.py")}
    assert {f"ldl/grading/{name}.py" for name in ("harness", "guard", "wire", "spec")} <= names
    assert os_sandbox.CHECKS.rsplit("/", 1)[1] in names
    assert not names & {"ldl/grading/runner.py", "ldl/grading/service.py", "ldl/grading/sandbox.py"}
    assert (tmp_path / "lib" / "ldl" / "__init__.py").read_text() != Path(os.__file__).read_text()


@needs_bwrap
def test_checks_may_import_ldl_helpers_which_are_copied_in(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "bwrap")
    checks = (
        "import numpy as np\nfrom ldl.grading.spec import Case\nfrom ldl.mathlab import gradient\n\n"
        "def cases():\n    return [Case('sum', call='total', args=(np.arange(3.0),))]\n"
    )
    result = grade(make_job(tmp_path, CORRECT, checks=checks))
    assert result.verdict is Verdict.PASS, result.feedback


def test_the_fence_is_the_fallback_and_the_verdict_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "fence")
    result = grade(make_job(tmp_path, CORRECT))
    assert result.verdict is Verdict.PASS and result.sandbox == os_sandbox.FENCE


def test_auto_picks_bubblewrap_where_it_works(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "auto")
    expected = os_sandbox.BUBBLEWRAP if os_sandbox.available() else os_sandbox.FENCE
    assert grade(make_job(tmp_path, CORRECT)).sandbox == expected


def test_bwrap_asked_for_but_broken_is_ldls_fault(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "bwrap")
    monkeypatch.setattr(os_sandbox, "_probe", lambda: (False, "no user namespaces here"))
    result = grade(make_job(tmp_path, CORRECT))
    assert result.verdict is Verdict.GRADER_ERROR
    assert "no user namespaces here" in result.feedback


def test_auto_falls_back_to_the_fence_when_bwrap_is_broken(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "auto")
    monkeypatch.setattr(os_sandbox, "_probe", lambda: (False, "bwrap is missing"))
    result = grade(make_job(tmp_path, CORRECT))
    assert result.verdict is Verdict.PASS and result.sandbox == os_sandbox.FENCE


def test_a_misspelt_choice_is_ldls_fault(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_SANDBOX", "bubble")
    assert grade(make_job(tmp_path, CORRECT)).verdict is Verdict.GRADER_ERROR


def test_what_the_trusted_set_up_prints_is_not_shown_as_the_learners_output(tmp_path):
    checks = (
        "import sys\nimport numpy as np\nfrom ldl.grading.spec import Case\n"
        "print('SET-UP NOISE')\nprint('SET-UP WARNING', file=sys.stderr)\n\n"
        "def cases():\n    return [Case('sum', call='total', args=(np.arange(3.0),))]\n"
    )
    result = grade(make_job(tmp_path, "print('LEARNER SAYS HI')\n" + WRONG, checks=checks))
    assert result.verdict is Verdict.FAIL
    assert "LEARNER SAYS HI" in result.output and "SET-UP" not in result.output


def test_the_run_folder_is_gone_after_grading(tmp_path):
    grade(make_job(tmp_path, CORRECT))
    root = lifecycle.runs_root()
    assert not [p for p in root.iterdir() if p.name.startswith(f"{os.getpid()}-")]


def test_leftovers_of_a_dead_run_are_swept_and_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    root = tmp_path / "runs"
    stale, live = root / f"{int(dead.stdout)}-abc", root / f"{os.getpid()}-def"
    for folder in (stale, live):
        (folder / "lib").mkdir(parents=True)
    assert lifecycle.sweep_dead_runs(root) == [stale]
    assert live.is_dir() and not stale.exists()


@needs_bwrap
def test_an_environment_that_lives_under_tmp_stays_visible_inside(monkeypatch):
    """A CI clone (and its virtual environment) may live under /tmp, which the sandbox replaces with
    its own small tmpfs: the Python roots must be bound after it, or the interpreter vanishes."""
    import tempfile

    with tempfile.TemporaryDirectory(dir="/tmp") as under_tmp:
        marker = Path(under_tmp) / "marker.txt"
        marker.write_text("still here")
        roots = os_sandbox._python_roots()
        monkeypatch.setattr(os_sandbox, "_python_roots", lambda: [*roots, under_tmp])
        layout = os_sandbox.learner_layout(Path(under_tmp), [], [])
        command = layout.command[: layout.command.index("--")]
        probe = f"print(open({str(marker)!r}).read())"
        done = subprocess.run(
            [*command, "--", sys.executable, "-I", "-c", probe], capture_output=True, text=True
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "still here"


@needs_bwrap
def test_the_repository_stays_out_of_sight_even_when_it_is_on_sys_path(tmp_path, monkeypatch):
    """A test runner puts the repository root on sys.path; binding it would show the learner the
    content tree, the tests and the git objects (the solutions, in history)."""
    repository = Path(__file__).resolve().parents[2]
    monkeypatch.setenv("LDL_SANDBOX", "bwrap")
    monkeypatch.syspath_prepend(str(repository))
    probe = (
        "\nimport os\nfor p in ('.git', 'src/ldl/content', 'tests'):\n"
        f"    print('EXISTS', p, os.path.exists(os.path.join({str(repository)!r}, p)))\n"
    )
    result = grade(make_job(tmp_path, probe + WRONG))
    assert result.sandbox == os_sandbox.BUBBLEWRAP
    assert "EXISTS .git False" in result.output, result.output
    assert "EXISTS src/ldl/content False" in result.output and "EXISTS tests False" in result.output
