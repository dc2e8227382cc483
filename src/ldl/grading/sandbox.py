"""Run one sandbox child and watch it: wall clock, memory, output, and a clean kill.

`run_child(config, limits, workdir)` starts `harness.py` as `python -I` in a new session (so a new
process group) with `workdir` as its working directory, hands it `config` on stdin, and then
polls every `POLL_SECONDS`. A `command` prefix wraps the interpreter in an OS sandbox
(`os_sandbox.py`: bubblewrap); the supervision below is the same either way:

- the results pipe (one JSON line per message, see harness.py) and the merged stdout/stderr;
- the wall clock: `limits.setup_seconds` until the child says `ready`, then `limits.wall_seconds`;
- memory: the resident set of the child and all its descendants, against the footprint the child
  reported at `ready` plus `limits.memory_mb`;
- output: more than `limits.output_bytes` printed ends the run.

However the run ends, `kill_tree` SIGKILLs the process group, every descendant seen while polling
or present at the end (on Linux the harness is a "child subreaper", so even orphans that called
`setsid` stay its descendants), and every process carrying this run's environment token, so
nothing the exercise code started survives it.
"""

from __future__ import annotations

import json
import os
import secrets
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

HARNESS = Path(__file__).with_name("harness.py")
POLL_SECONDS = 0.02
MEMFD_EVERY = 5  # polls between two looks at the anonymous memory files a child holds
TOKEN_VARIABLE = "LDL_SANDBOX_TOKEN"
ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")


@dataclass(frozen=True)
class Limits:
    """What one child may use. Times in seconds, sizes as named."""

    wall_seconds: float  # from `ready` (trusted set-up done) to the last result
    memory_mb: float  # resident memory above the footprint at `ready`
    output_bytes: int = 2**20  # what the code may print (stdout and stderr together)
    setup_seconds: float = 60.0  # trusted imports before `ready` (torch alone takes ~2 s)
    results_bytes: int = 64 * 2**20  # the results pipe, values included
    address_space_factor: float = 4.0  # RLIMIT_AS headroom = factor x memory, a backstop only

    def validate(self) -> None:
        """Raise ValueError for limits no run could meet (a grader fault, never the learner's)."""
        numbers = (
            self.wall_seconds,
            self.memory_mb,
            self.output_bytes,
            self.setup_seconds,
            self.results_bytes,
        )
        if not all(isinstance(n, (int, float)) and n > 0 for n in numbers):
            raise ValueError(f"limits must all be positive numbers, got {self}")


@dataclass
class ChildRun:
    """What the parent saw of one child. `messages` are parsed result lines, in order."""

    status: (
        str  # finished | timeout | memory_limit | output_limit | setup_timeout | results_limit | cancelled
    )
    messages: list[dict] = field(default_factory=list)
    malformed_lines: int = 0
    output: bytes = b""
    output_truncated: bool = False
    returncode: int | None = None
    seconds_after_ready: float = 0.0
    peak_memory_mb: float = 0.0

    @property
    def ready(self) -> dict | None:
        first = self.messages[0] if self.messages else None
        return first if first and first.get("ready") is True else None


