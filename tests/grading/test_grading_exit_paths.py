"""Every way out of `ldl check` and `ldl watch`, through a real terminal (a pty): nothing survives.

The learner's file loops forever, so the grading is in full swing when the test acts: Ctrl-C
typed into the terminal, SIGTERM, the terminal closed (SIGHUP), or SIGKILL of the ldl process.
Afterwards, within about two seconds, no process of the check may be alive (found both by the
sandbox's environment token and as recorded descendants of the ldl process), and the run folder
must be gone. After SIGKILL nothing in ldl runs: the kernel ends the sandboxes (bubblewrap's
--die-with-parent, PR_SET_PDEATHSIG under the fence), and the next grading removes the folder.
"""

from __future__ import annotations

import os
import pty
import signal
import sys
import time
from pathlib import Path

import psutil
import pytest
from grading_kit import CORRECT, make_job, sandbox_processes

from ldl.curriculum.items import get_exercise
from ldl.grading import lifecycle, os_sandbox
from ldl.grading.runner import grade
from ldl.workspace import MARKER

EXERCISE = "logsumexp"  # a 10 s budget: the signal always lands while the learner's code runs
LOOPING = "def logsumexp(x, axis=None, keepdims=False):\n    while True:\n        pass\n"
LDL = Path(sys.executable).with_name("ldl")
SANDBOXES = ["bwrap", "fence"] if os_sandbox.available() else ["fence"]


def start_in_pty(tmp_path: Path, command: str, sandbox: str, source: str = LOOPING) -> tuple[int, int]:
    """Start `ldl <command> logsumexp` as the session leader of a new pty; return (pid, master fd)."""
    root = tmp_path / "workspace"
    learner = root / "exercises" / get_exercise(EXERCISE).stage_dir / f"{EXERCISE}.py"
    learner.parent.mkdir(parents=True)
    (root / MARKER).write_text("schema_version = 1\n")
    learner.write_text(source)
    env = {**os.environ, "LDL_HOME": str(root), "LDL_SANDBOX": sandbox, "COLUMNS": "100"}
    pid, master = pty.fork()
    if pid == 0:  # the child: a fresh terminal session; SIGINT as a terminal delivers it
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execve(str(LDL), [str(LDL), command, EXERCISE], env)
    return pid, master


def wait_for_sandboxes(pid: int, timeout: float = 60) -> dict[int, psutil.Process]:
    """Wait until the learner's code runs; return every descendant of the ldl process seen."""
    seen: dict[int, psutil.Process] = {}
    deadline, running_since = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            seen.update({p.pid: p for p in psutil.Process(pid).children(recursive=True)})
        except psutil.Error:
            break
        if sandbox_processes() and running_since is None:
            running_since = time.monotonic()
        if running_since is not None and time.monotonic() - running_since > 1.0:
            return seen
        time.sleep(0.05)
    raise AssertionError("the grading never started")


def drain(master: int) -> bytes:
    """Read what the terminal shows (so ldl never blocks on a full pty)."""
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return output
        if not chunk:
            return output
        output += chunk


def reap(pid: int, timeout: float = 20) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def assert_nothing_survives(seen: dict[int, psutil.Process]) -> None:
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        alive = [p for p in seen.values() if _alive(p)] + sandbox_processes()
        if not alive:
            return
        time.sleep(0.05)
    raise AssertionError(f"processes of the check survived: {alive}")


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def run_folders(pid: int) -> list[Path]:
    root = lifecycle.runs_root()
    return [p for p in root.iterdir() if p.name.startswith(f"{pid}-")] if root.is_dir() else []


def end_it(pid: int, master: int, how: str) -> None:
    if how == "ctrl-c":
        os.write(master, b"\x03")
    elif how == "sigterm":
        os.kill(pid, signal.SIGTERM)
    elif how == "sighup":
        os.close(master)  # the terminal goes away: the kernel hangs up on its session
    elif how == "sigkill":
        os.kill(pid, signal.SIGKILL)


def exit_path(tmp_path: Path, command: str, how: str, sandbox: str) -> int | None:
    pid, master = start_in_pty(tmp_path, command, sandbox)
    try:
        seen = wait_for_sandboxes(pid)
        assert run_folders(pid), "the grading works in a run folder"
        end_it(pid, master, how)
        status = reap(pid)
    finally:
        if how != "sighup":
            drain_and_close(master)
    assert status is not None, f"`ldl {command}` did not end after {how}"
    assert_nothing_survives(seen)
    if how == "sigkill":  # nothing in ldl ran: the folder stays until a grading (any) sweeps it
        grade(make_job(tmp_path / "next", CORRECT))  # the next grading sweeps the dead run's folder
    assert not run_folders(pid)
    return status


def drain_and_close(master: int) -> None:
    os.set_blocking(master, False)
    try:
        drain(master)
    finally:
        os.close(master)


# The default suite runs each way out once; `-m slow` runs every combination.
FAST = {("bwrap", "check", "ctrl-c"), ("bwrap", "check", "sigkill"), ("bwrap", "watch", "sighup")}
FAST |= {("fence", "check", "sigterm")}
if SANDBOXES == ["fence"]:  # no bubblewrap here: the fence takes every fast path
    FAST |= {("fence", command, how) for _, command, how in FAST}
PATHS = [
    pytest.param(sandbox, command, how, marks=() if (sandbox, command, how) in FAST else pytest.mark.slow)
    for sandbox in SANDBOXES
    for command in ("check", "watch")
    for how in ("ctrl-c", "sigterm", "sighup", "sigkill")
]


@pytest.mark.parametrize(("sandbox", "command", "how"), PATHS)
def test_no_survivors(tmp_path, sandbox, command, how):
    status = exit_path(tmp_path, command, how, sandbox)
    if how == "sigterm":  # ldl cleans up, then dies of the signal (or exits 128 + 15, as watch does)
        by_signal = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
        assert by_signal or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + signal.SIGTERM)


def test_a_normal_end_leaves_nothing(tmp_path):
    solution = get_exercise(EXERCISE).solution_path.read_text()
    pid, master = start_in_pty(tmp_path, "check", "auto", solution)
    seen: dict[int, psutil.Process] = {}
    output = b""
    while True:
        try:
            seen.update({p.pid: p for p in psutil.Process(pid).children(recursive=True)})
        except psutil.Error:
            pass
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    status = reap(pid)
    os.close(master)
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, output.decode()
    assert b"sandbox:" in output
    assert_nothing_survives(seen)
    assert not run_folders(pid)
