"""The reference child's results, kept between gradings: the learner's child then starts alone.

The reference solution's values, and the value of every `mistakes/*.py` module on every case, do not
change between two gradings of the same exercise: they depend only on the exercise's files, the
grader's own code and the versions of Python and of the libraries the child imports. Running them
again on every `ldl check` cost most of its CPU time (an exercise with 6 mistakes runs its cases 7
times). So the first grading stores what the reference child sent, and later ones read it back.

    key = sha256(format, ldl version, Python, the interpreter's path,
                 (size, mtime) of every module `requires` names and of numpy,
                 (size, mtime) of every source file of ldl outside the content tree,
                 the reference child's configuration (guards, forbid, imports, the file paths),
                 the bytes of every file in the exercise's folder and of the solutions it `uses`)

Any change to any of those gives another key, and the stored file (one per exercise, in the user's
cache folder, `LDL_GRADING_CACHE` to move it, `off` to switch it off) is simply not used. A file
that is unreadable, truncated, from another key, or whose SHA-256 digest does not match its body is
ignored, so a broken cache can only cost time, never change a verdict. Writes are atomic (a temporary
file, then `os.replace`).

Timing budgets (`time_factor`) compare the learner's time with the reference's on the same machine
*now*, so cases with a time budget are the exception: the reference child still runs, for those
cases only and without the mistakes, in parallel with the learner's child, and its fresh times (and
values) replace the stored ones. Memory budgets use the stored peak (it does not depend on load).

The learner's code never sees the cache: it is outside everything bubblewrap binds (and hidden if a
custom folder falls inside one), and on the protected list of the audit-hook fence.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ldl.grading.sandbox import ChildRun

if TYPE_CHECKING:
    from ldl.grading.runner import Job

FORMAT = 1
ENV_VARIABLE = "LDL_GRADING_CACHE"
MAX_BYTES = 64 * 2**20  # a reference run bigger than this is not worth a disk file
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def folder() -> Path | None:
    """Where the stored reference runs live; None when the cache is switched off."""
    wanted = os.environ.get(ENV_VARIABLE, "").strip()
    if wanted.lower() == "off":
        return None
    if wanted:
        return Path(wanted).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_cache_dir("ldl", appauthor=False)) / "grading"


def key(job: Job, config: dict) -> str:
    """The hash that must match for a stored reference run to be used (see the module docstring)."""
    from ldl import __version__

    digest = hashlib.sha256()
    digest.update(f"ldl reference cache {FORMAT}\0{__version__}\0{sys.version}\0{sys.executable}\0".encode())
    for name in sorted({"numpy", *job.requires}):
        digest.update(f"module {name}\0{_module_stamp(name)}\0".encode())
    for path in _ldl_sources():
        stat = path.stat()
        digest.update(f"ldl {path.relative_to(PACKAGE_ROOT)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    shown = {name: value for name, value in config.items() if name not in ("results_fd",)}
    digest.update(json.dumps(shown, sort_keys=True, default=str).encode())
    folders = [job.solution_file.parent, *(used.solution_file.parent for used in job.uses)]
    for path in (*_files(folders), job.checks_file, job.solution_file):
        content = path.read_bytes()
        digest.update(f"file {path}\0{len(content)}\0".encode() + content)
    return digest.hexdigest()


def load(exercise_id: str, wanted: str) -> list[dict] | None:
    """The stored messages of the reference child for this key, or None (missing, stale, corrupt)."""
    where = folder()
    if where is None:
        return None
    try:
        raw = (where / f"{exercise_id}.json").read_bytes()
        if len(raw) > MAX_BYTES:
            return None
        stored = json.loads(raw)
        body = stored["body"]
        if stored.get("format") != FORMAT or stored.get("key") != wanted:
            return None
        if hashlib.sha256(body.encode()).hexdigest() != stored.get("digest"):
            return None
        messages = json.loads(body)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return messages if _well_formed(messages) else None


def store(exercise_id: str, wanted: str, run: ChildRun) -> None:
    """Keep a complete reference run (every case has a value, the child said `done`); best effort."""
    where = folder()
    if where is None or not complete(run):
        return
    body = json.dumps(run.messages, separators=(",", ":"))
    payload = json.dumps({"format": FORMAT, "key": wanted, "digest": _sha(body), "body": body})
    if len(payload) > MAX_BYTES:
        return
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=f".{exercise_id}-", suffix=".tmp", dir=where)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(temporary, where / f"{exercise_id}.json")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only or full cache folder costs time, nothing else


def complete(run: ChildRun) -> bool:
    """A run worth keeping: finished, `done`, no set-up error, a value for every case."""
    return run.status == "finished" and _well_formed(run.messages)


def timed_cases(messages: list[dict]) -> list[int]:
    """The cases with a time budget: the reference must run them again, now."""
    inputs = messages[0].get("inputs") or []
    return [i for i, meta in enumerate(inputs) if ((meta.get("guards") or {}).get("time_factor"))]


def merge(messages: list[dict], fresh: ChildRun, cases: Iterable[int]) -> ChildRun:
    """The stored run with the fresh messages of `cases` (a reference child run for those only).
    If the fresh run went wrong it is returned as it is, so the grader reports why."""
    wanted = set(cases)
    fresh_cases = {m.get("case"): m for m in fresh.messages if "mistake" not in m and m.get("case") in wanted}
    if fresh.ready is None or fresh.status != "finished" or set(fresh_cases) != wanted:
        return fresh
    merged = [
        fresh_cases[m["case"]] if "mistake" not in m and m.get("case") in wanted else m for m in messages
    ]
    return ChildRun("finished", merged, output=fresh.output)


def cached_run(messages: list[dict]) -> ChildRun:
    return ChildRun("finished", list(messages))


def _well_formed(messages: object) -> bool:
    if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) for m in messages):
        return False
    ready, inputs = messages[0], messages[0].get("inputs")
    if ready.get("ready") is not True or not isinstance(inputs, list) or not inputs:
        return False
    if any("setup_error" in m for m in messages) or messages[-1].get("done") is not True:
        return False
    valued = {m.get("case") for m in messages if "mistake" not in m and "value" in m}
    return valued >= set(range(len(inputs)))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _module_stamp(name: str) -> str:
    """Where a library is installed and when its `__init__` was written: changes with any upgrade."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return "missing"
    origin = spec.origin if spec is not None else None
    if not origin or not os.path.exists(origin):
        return "missing"
    stat = os.stat(origin)
    return f"{origin}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _ldl_sources() -> list[Path]:
    """ldl's own Python files outside the content tree (checks may import ldl.mathlab, say)."""
    found = []
    for top, dirs, files in os.walk(PACKAGE_ROOT):
        dirs[:] = sorted(d for d in dirs if d not in ("content", "__pycache__"))
        found += [Path(top) / name for name in sorted(files) if name.endswith(".py")]
    return found


def _files(folders: list[Path]) -> list[Path]:
    """Every file in the exercise folders (statement, checks, solution, mistakes...), sorted."""
    found = []
    for base in folders:
        for top, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            paths = [Path(top) / name for name in sorted(files) if not name.endswith((".pyc", ".pyo"))]
            found += [path for path in paths if path.is_file() or path.is_symlink()]  # no FIFOs: they block
    return found