def child_environment(token: str, workdir: Path | str) -> dict[str, str]:
    """The parent's environment, one thread per numeric library, a temp dir inside the sandbox."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update({name: "1" for name in ONE_THREAD})
    env.update({TOKEN_VARIABLE: token, "TMPDIR": str(workdir), "MPLBACKEND": "Agg"})
    return env


def run_child(
    config: dict,
    limits: Limits,
    workdir: Path,
    cancel: threading.Event | None = None,
    command: list[str] | None = None,
    inner_workdir: str | None = None,
) -> ChildRun:
    """Start the harness with `config` and supervise it until it ends, breaks a limit, or `cancel`
    is set (Ctrl-C, SIGTERM or SIGHUP in the grading parent).

    `command` replaces `python -I harness.py` (an OS sandbox around the interpreter, which then
    sees its working folder as `inner_workdir`)."""
    token = secrets.token_hex(12)
    read_fd, write_fd = os.pipe()
    config = {**config, "results_fd": write_fd}
    if limits.address_space_factor:
        config["address_space_bytes"] = int(limits.memory_mb * limits.address_space_factor * 2**20) + 2**30
    env = child_environment(token, inner_workdir or workdir)
    if inner_workdir:
        env["HOME"] = inner_workdir
    process = subprocess.Popen(
        command or [sys.executable, "-I", str(HARNESS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=workdir,
        env=env,
        pass_fds=(write_fd,),
        start_new_session=True,
    )
    os.close(write_fd)
    watcher = _Watcher(process, read_fd, limits, token, cancel)
    try:
        _send_config(process, config)
        return watcher.watch()
    finally:
        watcher.close()


def _send_config(process: subprocess.Popen, config: dict) -> None:
    try:
        process.stdin.write(json.dumps(config).encode())
        process.stdin.close()
    except BrokenPipeError:
        pass  # the child died at once; the watcher reports what it saw


class _Watcher:
    """The polling loop of one child, split into small steps."""

    def __init__(self, process, read_fd: int, limits: Limits, token: str, cancel: threading.Event | None):
        self.process, self.limits, self.token, self.cancel = process, limits, token, cancel
        self.results_fd, self.output_fd = read_fd, process.stdout.fileno()
        self.selector = selectors.DefaultSelector()
        for fd in (self.results_fd, self.output_fd):
            os.set_blocking(fd, False)
            self.selector.register(fd, selectors.EVENT_READ)
        self.buffers = {self.results_fd: bytearray(), self.output_fd: bytearray()}
        self.run = ChildRun(status="finished")
        self.seen: dict[int, psutil.Process] = {}
        self.started = time.monotonic()
        self.ready_at: float | None = None
        self.memory_base = 0
        self.exited_at: float | None = None
        self.polls, self.memfd_bytes = 0, 0

    def watch(self) -> ChildRun:
        status = None
        while status is None:
            self._read_available(POLL_SECONDS)
            status = self._broken_limit() or self._finished()
        self.run.status = status
        now = time.monotonic()
        self.run.seconds_after_ready = now - self.ready_at if self.ready_at else 0.0
        kill_tree(self.process, self.seen.values(), self.token)
        self._read_available(0)  # whatever was written before the kill
        self._parse_results(final=True)
        self.run.returncode = self.process.wait()
        self._keep_output()
        return self.run

    def _read_available(self, timeout: float) -> None:
        for key, _ in self.selector.select(timeout):
            try:
                chunk = os.read(key.fd, 1 << 16)
            except BlockingIOError:
                continue
            if chunk:
                self.buffers[key.fd] += chunk
            else:
                self.selector.unregister(key.fd)
        self._parse_results(final=False)

    def _parse_results(self, final: bool) -> None:
        buffer = self.buffers[self.results_fd]
        *lines, rest = bytes(buffer).split(b"\n")
        if final and rest:
            lines, rest = [*lines, rest], b""
        self.buffers[self.results_fd] = bytearray(rest)
        for line in lines:
            self._accept(line)

    def _accept(self, line: bytes) -> None:
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            self.run.malformed_lines += 1
            return
        if not isinstance(message, dict):
            self.run.malformed_lines += 1
            return
        if not self.run.messages and message.get("ready") is True and isinstance(message.get("rss"), int):
            self.ready_at = time.monotonic()
            self.memory_base = message["rss"] + self._wrapper_rss()
        self.run.messages.append(message)

    def _broken_limit(self) -> str | None:
        now, limits = time.monotonic(), self.limits
        if self.cancel is not None and self.cancel.is_set():
            return "cancelled"
        if self.ready_at is None and now - self.started > limits.setup_seconds:
            return "setup_timeout"
        if self.ready_at is not None and now - self.ready_at > limits.wall_seconds:
            return "timeout"
        if len(self.buffers[self.output_fd]) > limits.output_bytes:
            return "output_limit"
        if len(self.buffers[self.results_fd]) > limits.results_bytes:
            return "results_limit"
        if self.ready_at is not None and self._memory_mb() > limits.memory_mb:
            return "memory_limit"
        return None

    def _wrapper_rss(self) -> int:
        """The resident memory of the sandbox's own processes (bwrap), part of the base."""
        total = 0
        try:
            family = [psutil.Process(self.process.pid), *psutil.Process(self.process.pid).children(True)]
            for member in family:
                if member.name() == "bwrap":
                    total += member.memory_info().rss
        except psutil.Error:
            pass
        return total

    def _memory_mb(self) -> float:
        """Resident memory of the child and its descendants above the footprint at `ready`."""
        total = 0
        try:
            root = psutil.Process(self.process.pid)
            family = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0.0
        self.polls += 1
        if self.polls % MEMFD_EVERY == 1:  # every 100 ms: a directory scan per process costs more
            self.memfd_bytes = sum(_memfd_bytes(member.pid) for member in family)
        total += self.memfd_bytes
        for member in family:
            self.seen.setdefault(member.pid, member)
            try:
                total += member.memory_info().rss
            except psutil.Error:
                continue
        used = (total - self.memory_base) / 2**20
        self.run.peak_memory_mb = max(self.run.peak_memory_mb, used)
        return used

    def _finished(self) -> str | None:
        if self.process.poll() is None:
            return None
        if self.selector.get_map():  # pipes still open: give a lingering writer a moment
            self._read_available(POLL_SECONDS)
            self.exited_at = self.exited_at or time.monotonic()
            if self.selector.get_map() and time.monotonic() - self.exited_at < 0.2:
                return None
        return "finished"

    def _keep_output(self) -> None:
        output = bytes(self.buffers[self.output_fd])
        self.run.output_truncated = len(output) > self.limits.output_bytes
        self.run.output = output[: self.limits.output_bytes]

    def close(self) -> None:
        self.selector.close()
        os.close(self.results_fd)
        if self.process.stdout:
            self.process.stdout.close()
        if self.process.poll() is None:
            kill_tree(self.process, self.seen.values(), self.token)
            self.process.wait()


