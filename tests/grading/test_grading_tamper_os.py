"""The tamper corpus, part two: attacks on the sandbox itself (issue 10, point 4).

Part one (test_grading_tamper.py) tries to fool the *verdict*. These attacks first switch the
audit-hook fence off from plain Python, then go for what the fence used to guard by path string:
the reference solution, the checks, the grader's code, the progress store, the parent process,
the machine. Each test's docstring names the weakness class it probes:

  (a) the fence lives inside the learner's own interpreter;
  (b) file protection by path string (other routes reach the same files);
  (c) the learner's process can reach the parent;
  (d) clean-up by snapshot, unbounded shared memory and disk;
  (e) signals to `ldl check` (tested through a real terminal in test_grading_exit_paths.py).

They run under bubblewrap only (`LDL_SANDBOX=bwrap`, so a broken sandbox is a grader error and
never a silent fallback: several of these would really damage files under the fence). Every
attack must end without `pass`, leave the exercise, the workspace and the grader's code
unchanged, and leave no process behind, including processes that scrubbed their environment.
"""

from __future__ import annotations

import hashlib
import socket
import time
import uuid
from pathlib import Path

import psutil
import pytest
from grading_kit import make_job

import ldl.grading
from ldl.grading import os_sandbox
from ldl.grading.runner import grade
from ldl.grading.verdicts import Verdict

pytestmark = pytest.mark.skipif(not os_sandbox.available(), reason="bubblewrap does not work here")

GRADER = Path(ldl.grading.__file__).parent
WRONG = "\ndef scale(x, factor):\n    return x * 0\n\ndef total(x):\n    return -1.0\n"
# (a) The fence's policy object is found through the garbage collector and told to allow anything.
BYPASS = (
    "import gc\nfor _o in gc.get_objects():\n    if type(_o).__name__ == 'Policy':\n"
    "        type(_o).check = lambda self, event, args: None\n"
)
# Attacks that spend time or memory may also be stopped by a limit; never `pass`, never ldl's fault.
NOT_PASS = (Verdict.FAIL, Verdict.ERROR, Verdict.TIMEOUT, Verdict.MEMORY_LIMIT, Verdict.OUTPUT_LIMIT)
STEAL = (
    "def _steal(path):\n    namespace = {}\n    exec(open(path).read(), namespace)\n"
    "    return namespace['scale'], namespace['total']\n"
)


def attack(tmp_path: Path, marker: str, body: str) -> str:
    """The attacker's file: the bypass, the known host paths, then `body`."""
    content, workspace = tmp_path / "content" / "tiny", tmp_path / "workspace"
    paths = (
        f"SOLUTION = {str(content / 'solution.py')!r}\nCHECKS = {str(content / 'checks.py')!r}\n"
        f"CONTENT = {str(content)!r}\nSTORE = {str(workspace / '.ldl' / 'progress.sqlite')!r}\n"
        f"GRADER = {str(GRADER)!r}\nMARKER = {marker!r}\n"
    )
    return BYPASS + "import os, sys, signal, time\n" + paths + STEAL + body


def fingerprint(tmp_path: Path) -> dict[str, str]:
    """Hashes of the exercise and the workspace (the learner's own file excepted)."""
    files = [p for p in sorted(tmp_path.rglob("*")) if p.is_file() and p.name != "tiny.py"]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def marked_processes(marker: str) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        command = " ".join(process.info["cmdline"] or [])
        if process.info["status"] != psutil.STATUS_ZOMBIE and marker in command:
            found.append(process)
    return found


