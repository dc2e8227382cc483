"""The audit hook that fences the learner's code in, installed inside the sandbox child.

`sys.addaudithook` lets us veto what Python code asks the interpreter to do. After the trusted
imports (numpy or torch, the checks, the harness) and before the learner's module is imported,
the harness installs `install(policy)`, which refuses:

- network: every `socket.*` event (connect, bind, sendto, DNS look-ups...);
- new processes: `os.fork`, `os.system`, `os.exec*`, `os.posix_spawn`, `subprocess.Popen`...;
- native code: every `ctypes.*` event (loading a library, calling into one);
- signals to other processes (`os.kill` of anyone but itself);
- opening files under the protected paths (ldl's package and content tree, the reference
  solution, the learner's progress store) or any other process's `/proc/<pid>`;
- writing, renaming or deleting anything outside the sandbox's temporary working directory;
- importing the modules that would undo the above (`ctypes`, `subprocess`, `socket`...).

A refusal raises `PermissionError`, which the learner's code sees as an ordinary exception. This
is a fence for honest mistakes and curious experiments, not a boundary: it lives in the learner's
own interpreter, so plain Python can switch it off (the tamper corpus finds the `Policy` through
`gc`), and `os.open(..., dir_fd=...)`, hard links or `_posixsubprocess` get around checks made on
path strings and events. On Linux the learner's code therefore runs inside bubblewrap
(`os_sandbox.py`), where the protected files are not there at all and this fence only keeps its
clear messages; where bubblewrap is unavailable it is the fallback, and the verdict says so.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable

REFUSED_PREFIXES = ("socket.", "ctypes.", "subprocess.", "os.exec", "os.spawn", "os.posix_spawn", "winreg.")
REFUSED_EVENTS = frozenset(
    {"os.fork", "os.forkpty", "os.system", "os.startfile", "pty.spawn", "sqlite3.connect", "webbrowser.open"}
)
REFUSED_IMPORTS = frozenset(
    {
        "ctypes",
        "_ctypes",
        "subprocess",
        "_posixsubprocess",
        "multiprocessing",
        "socket",
        "_socket",
        "pty",
        "sqlite3",
        "_sqlite3",
        "ssl",
        "_ssl",
        "asyncio",
        "urllib.request",
        "http.client",
    }
)
# Events whose first argument is a path that will be changed: allowed only inside the sandbox.
CHANGING_EVENTS = frozenset(
    {
        "os.remove",
        "os.rename",
        "os.rmdir",
        "os.truncate",
        "os.chmod",
        "os.chown",
        "os.link",
        "os.symlink",
        "os.mkdir",
        "os.utime",
        "os.chflags",
        "shutil.rmtree",
        "shutil.move",
        "shutil.copyfile",
    }
)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Policy:
    """What the hook allows: which paths are protected, where writes may go."""

    def __init__(self, protected: Iterable[str], writable: Iterable[str]):
        self.protected = tuple(os.path.realpath(p) for p in protected)
        self.writable = tuple(os.path.realpath(p) for p in writable)
        self.own_proc = (f"/proc/{os.getpid()}", "/proc/self", "/proc/thread-self")

    def check(self, event: str, args: tuple) -> None:
        """Raise PermissionError if `event` must not happen."""
        if event in REFUSED_EVENTS or event.startswith(REFUSED_PREFIXES):
            raise PermissionError(f"ldl's grader does not allow {event} in exercise code")
        if event in ("os.kill", "os.killpg") and args and args[0] not in (0, os.getpid()):
            raise PermissionError("ldl's grader does not allow signalling other processes")
        if event == "import" and args and args[0] in REFUSED_IMPORTS and args[0] not in sys.modules:
            raise PermissionError(f"ldl's grader does not allow importing {args[0]} in exercise code")
        if event == "open" and args:
            self._check_open(args[0], args[1] if len(args) > 1 else None, args[2] if len(args) > 2 else 0)
        elif event in CHANGING_EVENTS and args:
            self._check_write(args[0])

    def _check_open(self, path: object, mode: object, flags: object) -> None:
        if not isinstance(path, (str, bytes, os.PathLike)):
            return  # an already-open file descriptor
        real = _real(path)
        if _under(real, self.protected):
            raise PermissionError(f"exercise code may not open {os.fspath(path)!r}")
        if real.startswith("/proc/") and real.split("/")[2].isdigit() and not _under(real, self.own_proc):
            raise PermissionError("exercise code may not look into other processes")
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & WRITE_FLAGS
        )
        if writing:
            self._check_write(path)

    def _check_write(self, path: object) -> None:
        if not isinstance(path, (str, bytes, os.PathLike)):
            return
        real = _real(path)
        if real != os.devnull and not _under(real, self.writable):
            raise PermissionError(f"exercise code may only write inside its working folder, not {real!r}")


def _real(path: str | bytes | os.PathLike) -> str:
    text = os.fsdecode(os.fspath(path))
    return os.path.realpath(text)


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def install(policy: Policy) -> None:
    """Install the hook for the rest of this process's life (audit hooks cannot be removed)."""
    state = threading.local()  # per thread: realpath and friends may raise events of their own

    def hook(event: str, args: tuple) -> None:
        if getattr(state, "busy", False):
            return
        state.busy = True
        try:
            policy.check(event, args)
        finally:
            state.busy = False

    sys.addaudithook(hook)
