"""CLI group: the learner's path.

    ldl map              stages and units with status, progress bars, hours done and left
    ldl unit UNIT        one unit: goals, resources, labs and exercises
    ldl next             the single next thing to do, with the command that starts it
    ldl goal [GOAL]      show or choose why you are learning (it decides the optional units)
    ldl skip / unskip    leave a unit out of your path, or bring it back
    ldl done ITEM        mark a unit (or a lab you worked through) finished
    ldl status           a summary: goal, units, exercises, hours, streak

Each command reads the progress store into plain data, calls a pure function from
`ldl.curriculum` and renders the typed result (`--json` prints it instead). `render_map` is public
so that `ldl tour` can draw the map too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress_bar import ProgressBar
from rich.table import Table

from ldl.cli import common
from ldl.curriculum import path as course
from ldl.curriculum.loading import suggest
from ldl.curriculum.next_step import NextStep, next_step
from ldl.curriculum.summary import StatusSummary, status_summary
from ldl.curriculum.views import GoalChoice, UnitDetail, goal_choice, unit_detail
from ldl.errors import LdlError
from ldl.progress.store import ProgressStore
from ldl.workspace import Workspace, find_workspace, require_workspace

GOAL_SETTING = "goal"
STYLES = {"done": "green", "skipped": "dim", "in_progress": "yellow", "optional": "dim", "available": "cyan"}
SYMBOLS = {"done": "✔", "skipped": "↷", "in_progress": "▶", "optional": "–", "available": "○", "locked": "·"}
UnitArgument = Annotated[str, typer.Argument(help="A unit id, e.g. math.calculus (see `ldl map`).")]


# ---- reading the learner's state ---------------------------------------------------------------


def read_progress(store: ProgressStore, curriculum: course.Curriculum) -> course.Progress:
    """The store's records as the plain data the path logic works on."""
    attempts = store.attempts()
    runs = [run for run in store.lab_runs() if run.mode != "tour"]  # the tour ran ldl's copy, not yours
    return course.Progress(
        unit_statuses=store.unit_statuses(),
        passed_exercises=frozenset(a.exercise_id for a in attempts if a.verdict == "pass"),
        attempted_exercises=frozenset(a.exercise_id for a in attempts),
        given_up_exercises=frozenset(e.id for e in curriculum.exercises if store.gave_up(e.id)),
        completed_labs=frozenset(r.lab_id for r in runs if r.status in course.LAB_COMPLETE),
        started_labs=frozenset(r.lab_id for r in runs),
    )


def read_activity(store: ProgressStore) -> list[datetime]:
    stamps = [a.created_at for a in store.attempts()] + [r.created_at for r in store.lab_runs()]
    stamps += [u.updated_at for u in store.unit_status_records()] + [r.created_at for r in store.reviews()]
    return [datetime.fromisoformat(stamp) for stamp in stamps]


def reviews_due(workspace: Workspace) -> int:
    """How many review cards are due now (the cards of started units; see `ldl.review`)."""
    from ldl.cli.review import due_count

    with ProgressStore(workspace.progress_db) as store:
        return due_count(store)


def capstone_names(workspace: Workspace) -> dict[str, list[str]]:
    """{capstone stage key: the learner's project names}, from each project's capstone.yaml."""
    import yaml

    from ldl.workspace import CAPSTONE_MANIFEST, capstone_projects

    names: dict[str, list[str]] = {}
    for project in capstone_projects(workspace):
        try:
            stage = yaml.safe_load((project / CAPSTONE_MANIFEST).read_text(encoding="utf-8")).get("stage")
        except (OSError, yaml.YAMLError, AttributeError):
            continue  # a damaged manifest: `ldl capstone check` reports it, the path just skips it
        names.setdefault(f"capstone-{stage}", []).append(project.name)
    return names


def recalls_due(workspace: Workspace):
    """The recall exercises due now (see `ldl.review.recall`), for the next step."""
    from ldl.cli.recall import recalls_due as due

    return due(workspace)


def current_goal(store: ProgressStore | None, curriculum: course.Curriculum) -> str:
    """The learner's chosen goal, or the syllabus default (also when the choice no longer exists)."""
    chosen = store.get_setting(GOAL_SETTING) if store is not None else None
    known = {goal.id for goal in curriculum.syllabus.goals}
    return chosen if chosen in known else curriculum.syllabus.default_goal


def learner_state(workspace: Workspace | None) -> tuple[course.Curriculum, course.Progress, str]:
    """The content, the learner's progress and goal (a fresh learner's when there is no workspace)."""
    curriculum = course.load_curriculum()
    if workspace is None:
        return curriculum, course.Progress(), current_goal(None, curriculum)
    with ProgressStore(workspace.progress_db) as store:
        return curriculum, read_progress(store, curriculum), current_goal(store, curriculum)


