"""The sandbox child: run one exercise's cases against one module and send back the values.

The parent starts this file as `python -I harness.py` in a new session, a temporary working
directory and a fresh environment, writes a JSON config to its stdin, and reads results from a
pipe (`results_fd`). Set-up is trusted: it imports what the exercise `requires`, the checks and,
for the reference role, the solution and the known-mistake modules. Then it reports `ready` (with
its memory footprint, the base for the memory limit), fences itself in (resource limits and the
audit hook in `guard.py`), and only then imports the learner's code.

Every message is one line of `wire.dumps`:
    {"ready": true, "rss": bytes, "inputs": [...]}        after trusted set-up
    {"import_error": {...}}                               the module raised while importing
    {"case": i, "value": <wire>} | {"case": i, "raised": {...}} | {"case": i, "unsendable": text}
    {"solution_done": true}, {"mistake": name, "case": i, "value": <wire> | "raised": {type, message}}
                                                          reference role only
    {"done": true}
Nothing here decides a verdict; the parent does, from the values. The reference role may be asked
for some cases only (`only_cases`, no mistakes): the parent has the rest stored
(reference_cache.py) and needs fresh times for the cases with a time budget.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import json
import os
import sys
import traceback

MAX_TRACE_CHARS = 4000


def main() -> None:
    sys.dont_write_bytecode = True  # never leave __pycache__ in the content tree or the workspace
    config = json.loads(sys.stdin.buffer.read())
    _quiet_stdin()
    results = os.fdopen(config["results_fd"], "wb", buffering=0)
    held = _hold_output()  # what the trusted set-up prints (torch's warnings) is not the learner's
    try:
        from ldl.grading import case_guards, guard, wire

        for name in config["requires"]:
            importlib.import_module(name)
        checks = _load("_ldl_checks", config["checks_path"])
        cases = list(checks.cases())
        trusted = _load_trusted(config)
    except BaseException:  # noqa: B036 - a broken set-up is the grader's fault: say so, never crash silently
        trace = traceback.format_exc()[-MAX_TRACE_CHARS:]
        results.write(_line({"setup_error": trace + _release_output(held)[-MAX_TRACE_CHARS:]}))
        _end(3)
    _release_output(held)
    ready = {"ready": True, "rss": _rss_bytes(), "count": len(cases)}
    if config["role"] == "reference":
        ready["inputs"] = [_describe_input(case, checks, trusted["module"], config) for case in cases]
    results.write(wire.dumps(ready))
    watch = case_guards.CaseGuards(config)  # the per-case guards (case_guards.py): /proc files open here
    _fence(config, guard)
    watch.install()  # before the code under test loads
    recorder = _signature_recorder(config, trusted)
    module = trusted.get("module") or _import_learner(config, results, wire)
    only = config.get("only_cases")  # reference role, the rest stored: the cases with a time budget
    for index, case in enumerate(cases):
        if only is not None and index not in only:
            continue
        results.write(wire.dumps({"case": index, **_run_case(checks, module, case, config, wire, watch)}))
    if recorder is not None:
        results.write(wire.dumps({"signatures": recorder.report()}))
    if config["role"] == "reference":
        results.write(wire.dumps({"solution_done": True}))  # the mistakes below are best effort
    for name, mistake in trusted.get("mistakes", {}).items():
        for index, case in enumerate(cases):
            outcome = _run_case(checks, mistake, case, config, wire, watch)
            outcome.pop("unsendable", None)  # a mistake's guard findings still count for hints
            raised = outcome.pop("raised", None)
            if isinstance(raised, dict):  # what it raised, to match a learner's code that raises alike
                outcome["raised"] = {"type": raised.get("type"), "message": str(raised.get("message"))[:500]}
            results.write(wire.dumps({"mistake": name, "case": index, **outcome}))
    results.write(wire.dumps({"done": True}))
    _end(0)


def _end(status: int) -> None:
    """Flush what the code printed, then exit at once: no atexit handlers, no lingering threads."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: B036, S110 - the code may have closed or replaced the stream
            pass
    os._exit(status)


