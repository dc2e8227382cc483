"""Single keys in a terminal, for `ldl watch` (h: hint, s: show, c or Enter: check, q: quit).

A terminal normally hands a program whole lines, after Enter. `single_keys()` switches it to
"cbreak" mode, where each key arrives as it is typed and is not echoed (Ctrl-C still interrupts),
and always switches it back: on a normal exit, on an exception, on Ctrl-C, and on SIGTERM or
SIGHUP (turned into `SystemExit` so that the `finally` runs). A terminal left in cbreak mode would
swallow what the learner types next, so this matters.

When stdin is not a terminal (a pipe, a test runner, an editor's task) `single_keys()` yields None
and the caller simply waits, as it did before keys existed.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator, Mapping


class Quit(Exception):
    """The learner pressed q."""


class KeyReader:
    """Reads single keys from a file descriptor already in cbreak mode."""

    def __init__(self, fd: int):
        self.fd = fd

    def read(self, timeout_s: float) -> str | None:
        """The next key typed within `timeout_s` seconds, or None."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout_s, 0.0))
        if not ready:
            return None
        data = os.read(self.fd, 32)  # an arrow key sends several bytes at once: keep the first
        return data[:1].decode("utf-8", errors="replace") if data else "q"  # end of input: quit


@contextlib.contextmanager
def single_keys(stream=None) -> Iterator[KeyReader | None]:
    """Cbreak mode on `stream` (default: stdin) for the duration, restored on every exit path."""
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        interactive = os.isatty(fd)
    except (AttributeError, ValueError, OSError):  # e.g. a test runner's fake stdin
        interactive = False
    if not interactive or sys.platform == "win32":
        yield None
        return
    import termios
    import tty

    saved = termios.tcgetattr(fd)

    def leave(signum, frame):
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, leave) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        tty.setcbreak(fd)
        yield KeyReader(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def key_wait(keys: KeyReader | None, actions: Mapping[str, Callable[[], object]]) -> Callable[[float], None]:
    """A `sleep(seconds)` for a polling loop that, in a terminal, runs `actions[key]` for each key
    typed meanwhile (q raises `Quit`); without a terminal it is plain `time.sleep`."""
    if keys is None:
        return time.sleep

    def wait(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            key = keys.read(left)
            if key is None:
                return
            if key.lower() == "q":
                raise Quit
            action = actions.get(key.lower())
            if action is not None:
                action()

    return wait
