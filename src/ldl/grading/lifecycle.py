"""However a grading ends, nothing is left behind: no process, no temporary folder.

Three ways out besides a normal end, and what happens on each:

- **Ctrl-C (SIGINT), SIGTERM, SIGHUP (the terminal closed).** While a grading runs,
  `signals_stop_grading()` turns SIGTERM and SIGHUP into a `GradingStopped` exception in the main
  thread, as Python already does for SIGINT with `KeyboardInterrupt`. The runner then stops both
  children (killing a bubblewrap sandbox's first process ends its whole PID namespace), the run
  folder is removed, and `redeliver()` sends the signal again with its default action, so the
  caller dies of it exactly as it would have without ldl (exit status included).
- **SIGKILL of the grading parent.** Nothing runs in the parent. The children die anyway: the
  kernel kills them when their parent dies (bubblewrap's `--die-with-parent`; the fence's harness
  asks for the same with `PR_SET_PDEATHSIG`). The run folder stays, and the next grading removes
  it: every run works in `<tmp>/ldl-grading-<uid>/<pid>-<random>/`, and `run_folder()` first
  deletes the folders of runs whose process is gone.
- **An error in ldl.** The `finally` clauses below still run.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class GradingStopped(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error
    """SIGTERM or SIGHUP arrived during a grading; the children are stopped, then it propagates."""

    def __init__(self, signum: int):
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


def runs_root() -> Path:
    """The folder that holds every grading's run folder for this user."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"ldl-grading-{uid}"


@contextlib.contextmanager
def run_folder() -> Iterator[Path]:
    """A fresh folder for one grading, removed afterwards; leftovers of dead runs go first."""
    root = runs_root()
    root.mkdir(mode=0o700, exist_ok=True)
    sweep_dead_runs(root)
    folder = root / f"{os.getpid()}-{secrets.token_hex(6)}"
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_dead_runs(root: Path) -> list[Path]:
    """Remove the run folders whose grading process no longer exists; return what was removed."""
    removed = []
    for entry in root.iterdir() if root.is_dir() else ():
        owner = entry.name.split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process with that number: leave the folder alone
    return True


@contextlib.contextmanager
def signals_stop_grading() -> Iterator[None]:
    """In the main thread, SIGTERM and SIGHUP raise `GradingStopped` while the block runs (unless
    the program installed handlers of its own, which then keep working as before)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise_stopped(signum: int, frame) -> None:
    raise GradingStopped(signum)


def redeliver(stopped: GradingStopped) -> None:
    """Die of the signal that stopped the grading, with its default action."""
    signal.signal(stopped.signum, signal.SIG_DFL)
    os.kill(os.getpid(), stopped.signum)