def _line(message: dict) -> bytes:
    return (json.dumps(message) + "\n").encode()


def _quiet_stdin() -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)


def _hold_output() -> tuple[int, int, object]:
    """Point stdout and stderr (the file descriptors) at a private temporary file until released."""
    import tempfile

    sys.stdout.flush()
    sys.stderr.flush()
    held = tempfile.TemporaryFile()
    saved = (os.dup(1), os.dup(2), held)
    os.dup2(held.fileno(), 1)
    os.dup2(held.fileno(), 2)
    return saved


def _release_output(saved: tuple[int, int, object]) -> str:
    """Restore stdout and stderr; return what the set-up printed meanwhile."""
    out, err, held = saved
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.close(out)
    os.close(err)
    held.seek(0)
    text = held.read(1 << 16).decode("utf-8", errors="replace")
    held.close()
    return text


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _load_trusted(config: dict) -> dict:
    """Reference role: the solution (after the solutions it imports) and the mistake modules."""
    if config["role"] != "reference":
        return {}
    for name, path in config.get("aliases", {}).items():
        _load(name, path)
    module = _load(config["module_name"], config["module_path"])
    mistakes = {
        name: _load(f"_ldl_mistake_{name}", path) for name, path in config.get("mistakes", {}).items()
    }
    return {"module": module, "mistakes": mistakes}


def _fence(config: dict, guard) -> None:
    """Resource limits, then the audit hook. From here on, no trusted import happens."""
    import resource

    _become_subreaper()
    _die_with_parent()
    for stream in (sys.stdout, sys.stderr):  # prints reach the parent even if the code is killed
        stream.reconfigure(line_buffering=True)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    file_limit = config.get("file_bytes", 64 * 2**20)
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
    headroom, mapped = config.get("address_space_bytes"), _vms_bytes()
    if headroom and mapped:  # only where /proc tells us what is mapped already
        total = mapped + headroom
        resource.setrlimit(resource.RLIMIT_AS, (total, resource.getrlimit(resource.RLIMIT_AS)[1]))
    guard.install(guard.Policy(config["protected"], writable=[os.getcwd()]))


def _become_subreaper() -> None:
    """On Linux, orphans of the exercise code are re-parented to this process instead of init, so
    they stay in the tree the parent watches and kills (even after `setsid` and a double fork)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass  # the environment-token sweep in sandbox.kill_tree still applies


def _die_with_parent() -> None:
    """On Linux, the kernel kills this child if the grading parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # bubblewrap's --die-with-parent, or the parent's kill sweep, still apply


def _import_learner(config: dict, results, wire):
    """Import the learner's file; on failure report its traceback and end the child."""
    sys.path.extend(config.get("learner_dirs", []))  # last: shadow modules cannot replace trusted ones
    try:
        return _load(config["module_name"], config["module_path"])
    except BaseException as exc:  # noqa: B036 - SystemExit and friends are the learner's doing
        results.write(wire.dumps({"import_error": _describe_error(exc, config)}))
        results.write(wire.dumps({"done": True}))
        _end(0)


def _signature_recorder(config: dict, trusted: dict):
    """Signature coverage (coverage.py), only when the self-check asks for it."""
    if not (config.get("record_signatures") and trusted.get("module")):
        return None
    from ldl.grading.coverage import SignatureRecorder  # already importable: no file is opened late

    return SignatureRecorder(trusted["module"])


