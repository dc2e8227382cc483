"""`ldl show EXERCISE`: an exercise's statement in the terminal, with what you need to start.

The statement (Markdown with LaTeX maths) is drawn by Rich after `terminal_math` has turned its
maths into Unicode; above it: the title and unit, your file, the signatures to implement (read
from the starter, so they are exactly what the grader calls) and how many hints there are.
`--json` gives the same facts with the raw statement.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from rich.markdown import Markdown
from rich.markup import escape
from rich.syntax import Syntax

from ldl.cli import common
from ldl.cli.terminal_math import markdown_for_terminal
from ldl.curriculum.items import Exercise, get_exercise
from ldl.curriculum.syllabus import load_syllabus
from ldl.errors import LdlError
from ldl.progress.store import ProgressStore
from ldl.workspace import find_workspace


@dataclass(frozen=True)
class ShowResult:
    id: str
    title: str
    unit: str
    unit_title: str
    learner_file: str  # where your code goes (relative to the workspace when there is none)
    statement_file: str  # the statement's copy beside it
    hints_total: int
    hints_used: int | None  # None outside a workspace
    signatures: list[str]  # `def ...` lines from the starter (methods indented under their class)
    statement: str  # the statement's Markdown, as written


def signatures(source: str) -> list[str]:
    """The public functions and classes (with their methods) of a starter, as one line each."""
    lines = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            lines.append(_signature(node))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            bases = f"({', '.join(ast.unparse(base) for base in node.bases)})" if node.bases else ""
            lines.append(f"class {node.name}{bases}:")
            methods = [item for item in node.body if isinstance(item, ast.FunctionDef)]
            lines += [
                f"    {_signature(m)}" for m in methods if not m.name.startswith("_") or m.name == "__init__"
            ]
    return lines


def _signature(node: ast.FunctionDef) -> str:
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    return f"def {node.name}({ast.unparse(node.args)}){returns}"


def show(
    exercise: Exercise, unit_title: str, workspace_root: Path | None, hints_used: int | None
) -> ShowResult:
    relative = Path("exercises") / exercise.stage_dir / f"{exercise.id}.py"
    learner = workspace_root / relative if workspace_root else relative
    return ShowResult(
        id=exercise.id,
        title=exercise.title,
        unit=exercise.unit,
        unit_title=unit_title,
        learner_file=str(learner),
        statement_file=str(learner.with_suffix(".md")),
        hints_total=len(exercise.hints),
        hints_used=hints_used,
        signatures=signatures(exercise.starter_path.read_text(encoding="utf-8")),
        statement=exercise.statement_path.read_text(encoding="utf-8"),
    )


def show_exercise(exercise_id: str | None, store: ProgressStore | None = None) -> ShowResult:
    """What `ldl show` prints; inside a workspace also your file's path and the hints you used."""
    from ldl.cli.exercises import current_exercise  # (that module imports this one lazily)

    workspace = find_workspace()
    if exercise_id is None:
        if workspace is None:
            raise LdlError(
                "Which exercise?", hint="Name one (`ldl exercises` lists them), or run it in a workspace."
            )
        with ProgressStore(workspace.progress_db) as own:
            exercise_id = current_exercise(workspace, own).id
    item = get_exercise(exercise_id)
    unit_title = load_syllabus().unit(item.unit).title
    root = workspace.root if workspace else None
    if store is not None or workspace is None:
        used = store.hints_used(item.id) if store is not None else None
        return show(item, unit_title, root, used)
    with ProgressStore(workspace.progress_db) as own:
        return show(item, unit_title, root, own.hints_used(item.id))


def render_show(result: ShowResult) -> None:
    console = common.console
    console.rule(f"[bold]{escape(result.title)}[/]  [dim]{result.id}[/]")
    console.print(f"[dim]Unit:[/] {escape(result.unit_title)} [dim]({result.unit})[/]", highlight=False)
    console.print(f"[dim]Your file:[/] {escape(result.learner_file)}", highlight=False, soft_wrap=True)
    console.print()
    console.print(Markdown(markdown_for_terminal(result.statement)))
    if result.signatures:
        console.print("\n[bold]To implement[/] (from the starter):")
        console.print(Syntax("\n".join(result.signatures), "python", theme="ansi_dark", word_wrap=True))
    used = f", {result.hints_used} used" if result.hints_used is not None else ""
    console.print(
        f"\n[dim]{result.hints_total} hints{used}: `ldl hint {result.id}`. Check your file: "
        f"`ldl check {result.id}`. The statement is also in {escape(result.statement_file)}.[/]",
        highlight=False,
    )
