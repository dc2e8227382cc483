"""CLI group: your capstone projects.

    ldl capstone ideas [1|2]         project ideas, each with the data it needs (all offline)
    ldl capstone new 1|2 NAME        start a project in capstones/NAME/ from the stage's template
    ldl capstone list                your projects and their last check
    ldl capstone check NAME          the rubric, row by row (runs the notebook twice, LDL_FAST=1)

The work happens in `ldl.capstone`; this module only renders.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ldl.cli import common

capstone_app = typer.Typer(help="Start, list and check your capstone projects.", no_args_is_help=True)
StageArgument = Annotated[
    str, typer.Argument(help="1 (supervised learning) or 2 (deep reinforcement learning).")
]
STATUS_STYLE = {"pass": "[green]pass[/]", "fail": "[red]fail[/]", "self": "[yellow]self[/]"}


def register(app: typer.Typer) -> None:
    app.add_typer(capstone_app, name="capstone")


@dataclass
class IdeaList:
    stages: list[dict] = field(default_factory=list)  # {stage, title, ideas: [{title, summary, data}]}


@capstone_app.command("ideas")
def ideas(
    stage: Annotated[str | None, typer.Argument(help="1 or 2 (default: both).")] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Project ideas from the syllabus, each with the data it needs and how to get it offline."""
    from ldl.capstone.rules import parse_stage, stage_rules

    numbers = [parse_stage(stage)] if stage else [1, 2]
    result = IdeaList()
    for number in numbers:
        rules = stage_rules(number)
        items = [idea.model_dump() for idea in rules.ideas]
        result.stages.append({"stage": number, "title": rules.stage.title, "ideas": items})
    common.emit(result, render_ideas, as_json)


def render_ideas(result: IdeaList) -> None:
    for stage in result.stages:
        common.console.print(f"\n[bold]{stage['title']}[/]  (`ldl capstone new {stage['stage']} NAME`)")
        for idea in stage["ideas"]:
            common.console.print(f"\n  [bold]{escape(idea['title'])}[/]: {escape(idea['summary'])}")
            for source in idea["data"]:
                common.console.print(f"    data: {escape(source['name'])}: {escape(source['how'])}")


@capstone_app.command("new")
def new(
    stage: StageArgument,
    name: Annotated[str, typer.Argument(help="The project's name: lower case, digits, underscores.")],
    title: Annotated[str | None, typer.Option(help="A title (default: from the name).")] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Start a project: a notebook with the stage's sections (paired with a .py), a README,
    data/ and figures/ folders, and a DDP training script (Capstone I) or an agent skeleton (II)."""
    from ldl.capstone.project import new_project
    from ldl.workspace import require_workspace

    result = new_project(require_workspace(), stage, name, title)
    common.emit(result, render_new, as_json)


def render_new(result) -> None:
    common.console.print(
        f"Started Capstone {'I' * result.stage} project [bold]{result.name}[/] in {result.folder}"
    )
    for relative in result.files:
        common.console.print(f"  {relative}")
    for step in result.next_steps:
        common.console.print(f"- {step}")


@capstone_app.command("list")
def list_projects(as_json: common.JsonOption = False) -> None:
    """Your capstone projects with the result of their last check."""
    from ldl.capstone.project import read_manifest
    from ldl.workspace import capstone_check_report, capstone_projects, require_workspace

    rows = []
    for folder in capstone_projects(require_workspace()):
        manifest = read_manifest(folder)
        report = capstone_check_report(folder)
        last = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
        rows.append(
            {
                **manifest.__dict__,
                "folder": folder,
                "checked": last.get("when"),
                "overall": last.get("overall"),
            }
        )
    common.emit(rows, render_list, as_json)


def render_list(rows: list[dict]) -> None:
    if not rows:
        common.console.print(
            "No capstone projects yet: `ldl capstone ideas`, then `ldl capstone new 1 NAME`."
        )
        return
    table = Table("name", "capstone", "title", "last check")
    for row in rows:
        last = f"{row['overall']} ({row['checked']})" if row["overall"] else "never checked"
        table.add_row(row["name"], "I" * row["stage"], row["title"], last)
    common.console.print(table)


@capstone_app.command("check")
def check(
    name: Annotated[str, typer.Argument(help="A project in capstones/, or the path of a project folder.")],
    as_json: common.JsonOption = False,
) -> None:
    """Mark a project against its rubric: frameworks, reproducibility, honest evaluation, prose.

    Runs the notebook twice in fresh kernels with LDL_FAST=1 on a copy of the project; writes the
    report to <project>/.ldl/check.json and records it in your progress store."""
    from ldl.capstone.check import check_project
    from ldl.capstone.project import find_project
    from ldl.capstone.report import record, save_report
    from ldl.workspace import find_workspace

    workspace = find_workspace()
    project = find_project(workspace, name)
    say = None if as_json else (lambda text: common.err_console.print(f"[dim]{text}[/]"))
    report = check_project(project, on_progress=say)
    save_report(report)
    if workspace is not None and project.is_relative_to(workspace.root):
        record(report, workspace.progress_db)
    common.emit(report, render_report, as_json)
    if report.overall == "fail":
        raise typer.Exit(1)


def render_report(report) -> None:
    table = Table(
        "", "row", "how to fix (or the question to ask yourself)", title=f"{report.title} ({report.name})"
    )
    for row in report.rows:
        table.add_row(STATUS_STYLE[row.status], escape(row.title), escape(row.how_to_fix or row.detail))
    common.console.print(table)
    counts = report.counts
    verdict = "[green]passes[/]" if report.overall == "pass" else "[red]does not pass yet[/]"
    common.console.print(
        f"The project {verdict}: {counts['pass']} pass, {counts['fail']} fail, "
        f"{counts['self']} for you to judge "
        f"({report.duration_s:.0f} s). Report: {report.project / '.ldl' / 'check.json'}"
    )