def _run_case(checks, module, case, config: dict, wire, watch) -> dict:
    """One case under the guards: the value (or what was raised) and the guards' findings."""
    if config["role"] == "reference" and not getattr(case, "reference", True):
        return {"value": wire.encode(None), "guards": {}}  # an agent case: judged by its compare= rule
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)  # the case's own stay pristine
    try:
        if case.probe is not None:
            probe = getattr(checks, case.probe)
            function = lambda *a, **k: probe(module, *a, **k)  # noqa: E731
        else:
            function = getattr(module, case.call)
    except BaseException as exc:  # noqa: B036 - a missing name is the code's result too
        return {"raised": _describe_error(exc, config)}
    findings, value, error = watch.run(case, function, args, kwargs)
    if error is not None:
        return {"raised": _describe_error(error, config), "guards": findings}
    try:
        return {"value": wire.encode(value), "guards": findings}
    except wire.Unsendable as exc:
        return {"unsendable": f"{exc} (got a {type(value).__name__})", "guards": findings}


def _describe_error(exc: BaseException, config: dict) -> dict:
    """The exception, with traceback lines from the learner's own files only."""
    learner_files = {os.path.realpath(path) for path in config.get("learner_files", [])}
    frames = traceback.StackSummary.extract(traceback.walk_tb(exc.__traceback__), lookup_lines=False)
    lines = []
    for frame in frames:
        if os.path.realpath(frame.filename) in learner_files:
            source = _source_line(frame.filename, frame.lineno)
            lines.append(f'  File "{os.path.basename(frame.filename)}", line {frame.lineno}, in {frame.name}')
            lines.append(f"    {source}" if source else "")
    try:
        message = str(exc)
    except BaseException:  # noqa: B036 - even __str__ is exercise code
        message = "<the exception's message could not be shown>"
    trace = "\n".join(line for line in lines if line)
    return {
        "type": type(exc).__name__,
        "message": message[:MAX_TRACE_CHARS],
        "trace": trace[-MAX_TRACE_CHARS:],
    }


def _source_line(path: str, lineno: int | None) -> str:
    import linecache

    return linecache.getline(path, lineno or 0).strip()


def _describe_input(case, checks, solution, config: dict) -> dict:
    """What the feedback shows about a case's input (only if that case fails), the guards in
    force and the names of its positional parameters (to name a mutated argument)."""
    import reprlib

    numpy = sys.modules.get("numpy")
    arrays = [arg for arg in (*case.args, *case.kwargs.values()) if hasattr(arg, "shape")]
    meta = {"name": case.name, "target": case.target, "rtol": case.rtol, "atol": case.atol}
    meta.update({"compare": case.compare, "shapes": [[int(n) for n in arg.shape] for arg in arrays]})
    settings = case.guards(config.get("guards"))
    meta["guards"] = {**settings, "mutates": list(settings["mutates"])}
    target = getattr(checks, case.probe) if case.probe else getattr(solution, case.call, None)
    meta["params"] = _parameter_names(target, len(case.args), skip=1 if case.probe else 0)
    if not case.show_input:
        return {**meta, "text": None}
    parts = [_short_repr(arg, numpy, reprlib) for arg in case.args]
    parts += [f"{key}={_short_repr(value, numpy, reprlib)}" for key, value in case.kwargs.items()]
    return {**meta, "text": "\n".join(parts)[:MAX_TRACE_CHARS]}


def _parameter_names(function, count: int, skip: int) -> list[str]:
    """The names the first `count` positional arguments bind to (`arg1`... where unknown)."""
    import inspect

    try:
        parameters = list(inspect.signature(function).parameters.values())[skip:]
    except (TypeError, ValueError):
        parameters = []
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    rest = next((p for p in parameters if p.kind is p.VAR_POSITIONAL), None)
    names = [p.name for p in positional[:count]]
    for index in range(len(names), count):
        names.append(f"{rest.name}[{index - len(positional)}]" if rest else f"arg{index + 1}")
    return names


def _short_repr(value, numpy, reprlib) -> str:
    if numpy is not None and isinstance(value, numpy.ndarray):
        with numpy.printoptions(precision=4, threshold=40, edgeitems=3, suppress=True):
            return f"array of shape {value.shape}, dtype {value.dtype}:\n{numpy.array2string(value)}"
    return reprlib.repr(value)


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _vms_bytes() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


if __name__ == "__main__":
    main()
