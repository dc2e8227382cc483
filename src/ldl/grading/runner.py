"""Grade one exercise: run the reference and the learner's file side by side, compare, explain.

    grade(job) -> GradeResult

1. Two sandboxed children start at once (sandbox.run_child): the *reference* child runs every case
   against `solution.py` (and the known-mistake modules), the *learner* child against the learner's
   file. What the reference child sent is kept between gradings (reference_cache.py, keyed by a hash
   of the exercise's files, the grader and the library versions, out of the learner's sight), so
   usually only the learner's child starts; cases with a time budget still get a fresh reference
   run, for those cases only. On Linux the learner's child runs in bubblewrap (os_sandbox.py),
   elsewhere behind the audit-hook fence (guard.py); `GradeResult.sandbox` says which. Ctrl-C,
   SIGTERM and SIGHUP stop both children and remove the run folder before the signal takes effect
   (lifecycle.py).
2. The parent decides the verdict from the values alone (compare.py). The learner child's exit
   status and prints count for nothing; a case without a well-formed value is a failed case.
3. The first failing case is explained: its input, expected vs got, and hints from diagnose.py and
   from the exercise's `mistakes/` whose value matches the learner's.

Anything that is ldl's fault (missing files, a reference solution that fails, bad limits, a full
disk) becomes the verdict `grader_error`, which is never counted against the learner.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ldl.grading import lifecycle, os_sandbox, reference_cache, sandbox
from ldl.grading.sandbox import ChildRun, Limits
from ldl.grading.verdicts import CaseResult, GradeResult, GraderFault, Verdict, cap_text, render_feedback

if TYPE_CHECKING:
    from ldl.workspace import Workspace

OUTPUT_SHOWN_BYTES = 4096
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class UsedExercise:
    """An earlier exercise this one imports: its reference solution and the learner's file."""

    id: str
    solution_file: Path
    learner_file: Path


@dataclass(frozen=True)
class Job:
    """Everything needed to grade one learner file, with all paths resolved."""

    exercise_id: str
    learner_file: Path
    solution_file: Path
    checks_file: Path
    limits: Limits
    mistakes_dir: Path | None = None
    requires: tuple[str, ...] = ("numpy",)
    uses: tuple[UsedExercise, ...] = ()
    protected: tuple[Path, ...] = ()  # more paths the learner's code may not open (e.g. the state dir)
    guards: tuple[tuple[str, object], ...] = ()  # exercise-wide guard defaults (exercise.yaml `guards:`)
    forbid: tuple[tuple[str, str], ...] = ()  # (dotted name, reason): what the code may not use
    imports: tuple[str, ...] | None = None  # top-level modules the learner's file may import (None: any)
    record_signatures: bool = False  # the reference child reports signature coverage (coverage.py)

    def guard_config(self) -> dict:
        """What both children need to apply the per-case guards (case_guards.py)."""
        imports = None if self.imports is None else list(self.imports)
        forbid = [list(pair) for pair in self.forbid]
        return {"guards": dict(self.guards), "forbid": forbid, "imports": imports}

    def mistakes(self) -> dict[str, Path]:
        if self.mistakes_dir is None or not self.mistakes_dir.is_dir():
            return {}
        return {
            path.stem: path
            for path in sorted(self.mistakes_dir.glob("*.py"))
            if not path.stem.startswith("_")
        }


Lookup = Callable[[str], "ExerciseLike"]


class ExerciseLike(Protocol):
    """What a job needs of an exercise: `ldl.curriculum.items.Exercise`, or the unvalidated
    `ldl.curriculum.raw.RawExercise` of the early start."""

    id: str
    folder: Path
    stage_dir: str
    budget_seconds: float
    memory_mb: int
    requires: list
    uses: list
    guards: Any
    forbid: list
    solution_path: Path
    checks_path: Path
    mistakes_dir: Path
    allowed_imports: list[str]


def job_for(
    exercise: ExerciseLike, learner_file: Path, lookup: Lookup, workspace: Workspace | None = None
) -> Job:
    """The grading job for `learner_file`, with the exercise's limits and what it `uses`."""
    used = [lookup(used_id) for used_id in exercise.uses]
    learner_dir = learner_file.parent.parent
    uses = tuple(UsedExercise(u.id, u.solution_path, learner_dir / u.stage_dir / f"{u.id}.py") for u in used)
    protected = [exercise.folder, *(u.folder for u in used)]
    if workspace is not None:
        protected.append(workspace.state_dir)
    return Job(
        exercise_id=exercise.id,
        learner_file=learner_file,
        solution_file=exercise.solution_path,
        checks_file=exercise.checks_path,
        limits=Limits(wall_seconds=exercise.budget_seconds, memory_mb=exercise.memory_mb),
        mistakes_dir=exercise.mistakes_dir,
        requires=tuple(exercise.requires),
        uses=uses,
        protected=tuple(protected),
        guards=tuple(sorted(exercise.guards.settings().items())),
        forbid=tuple((item.name, item.reason) for item in exercise.forbid),
        imports=tuple(exercise.allowed_imports),
    )