def _memfd_bytes(pid: int) -> int:
    """Bytes held in anonymous memory files (`os.memfd_create`) that a process keeps open: RAM
    that the resident set does not show until it is mapped. Linux only; 0 elsewhere."""
    total, folder = 0, f"/proc/{pid}/fd"
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        try:
            if os.readlink(f"{folder}/{name}").startswith("/memfd:"):
                total += os.stat(f"{folder}/{name}").st_size
        except OSError:
            continue
    return total


def kill_tree(process: subprocess.Popen, seen, token: str) -> None:
    """SIGKILL the child's process group, every descendant seen, and every process with `token`."""
    victims = {member.pid: member for member in seen}
    try:
        victims.update({p.pid: p for p in psutil.Process(process.pid).children(recursive=True)})
    except psutil.Error:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    victims.update({p.pid: p for p in _carrying_token(token)})
    for member in victims.values():
        try:
            member.kill()
        except psutil.Error:
            continue
    _wait_gone([m for m in victims.values() if m.pid != process.pid], timeout=1)


def _wait_gone(processes: list[psutil.Process], timeout: float) -> None:
    """Wait until each process is gone or a zombie. (Sandboxed processes are not our children:
    they stay zombies until their own parent reaps them, so waiting for them to vanish, as
    psutil.wait_procs does, would always take the whole timeout.)"""
    deadline = time.monotonic() + timeout
    while processes and time.monotonic() < deadline:
        processes = [member for member in processes if _running(member)]
        if processes:
            time.sleep(0.005)


def _running(member: psutil.Process) -> bool:
    try:
        return member.is_running() and member.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _carrying_token(token: str) -> list[psutil.Process]:
    """Processes of this user whose environment carries the run's token (fast: /proc on Linux)."""
    found = []
    me = os.getuid()
    for candidate in psutil.process_iter():
        try:
            if candidate.uids().real != me:
                continue
            if candidate.environ().get(TOKEN_VARIABLE) == token:
                found.append(candidate)
        except psutil.Error:
            continue
    return found
