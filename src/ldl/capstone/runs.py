"""Running a capstone notebook for the check, and the rows only a run can decide.

Each run works on a fresh copy of the project in a temporary folder (the learner's outputs,
figures and results.json are never touched; `data/` is linked, not copied), in a fresh kernel,
with LDL_FAST=1, the framework audit as the first cell and a sweep of `sys.modules` as the last
(`ldl.capstone.audit`), and every cell under a timeout that kills the kernel.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldl.capstone import audit, results
from ldl.capstone.report import Row, make_row
from ldl.capstone.rules import StageRules

SKIPPED = {".ldl", ".ipynb_checkpoints", "__pycache__", ".git"}


@dataclass
class RunOutcome:
    ok: bool
    seconds: float  # the notebook's own cells, without starting the kernel
    error: str | None
    results: dict[str, Any] | None
    results_problem: str | None
    findings: list[audit.Finding]
    video: Path | None = None


def run_once(project: Path, nb, rules: StageRules) -> RunOutcome:
    """Run the notebook once, fast mode, on a copy of the project, with the audit installed."""
    import nbformat

    from ldl.notebooks.runner import run_notebook

    budget = rules.rubric.fast_budget_s
    with tempfile.TemporaryDirectory(prefix="ldl-capstone-") as scratch:
        copy = Path(scratch) / project.name
        top_data = project / "data"  # linked below, not copied (it may be large)
        skip = lambda folder, names: [n for n in names if n in SKIPPED or Path(folder) / n == top_data]
        shutil.copytree(project, copy, ignore=skip, symlinks=True)
        if (project / "data").exists():
            (copy / "data").symlink_to((project / "data").resolve(), target_is_directory=True)
        log = Path(scratch) / "audit.jsonl"
        audited = nbformat.v4.new_notebook(metadata=nb.metadata)
        audited.cells = [
            nbformat.v4.new_code_cell(audit.runtime_prelude(rules.forbidden)),
            *[cell for cell in nb.cells if cell.cell_type in ("code", "markdown")],
            nbformat.v4.new_code_cell(audit.runtime_sweep(rules.forbidden)),
        ]
        env = {"LDL_FAST": "1", audit.AUDIT_LOG_ENV: str(log)}
        outcome = run_notebook(audited, timeout_per_cell=budget, env=env, cwd=copy, total_timeout=budget + 60)
        seconds = sum(cell.duration_s for cell in outcome.cells[1:-1])
        data, problem = results.read_results(copy)
        video = None
        if data and isinstance(data.get("video"), str) and (copy / data["video"]).is_file():
            video = copy / data["video"]
            video = video if video.stat().st_size > 0 else None
        return RunOutcome(
            ok=outcome.ok,
            seconds=seconds,
            error=outcome.error,
            results=data,
            results_problem=problem,
            findings=audit.read_runtime_log(log, rules.forbidden),
            video=Path(data["video"]) if video else None,
        )


def run_rows(outcomes: list[RunOutcome], rules: StageRules) -> list[Row]:
    first = outcomes[0]
    findings = [f for outcome in outcomes for f in outcome.findings]
    rows = [
        make_row(
            "frameworks.runtime",
            "Low-level frameworks only (while running)",
            not findings,
            "Remove " + "; ".join(sorted({f"{f.name} {f.where}: {f.reason}" for f in findings})[:5]),
            "an import hook watched every module the kernel loaded",
        ),
        make_row(
            "reproducible.runs",
            "Runs top to bottom in a fresh kernel",
            all(o.ok for o in outcomes),
            next((f"Fix {o.error}" for o in outcomes if not o.ok), ""),
        ),
        make_row(
            "reproducible.fast",
            f"LDL_FAST=1 finishes within {rules.rubric.fast_budget_s:.0f} s",
            all(o.ok and o.seconds <= rules.rubric.fast_budget_s for o in outcomes),
            "Shrink the work when os.environ.get('LDL_FAST') == '1' (fewer samples, epochs or "
            "episodes; the same code path), so that anyone can rerun the whole notebook quickly.",
            f"{max(o.seconds for o in outcomes):.1f} s",
        ),
    ]
    data = first.results
    rows.append(
        make_row(
            "results.file",
            f"Results are written to {results.RESULTS_FILE}",
            data is not None,
            f"Write {results.RESULTS_FILE} at the end (see docs/capstone.md): {first.results_problem}.",
        )
    )
    if len(outcomes) > 1:
        differing = (
            results.same_results(outcomes[0].results, outcomes[1].results)
            if all(o.results for o in outcomes)
            else ["a run wrote no results"]
        )
        rows.append(
            make_row(
                "reproducible.same_metrics",
                "Two runs report the same metrics",
                not differing,
                "Something random is not seeded: " + "; ".join(differing[:2]),
            )
        )
    if data is None:
        return rows
    rows += result_rows(data, rules, first)
    return rows


def result_rows(data: dict[str, Any], rules: StageRules, run: RunOutcome) -> list[Row]:
    seeds = data.get("seeds") if isinstance(data.get("seeds"), list) else []
    model = results.numbers(data.get("model"))
    problems = results.summary_problems(data, rules.rubric.summary)
    enough = len(set(map(str, seeds))) >= rules.min_seeds and len(model) == len(seeds)
    spread = (
        "mean and standard deviation" if rules.rubric.summary == "mean_std" else "IQM with a bootstrap CI"
    )
    rows = [
        make_row(
            "results.seeds",
            f"Results over >= {rules.min_seeds} seeds, as {spread}",
            enough and not problems,
            f"Train with at least {rules.min_seeds} seeds (one `model` value per seed) "
            f"and report the {spread}: "
            + "; ".join(problems or [f"got {len(seeds)} seeds and {len(model)} values"]),
        ),
        make_row(
            "evaluation.baseline",
            "A baseline is reported beside the model",
            bool(results.numbers(data.get("baseline"))) and bool(data.get("baseline_name")),
            "Report a simple baseline's score on the same data (`baseline`, `baseline_name`): a majority "
            "class, a linear model, a random or scripted agent.",
        ),
    ]
    if rules.number == 1:
        rows.append(
            make_row(
                "evaluation.test_once",
                "The held-out test set is touched once",
                data.get("test_evaluations") == 1,
                "Choose everything on the validation set, then evaluate the final models on the test set "
                f"in one place, once (`test_evaluations` was {data.get('test_evaluations')!r}).",
            )
        )
    else:
        train, evaluate = set(map(str, seeds)), set(map(str, data.get("eval_seeds") or []))
        rows.append(
            make_row(
                "evaluation.unseen_seeds",
                "The agent is evaluated on seeds it never trained on",
                bool(evaluate) and not (train & evaluate),
                "Evaluate on environment seeds disjoint from the training seeds (`eval_seeds`).",
            )
        )
        rows.append(
            make_row(
                "results.video",
                "A recording of the agent",
                run.video is not None and run.video.suffix.lower() in (".gif", ".mp4", ".webm"),
                "Save a GIF or MP4 of the trained agent under figures/ and name it in `video`.",
            )
        )
    return rows