def current_map(workspace: Workspace | None) -> course.CourseMap:
    """The course map for `workspace` (a fresh one's when None); `ldl tour` draws it with render_map."""
    return course.course_map(*learner_state(workspace))


# ---- results of the commands that change something ---------------------------------------------


@dataclass(frozen=True)
class MarkResult:
    item_id: str
    kind: str  # "unit" or "lab"
    title: str
    message: str
    next: NextStep


def mark(workspace: Workspace, item_id: str, action: str, anyway: bool = False) -> MarkResult:
    """Apply `skip`, `unskip` or `done` to a unit (or `done` to a lab) and say what comes next.

    `done` refuses a unit with exercises the learner has neither passed nor given up on, unless
    `anyway`; such a unit is then shown done, but its hours count only in proportion to the labs
    and exercises actually finished (`ldl.curriculum.path.course_map`)."""
    curriculum = course.load_curriculum()
    labs = {lab.id: lab for lab in curriculum.labs}
    is_lab = action == "done" and item_id in labs and item_id not in curriculum.syllabus.unit_ids
    if action == "done" and any(exercise.id == item_id for exercise in curriculum.exercises):
        raise LdlError(
            f"`{item_id}` is an exercise: it is ticked off when your file passes its checks.",
            hint=f"Run `ldl check {item_id}`, or `ldl solution {item_id} --give-up` to move on.",
        )
    if not is_lab and item_id not in curriculum.syllabus.unit_ids:
        choices = curriculum.syllabus.unit_ids + (list(labs) if action == "done" else [])
        raise LdlError(
            f"There is no unit `{item_id}`.", hint=suggest(item_id, choices) + " (`ldl map` lists them.)"
        )
    with ProgressStore(workspace.progress_db) as store:
        if is_lab:
            store.record_lab_run(item_id, "done", 0.0, {})
            title, message = labs[item_id].title, "Lab marked done."
        else:
            title = curriculum.syllabus.unit(item_id).title
            if action == "done":
                _refuse_unfinished(curriculum, read_progress(store, curriculum), item_id, anyway)
            message = _mark_unit(store, item_id, action)
        progress, goal = read_progress(store, curriculum), current_goal(store, curriculum)
    return MarkResult(
        item_id, "lab" if is_lab else "unit", title, message, next_step(curriculum, progress, goal)
    )


def unfinished_exercises(curriculum: course.Curriculum, progress: course.Progress, unit_id: str) -> list[str]:
    """The unit's exercises that are neither passed nor given up on, in order."""
    return [
        item.id
        for item in curriculum.items_of(unit_id)
        if item.id in {exercise.id for exercise in curriculum.exercises} and not progress.item_complete(item)
    ]


def _refuse_unfinished(curriculum: course.Curriculum, progress: course.Progress, unit_id: str, anyway: bool):
    waiting = unfinished_exercises(curriculum, progress, unit_id)
    if waiting and not anyway:
        listed = ", ".join(f"`{exercise_id}`" for exercise_id in waiting)
        raise LdlError(
            f"{unit_id} still has {len(waiting)} exercise(s) you have not passed: {listed}.",
            hint=f"Pass them (`ldl check {waiting[0]}`), or give one up (`ldl solution {waiting[0]} "
            f"--give-up`). To mark the unit done anyway: `ldl done {unit_id} --anyway` (its hours then "
            "count only for the labs and exercises you finished).",
        )


def _mark_unit(store: ProgressStore, unit_id: str, action: str) -> str:
    previous = store.unit_statuses().get(unit_id)
    if action == "unskip":
        if previous != "skipped":
            return "That unit was not skipped; nothing changed."
        store.clear_unit_status(unit_id)
        return "Unit back on your path."
    store.set_unit_status(unit_id, "skipped" if action == "skip" else "done")
    return "Unit skipped; `ldl unskip` brings it back." if action == "skip" else "Unit marked done."


# ---- rendering ---------------------------------------------------------------------------------


def _bar(fraction: float, width: int = 12) -> ProgressBar:
    return ProgressBar(total=1.0, completed=fraction, width=width, complete_style="green")


def _hours(done: float, total: float) -> str:
    return f"{done:.0f}/{total:.0f} h"


