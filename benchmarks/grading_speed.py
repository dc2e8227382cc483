"""How long does a learner wait for feedback? Target (issue 4, item 7): under 1.5 s wall-clock
for a typical numpy exercise.

For every exercise in the repository that requires numpy only, the reference solution is graded
as if it were the learner's file (`ldl.grading.selfcheck.grade_as_learner`: both sandboxed
children, the comparison, the feedback), `--repeats` times; the report is the median over the
exercises of each exercise's median time. The peer, measured interleaved in the same run, is the
bare floor of any sandboxed grading: starting `python -I` and importing numpy, once. Their ratio
says how much the grader adds on top of that floor. The children run numpy on one thread.

With `--cli` (or `--cli-only`), it also times the whole command a learner types, `ldl check ID` on
solved files in a fresh temporary workspace: five numpy exercises (target: median <= 0.5 s) and
the stage-1 torch/fastai ones (target <= 3 s), against the peer `ldl version` (the CLI's own
start-up), interleaved, with CPU seconds beside the wall clock. `ldl watch` pays only the grading
time, since its process is already running. `LDL_SANDBOX=fence` measures the fallback.

Run: `.venv/bin/python benchmarks/grading_speed.py [--repeats 3] [--cli | --cli-only] [--json]`
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ldl.curriculum.items import load_exercises
from ldl.grading.sandbox import ONE_THREAD
from ldl.grading.selfcheck import grade_as_learner
from ldl.grading.verdicts import Verdict

TARGET_SECONDS = 1.5


def python_with_numpy_seconds() -> float:
    """The peer: one `python -I -c "import numpy"`, the floor under every sandboxed child."""
    env = {name: "1" for name in ONE_THREAD}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-I", "-c", "import numpy"], check=True, env=env)
    return time.perf_counter() - started


def grading_seconds(exercise) -> float:
    started = time.perf_counter()
    result = grade_as_learner(exercise, exercise.solution_path)
    elapsed = time.perf_counter() - started
    if result.verdict is not Verdict.PASS:
        raise SystemExit(
            f"{exercise.id}: the reference solution got {result.verdict.value}:\n{result.feedback}"
        )
    return elapsed


def measure(repeats: int) -> dict:
    exercises = [e for e in load_exercises() if set(e.requires) <= {"numpy"}]
    per_exercise, peers = {}, []
    for exercise in exercises:
        times = []
        for _ in range(repeats):
            times.append(grading_seconds(exercise))
            peers.append(python_with_numpy_seconds())  # interleaved: a busy moment slows both
        per_exercise[exercise.id] = statistics.median(times)
    median = statistics.median(per_exercise.values())
    peer = statistics.median(peers)
    return {
        "exercises": len(exercises),
        "repeats": repeats,
        "median_seconds": round(median, 3),
        "slowest": max(per_exercise, key=per_exercise.get),
        "slowest_seconds": round(max(per_exercise.values()), 3),
        "peer_python_numpy_seconds": round(peer, 3),
        "ratio_to_peer": round(median / peer, 2),
        "target_seconds": TARGET_SECONDS,
        "meets_target": median < TARGET_SECONDS,
        "per_exercise_seconds": {key: round(value, 3) for key, value in per_exercise.items()},
    }


CLI_NUMPY = ("logsumexp", "stable_softmax", "confusion_matrix_metrics", "topo_sort", "dropout")
CLI_TORCH = ("dot_product_bias", "folder_datablock")
CHECK_TARGET_SECONDS = {"numpy": 0.5, "torch": 3.0}


def command_seconds(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the command and every child it waited for) of one `ldl` command."""
    import resource

    ldl = Path(sys.executable).with_name("ldl")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([str(ldl), *args], cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_cli(repeats: int, exercise_ids: tuple[str, ...], kind: str) -> dict:
    """`ldl check` end to end on solved exercises, against `ldl version`, in a throwaway workspace.

    CPU seconds are reported beside wall-clock ones: on a shared 2-core machine the wall clock
    swings with other people's load, the CPU time much less."""
    from ldl.curriculum.items import get_exercise

    with tempfile.TemporaryDirectory(prefix="ldl-bench-") as scratch:
        root = Path(scratch) / "workspace"
        subprocess.run(
            [str(Path(sys.executable).with_name("ldl")), "init", str(root)], capture_output=True, check=True
        )
        checks, versions, per_exercise = [], [], {}
        for exercise_id in exercise_ids:
            exercise = get_exercise(exercise_id)
            learner = root / "exercises" / exercise.stage_dir / f"{exercise.id}.py"
            learner.write_text(exercise.solution_path.read_text())
            times = []
            for _ in range(repeats):
                times.append(command_seconds(["check", exercise_id], root))
                versions.append(command_seconds(["version"], root))
            checks += times
            per_exercise[exercise_id] = round(statistics.median(t[0] for t in times), 3)
    check = statistics.median(t[0] for t in checks)
    return {
        "kind": kind,
        "sandbox": _sandbox_kind(),
        "ldl_check_seconds": round(check, 3),
        "ldl_check_cpu_seconds": round(statistics.median(t[1] for t in checks), 3),
        "ldl_version_seconds": round(statistics.median(t[0] for t in versions), 3),
        "ldl_version_cpu_seconds": round(statistics.median(t[1] for t in versions), 3),
        "target_seconds": CHECK_TARGET_SECONDS[kind],
        "meets_target": check <= CHECK_TARGET_SECONDS[kind],
        "per_exercise_seconds": per_exercise,
    }


def _sandbox_kind() -> str:
    from ldl.grading import os_sandbox

    return os_sandbox.choice()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time `ldl check` end to end")
    parser.add_argument("--cli-only", action="store_true", help="time `ldl check` only (numpy and torch)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = {} if args.cli_only else measure(args.repeats)
    if args.cli or args.cli_only:
        report["cli"] = measure_cli(args.repeats, CLI_NUMPY, "numpy")
        report["cli_torch"] = measure_cli(args.repeats, CLI_TORCH, "torch")
    if args.json:
        print(json.dumps(report, indent=2))
        return
    if "median_seconds" in report:
        print(f"numpy exercises graded:        {report['exercises']} x {report['repeats']}")
        print(
            f"median feedback time:          {report['median_seconds']:.3f} s  (target < {TARGET_SECONDS} s: "
            f"{'met' if report['meets_target'] else 'NOT met'})"
        )
        print(f"slowest exercise:              {report['slowest']} {report['slowest_seconds']:.3f} s")
        print(f"peer, python -I + import numpy: {report['peer_python_numpy_seconds']:.3f} s")
        print(f"ratio grading / peer:          {report['ratio_to_peer']:.2f}")
    for key in ("cli", "cli_torch"):
        if key in report:
            cli = report[key]
            print(
                f"`ldl check`, {cli['kind']} exercises ({cli['sandbox']}): {cli['ldl_check_seconds']:.3f} s "
                f"median (CPU {cli['ldl_check_cpu_seconds']:.3f} s; target <= {cli['target_seconds']} s: "
                f"{'met' if cli['meets_target'] else 'NOT met'})  {cli['per_exercise_seconds']}"
            )
            print(
                f"peer, `ldl version`:           {cli['ldl_version_seconds']:.3f} s "
                f"(CPU {cli['ldl_version_cpu_seconds']:.3f} s, the CLI's start-up)"
            )


if __name__ == "__main__":
    main()
