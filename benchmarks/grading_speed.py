"""How long does a learner wait for feedback? Targets: grading under 1.5 s wall-clock for a typical
numpy exercise (issue 4, item 7); `ldl check` end to end, median <= 0.5 s for numpy exercises and
<= 3 s for torch/fastai ones (issue 10, point 4; issue 16, point 5).

For every exercise in the repository that requires numpy only, the reference solution is graded
as if it were the learner's file (`ldl.grading.selfcheck.grade_as_learner`: both sandboxed
children, the comparison, the feedback), `--repeats` times; the report is the median over the
exercises of each exercise's median time. The peer, measured interleaved in the same run, is the
bare floor of any sandboxed grading: starting `python -I` and importing numpy, once. Their ratio
says how much the grader adds on top of that floor. The children run numpy on one thread.

With `--cli` (or `--cli-only`), it also times the whole command a learner types, `ldl check ID` on
solved files in a fresh temporary workspace: five numpy exercises (target: median <= 0.5 s) and
the stage-1 torch/fastai ones (target <= 3 s), against the peer `ldl version` (the CLI's own
start-up), interleaved, with CPU seconds beside the wall clock, and the same check with the
reference cache switched off (`LDL_GRADING_CACHE=off`), so the cache's saving is a ratio measured
under the same load. `ldl watch` pays only the grading time, since its process is already running.
`LDL_SANDBOX=fence` measures the fallback. Stored reference runs go to a temporary folder, never
the user's cache. `--baseline DIR` (the `src/` of another ldl, e.g. `git archive HEAD src | tar -x
-C /tmp/old` gives /tmp/old/src) times that version's `ldl check` in the same rounds (its parent
and harness run from DIR; what its reference harness imports comes from the installed ldl, since
`python -I` ignores PYTHONPATH).

Run: `.venv/bin/python benchmarks/grading_speed.py [--repeats 3] [--cli | --cli-only] [--baseline DIR]
[--json]`
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ldl.curriculum.items import load_exercises
from ldl.grading.early import ENV_VARIABLE as EARLY
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
CLI_TORCH = tuple(e.id for e in load_exercises() if {"torch", "fastai"} & set(e.requires))  # all of them
CHECK_TARGET_SECONDS = {"numpy": 0.5, "torch": 3.0}


def command_seconds(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, must_pass: bool = False
) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `ldl` command, its sandboxes included.

    The sandboxed children are not the command's own children once bubblewrap is involved (they run
    in their own PID namespace and are killed, not reaped), so `RUSAGE_CHILDREN` misses them. Where
    a cgroup's CPU accounting can be used (root on Linux), the command runs in a fresh cgroup, which
    every descendant inherits, and its exact usage is read; elsewhere the CPU is `RUSAGE_CHILDREN`
    (the command alone)."""
    import resource

    ldl = [str(Path(sys.executable).with_name("ldl"))]
    if env and "PYTHONPATH" in env:  # another copy of ldl (--baseline): the console script would ignore it
        ldl = [sys.executable, "-m", "ldl"]
    group = _cpu_cgroup()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [*ldl, *args],
        cwd=cwd,
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
        preexec_fn=group.enter if group else None,  # noqa: PLW1509 - only writes our own pid
    )
    wall = time.perf_counter() - started
    if must_pass and done.returncode != 0:
        raise SystemExit(f"`ldl {' '.join(args)}` did not pass:\n{done.stdout.decode(errors='replace')}")
    if group:
        return wall, group.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class _CpuGroup:
    """A throwaway cgroup (v1 cpuacct or v2) that counts the CPU time of a process and its descendants."""

    def __init__(self, folder: Path, usage: str):
        self.folder, self.usage = folder, usage

    def enter(self) -> None:  # in the child, before exec
        (self.folder / "cgroup.procs").write_text("0")

    def close(self) -> float:
        text = (self.folder / self.usage).read_text()
        seconds = int(text) / 1e9 if self.usage == "cpuacct.usage" else _usage_usec(text) / 1e6
        for _ in range(50):  # the last processes may take a moment to leave
            try:
                self.folder.rmdir()
                break
            except OSError:
                time.sleep(0.02)
        return seconds


