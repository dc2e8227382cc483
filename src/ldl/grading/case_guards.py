"""The per-case guards, inside the sandbox child: watch one call and report what it did.

A right value is not the whole story. Around every case the child records *findings*, plain data
sent with the case's value (the parent, in `guard_rules.py`, decides what they mean):

    mutated        an argument differs after the call (arrays, lists, dicts, objects' attributes)
    aliases        a returned array shares memory with an argument, or with another returned array
    fp_warnings    numpy warned: overflow, invalid value, or divide by zero (underflow is fine)
    global_random  the global random state was drawn from or reseeded, or a generator was made
                   without a seed, instead of using the generator the case passes
    forbidden      a name the exercise forbids (e.g. numpy.linalg.eigh) was called
    imports        a module outside the exercise's allow-list was imported during the call
    elapsed, peak  wall time, and the peak memory during the call (when a memory budget is on):
                   `peak_method` "traced" (tracemalloc: exact, but it slows Python-heavy code about
                   4x, so only where a case or exercise sets `memory_factor` itself) or "rss" (the
                   default: the kernel's resident-memory high-water mark, reset before the call;
                   cheap, page-granular, so the parent allows a larger floor)

Forbidden names are replaced, in this child only, by a function that raises `ForbiddenName` when
the code under test is on the stack (trusted code such as a probe still reaches the original).
This module runs inside the sandbox: it imports only the standard library (and numpy if loaded);
mutation and aliasing live in side_effects.py.
"""

from __future__ import annotations

import builtins
import contextlib
import linecache
import os
import re
import sys
import time
import tracemalloc
import warnings
from typing import Any

from ldl.grading.side_effects import aliases, mutations

FP_WARNING = re.compile(r"(overflow|invalid value|divide by zero) encountered")
ALWAYS_IMPORTABLE = frozenset(
    {"__future__", "typing", "collections", "dataclasses", "functools", "itertools", "math", "abc"}
    | {"enum", "numbers", "operator", "types"}
)


class ForbiddenName(Exception):
    """Raised when the code under test calls a name the exercise forbids."""