def grade(job: Job, early: Started | None = None) -> GradeResult:
    """Run both children concurrently and turn what they sent into a GradeResult. `early` is the
    learner's child already started for this very job (`ldl.grading.early`), if there is one."""
    started = time.monotonic() if early is None else early.since
    kind = os_sandbox.FENCE
    try:
        kind = os_sandbox.choice()
        if early is not None and (early.job != job or early.kind != kind):
            early.stop()  # started for something else: never grade with it
            early = None
        if kind == os_sandbox.FENCE:  # the learner's code could reach files on disk: import first
            _load_judging_code()
        reference, learner = _run_both(job, kind, early)
        result = assemble(job, reference, learner)
    except lifecycle.GradingStopped as stopped:  # SIGTERM / SIGHUP: children and temp files are gone
        lifecycle.redeliver(stopped)
        raise
    except (GraderFault, OSError, ValueError, os_sandbox.SandboxUnavailable) as exc:
        result = _grader_error(job, f"{type(exc).__name__}: {exc}")
    except Exception:  # a bug in ldl: still ldl's fault, never the learner's
        result = _grader_error(job, traceback.format_exc())
    finally:
        if early is not None:
            early.stop()  # a no-op once it has been joined and closed
    result.sandbox = kind
    result.duration_s = time.monotonic() - started
    result.feedback = render_feedback(result)
    return result


def _load_judging_code() -> None:
    """Import what the verdict needs. Under bubblewrap this happens while the children start
    (nothing they do can reach the parent's files); under the fence it happens before."""
    import numpy  # noqa: F401

    from ldl.grading import cases, compare, diagnose  # noqa: F401


@dataclass
class Started:
    """A grading whose learner child is running: its run folder, the children's threads and what
    they sent. `start` makes one; `_run_both` finishes it; `stop` ends it early (cancels the
    children, waits for them, removes the run folder)."""

    job: Job
    kind: str
    scratch: Path
    reference_config: dict
    starts: dict[str, tuple[dict, dict]]
    folder: contextlib.ExitStack
    since: float = field(default_factory=time.monotonic)
    cancel: threading.Event = field(default_factory=threading.Event)
    threads: dict[str, threading.Thread] = field(default_factory=dict)
    runs: dict[str, ChildRun | BaseException] = field(default_factory=dict)

    def launch(self, role: str) -> None:
        def run() -> None:
            config, options = self.starts[role]
            workdir = self.scratch / role
            try:
                workdir.mkdir()
                self.runs[role] = sandbox.run_child(config, self.job.limits, workdir, self.cancel, **options)
            except BaseException as exc:  # noqa: B036 - re-raised in the calling thread (_run_both)
                self.runs[role] = exc

        self.threads[role] = threading.Thread(target=run, name=f"ldl-grading-{role}", daemon=True)
        self.threads[role].start()

    def join(self) -> None:
        for thread in self.threads.values():
            thread.join()

    def stop(self) -> None:
        self.cancel.set()
        self.join()
        self.folder.close()


def start(job: Job, kind: str) -> Started:
    """Make the run folder and start the learner's child (the reference child waits for `_run_both`,
    which knows whether a stored reference run makes it unnecessary)."""
    job.limits.validate()
    for path in (job.checks_file, job.solution_file):
        if not path.is_file():
            raise GraderFault(f"{path} is missing")
    folder = contextlib.ExitStack()
    scratch = folder.enter_context(lifecycle.run_folder())
    try:
        reference_config = _reference_config(job)
        starts = _starts(job, kind, scratch, reference_config)
        started = Started(job, kind, scratch, reference_config, starts, folder)
        started.launch("learner")
    except BaseException:
        folder.close()
        raise
    return started


