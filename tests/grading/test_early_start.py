"""`ldl check ID` starts the learner's child before the CLI has loaded (ldl.grading.early): the
early job must equal the validated one for every exercise, the grader adopts the child only then,
and a child nobody takes leaves neither a process nor a run folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from grading_kit import sandbox_processes

from ldl.curriculum.items import get_exercise, load_exercises
from ldl.curriculum.raw import read_exercise
from ldl.grading import early, lifecycle, os_sandbox, runner, service
from ldl.workspace import Workspace, require_workspace

needs_bwrap = pytest.mark.skipif(not os_sandbox.available(), reason="bubblewrap is not usable here")


@pytest.fixture(scope="module")
def workspace_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("early") / "workspace"
    subprocess.run([sys.executable, "-m", "ldl", "init", str(root)], check=True, capture_output=True)
    return root


@pytest.fixture
def workspace(workspace_root, monkeypatch) -> Workspace:
    monkeypatch.setenv("LDL_HOME", str(workspace_root))
    monkeypatch.delenv(early.ENV_VARIABLE, raising=False)
    yield require_workspace()
    early._stop_untaken()


def _solve(workspace: Workspace, exercise_id: str) -> Path:
    exercise = get_exercise(exercise_id)
    for solved in (exercise, *(get_exercise(used) for used in exercise.uses)):
        path = solved.learner_path(workspace)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(solved.solution_path.read_text())
    return exercise.learner_path(workspace)


def _own_run_folders() -> list[Path]:
    root = lifecycle.runs_root()
    return [p for p in root.iterdir() if p.name.startswith(f"{os.getpid()}-")] if root.is_dir() else []


def test_the_raw_reading_gives_the_validated_job_for_every_exercise(tmp_path):
    """The contract that makes the head start safe: for each exercise in the content tree, the job
    built from its unvalidated exercise.yaml equals the job built from the validated model."""
    workspace = Workspace(tmp_path)
    for exercise in load_exercises():
        learner = exercise.learner_path(workspace)
        validated = runner.job_for(exercise, learner, get_exercise, workspace)
        raw = read_exercise(exercise.id)
        assert raw is not None, exercise.id
        guessed = runner.job_for(raw, learner, read_exercise, workspace)
        assert guessed == validated, exercise.id


def test_odd_ids_and_files_give_no_raw_reading(tmp_path):
    assert read_exercise("no_such_exercise") is None
    assert read_exercise("../../etc") is None
    assert read_exercise("*") is None
    folder = tmp_path / "stages" / "9-x" / "exercises" / "broken"
    folder.mkdir(parents=True)
    (folder / "exercise.yaml").write_text("id: broken\nguards: [not, a, mapping\n")
    assert read_exercise("broken", root=tmp_path) is None


@needs_bwrap
def test_the_check_adopts_the_child_started_early(workspace, monkeypatch):
    learner = _solve(workspace, "logsumexp")
    early.prestart(["check", "logsumexp", "--json"])
    started = early._pending
    assert started is not None and started.job.learner_file == learner
    starts = []
    monkeypatch.setattr(runner, "start", lambda *a: starts.append(a) or pytest.fail("a second child"))

    class Store:
        def record_attempt(self, *args, **kwargs):
            return "id"

    exercise = get_exercise("logsumexp")
    result = service.check(exercise, workspace, Store(), get_exercise)  # type: ignore[arg-type]
    assert result.grade.passed, result.grade.feedback
    assert early._pending is None and not starts
    assert started.cancel.is_set() and not _own_run_folders()  # joined, folder removed


@needs_bwrap
def test_a_child_started_for_another_job_is_stopped_not_used(workspace):
    _solve(workspace, "logsumexp")
    learner = _solve(workspace, "stable_softmax")
    early.prestart(["check", "logsumexp"])
    started = early._pending
    assert started is not None
    other = runner.job_for(get_exercise("stable_softmax"), learner, get_exercise, workspace)
    assert early.take(other) is None
    assert started.cancel.is_set() and not _own_run_folders()
    assert not sandbox_processes()


@pytest.mark.parametrize(
    "argv",
    [["check"], ["show", "logsumexp"], ["check", "--help"], ["check", "a", "b"], ["watch", "logsumexp"]],
)
def test_other_command_lines_start_nothing(workspace, argv):
    _solve(workspace, "logsumexp")
    early.prestart(argv)
    assert early._pending is None


def test_no_head_start_when_switched_off_or_the_file_is_not_written(workspace, monkeypatch):
    get_exercise("logsumexp").learner_path(workspace).unlink()  # `ldl init` wrote the starter
    early.prestart(["check", "logsumexp"])  # the check will write the starter first: no head start
    assert early._pending is None
    _solve(workspace, "logsumexp")
    monkeypatch.setenv(early.ENV_VARIABLE, "off")
    early.prestart(["check", "logsumexp"])
    assert early._pending is None
    monkeypatch.setenv("LDL_SANDBOX", "fence")  # the fence imports the judging code first: no head start
    monkeypatch.delenv(early.ENV_VARIABLE)
    early.prestart(["check", "logsumexp"])
    assert early._pending is None


@needs_bwrap
def test_a_child_nobody_takes_is_gone_when_the_process_exits(workspace):
    """`ldl check ID` that fails before grading (or Ctrl-C during start-up) leaves nothing behind."""
    _solve(workspace, "logsumexp")
    code = (
        "import os, sys; from ldl.grading import early, lifecycle; "
        "early.prestart(['check', 'logsumexp']); assert early._pending is not None; "
        "print(os.getpid(), early._pending.scratch, flush=True); sys.exit(0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert done.returncode == 0, done.stderr
    pid, scratch = done.stdout.split()
    assert not Path(scratch).exists()
    assert not [p for p in sandbox_processes() if str(pid) in " ".join(p.cmdline())]


@needs_bwrap
def test_ldl_check_end_to_end_same_verdict_with_and_without_the_head_start(workspace):
    _solve(workspace, "stable_softmax")
    wrong = get_exercise("stable_softmax").mistakes_dir
    outputs = {}
    for setting in ("on", "off"):
        env = {**os.environ, early.ENV_VARIABLE: setting}
        ldl = [sys.executable, "-m", "ldl", "check", "stable_softmax", "--json"]
        outputs[setting] = subprocess.run(ldl, capture_output=True, text=True, env=env, timeout=120)
    assert outputs["on"].returncode == outputs["off"].returncode == 0, outputs["on"].stderr
    assert '"verdict": "pass"' in outputs["on"].stdout
    mistake = sorted(wrong.glob("*.py"))[0]
    get_exercise("stable_softmax").learner_path(workspace).write_text(mistake.read_text())
    failed = subprocess.run(
        [sys.executable, "-m", "ldl", "check", "stable_softmax"], capture_output=True, text=True, timeout=120
    )
    assert failed.returncode == 1 and "FAIL" in failed.stdout


def test_ldl_check_grades_from_the_raw_reading_without_the_content_models(workspace):
    """`ldl check ID` never imports pydantic or the content models (a tenth of a second on every
    check): the raw reading is enough, and the test above proves it gives the validated job."""
    _solve(workspace, "logsumexp")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ldl", "check", "logsumexp"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "PASS logsumexp" in done.stdout, done.stdout + done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "ldl.grading.runner" in imported  # the import log is the real one
    assert not {"pydantic", "ldl.curriculum.items", "ldl.curriculum.loading"} & imported


def test_the_check_falls_back_to_the_validated_model_for_its_errors(workspace):
    from ldl.cli.exercises import grading_exercise
    from ldl.curriculum.loading import ContentError
    from ldl.curriculum.raw import RawExercise
    from ldl.errors import LdlError

    assert isinstance(grading_exercise("logsumexp"), RawExercise)
    with pytest.raises((LdlError, ContentError), match="no exercise `logsumexpp`") as error:
        grading_exercise("logsumexpp")  # unknown: the validated loader's message, with a suggestion
    assert "Did you mean `logsumexp`" in str(getattr(error.value, "hint", "")) + str(error.value)
    failed = subprocess.run(
        [sys.executable, "-m", "ldl", "check", "logsumexpp"], capture_output=True, text=True, timeout=120
    )
    assert failed.returncode != 0 and "Did you mean `logsumexp`" in failed.stdout + failed.stderr
    assert "Traceback" not in failed.stdout + failed.stderr