def render_map(course_map: course.CourseMap) -> None:
    """Draw the course map: one section per stage, one row per unit."""
    table = Table(title=f"Your path: {escape(course_map.goal_title)}", title_justify="left", expand=False)
    for column in ("Unit", "Status", "Progress", "Hours"):
        table.add_column(column, no_wrap=column != "Unit")
    for stage in course_map.stages:
        stage_hours = _hours(stage.hours_done, stage.hours_done + stage.hours_left)
        table.add_row(
            f"[bold]{stage.number}. {escape(stage.title)}[/]", "", _bar(stage.progress), stage_hours
        )
        for unit in stage.units:
            style = STYLES.get(unit.status, "dim")
            status = f"[{style}]{SYMBOLS[unit.status]} {unit.status.replace('_', ' ')}[/]"
            items = f"  [dim]{unit.items_done}/{unit.items_total} items[/]" if unit.items_total else ""
            table.add_row(f"  {escape(unit.title)} [dim]{unit.id}[/]{items}", status, _bar(unit.progress, 8),
                          _hours(unit.hours * unit.progress, unit.hours))  # fmt: skip
        table.add_section()
    common.console.print(table)
    total = course_map.hours_done + course_map.hours_left
    common.console.print(
        f"{course_map.units_done}/{course_map.units_in_path} units done, "
        f"{course_map.hours_done:.0f} of {total:.0f} hours ({course_map.progress:.0%}). Next: `ldl next`."
    )
    if course_map.reviews_due:
        common.console.print(f"{course_map.reviews_due} review card(s) due: `ldl review`.")


def render_next(step: NextStep) -> None:
    if step.unit_title:
        common.console.print(f"[dim]Unit:[/] {escape(step.unit_title)} [dim]({step.unit_id})[/]")
    common.console.print(f"[bold]Next:[/] {escape(step.title)}")
    common.console.print(escape(step.instructions))
    if step.url:
        common.console.print(f"[dim]Link:[/] {step.url}")
    common.console.print(f"[bold cyan]$ {step.command}[/]")
    if step.reviews_due and step.kind != "review":
        common.console.print(f"[dim]Also: {step.reviews_due} review card(s) due, `ldl review`.[/]")
    if step.recalls_due and step.kind != "recall":
        common.console.print(f"[dim]Also: {step.recalls_due} recall exercise(s) due, `ldl recall`.[/]")


def render_goals(choice: GoalChoice) -> None:
    if choice.changed:
        common.console.print(f"Goal set to [bold]{choice.current}[/].")
    for goal in choice.goals:
        marker = "[green]●[/]" if goal.selected else "○"
        size = f"{goal.units} units, about {goal.hours:g} hours"
        common.console.print(f"{marker} [bold]{goal.id}[/]: {escape(goal.title)} [dim]({size})[/]")
        common.console.print(f"    {escape(goal.summary)}")
        if goal.leaves_out:
            common.console.print(f"    [dim]Leaves out: {', '.join(goal.leaves_out)}[/]")
    if not choice.changed:
        common.console.print("Choose one with `ldl goal GOAL`.")


def render_unit(detail: UnitDetail) -> None:
    where = escape(f"{detail.id} · stage {detail.stage} · {detail.hours:g} h")
    common.console.print(f"[bold]{escape(detail.title)}[/] [dim]{where}[/]")
    common.console.print(
        f"Status: {detail.status.replace('_', ' ')}\n{escape(detail.summary)}\n\n[bold]You will be able to[/]"
    )
    titles = {item.id: item for item in detail.items}
    for goal in detail.coverage:
        common.console.print(f"  {goal.number}. {escape(goal.text)}")
        for item_id in goal.taught_by:
            common.console.print(f"     [dim]↳ {titles[item_id].kind}:[/] {escape(titles[item_id].title)}")
        if goal.capstone:
            common.console.print("     [dim]↳ your capstone project (`ldl capstone check` marks it)[/]")
        elif not goal.taught_by:
            common.console.print("     [dim]↳ the recommended resources below[/]")
    if detail.items:
        common.console.print("[bold]Labs and exercises[/]")
        for item in detail.items:
            common.console.print(
                f"  {'✔' if item.complete else '○'} {escape(item.title)} [cyan]{item.command}[/]"
            )
    if detail.resources:
        common.console.print("[bold]Recommended[/]")
        for resource in detail.resources:
            line = f"{resource.title} ({resource.author}, {resource.kind}) {resource.url}"
            common.console.print(f"  • {escape(line)}")


def render_mark(result: MarkResult) -> None:
    common.console.print(f"{escape(result.message)} [dim]({escape(result.title)})[/]")
    render_next(result.next)


