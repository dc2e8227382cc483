"""Grade one exercise: run the reference and the learner's file side by side, compare, explain.

    grade(job) -> GradeResult

1. Two sandboxed children start at once (sandbox.run_child): the *reference* child runs every case
   against `solution.py` (and the known-mistake modules), the *learner* child against the learner's
   file. Nothing is cached between gradings, so there is nothing for the learner's code to find.
2. The parent decides the verdict from the values alone (compare.py). The learner child's exit
   status and prints count for nothing; a case without a well-formed value is a failed case.
3. The first failing case is explained: its input, expected vs got, and hints from diagnose.py and
   from the exercise's `mistakes/` whose value matches the learner's.

Anything that is ldl's fault (missing files, a reference solution that fails, bad limits, a full
disk) becomes the verdict `grader_error`, which is never counted against the learner.
"""

from __future__ import annotations

import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ldl.grading import sandbox
from ldl.grading.sandbox import ChildRun, Limits
from ldl.grading.verdicts import CaseResult, GradeResult, GraderFault, Verdict, cap_text, render_feedback

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

    def mistakes(self) -> dict[str, Path]:
        if self.mistakes_dir is None or not self.mistakes_dir.is_dir():
            return {}
        return {
            path.stem: path
            for path in sorted(self.mistakes_dir.glob("*.py"))
            if not path.stem.startswith("_")
        }


def grade(job: Job) -> GradeResult:
    """Run both children concurrently and turn what they sent into a GradeResult."""
    started = time.monotonic()
    try:
        reference, learner = _run_both(job)
        result = assemble(job, reference, learner)
    except (GraderFault, OSError, ValueError) as exc:
        result = _grader_error(job, f"{type(exc).__name__}: {exc}")
    except Exception:  # a bug in ldl: still ldl's fault, never the learner's
        result = _grader_error(job, traceback.format_exc())
    result.duration_s = time.monotonic() - started
    result.feedback = render_feedback(result)
    return result


def _run_both(job: Job) -> tuple[ChildRun, ChildRun]:
    job.limits.validate()
    for path in (job.checks_file, job.solution_file):
        if not path.is_file():
            raise GraderFault(f"{path} is missing")
    with tempfile.TemporaryDirectory(prefix="ldl-grade-") as scratch:
        configs = {"reference": _reference_config(job), "learner": _learner_config(job)}
        runs: dict[str, ChildRun | BaseException] = {}
        cancel = threading.Event()

        def run(role: str) -> None:
            workdir = Path(scratch) / role
            try:
                workdir.mkdir()
                runs[role] = sandbox.run_child(configs[role], job.limits, workdir, cancel)
            except BaseException as exc:  # noqa: B036 - re-raised in the calling thread below
                runs[role] = exc

        threads = [threading.Thread(target=run, args=(role,)) for role in configs]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException:  # Ctrl-C: stop both children at once, then let it propagate
            cancel.set()
            for thread in threads:
                thread.join()
            raise
    for value in runs.values():
        if isinstance(value, BaseException):
            raise value
    return runs["reference"], runs["learner"]


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
    }


def _learner_config(job: Job) -> dict:
    learner_files = [job.learner_file, *(used.learner_file for used in job.uses)]
    protected = [PACKAGE_ROOT, job.solution_file, job.checks_file, *job.protected]
    protected += [used.solution_file for used in job.uses]
    if job.mistakes_dir is not None:
        protected.append(job.mistakes_dir)
    return {
        "role": "learner",
        "module_name": job.exercise_id,
        "module_path": str(job.learner_file),
        "checks_path": str(job.checks_file),
        "requires": list(job.requires),
        "learner_dirs": sorted({str(path.parent) for path in learner_files}),
        "learner_files": [str(path) for path in learner_files],
        "protected": [str(path) for path in protected],
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
    if learner.ready is None:
        return _grader_error(job, f"the sandbox did not start ({learner.status}): {_tail(learner.output)}")
    if learner.status in LIMIT_VERDICTS:
        verdict, summary = LIMIT_VERDICTS[learner.status]
        return GradeResult(
            job.exercise_id, verdict, summary.format(limits=job.limits), output=_shown_output(learner)
        )
    import_error = next((m["import_error"] for m in learner.messages if "import_error" in m), None)
    if isinstance(import_error, dict):
        return _import_error_result(job, import_error, learner)
    got = case_logic.values_by_case(learner, len(metas), trusted=False)
    outcomes = [case_logic.judge(meta, expected[i], got[i], job.checks_file) for i, meta in enumerate(metas)]
    cases = [
        CaseResult(meta["name"], outcome.passed, outcome.reason)
        for meta, outcome in zip(metas, outcomes, strict=True)
    ]
    failing = next((i for i, outcome in enumerate(outcomes) if not outcome.passed), None)
    if failing is None:
        return GradeResult(job.exercise_id, Verdict.PASS, f"all {len(cases)} checks passed", cases=cases)
    outcome, meta = outcomes[failing], metas[failing]
    hints = (
        case_logic.mistake_hints(reference, failing, outcome.got_value, meta, job.mistakes()) + outcome.hints
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
