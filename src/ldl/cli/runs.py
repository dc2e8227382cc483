"""CLI: `ldl runs list | show | plot | compare` to look at training runs, `ldl run NAME` to start one.

Each command computes a typed result with a pure function and renders it (or prints it as JSON with
--json). Runs are looked up under LDL_RUNS_DIR, else the workspace's runs/, else ./runs (--root
overrides all three). RUN is a run id, a unique prefix of one, "latest", or the path of a run folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ldl.cli import common
from ldl.errors import LdlError
from ldl.tracking import reports, store
from ldl.tracking.plots import NOT_METRICS

RunArg = Annotated[str, typer.Argument(help="A run id (or a unique prefix, or 'latest') or a run folder.")]
RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Where runs live (default: LDL_RUNS_DIR, workspace runs/, ./runs)."),
]


def _root(root: Path | None) -> Path:
    return root if root is not None else store.default_root()


def _short(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


# --- rendering ---------------------------------------------------------------------------------


def _render_list(runs: list[store.RunInfo]) -> None:
    if not runs:
        common.console.print("No runs yet. Start one with `ldl run NAME` (`ldl run --list` shows them).")
        return
    table = Table("run id", "stage", "name", "status", "step", "latest metrics")
    for info in runs:
        shown = [(k, v) for k, v in info.last_metrics.items() if k not in NOT_METRICS][-3:]
        latest = ", ".join(f"{k}={_short(v)}" for k, v in shown)
        name = info.reference or info.name  # `ldl run deep-rl.dqn-minatar`, not its script's "dqn-pixels"
        table.add_row(info.run_id, info.stage, name, info.status, _short(info.last_step), latest)
    common.console.print(table)


def _render_show(detail: reports.RunDetail) -> None:
    info = detail.info
    common.console.print(f"[bold]{info.stage}/{info.name}[/] {info.run_id}  ({info.status})\n{info.dir}")
    for title, values in (("config", info.config), ("summary", info.summary), ("latest", info.last_metrics)):
        if values:
            table = Table(title, "value", title_justify="left")
            for key, value in values.items():
                table.add_row(key, _short(value))
            common.console.print(table)
    common.console.print(f"checkpoints: {', '.join(detail.checkpoints) or 'none'}")
    common.console.print(f"plots: {', '.join(detail.plots) or 'none (try `ldl runs plot`)'}")


def _render_compare(result: reports.Comparison) -> None:
    table = Table("metric", *result.run_ids)
    for name, values in result.metrics.items():
        table.add_row(name, *(_short(v) for v in values))
    common.console.print(table)
    if result.config_differences:
        differences = Table("config field", *result.run_ids)
        for name, values in result.config_differences.items():
            differences.add_row(name, *(_short(v) for v in values))
        common.console.print(differences)
    common.console.print(f"overlay plot: {result.plot}")


# --- ldl run ----------------------------------------------------------------------------------


@dataclass
class RunOutcome:
    """`ldl run`: where the run went and how it ended."""

    name: str
    run_dir: Path | None
    metrics: dict[str, Any]
    interrupted: bool


def _progress_bar():
    """A Rich progress bar on stderr (stdout stays clean for --json) and the callback feeding it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[metrics]}"),
        console=common.err_console,
        transient=False,
    )
    task = bar.add_task("training", total=None, metrics="")

    def update(event: Any) -> None:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in (event.metrics or {}).items())
        bar.update(
            task,
            completed=event.step,
            total=event.total_steps,
            metrics=shown,
            description=f"epoch {event.epoch + 1}",
        )

    return bar, update


def _signal_at_step(update: Any) -> Any:
    """Testing hook: with LDL_TEST_SIGINT_AT_STEP=N, the run sends itself SIGINT (a real Ctrl-C,
    through the run's own handler) when step N is reported, so tests interrupt it at a known step."""
    import os
    import signal

    at = os.environ.get("LDL_TEST_SIGINT_AT_STEP")
    if not at:
        return update
    sent = False

    def hooked(event: Any) -> None:
        nonlocal sent
        if update is not None:
            update(event)
        if event.step >= int(at) and not sent:
            sent = True
            os.kill(os.getpid(), signal.SIGINT)

    return hooked


def start_reference_run(
    name: str,
    fast: bool,
    overrides: list[str],
    resume: str | None,
    root: Path | None,
    stages_root: Path | None,
    show_progress: bool,
) -> RunOutcome:
    """Build the named run's config, train it (with a progress bar), and describe the result."""
    from contextlib import nullcontext

    from ldl.paths import STAGES_ROOT
    from ldl.tracking import reference_runs

    reference = reference_runs.find_reference(name, stages_root or STAGES_ROOT)
    saved = None
    if resume == "latest":  # the newest run of this reference run, not of any run
        catalog = reference_runs.load_catalog(stages_root or STAGES_ROOT)
        newest = reference_runs.latest_run(reference, _root(root), catalog)
        if newest is None:
            raise LdlError(
                f"There is no run of {name} to resume under {_root(root)}.",
                hint=f"Start one with `ldl run {name}`, or pass a run id that `ldl runs list` shows.",
            )
        resume = str(newest)
    elif resume:
        resume = str(store.find_run(resume, _root(root)))
    if resume:  # continue with the settings the run started with
        saved = store.read_json(Path(resume) / "config.json", {})
    config = reference_runs.build_config(reference, fast, overrides, saved)
    bar, update = _progress_bar() if show_progress else (nullcontext(), None)
    with bar:
        result = reference_runs.launch(reference, config, _signal_at_step(update), resume, root)
    metrics = dict(getattr(result, "metrics", {}) or {})
    interrupted = bool(getattr(result, "interrupted", False))
    return RunOutcome(name, getattr(result, "run_dir", None), metrics, interrupted)