def _usage_usec(text: str) -> int:
    return next(int(line.split()[1]) for line in text.splitlines() if line.startswith("usage_usec"))


def _cpu_cgroup() -> _CpuGroup | None:
    for root, usage in (
        (Path("/sys/fs/cgroup/cpuacct"), "cpuacct.usage"),
        (Path("/sys/fs/cgroup"), "cpu.stat"),
    ):
        folder = root / f"ldl-bench-{os.getpid()}-{time.monotonic_ns()}"
        try:
            folder.mkdir()
        except OSError:
            continue
        if (folder / usage).exists():
            return _CpuGroup(folder, usage)
        folder.rmdir()
    return None


def _cpu_method() -> str:
    group = _cpu_cgroup()
    if group is None:
        return "rusage (the command alone: sandboxed children not counted)"
    group.close()
    return "cgroup (the command and every process it started)"


def measure_cli(repeats: int, exercise_ids: tuple[str, ...], kind: str, baseline: Path | None = None) -> dict:
    """`ldl check` end to end on solved exercises, against `ldl version`, in a throwaway workspace.

    Per exercise: one check with an empty reference cache (the first check after an install or a
    content change), then `repeats` rounds, interleaved so that a busy moment slows all alike, of
    the check as a learner meets it (the stored reference run), the same check with the cache off
    (`LDL_GRADING_CACHE=off`: both children, every mistake), and `ldl version`. CPU seconds are
    reported beside wall-clock ones: on a shared 2-core machine the wall clock swings with other
    people's load, the CPU time much less."""
    from ldl.curriculum.items import get_exercise

    with tempfile.TemporaryDirectory(prefix="ldl-bench-") as scratch:
        root = Path(scratch) / "workspace"
        subprocess.run(
            [str(Path(sys.executable).with_name("ldl")), "init", str(root)], capture_output=True, check=True
        )
        cache = {"LDL_GRADING_CACHE": str(Path(scratch) / "reference-cache")}
        off = {"LDL_GRADING_CACHE": "off"}
        checks, uncached, cold, versions, per_exercise, before, late = [], [], [], [], {}, [], []
        older = {"PYTHONPATH": str(baseline), "LDL_GRADING_CACHE": "off"} if baseline else {}
        for exercise_id in exercise_ids:
            exercise = get_exercise(exercise_id)
            for solved in (exercise, *(get_exercise(used) for used in exercise.uses)):
                learner = root / "exercises" / solved.stage_dir / f"{solved.id}.py"
                learner.write_text(solved.solution_path.read_text())  # and the earlier files it imports
            cold.append(command_seconds(["check", exercise_id], root, cache, must_pass=True))
            times = []
            for _ in range(repeats):
                times.append(command_seconds(["check", exercise_id], root, cache))
                uncached.append(command_seconds(["check", exercise_id], root, off))
                late.append(command_seconds(["check", exercise_id], root, {**cache, EARLY: "off"}))
                versions.append(command_seconds(["version"], root))
                if baseline:  # the older ldl knows no cache (or keeps its own: off either way)
                    before.append(command_seconds(["check", exercise_id], root, older))
            checks += times
            per_exercise[exercise_id] = round(statistics.median(t[0] for t in times), 3)

    def median(runs: list[tuple[float, float]], index: int) -> float:
        return round(statistics.median(t[index] for t in runs), 3)

    check = statistics.median(t[0] for t in checks)
    return {
        "kind": kind,
        "sandbox": _sandbox_kind(),
        "cpu_method": _cpu_method(),
        "ldl_check_seconds": round(check, 3),
        "ldl_check_cpu_seconds": median(checks, 1),
        "uncached_check_seconds": median(uncached, 0),
        "uncached_check_cpu_seconds": median(uncached, 1),
        "first_check_seconds": median(cold, 0),
        "first_check_cpu_seconds": median(cold, 1),
        "ldl_version_seconds": median(versions, 0),
        "ldl_version_cpu_seconds": median(versions, 1),
        "cpu_ratio_cached_to_uncached": round(median(checks, 1) / max(median(uncached, 1), 1e-9), 2),
        "no_early_start_seconds": median(late, 0),
        "ratio_to_no_early_start": round(check / max(median(late, 0), 1e-9), 2),
        "target_seconds": CHECK_TARGET_SECONDS[kind],
        "meets_target": check <= CHECK_TARGET_SECONDS[kind],
        "per_exercise_seconds": per_exercise,
        **(
            {
                "baseline": str(baseline),
                "baseline_check_seconds": median(before, 0),
                "baseline_check_cpu_seconds": median(before, 1),
                "ratio_to_baseline_wall": round(check / max(median(before, 0), 1e-9), 2),
                "ratio_to_baseline_cpu": round(median(checks, 1) / max(median(before, 1), 1e-9), 2),
            }
            if baseline
            else {}
        ),
    }


