"""Limits: code that never ends is stopped within the budget + 2 s, leaving no process behind;
memory and output hogs are stopped too; ldl's own faults are grader_error, never the learner's."""

from __future__ import annotations

import errno
import time

import pytest
from grading_kit import CORRECT, FAST_LIMITS, make_job

from ldl.grading import runner
from ldl.grading.runner import grade
from ldl.grading.sandbox import Limits
from ldl.grading.verdicts import Verdict

LOOPS = {
    "a busy loop": "while True:\n    pass\n",
    "a sleep loop": "import time\nwhile True:\n    time.sleep(0.01)\n",
    "a loop that catches BaseException": (
        "import time\nwhile True:\n    try:\n        time.sleep(10)\n    except BaseException:\n"
        "        pass\n"
    ),
    "a loop that ignores SIGTERM and SIGINT": (
        "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "while True:\n    pass\n"
    ),
    "a child process that outlives it": (
        # fork_exec is what subprocess uses underneath; it raises no audit event, so it gets through.
        "import os, sys\nspawn = sys.modules['_posixsubprocess'].fork_exec\nread, write = os.pipe()\n"
        "spawn(['/bin/sh', '-c', 'sleep 60 & sleep 60'], [b'/bin/sh'], True, (write,), None, None,"
        " -1, -1, -1, -1, -1, -1, read, write, False, True, -1, None, None, None, -1, None, False)\n"
        "print('spawned a shell in a new session')\n"
        "while True:\n    pass\n"
    ),
    "deep recursion that catches RecursionError": (
        "import sys\nsys.setrecursionlimit(100000)\ndef dive(n):\n    try:\n        return dive(n + 1)\n"
        "    except RecursionError:\n        return dive(n + 1)\n"
        "def scale(x, factor):\n    return dive(0)\n\ndef total(x):\n    return dive(0)\n"
    ),
    "a long numpy call": (
        "import numpy as np\n\ndef scale(x, factor):\n    a = np.random.default_rng(0).random((2500, 2500))\n"
        "    for _ in range(100):\n        np.linalg.svd(a)\n    return x\n\ndef total(x):\n    return 0.0\n"
    ),
}


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_endless_code_is_stopped_in_time_as_a_timeout(tmp_path, name):
    limits = Limits(wall_seconds=1.0, memory_mb=600, setup_seconds=30)
    # "subprocess" in requires: its _posixsubprocess is then loaded before the fence (as torch does).
    job = make_job(tmp_path, LOOPS[name], limits=limits, requires=("numpy", "subprocess"))
    started = time.monotonic()
    result = grade(job)
    elapsed = time.monotonic() - started
    assert result.verdict is Verdict.TIMEOUT, result.feedback
    if name == "a child process that outlives it":
        assert "spawned a shell" in result.output  # the escape worked; the fixture checks it was killed
    setup_allowance = 1.0  # starting Python and importing numpy, before the budget starts
    assert elapsed <= limits.wall_seconds + setup_allowance + 2.0, elapsed
    # the autouse fixture in conftest.py asserts that no process survived


def test_a_memory_hog_is_stopped_as_memory_limit(tmp_path):
    hog = (
        "import time\nimport numpy as np\nheap = []\n"
        "while True:\n    heap.append(np.ones(2_000_000))\n    time.sleep(0.005)\n"
    )
    result = grade(make_job(tmp_path, hog, limits=Limits(wall_seconds=5, memory_mb=150)))
    assert result.verdict is Verdict.MEMORY_LIMIT, result.feedback


def test_one_huge_allocation_is_a_memory_limit_too(tmp_path):
    huge = (
        "import numpy as np\n\ndef scale(x, factor):\n    return np.ones((10**6, 10**5))\n\n"
        "def total(x):\n    return 0.0\n"
    )
    result = grade(make_job(tmp_path, huge, limits=Limits(wall_seconds=5, memory_mb=150)))
    assert result.verdict is Verdict.MEMORY_LIMIT, result.feedback


def test_a_flood_of_output_is_stopped_as_output_limit(tmp_path):
    flood = "import sys\nwhile True:\n    sys.stdout.write('spam ' * 1000 + '\\n')\n"
    result = grade(make_job(tmp_path, flood))
    assert result.verdict is Verdict.OUTPUT_LIMIT, result.feedback
    assert len(result.feedback.encode()) <= 64 * 1024