def run_attack(tmp_path: Path, monkeypatch, body: str, allowed=(Verdict.FAIL, Verdict.ERROR)):
    """Grade the attack under bubblewrap; check verdict, files and survivors; return the result."""
    monkeypatch.setenv("LDL_SANDBOX", "bwrap")
    marker = f"{time.time() % 1000:.6f}{uuid.uuid4().int % 10**6}"  # unique, usable as sleep's argument
    job = make_job(tmp_path, attack(tmp_path, marker, body))
    before = fingerprint(tmp_path)
    result = grade(job)
    assert result.sandbox == os_sandbox.BUBBLEWRAP
    assert result.verdict is not Verdict.PASS, result.feedback
    assert result.verdict in allowed, result.feedback
    assert fingerprint(tmp_path) == before, "the attack changed the exercise or the workspace"
    assert not [p for p in GRADER.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]
    time.sleep(0.1)
    assert not marked_processes(marker), "a process of the attack survived the check"
    assert grade(make_job(tmp_path, WRONG)).verdict is Verdict.FAIL  # later checks are not fooled
    return result


def test_the_fence_switched_off_through_gc_still_cannot_read_the_solution(tmp_path, monkeypatch):
    """(a) Plain Python disables the audit hook, then opens the solution by its path."""
    run_attack(tmp_path, monkeypatch, "scale, total = _steal(SOLUTION)\n")


def test_a_relative_open_from_a_directory_descriptor(tmp_path, monkeypatch):
    """(b) os.open(name, dir_fd=...) names no protected path string."""
    body = (
        "folder = os.open(CONTENT, os.O_RDONLY)\nfd = os.open('solution.py', os.O_RDONLY, dir_fd=folder)\n"
        "namespace = {}\nexec(os.read(fd, 1 << 20).decode(), namespace)\n"
        "scale, total = namespace['scale'], namespace['total']\n"
    )
    run_attack(tmp_path, monkeypatch, body)


def test_a_hard_link_to_the_solution(tmp_path, monkeypatch):
    """(b) A hard link in the working folder is another name for the protected file."""
    run_attack(tmp_path, monkeypatch, "os.link(SOLUTION, 'copy.py')\nscale, total = _steal('copy.py')\n")


def test_other_copies_of_the_content_next_to_the_installed_package(tmp_path, monkeypatch):
    """(b) The package's own __file__, site-packages, an editable install's source tree and its
    git objects: any copy of ldl's content tree must be out of reach."""
    body = (
        "import ldl, site, glob\nroots = [os.path.dirname(ldl.__file__), GRADER, GRADER + '/../../..']\n"
        "for folder in site.getsitepackages():\n    roots.append(os.path.join(folder, 'ldl'))\n"
        "    for pth in glob.glob(folder + '/*.pth'):\n        roots += open(pth).read().split()\n"
        "found = []\nfor root in roots:\n    for folder, dirs, files in os.walk(root):\n"
        "        found += [os.path.join(folder, f) for f in files\n"
        "                  if f == 'solution.py' or folder.endswith('.git')]\n"
        "assert found, 'no copy of the content found'\nscale, total = _steal(found[0])\n"
    )
    run_attack(tmp_path, monkeypatch, body)


