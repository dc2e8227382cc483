"""`ldl watch` in a real terminal (a pseudo-terminal): single keys act at once, and the terminal
is put back as it was however watch ends."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time

import pytest

from ldl.curriculum.items import get_exercise


def _in_child(slave: int):
    def setup() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a backgrounded pytest passes SIGINT ignored
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)  # the pty becomes the child's terminal

    return setup


class Screen:
    """What the child wrote to the terminal, read as it comes."""

    def __init__(self, master: int):
        self.master, self.text = master, ""

    def wait_for(self, pattern: str, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while not re.search(pattern, self.plain):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {pattern!r}; the screen held:\n{self.plain[-3000:]}")
            if select.select([self.master], [], [], min(left, 0.5))[0]:
                try:
                    self.text += os.read(self.master, 65536).decode("utf-8", errors="replace")
                except OSError:  # the child closed the terminal
                    time.sleep(0.1)

    @property
    def plain(self) -> str:
        return " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.text).split())


def _start_watch(workspace, keys_env=None):
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    env = {**os.environ, "LDL_HOME": str(workspace), "COLUMNS": "100", "TERM": "xterm"}
    child = subprocess.Popen(
        [sys.executable, "-m", "ldl", "watch", "stable_softmax", "--poll", "0.2"],
        stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=_in_child(slave), close_fds=True,
    )  # fmt: skip
    return master, slave, before, child


@pytest.mark.parametrize("ending", ["q", "sigterm"])
def test_watch_takes_single_keys_and_restores_the_terminal(workspace, ending):
    exercise = get_exercise("stable_softmax")
    master, slave, before, child = _start_watch(workspace)
    screen = Screen(master)
    try:
        screen.wait_for(r"FAIL|ERROR")  # the first check, of the untouched starter
        screen.wait_for(r"Keys: h hint, s show, c check, q quit")
        during = termios.tcgetattr(slave)
        assert not during[3] & termios.ICANON and not during[3] & termios.ECHO  # single keys, no echo
        os.write(master, b"s")
        screen.wait_for(re.escape(exercise.title) + r".*To implement")
        os.write(master, b"h")
        screen.wait_for(r"Hint 1 of \d+ .*" + re.escape(" ".join(exercise.hints[0].split())[:40]))
        if ending == "q":
            os.write(master, b"q")
        else:
            child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == (0 if ending == "q" else 128 + signal.SIGTERM)
        if ending == "q":
            screen.wait_for("Stopped watching")
        after = termios.tcgetattr(slave)
        assert after[3] == before[3]  # echo and line mode back as they were
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
        os.close(slave)