def _sandbox_kind() -> str:
    from ldl.grading import os_sandbox

    return os_sandbox.choice()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time `ldl check` end to end")
    parser.add_argument("--cli-only", action="store_true", help="time `ldl check` only (numpy and torch)")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="the src/ folder of another ldl (`git archive HEAD src | tar -x -C DIR`): its `ldl check` "
        "is timed interleaved with this one",
    )
    parser.add_argument("--numpy-only", action="store_true", help="with --cli-only: skip the torch exercises")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="ldl-bench-cache-")
    os.environ.setdefault("LDL_GRADING_CACHE", scratch.name)  # grade_as_learner's stored runs
    report = {} if args.cli_only else measure(args.repeats)
    if args.cli or args.cli_only:
        baseline = args.baseline.resolve() if args.baseline else None
        report["cli"] = measure_cli(args.repeats, CLI_NUMPY, "numpy", baseline)
        if not args.numpy_only:
            report["cli_torch"] = measure_cli(args.repeats, CLI_TORCH, "torch", baseline)
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
            verdict = "met" if cli["meets_target"] else "NOT met"
            print(
                f"`ldl check`, {cli['kind']} exercises ({cli['sandbox']}): median "
                f"{cli['ldl_check_seconds']:.3f} s against the target <= {cli['target_seconds']} s: {verdict}"
            )
            print(f"  per exercise (s):              {cli['per_exercise_seconds']}")
            print(
                f"  CPU, median:                   {cli['ldl_check_cpu_seconds']:.3f} s [{cli['cpu_method']}]"
            )
            print(
                f"  same check, cache off:         {cli['uncached_check_seconds']:.3f} s "
                f"(CPU {cli['uncached_check_cpu_seconds']:.3f} s; CPU ratio cached/off "
                f"{cli['cpu_ratio_cached_to_uncached']:.2f})"
            )
            print(
                f"  same check, no early start:    {cli['no_early_start_seconds']:.3f} s "
                f"(ratio with/without {cli['ratio_to_no_early_start']:.2f})"
            )
            print(
                f"  first check (empty cache):     {cli['first_check_seconds']:.3f} s "
                f"(CPU {cli['first_check_cpu_seconds']:.3f} s)"
            )
            if "baseline" in cli:
                print(
                    f"  baseline {cli['baseline']}: {cli['baseline_check_seconds']:.3f} s "
                    f"(CPU {cli['baseline_check_cpu_seconds']:.3f} s); this one / baseline: wall "
                    f"{cli['ratio_to_baseline_wall']:.2f}, CPU {cli['ratio_to_baseline_cpu']:.2f}"
                )
            print(
                f"  peer, `ldl version`:           {cli['ldl_version_seconds']:.3f} s "
                f"(CPU {cli['ldl_version_cpu_seconds']:.3f} s, the CLI's own start-up)"
            )


if __name__ == "__main__":
    main()