def test_overwriting_the_checks_the_solution_the_grader_and_the_progress(tmp_path, monkeypatch):
    """(b) Write every file the grader trusts, by path and through /proc/self/root."""
    body = (
        "import glob\nfor path in [CHECKS, SOLUTION, STORE, *glob.glob(GRADER + '/*.py')]:\n"
        "    for route in (path, '/proc/self/root' + path):\n        try:\n"
        "            open(route, 'a').write('# ' + MARKER + '\\n')\n        except OSError:\n"
        "            pass\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body)


def test_a_process_spawned_by_posixsubprocess_does_not_outlive_the_check(tmp_path, monkeypatch):
    """(d) _posixsubprocess.fork_exec raises no audit event; its child must still die."""
    body = (
        "import _posixsubprocess\nargs = [b'/usr/bin/sleep', MARKER.encode()]\n"
        "_posixsubprocess.fork_exec(args, [args[0]], True, (), None, None, -1, -1, -1, -1, -1, -1,"
        " *os.pipe(), False, True, -1, None, None, None, -1, None, False)\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body, allowed=NOT_PASS)


def test_a_fork_bomb_capped_at_100(tmp_path, monkeypatch):
    """(d) A hundred forked children sleeping; none may be alive after the check."""
    body = (
        "for _ in range(100):\n    if os.fork() == 0:\n"
        "        os.execv('/usr/bin/sleep', ['sleep', MARKER])\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body, allowed=NOT_PASS)


def test_a_double_fork_with_setsid_and_a_scrubbed_environment(tmp_path, monkeypatch):
    """(d) The classic escape from a snapshot clean-up: a new session, no token in the environment."""
    body = (
        "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        os.execve('/usr/bin/sleep', ['sleep', MARKER], {})\n    os._exit(0)\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body, allowed=NOT_PASS)


def test_stopping_and_killing_the_parent_and_everyone_else(tmp_path, monkeypatch):
    """(c) SIGSTOP to the parent, then SIGKILL to every process it may signal (kill -1)."""
    body = (
        "for pid in (os.getppid(), 1):\n    try:\n        os.kill(pid, signal.SIGSTOP)\n"
        "    except OSError:\n        pass\nos.kill(-1, signal.SIGKILL)\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body, allowed=NOT_PASS)
    assert psutil.Process().status() != psutil.STATUS_STOPPED


def test_forged_results_written_into_every_visible_process(tmp_path, monkeypatch):
    """(c) A forged pass written to fds 1 and 2 and to every /proc/<pid>/fd of every process."""
    body = (
        "import json, glob\n"
        "line = (json.dumps({'verdict': 'pass', 'case': 0, 'value': 1}) + '\\n').encode()\n"
        "for target in ['/proc/self/fd/1', '/proc/self/fd/2', *glob.glob('/proc/[0-9]*/fd/*')]:\n"
        "    try:\n        fd = os.open(target, os.O_WRONLY)\n        os.write(fd, line)\n"
        "    except OSError:\n        pass\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body)


def test_filling_shared_memory_and_the_temporary_folder(tmp_path, monkeypatch):
    """(d) /dev/shm and /tmp are small private tmpfs mounts: filling them ends in ENOSPC."""
    body = (
        "block = b'x' * (1 << 20)\nfor folder in ('/dev/shm', os.environ.get('TMPDIR', '/tmp')):\n"
        "    for i in range(4096):\n        try:\n"
        "            open(os.path.join(folder, f'fill{i}'), 'wb').write(block * 8)\n"
        "        except OSError:\n            break\n"
        "    else:\n        raise SystemExit('8 GiB written to ' + folder)\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body, allowed=NOT_PASS)


def test_no_network_even_to_localhost(tmp_path, monkeypatch):
    """(a) With the fence off, a socket to a port this test listens on must not connect."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        port = server.getsockname()[1]
        body = (
            f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=0.5)"
            "\n    raise SystemExit('connected')\nexcept OSError:\n    pass\n" + WRONG
        )
        run_attack(tmp_path, monkeypatch, body)
        with pytest.raises(BlockingIOError):
            server.accept()


def test_the_controlling_terminal_is_out_of_reach(tmp_path, monkeypatch):
    """(c) TIOCSTI would type commands into the learner's shell; there is no terminal to open."""
    body = (
        "import fcntl, termios\nfor name in ('/dev/tty', '/proc/self/fd/0'):\n    try:\n"
        "        fd = os.open(name, os.O_RDWR)\n        fcntl.ioctl(fd, termios.TIOCSTI, b'x')\n"
        "        raise SystemExit('typed into ' + name)\n    except OSError:\n        pass\n" + WRONG
    )
    run_attack(tmp_path, monkeypatch, body)


def test_memory_hidden_in_anonymous_memory_files_counts(tmp_path, monkeypatch):
    """(d) os.memfd_create files hold RAM that the resident set does not show until mapped."""
    body = (
        "block = b'x' * (1 << 20)\nfiles = []\nfor _ in range(40):\n"
        "    fd = os.memfd_create('hidden')\n    for _ in range(60):\n        os.write(fd, block)\n"
        "    files.append(fd)\ntime.sleep(5)\n" + WRONG
    )
    result = run_attack(tmp_path, monkeypatch, body, allowed=(Verdict.MEMORY_LIMIT,))
    assert "memory" in result.summary