def test_a_missing_check_file_is_a_grader_error(tmp_path):
    job = make_job(tmp_path, CORRECT)
    job.checks_file.unlink()
    assert grade(job).verdict is Verdict.GRADER_ERROR


def test_a_failing_reference_solution_is_a_grader_error(tmp_path):
    broken = "def scale(x, factor):\n    raise RuntimeError('bug in ldl')\n\ndef total(x):\n    return 0.0\n"
    result = grade(make_job(tmp_path, CORRECT, solution=broken))
    assert result.verdict is Verdict.GRADER_ERROR
    assert not result.verdict.counts_as_attempt


def test_checks_that_crash_are_a_grader_error(tmp_path):
    result = grade(
        make_job(tmp_path, CORRECT, checks="def cases():\n    raise ValueError('broken checks')\n")
    )
    assert result.verdict is Verdict.GRADER_ERROR
    assert "broken checks" in result.feedback


@pytest.mark.parametrize("limits", [Limits(0, 100), Limits(5, -1), Limits(5, 100, output_bytes=0)])
def test_bad_limits_are_a_grader_error(tmp_path, limits):
    assert grade(make_job(tmp_path, CORRECT, limits=limits)).verdict is Verdict.GRADER_ERROR


def test_a_full_disk_is_a_grader_error(tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(runner.lifecycle, "run_folder", full_disk)
    result = grade(make_job(tmp_path, CORRECT))
    assert result.verdict is Verdict.GRADER_ERROR
    assert "No space left" in result.feedback


def test_a_requirement_that_cannot_be_imported_is_a_grader_error(tmp_path):
    job = make_job(tmp_path, CORRECT, requires=("numpy", "no_such_module_anywhere"))
    assert grade(job).verdict is Verdict.GRADER_ERROR


def test_fast_limits_are_what_the_kit_uses():
    assert FAST_LIMITS.wall_seconds <= 2  # the corpus must stay quick


def test_an_orphan_with_a_cleared_environment_is_killed_too(tmp_path):
    """setsid + double fork + an empty environment: no process group, no token. On Linux the harness
    is a child subreaper, so the orphan stays in the tree the parent kills."""
    import psutil

    marker = "61.4142"  # a unique sleep length, to find the process by its command line
    source = (
        "import os, sys\nspawn = sys.modules['_posixsubprocess'].fork_exec\nread, write = os.pipe()\n"
        f"spawn(['/bin/sh', '-c', 'setsid sleep {marker} &'], [b'/bin/sh'], True, (write,), None, [],"
        " -1, -1, -1, -1, -1, -1, read, write, False, True, -1, None, None, None, -1, None, False)\n"
        "while True:\n    pass\n"
    )
    limits = Limits(wall_seconds=1.0, memory_mb=600, setup_seconds=30)
    result = grade(make_job(tmp_path, source, limits=limits, requires=("numpy", "subprocess")))
    assert result.verdict is Verdict.TIMEOUT

    def orphans():
        return [p for p in psutil.process_iter(["cmdline"]) if marker in " ".join(p.info["cmdline"] or [])]

    deadline = time.monotonic() + 2
    while orphans() and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = orphans()
    for process in survivors:
        process.kill()
    assert not survivors


def test_a_slow_known_mistake_never_turns_a_pass_into_a_grader_error(tmp_path):
    job = make_job(tmp_path, CORRECT)
    slow = "import time\n\ndef scale(x, factor):\n    time.sleep(30)\n\ndef total(x):\n    time.sleep(30)\n"
    (job.mistakes_dir / "slow.py").write_text('"""A slow mistake."""\n' + slow)
    result = grade(job)
    assert result.verdict is Verdict.PASS, result.feedback


def test_ctrl_c_in_the_parent_stops_the_children_at_once(tmp_path):
    import threading

    from ldl.grading import sandbox

    job = make_job(tmp_path, LOOPS["a busy loop"], limits=Limits(wall_seconds=60, memory_mb=300))
    cancel = threading.Event()
    threading.Timer(0.8, cancel.set).start()
    started = time.monotonic()
    workdir = tmp_path / "sandbox"
    workdir.mkdir()
    run = sandbox.run_child(runner._learner_config(job), job.limits, workdir, cancel)
    assert run.status == "cancelled"
    assert time.monotonic() - started < 5
