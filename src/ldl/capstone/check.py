"""`ldl capstone check`: mark a project against its stage's rubric, row by row.

Each row is pass, fail, or self (a question only the learner can answer, shown as such), and a
failed row says how to fix it. The check runs the notebook twice, each time in a fresh kernel on
a fresh copy of the project (so your own outputs, figures and results.json are never touched),
with LDL_FAST=1, the framework audit installed as the kernel's first cell
(`ldl.capstone.audit`), and every cell under a timeout that kills the kernel.

The report goes to `<project>/.ldl/check.json` (for `ldl portfolio`) and into the progress store,
as a run of the pseudo-lab `capstone/<name>` with status pass or fail (mode "fast").
"""

from __future__ import annotations

import ast
import time
from datetime import UTC, datetime
from pathlib import Path

from ldl.capstone import audit, notebook
from ldl.capstone.project import read_manifest
from ldl.capstone.report import CheckReport, Row, make_row
from ldl.capstone.rules import StageRules, stage_rules
from ldl.capstone.runs import run_once, run_rows

SEED_CALLS = {"manual_seed", "manual_seed_all", "seed", "set_seed", "PRNGKey", "seed_everything"}


def check_project(project: Path, runs: int = 2, on_progress=None) -> CheckReport:
    """Every rubric row for the project folder `project`; `runs` = 0 skips running the notebook
    (only the static rows are then reported)."""
    start = time.monotonic()
    manifest = read_manifest(project)
    rules = stage_rules(manifest.stage)
    nb, used = notebook.load_notebook(project, manifest.name)
    prompts = [section.prompt for section in rules.sections]
    rows = static_rows(nb, project, rules, prompts)
    outcomes = []
    for number in range(runs):
        if on_progress:
            on_progress(f"run {number + 1} of {runs} (LDL_FAST=1, fresh kernel)")
        outcomes.append(run_once(project, nb, rules))
    if outcomes:
        rows = rows[:1] + run_rows(outcomes, rules) + rows[1:]
    rows += [Row(r.id, r.title, "self", how_to_fix=r.question) for r in rules.rubric.self_assessed]
    overall = "fail" if any(row.status == "fail" for row in rows) else "pass"
    from ldl import __version__

    return CheckReport(
        name=manifest.name,
        stage=manifest.stage,
        title=manifest.title,
        project=project,
        notebook=used,
        when=datetime.now(UTC).isoformat(timespec="seconds"),
        ldl_version=__version__,
        overall=overall,
        duration_s=round(time.monotonic() - start, 2),
        rows=rows,
    )


# ---- rows a reading of the files can decide -----------------------------------------------------


def static_rows(nb, project: Path, rules: StageRules, prompts: list[str]) -> list[Row]:
    cells = notebook.code_cells(nb)
    findings = audit.scan_sources(cells, project, rules.forbidden)
    rows = [
        make_row(
            "frameworks.static",
            "Low-level frameworks only (code)",
            not findings,
            "Replace " + "; ".join(f"{f.name} ({f.where}): {f.reason}" for f in findings[:5]),
            f"{len(cells)} code cells and the local modules they import were read",
        )
    ]
    rows.append(
        make_row(
            "reproducible.seeds_set",
            "Seeds are set",
            seeds_are_set(cells, project),
            "Seed every source of randomness at the top (random.seed, np.random.default_rng(seed), "
            "torch.manual_seed, env.reset(seed=...)) and pass the seed down.",
        )
    )
    bad_cells = notebook.code_without_prose(nb, prompts)
    rows.append(
        make_row(
            "prose.code_cells",
            "Every code cell is preceded by prose",
            not bad_cells,
            f"Before code cell(s) {', '.join(map(str, bad_cells[:10]))}, add a Markdown cell of at least "
            f"{notebook.MIN_WORDS_BEFORE_CODE} words saying why this code is here.",
        )
    )
    titles = [section.title for section in rules.sections]
    views = notebook.sections(nb, titles, prompts)
    thin = [v.title for v in views.values() if v.words < notebook.MIN_WORDS_PER_SECTION]
    rows.append(
        make_row(
            "prose.sections",
            "Required sections are present and written",
            not thin,
            "Write (at least "
            f"{notebook.MIN_WORDS_PER_SECTION} words of your own, under a `## Title` heading): "
            + "; ".join(thin),
        )
    )
    references = views.get("References")
    rows.append(
        make_row(
            "prose.references",
            "References link the sources used",
            bool(references and references.links),
            "Under `## References`, link each paper, course, dataset and code you used, e.g. "
            "[Deep Residual Learning](https://arxiv.org/abs/1512.03385).",
        )
    )
    analysis = views.get(rules.rubric.error_analysis_section)
    rows.append(
        make_row(
            "evaluation.error_analysis",
            "Error analysis is present",
            bool(analysis and analysis.code_cells and analysis.words >= notebook.MIN_WORDS_PER_SECTION),
            f"In `## {rules.rubric.error_analysis_section}`, look at the mistakes with code (the confused "
            "classes, the worst examples, the episodes that fail) and say what they have in common.",
        )
    )
    return rows


def seeds_are_set(cells: list[str], project: Path) -> bool:
    """Whether the code (or a local module it imports) calls a seeding function or seeds a
    generator (`default_rng(0)`, `env.reset(seed=...)`, `random_state=0`)."""
    sources = list(cells)
    for source in cells:
        try:
            tree = ast.parse(audit.strip_magics(source))
        except SyntaxError:
            continue
        for name, _ in audit.used_names(tree):
            module = audit.local_module(name, project)
            if module is not None:
                sources.append(module.read_text(encoding="utf-8"))
    for source in sources:
        try:
            tree = ast.parse(audit.strip_magics(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in SEED_CALLS or (called == "default_rng" and (node.args or node.keywords)):
                return True
            if any(keyword.arg in ("seed", "random_state") for keyword in node.keywords):
                return True
    return False