def _run_both(job: Job, kind: str, early: Started | None = None) -> tuple[ChildRun, ChildRun]:
    """The learner's child starts first (or has started already: `early`); meanwhile the parent
    looks for a stored reference run and starts the reference child only if there is none (or for
    the cases with a time budget)."""
    stored: list[dict] | None = None
    timed: list[int] = []
    cache_key = None
    with lifecycle.signals_stop_grading():
        grading = early or start(job, kind)
        try:
            reference_config = grading.reference_config
            if not job.record_signatures:
                try:
                    cache_key = reference_cache.key(job, reference_config)
                    stored = reference_cache.load(job.exercise_id, cache_key)
                except OSError:  # a file that cannot be hashed: grade without the cache
                    cache_key, stored = None, None
            if stored:  # the reference child runs again only for the cases with a time budget
                timed = reference_cache.timed_cases(stored)
                reference_config.update(only_cases=timed, mistakes={})
            if not stored or timed:
                grading.launch("reference")
            if kind == os_sandbox.BUBBLEWRAP:  # the children cannot reach the parent's files: import now
                _load_judging_code()
            grading.join()
        except BaseException:  # Ctrl-C, SIGTERM, SIGHUP: stop both children at once, then propagate
            grading.cancel.set()
            raise
        finally:
            grading.stop()  # joins the children and removes the run folder
    runs = grading.runs
    for value in runs.values():
        if isinstance(value, BaseException):
            raise value
    reference = runs.get("reference")
    assert reference is None or isinstance(reference, ChildRun)
    if stored:
        reference = reference_cache.merge(stored, reference, timed) if reference else None
        reference = reference or reference_cache.cached_run(stored)
    elif cache_key:
        reference_cache.store(job.exercise_id, cache_key, reference)
    return reference, runs["learner"]  # type: ignore[return-value]


def _starts(job: Job, kind: str, scratch: Path, reference: dict) -> dict[str, tuple[dict, dict]]:
    """Per role, the harness config and how to start it (plain, or wrapped in bubblewrap)."""
    learner = _learner_config(job)
    if kind != os_sandbox.BUBBLEWRAP:
        return {"reference": (reference, {}), "learner": (learner, {})}
    lib = scratch / "lib"
    os_sandbox.prepare_lib(lib, job.checks_file)
    folders = [Path(folder) for folder in learner["learner_dirs"]]
    layout = os_sandbox.learner_layout(lib, folders, [Path(p) for p in learner["protected"]])
    inside = _inside(layout.paths)
    learner.update(
        module_path=inside(learner["module_path"]),
        checks_path=os_sandbox.CHECKS,
        learner_dirs=[layout.paths[str(folder)] for folder in folders],
        learner_files=[inside(path) for path in learner["learner_files"]],
        protected=[],  # nothing to protect: none of it is in the sandbox
    )
    reference_start = {"command": [*os_sandbox.reference_command(), str(sandbox.HARNESS)]}
    learner_start = {"command": layout.command, "inner_workdir": os_sandbox.WORKDIR}
    return {"reference": (reference, reference_start), "learner": (learner, learner_start)}


def _inside(paths: dict[str, str]):
    def inside(path: str) -> str:
        folder, name = str(Path(path).parent), Path(path).name
        return f"{paths[folder]}/{name}"

    return inside


def _reference_config(job: Job) -> dict:
    return {
        "role": "reference",
        "module_name": job.exercise_id,
        "module_path": str(job.solution_file),
        "checks_path": str(job.checks_file),
        "requires": list(job.requires),
        "aliases": {used.id: str(used.solution_file) for used in job.uses},
        "mistakes": {name: str(path) for name, path in job.mistakes().items()},
        "protected": [],
        "record_signatures": job.record_signatures,
        **job.guard_config(),
    }


def _learner_config(job: Job) -> dict:
    learner_files = [job.learner_file, *(used.learner_file for used in job.uses)]
    protected = [PACKAGE_ROOT, job.solution_file, job.checks_file, *job.protected]
    protected += [used.solution_file for used in job.uses]
    if job.mistakes_dir is not None:
        protected.append(job.mistakes_dir)
    cache = reference_cache.folder()
    if cache is not None:  # the stored reference values: never in the learner's sight
        protected.append(cache)
    return {
        "role": "learner",
        "module_name": job.exercise_id,
        "module_path": str(job.learner_file),
        "checks_path": str(job.checks_file),
        "requires": list(job.requires),
        "learner_dirs": sorted({str(path.parent) for path in learner_files}),
        "learner_files": [str(path) for path in learner_files],
        "protected": [str(path) for path in protected],
        **job.guard_config(),
    }


def assemble(job: Job, reference: ChildRun, learner: ChildRun) -> GradeResult:
    """Decide the verdict from the two runs (the heart of the grader: read this one)."""
    import numpy as np  # imported here, while the children start, to keep `ldl` quick to start

    with np.errstate(all="ignore"):  # NaN and inf in the learner's values are data, not warnings
        return _assemble(job, reference, learner)