class CaseGuards:
    """Installed once per child, before the code under test is imported; `run` wraps each call."""

    def __init__(self, config: dict) -> None:
        files = config.get("learner_files") or [config["module_path"]]
        if config["role"] == "reference":
            files = [config["module_path"], *config.get("aliases", {}).values()]
            files += list(config.get("mistakes", {}).values())
        self.own_files = {os.path.realpath(path) for path in files}
        self.defaults = dict(config.get("guards") or {})
        self.forbid = dict(config.get("forbid") or [])
        allowed = config.get("imports")
        self.allowed_imports = None if allowed is None else set(allowed) | ALWAYS_IMPORTABLE
        self.events: dict[str, list] = {}
        self.numpy = sys.modules.get("numpy")
        self.proc = _open_proc_files()  # opened before the fence: the high-water mark needs them

    # ---- installation ------------------------------------------------------------------------

    def install(self) -> None:
        """Replace forbidden names and unseeded generators, and watch imports."""
        for dotted in self.forbid:
            self._replace(dotted)
        if self.numpy is not None:
            self._wrap_unseeded(self.numpy.random, "default_rng", "np.random.default_rng() without a seed")
        original_import = builtins.__import__

        def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002
            caller = os.path.realpath(sys._getframe(1).f_code.co_filename)  # the importing module only
            if level == 0 and caller in self.own_files:
                refused = self._refused_import(name)
                if refused:
                    self.events.setdefault("imports", []).append({"module": name})
                    raise ImportError(refused)
            return original_import(name, globals, locals, fromlist, level)

        builtins.__import__ = guarded_import

    def _refused_import(self, name: str) -> str | None:
        for dotted, reason in self.forbid.items():
            if name == dotted or name.startswith(dotted + "."):
                return f"this exercise does not allow `{dotted}`: {reason}"
        top = name.split(".")[0]
        if self.allowed_imports is not None and top not in self.allowed_imports:
            allowed = ", ".join(sorted(self.allowed_imports - ALWAYS_IMPORTABLE))
            return f"this exercise does not allow importing `{top}` (it may import: {allowed})"
        return None

    def _replace(self, dotted: str) -> None:
        """Swap `dotted` (e.g. numpy.linalg.eigh) for a refusing twin, wherever it is bound."""
        owner_name, _, attribute = dotted.rpartition(".")
        owner = sys.modules.get(owner_name)
        original = getattr(owner, attribute, None) if owner is not None else None
        if original is None:
            return  # not loaded: the import guard refuses it instead
        guards = self

        def refusing(*args, **kwargs):
            if guards._called_from_own_code(2):
                hit = {"name": dotted, "reason": guards.forbid[dotted]}
                guards.events.setdefault("forbidden", []).append(hit)
                raise ForbiddenName(f"this exercise does not allow `{dotted}`: {guards.forbid[dotted]}")
            return original(*args, **kwargs)

        for module in list(sys.modules.values()):
            with contextlib.suppress(Exception):
                if module is not None and getattr(module, attribute, None) is original:
                    setattr(module, attribute, refusing)

    def _wrap_unseeded(self, owner: Any, attribute: str, what: str) -> None:
        original = getattr(owner, attribute)
        guards = self

        def checking(seed=None, *args, **kwargs):
            if seed is None and guards._called_from_own_code(2):
                guards.events.setdefault("global_random", []).append(what)
            return original(seed, *args, **kwargs)

        setattr(owner, attribute, checking)

    def _called_from_own_code(self, skip: int) -> bool:
        frame = sys._getframe(skip)
        while frame is not None:
            if os.path.realpath(frame.f_code.co_filename) in self.own_files:
                return True
            frame = frame.f_back
        return False

    # ---- one case ----------------------------------------------------------------------------

    def settings(self, case) -> dict:
        return case.guards(self.defaults) if hasattr(case, "guards") else {}

    def run(self, case, function, args: tuple, kwargs: dict) -> tuple[dict, Any, BaseException | None]:
        """Call `function(*args, **kwargs)` under watch: (findings, value, exception)."""
        self.events = {}
        method = self._peak_method(case)
        random_before = self._random_state()
        value, error = None, None
        with warnings.catch_warnings(record=True) as caught, self._errstate():
            warnings.simplefilter("always")
            base = self._start_peak(method)
            started = time.perf_counter()
            try:
                value = function(*args, **kwargs)
            except BaseException as exc:  # noqa: B036 - reported by the harness as the code's result
                error = exc
            elapsed = time.perf_counter() - started
            peak = self._stop_peak(method, base)
        findings: dict[str, Any] = {"elapsed": elapsed, "peak": peak, **self.events}
        if peak is not None:
            findings["peak_method"] = method
        findings["fp_warnings"] = self._fp_warnings(caught)
        if self._random_state() != random_before:
            findings.setdefault("global_random", []).append(
                "the global random state (np.random.* or random.*)"
            )
        if error is None:
            findings["mutated"] = mutations(case, args, kwargs, self.numpy)
            findings["aliases"] = aliases(args, kwargs, value, self.numpy)
        return {k: v for k, v in findings.items() if v or k in ("elapsed", "peak")}, value, error

    def _peak_method(self, case) -> str | None:
        if self.settings(case).get("memory_factor") is None:
            return None
        chosen = not _is_inherited(case) or "memory_factor" in self.defaults  # an author asked for it
        return "traced" if chosen or not self.proc else "rss"

    def _start_peak(self, method: str | None) -> int:
        if method == "traced":
            tracemalloc.start()
        elif method == "rss":
            os.pwrite(self.proc[0], b"5", 0)  # reset the peak resident set size (VmHWM)
            return _status_kib(self.proc[1], b"VmRSS:")
        return 0

    def _stop_peak(self, method: str | None, base: int) -> int | None:
        if method == "traced":
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            return peak
        if method == "rss":
            return max(0, _status_kib(self.proc[1], b"VmHWM:") - base) * 1024
        return None

    def _errstate(self):
        if self.numpy is None:
            return contextlib.nullcontext()
        return self.numpy.errstate(over="warn", invalid="warn", divide="warn", under="ignore")

    def _fp_warnings(self, caught: list) -> list[dict]:
        """numpy's floating-point warnings, as findings; any other warning is shown as usual."""
        found = []
        for warning in caught:
            text = str(warning.message)
            if not (issubclass(warning.category, RuntimeWarning) and FP_WARNING.search(text)):
                with contextlib.suppress(Exception):  # printed output: the learner sees it as before
                    warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
                continue
            own = os.path.realpath(warning.filename) in self.own_files
            entry = {"message": text[:200], "file": os.path.basename(warning.filename), "own": own}
            entry["line"] = int(warning.lineno or 0)
            if own:
                entry["source"] = linecache.getline(warning.filename, entry["line"]).strip()[:120]
            if entry not in found:
                found.append(entry)
        return found[:5]

    def _random_state(self) -> tuple:
        state: list = []
        if self.numpy is not None:
            kind, keys, position, *_ = self.numpy.random.get_state()
            state += [keys.tobytes(), position]
        python_random = sys.modules.get("random")
        if python_random is not None:
            state.append(python_random.getstate())
        return tuple(state)


def _is_inherited(case) -> bool:
    """True when the case leaves memory_factor to the exercise or the built-in default."""
    return "memory_factor" not in (case.own_guards() if hasattr(case, "own_guards") else {})


def _open_proc_files() -> tuple[int, int] | None:
    """/proc/self/clear_refs (to reset the high-water mark) and /proc/self/status, or None."""
    try:
        clear = os.open("/proc/self/clear_refs", os.O_WRONLY)
    except OSError:
        return None
    try:
        status = os.open("/proc/self/status", os.O_RDONLY)
        os.pwrite(clear, b"5", 0)
        _status_kib(status, b"VmHWM:")
    except (OSError, ValueError):
        os.close(clear)
        return None
    return clear, status


def _status_kib(fd: int, field: bytes) -> int:
    text = os.pread(fd, 8192, 0)
    start = text.index(field) + len(field)
    return int(text[start : text.index(b"kB", start)])