def render_status(summary: StatusSummary) -> None:
    last = summary.last_activity.astimezone().strftime("%Y-%m-%d %H:%M") if summary.last_activity else "never"
    rows = [
        ("Goal", f"{escape(summary.goal_title)} [dim]({summary.goal})[/]"),
        ("Units done", f"{summary.units_done}/{summary.units_in_path} (skipped {summary.units_skipped})"),
        ("Exercises passed", f"{summary.exercises_passed}/{summary.exercises_total}"),
        ("Labs done", f"{summary.labs_done}/{summary.labs_total}"),
        ("Hours", f"{summary.hours_done:.0f} done, {summary.hours_left:.0f} left ({summary.progress:.0%})"),
        ("Streak", f"{summary.streak_days} day(s); last activity {last}"),
        (
            "Reviews due",
            f"{summary.reviews_due} card(s)" + (": [cyan]ldl review[/]" if summary.reviews_due else ""),
        ),
        ("Next", f"{escape(summary.next.title)}: [cyan]{summary.next.command}[/]"),
    ]
    table = Table(show_header=False, box=None)
    for name, value in rows:
        table.add_row(f"[bold]{name}[/]", value)
    common.console.print(table)


# ---- the commands ------------------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""

    @app.command("map")
    def show_map(as_json: common.JsonOption = False) -> None:
        """Show every stage and unit with its status, progress and hours done and left."""
        workspace = find_workspace()
        curriculum, progress, goal = learner_state(workspace)
        if workspace is None and not as_json:
            common.err_console.print(
                "[dim]Not in a workspace: showing a fresh path (`ldl init` to start).[/]"
            )
        course_map = course.course_map(curriculum, progress, goal)
        if workspace is not None:
            course_map = replace(course_map, reviews_due=reviews_due(workspace))
        common.emit(course_map, render_map, as_json)

    @app.command("unit")
    def show_unit(unit_id: UnitArgument, as_json: common.JsonOption = False) -> None:
        """Show one unit: what you will learn, its labs and exercises, and recommended resources."""
        curriculum, progress, goal = learner_state(find_workspace())
        common.emit(unit_detail(curriculum, progress, goal, unit_id), render_unit, as_json)

    @app.command("next")
    def show_next(as_json: common.JsonOption = False) -> None:
        """Say the single next thing to do on your path, with the command that starts it."""
        workspace = require_workspace()
        curriculum, progress, goal = learner_state(workspace)
        due, recalls = reviews_due(workspace), recalls_due(workspace)
        step = next_step(curriculum, progress, goal, due, recalls, capstone_names(workspace))
        common.emit(step, render_next, as_json)

    @app.command("goal")
    def choose_goal(
        goal_id: Annotated[
            str | None, typer.Argument(help="The goal to choose; omit it to list them.")
        ] = None,
        as_json: common.JsonOption = False,
    ) -> None:
        """Show your goal and the choices, or choose one: each goal decides which optional units your
        path includes."""
        workspace = require_workspace()
        curriculum = course.load_curriculum()
        with ProgressStore(workspace.progress_db) as store:
            if goal_id is not None:
                store.set_setting(GOAL_SETTING, curriculum.syllabus.goal(goal_id).id)
            current = current_goal(store, curriculum)
        common.emit(goal_choice(curriculum, current, goal_id is not None), render_goals, as_json)

    @app.command("skip")
    def skip(unit_id: UnitArgument, as_json: common.JsonOption = False) -> None:
        """Leave a unit out of your path (you already know it, or it is not for you now)."""
        common.emit(mark(require_workspace(), unit_id, "skip"), render_mark, as_json)

    @app.command("unskip")
    def unskip(unit_id: UnitArgument, as_json: common.JsonOption = False) -> None:
        """Bring a skipped unit back onto your path."""
        common.emit(mark(require_workspace(), unit_id, "unskip"), render_mark, as_json)

    @app.command("done")
    def done(
        item_id: Annotated[str, typer.Argument(help="A unit id (e.g. math.calculus) or a lab id.")],
        anyway: Annotated[
            bool,
            typer.Option("--anyway", help="Mark a unit done although some of its exercises are not passed."),
        ] = False,
        as_json: common.JsonOption = False,
    ) -> None:
        """Mark a unit finished (e.g. after the outside course lesson it recommends), or a lab you
        worked through in JupyterLab. A unit whose exercises you have not passed needs `--anyway`;
        its hours then count only for what you finished."""
        common.emit(mark(require_workspace(), item_id, "done", anyway), render_mark, as_json)

    @app.command("status")
    def status(as_json: common.JsonOption = False) -> None:
        """Summarise your progress: goal, units, exercises and labs done, hours, streak."""
        workspace = require_workspace()
        curriculum = course.load_curriculum()
        with ProgressStore(workspace.progress_db) as store:
            progress, goal, activity = (
                read_progress(store, curriculum),
                current_goal(store, curriculum),
                read_activity(store),
            )
        summary = status_summary(curriculum, progress, goal, activity, date.today())
        due = reviews_due(workspace)
        step = next_step(curriculum, progress, goal, due, recalls_due(workspace), capstone_names(workspace))
        summary = replace(summary, reviews_due=due, next=step)
        common.emit(summary, render_status, as_json)