def _assemble(job: Job, reference: ChildRun, learner: ChildRun) -> GradeResult:
    from ldl.grading import cases as case_logic

    metas = _reference_metas(reference)
    expected = case_logic.values_by_case(reference, len(metas), trusted=True)
    baselines = case_logic.reference_findings(reference, metas)  # a guard it trips: grader_error
    if learner.ready is None:
        return _grader_error(job, f"the sandbox did not start ({learner.status}): {_tail(learner.output)}")
    if learner.status in LIMIT_VERDICTS:
        verdict, summary = LIMIT_VERDICTS[learner.status]
        return GradeResult(
            job.exercise_id, verdict, summary.format(limits=job.limits), output=_shown_output(learner)
        )
    refused = case_logic.refused_names(job.learner_file, dict(job.forbid), job.imports, job.exercise_id)
    if refused:  # forbid: / imports: of exercise.yaml, read from the file itself
        shown = _shown_output(learner)
        hints = case_logic.static_mistake_hints(
            refused, job.mistakes(), dict(job.forbid), job.imports, job.exercise_id
        )
        return GradeResult(
            job.exercise_id, Verdict.FAIL, refused[0], details=refused[1:], hints=hints, output=shown
        )
    import_error = next((m["import_error"] for m in learner.messages if "import_error" in m), None)
    if isinstance(import_error, dict):
        return _import_error_result(job, import_error, learner)
    got = case_logic.values_by_case(learner, len(metas), trusted=False)
    outcomes = [
        case_logic.judge(meta, expected[i], got[i], job.checks_file, baselines[i])
        for i, meta in enumerate(metas)
    ]
    cases = [
        CaseResult(meta["name"], outcome.passed, outcome.reason)
        for meta, outcome in zip(metas, outcomes, strict=True)
    ]
    failing = next((i for i, outcome in enumerate(outcomes) if not outcome.passed), None)
    if failing is None:
        return GradeResult(job.exercise_id, Verdict.PASS, f"all {len(cases)} checks passed", cases=cases)
    outcome, meta = outcomes[failing], metas[failing]
    hints = (
        case_logic.mistake_hints(reference, failing, outcome, meta, job.mistakes(), baselines[failing])
        + outcome.hints
    )
    verdict = Verdict.ERROR if outcome.raised else Verdict.FAIL
    if outcome.error_type == "MemoryError":  # refused by the address-space backstop
        verdict = Verdict.MEMORY_LIMIT
    return GradeResult(
        job.exercise_id,
        verdict,
        outcome.summary,
        cases=cases,
        failing_case=meta["name"],
        failing_input=meta.get("text"),
        details=outcome.details,
        hints=list(dict.fromkeys(hints)),
        output=_shown_output(learner),
    )


LIMIT_VERDICTS = {
    "timeout": (
        Verdict.TIMEOUT,
        "your code ran longer than its {limits.wall_seconds:g} s budget and was stopped "
        "(an endless loop? a slow Python loop over array elements?)",
    ),
    "memory_limit": (
        Verdict.MEMORY_LIMIT,
        "your code used more than {limits.memory_mb:g} MB of memory and was stopped "
        "(an accidental N x N array? a list that keeps growing?)",
    ),
    "output_limit": (Verdict.OUTPUT_LIMIT, "your code printed more than the grader keeps and was stopped"),
    "results_limit": (Verdict.OUTPUT_LIMIT, "your code returned far larger values than the checks expect"),
}


def _reference_metas(reference: ChildRun) -> list[dict]:
    setup_error = next((m["setup_error"] for m in reference.messages if "setup_error" in m), None)
    if setup_error:
        raise GraderFault(f"the reference set-up failed:\n{setup_error}")
    solution_done = any(m.get("solution_done") is True for m in reference.messages)
    if reference.ready is None or not (reference.status == "finished" or solution_done):
        raise GraderFault(
            f"the reference solution did not finish ({reference.status}): {_tail(reference.output)}"
        )
    metas = reference.ready.get("inputs")
    if not isinstance(metas, list) or not metas:
        raise GraderFault("the checks define no cases")
    return metas


def _import_error_result(job: Job, error: dict, learner: ChildRun) -> GradeResult:
    from ldl.grading.cases import describe_raised

    summary, details = describe_raised(error, f"importing {job.learner_file.name}")
    return GradeResult(
        job.exercise_id, Verdict.ERROR, summary, details=details, output=_shown_output(learner)
    )


def _grader_error(job: Job, reason: str) -> GradeResult:
    summary = "ldl could not grade this exercise; this is ldl's fault and does not count as an attempt"
    return GradeResult(
        job.exercise_id, Verdict.GRADER_ERROR, summary, details=cap_text(reason, 8192).splitlines()
    )


def _shown_output(run: ChildRun) -> str:
    text = cap_text(run.output.decode("utf-8", errors="replace"), OUTPUT_SHOWN_BYTES)
    return text + ("\n[... more output not shown ...]" if run.output_truncated else "")


def _tail(output: bytes) -> str:
    return output[-2000:].decode("utf-8", errors="replace").strip() or "(no output)"