def _render_fields(fields: list[Any]) -> None:
    table = Table("field", "value", "what it does")
    for item in fields:
        table.add_row(item.name, _short(item.value), item.doc)
    common.console.print(table)


def resume_command(outcome: RunOutcome) -> str:
    """The line that tells the learner how to continue an interrupted run."""
    return f"Interrupted — resume with: ldl run {outcome.name} --resume {Path(outcome.run_dir or '').name}"


def _render_outcome(outcome: RunOutcome) -> None:
    common.console.print(f"[bold]{outcome.name}[/] {'stopped early' if outcome.interrupted else 'finished'}")
    common.console.print(f"run folder: {outcome.run_dir}")
    if outcome.interrupted and outcome.run_dir:
        common.console.print(resume_command(outcome), highlight=False, soft_wrap=True)
    table = Table("metric", "value")
    for key, value in outcome.metrics.items():
        table.add_row(key, _short(value))
    common.console.print(table)


def _render_catalog(catalog: dict[str, Any]) -> None:
    table = Table("name", "stage", "description")
    for run in catalog.values():
        table.add_row(run.name, run.stage, run.description)
    common.console.print(table if catalog else "No reference runs yet.")


def run_command(
    name: Annotated[str | None, typer.Argument(help="The reference run to start (see --list).")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="Shrink the work to a quick check.")] = False,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Set a config field: field=value.")] = None,
    resume: Annotated[str | None, typer.Option(help="Continue this run (id, path or 'latest').")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the reference runs and exit.")] = False,
    show_config: Annotated[
        bool, typer.Option("--config", help="Show the config fields (with --fast/--set applied) and exit.")
    ] = False,
    root: RootOption = None,
    stages_dir: Annotated[Path | None, typer.Option(hidden=True, help="Content stages folder.")] = None,
    as_json: common.JsonOption = False,
) -> None:
    """Start a stage's reference training run, e.g. `ldl run practical.vision --fast --set lr=0.01`."""
    from ldl.errors import LdlError
    from ldl.paths import STAGES_ROOT
    from ldl.tracking import reference_runs

    if list_:
        catalog = reference_runs.load_catalog(stages_dir or STAGES_ROOT)
        common.emit(list(catalog.values()) if as_json else catalog, _render_catalog, as_json)
        return
    if not name:
        raise LdlError("Name the run to start.", hint="`ldl run --list` shows the reference runs.")
    if show_config:
        fields = reference_runs.config_fields(name, fast, set_ or [], stages_dir)
        common.emit(fields, _render_fields, as_json)
        return
    outcome = start_reference_run(name, fast, set_ or [], resume, root, stages_dir, show_progress=not as_json)
    common.emit(outcome, _render_outcome, as_json)
    if outcome.interrupted:
        if as_json:  # stdout holds the JSON; the way back still reaches the terminal
            common.err_console.print(resume_command(outcome), highlight=False, soft_wrap=True)
        raise typer.Exit(130)


# --- commands ----------------------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    """Add `ldl runs ...` and `ldl run` to the root app."""
    runs_app = typer.Typer(help="Look at training runs: list, show, plot, compare.", no_args_is_help=True)
    app.add_typer(runs_app, name="runs")
    app.command(name="run")(run_command)

    @runs_app.command("list")
    def list_command(
        stage: Annotated[str | None, typer.Option(help="Only runs of this stage (e.g. deep-dive).")] = None,
        root: RootOption = None,
        as_json: common.JsonOption = False,
    ) -> None:
        """List runs, oldest first, with their status and latest metrics."""
        common.emit(store.list_runs(_root(root), stage), _render_list, as_json)

    @runs_app.command("show")
    def show_command(run: RunArg, root: RootOption = None, as_json: common.JsonOption = False) -> None:
        """Show a run's config, summary, latest metrics, checkpoints and plots."""
        common.emit(reports.show_run(run, _root(root)), _render_show, as_json)

    @runs_app.command("plot")
    def plot_command(run: RunArg, root: RootOption = None, as_json: common.JsonOption = False) -> None:
        """Plot a run's metrics against the step into <run>/plots/metrics.png."""
        render = lambda r: common.console.print(f"wrote {r.path}")
        common.emit(reports.plot_run(run, _root(root)), render, as_json)

    @runs_app.command("compare")
    def compare_command(
        first: RunArg,
        second: RunArg,
        out: Annotated[Path | None, typer.Option(help="Where to write the overlay PNG.")] = None,
        root: RootOption = None,
        as_json: common.JsonOption = False,
    ) -> None:
        """Compare two runs: a table of final metrics and config differences, and an overlay plot."""
        common.emit(reports.compare_runs(first, second, _root(root), out), _render_compare, as_json)
