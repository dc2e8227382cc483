"""The content self-check (like `rustlings dev check`): every exercise's checks must fail on its
starter and pass on its reference solution, within its budget.

    python -m ldl.grading.selfcheck [EXERCISE ...] [--content-root DIR] [--json]

Each file is graded the way a learner's would be: copied into a temporary workspace as
`exercises/<stage-dir>/<id>.py` (the content tree itself is off limits to learner code), with the
reference solutions of the exercises it `uses` beside it. The starter must get `fail` or `error`
(never `grader_error`, which would mean the checks or the solution are broken); the solution must
get `pass`; every `mistakes/*.py` module must get `fail` or `error` too (the guards count: a mistake
that returns the right value but changes its input fails through the mutation guard).

`signature_coverage(exercise)` reports which optional parameters of the starter's functions no
case sets (tests/content/test_signature_coverage.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from ldl.curriculum.items import Exercise, get_exercise, load_exercises
from ldl.grading import os_sandbox, runner
from ldl.grading.coverage import optional_parameters
from ldl.grading.runner import grade
from ldl.grading.service import job_for
from ldl.grading.verdicts import GradeResult, Verdict

STARTER_VERDICTS = {Verdict.FAIL, Verdict.ERROR}


@dataclass
class SelfCheck:
    """The outcome for one exercise."""

    exercise_id: str
    starter_verdict: str
    solution_verdict: str
    solution_seconds: float
    budget_seconds: float
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def grade_as_learner(exercise: Exercise, source: Path, root: Path | None = None) -> GradeResult:
    """Grade `source` as if it were the learner's file for `exercise`."""
    with tempfile.TemporaryDirectory(prefix="ldl-selfcheck-") as scratch:
        return grade(_learner_job(exercise, source, Path(scratch), root))


def _learner_job(exercise: Exercise, source: Path, scratch: Path, root: Path | None) -> runner.Job:
    lookup = lambda exercise_id: get_exercise(exercise_id, root)  # noqa: E731
    exercises_dir = scratch / "exercises"
    for used_id in exercise.uses:
        used = lookup(used_id)
        _copy(used.solution_path, exercises_dir / used.stage_dir / f"{used.id}.py")
    learner = _copy(source, exercises_dir / exercise.stage_dir / f"{exercise.id}.py")
    return job_for(exercise, learner, lookup)


def signature_coverage(exercise: Exercise, root: Path | None = None) -> dict[str, list[str]]:
    """Optional parameters of the starter's API that no case sets at a non-default value:
    {'fn' or 'Class.method': [names]} (empty when every one is covered)."""
    wanted = optional_parameters(exercise.starter_path)
    if not wanted:
        return {}
    with tempfile.TemporaryDirectory(prefix="ldl-coverage-") as scratch:
        job = _learner_job(exercise, exercise.solution_path, Path(scratch), root)
        reference, _ = runner._run_both(dataclasses.replace(job, record_signatures=True), os_sandbox.choice())
    reports = [m["signatures"] for m in reference.messages if isinstance(m.get("signatures"), dict)]
    covered = reports[0] if reports else {}
    missing = {name: [p for p in params if p not in covered.get(name, [])] for name, params in wanted.items()}
    return {name: params for name, params in missing.items() if params}


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def self_check(exercise: Exercise, root: Path | None = None) -> SelfCheck:
    """Grade the starter and the solution; list every way they break the contract."""
    starter = grade_as_learner(exercise, exercise.starter_path, root)
    solution = grade_as_learner(exercise, exercise.solution_path, root)
    problems = []
    if starter.verdict not in STARTER_VERDICTS:
        problems.append(f"the starter got {starter.verdict.value} (want fail or error): {starter.summary}")
    if solution.verdict is not Verdict.PASS:
        problems.append(f"the solution got {solution.verdict.value} (want pass):\n{solution.feedback}")
    mistakes = sorted(exercise.mistakes_dir.glob("*.py")) if exercise.mistakes_dir.is_dir() else []
    for mistake in (path for path in mistakes if not path.stem.startswith("_")):
        graded = grade_as_learner(exercise, mistake, root)
        if graded.verdict not in STARTER_VERDICTS:
            problems.append(f"the mistake {mistake.name} got {graded.verdict.value} (want fail or error)")
    return SelfCheck(
        exercise.id,
        starter.verdict.value,
        solution.verdict.value,
        round(solution.duration_s, 3),
        exercise.budget_seconds,
        problems,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ldl.grading.selfcheck", description=__doc__.split("\n")[0]
    )
    parser.add_argument("exercises", nargs="*", help="exercise ids (default: all)")
    parser.add_argument("--content-root", type=Path, default=None, help="a content tree (default: ldl's own)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    chosen = [e for e in load_exercises(args.content_root) if not args.exercises or e.id in args.exercises]
    results = [self_check(exercise, args.content_root) for exercise in chosen]
    if args.json:
        print(json.dumps([asdict(result) for result in results], indent=2))
    for result in results if not args.json else []:
        mark = "ok  " if result.ok else "FAIL"
        print(
            f"{mark} {result.exercise_id:32} starter {result.starter_verdict:8} solution "
            f"{result.solution_verdict:6} {result.solution_seconds:5.2f} s"
        )
        for problem in result.problems:
            print(f"     {problem}")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
