"""Start the learner's child while `ldl check ID` is still starting up.

A check spends most of its time in two places that do not depend on each other: the parent
importing the CLI and the content models (typer, rich, pydantic: ~0.3 s), and the sandboxed child
starting Python and numpy and running the learner's code (~0.2 s). Done one after the other they
add up; on two cores they can overlap. So before the CLI is built, `prestart(argv)` looks at the
command line, and for `ldl check ID` (with or without `--json`) it reads that one exercise.yaml
without validation (ldl.curriculum.raw), builds the grading job and starts the learner's child
(runner.start) in the background.

It is only a head start, never a shortcut: when the check reaches the grader, `take(job)` hands
the child over only if the job the validated exercise gives is *equal* to the early one (same
files, limits, guards, imports); otherwise the early child is stopped and the check starts a fresh
one. Nothing about the verdict changes: the same child, in the same sandbox, graded by the same
parent code. Anything unusual (no workspace, no such exercise, a learner file not written yet, the
fence instead of bubblewrap, LDL_EARLY_START=off) means no early start. A child nobody takes (the
command failed before grading, or Ctrl-C) is stopped at exit and its run folder removed.
"""

from __future__ import annotations

import atexit
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported inside the functions: every other command pays nothing for this module
    from ldl.grading import runner

ENV_VARIABLE = "LDL_EARLY_START"  # "off": no early start (benchmarks compare both)
_pending: runner.Started | None = None


def prestart(argv: list[str]) -> bool:
    """Start the learner's child for `check ID [--json]`; do nothing for any other command line.
    True when the command line is such a check (whether or not a child could start early)."""
    global _pending
    words = [word for word in argv if word != "--json"]
    if len(words) != 2 or words[0] != "check" or words[1].startswith("-") or _pending is not None:
        return False
    if os.environ.get(ENV_VARIABLE, "on").strip().lower() == "off":
        return True
    from ldl.grading import os_sandbox, runner

    try:
        job = _job(words[1])
        if job is not None and os_sandbox.choice() == os_sandbox.BUBBLEWRAP:
            _pending = runner.start(job, os_sandbox.BUBBLEWRAP)
    except Exception:  # noqa: BLE001 - a head start only: the ordinary path reports any problem
        _pending = None
    return True


def take(job: runner.Job) -> runner.Started | None:
    """The child started early for `job`, or None (an early child for another job is stopped)."""
    global _pending
    started, _pending = _pending, None
    if started is None:
        return None
    if started.job != job:
        started.stop()
        return None
    return started


def _job(exercise_id: str) -> runner.Job | None:
    from ldl.curriculum.raw import read_exercise
    from ldl.grading import runner
    from ldl.workspace import find_workspace

    workspace = find_workspace()
    exercise = read_exercise(exercise_id)
    if workspace is None or exercise is None:
        return None
    learner_file = exercise.learner_path(workspace)
    if not learner_file.is_file():  # the check will write the starter first: no head start
        return None
    used = {}
    for used_id in exercise.uses:
        used[used_id] = read_exercise(used_id)
        if used[used_id] is None:
            return None
    return runner.job_for(exercise, learner_file, used.__getitem__, workspace)


@atexit.register
def _stop_untaken() -> None:
    global _pending
    if _pending is not None:
        _pending.stop()
        _pending = None
