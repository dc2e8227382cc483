"""CLI group: `ldl portfolio`, the learner's work as a static website.

    ldl portfolio build [--out DIR]       write the site (default: <workspace>/site/)
    ldl portfolio serve [--port N]        preview it on http://127.0.0.1:N/ (Ctrl-C stops)
    ldl portfolio add lab|run ID          choose a lab notebook or a training run to show
    ldl portfolio remove lab|run ID       take it off again
    ldl portfolio show                    what is chosen (portfolio.yaml)

The work happens in `ldl.portfolio`; this module reads the learner's progress (as `ldl map`
does), calls it and prints the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape

from ldl.cli import common
from ldl.errors import LdlError
from ldl.workspace import Workspace, require_workspace

OutOption = Annotated[
    Path | None, typer.Option("--out", help="The site's folder (default: the workspace's site/).")
]
KindArg = Annotated[str, typer.Argument(help="`lab` or `run`.")]
IdArg = Annotated[str, typer.Argument(help="A lab id (`ldl labs`) or a run id (`ldl runs list`).")]


def _out(workspace: Workspace, out: Path | None) -> Path:
    return out if out is not None else workspace.root / "site"


def _runs_root(workspace: Workspace) -> Path:
    """Where the learner's runs are: LDL_RUNS_DIR when set (as for `ldl runs`), else runs/."""
    import os

    return (
        Path(os.environ["LDL_RUNS_DIR"]).expanduser()
        if os.environ.get("LDL_RUNS_DIR")
        else workspace.runs_dir
    )


def build(workspace: Workspace, out: Path | None = None):
    """Build the site from the workspace: progress, capstones, the chosen labs and runs."""
    from ldl.cli.path import current_map
    from ldl.curriculum.path import load_curriculum
    from ldl.portfolio.figures import StageProgress
    from ldl.portfolio.selection import load_selection
    from ldl.portfolio.site import LabChoice, build_site

    selection = load_selection(workspace.root)
    course = current_map(workspace)
    stages = [
        StageProgress(s.number, s.title, s.progress, s.hours_done, s.hours_done + s.hours_left)
        for s in course.stages
    ]
    known = {lab.id: lab for lab in load_curriculum().labs}
    labs = [
        LabChoice(lab_id, known[lab_id].title, known[lab_id].learner_path(workspace))
        for lab_id in selection.labs
        if lab_id in known
    ]
    result = build_site(workspace.root, _out(workspace, out), selection, stages, labs, _runs_root(workspace))
    result.left_out += [
        f"lab {lab_id}: no such lab in this ldl" for lab_id in selection.labs if lab_id not in known
    ]
    return result


@dataclass(frozen=True)
class SelectionChange:
    """`ldl portfolio add|remove`: what changed, and everything chosen now."""

    kind: str
    id: str
    changed: bool
    labs: list[str]
    runs: list[str]
    file: Path


def change(workspace: Workspace, kind: str, item_id: str, add: bool) -> SelectionChange:
    from ldl.portfolio.selection import FILE_NAME, change_selection

    if kind not in ("lab", "run"):
        raise LdlError(
            f"Unknown kind {kind!r}.", hint="Use `lab` or `run`, e.g. `ldl portfolio add run latest`."
        )
    if add and kind == "lab":
        from ldl.curriculum.loading import suggest
        from ldl.curriculum.path import load_curriculum

        known = {lab.id for lab in load_curriculum().labs}
        if item_id not in known:
            hint = suggest(item_id, known)
            hint = hint if hint.startswith("Did you mean") else "`ldl labs` lists every lab with its id."
            raise LdlError(f"There is no lab {item_id!r}.", hint=hint)
    if add and kind == "run":
        from ldl.tracking.store import find_run

        item_id = find_run(item_id, _runs_root(workspace)).name  # a prefix or "latest" becomes the full id
    typed: Literal["lab", "run"] = "lab" if kind == "lab" else "run"
    selection, changed = change_selection(workspace.root, typed, item_id, add)
    return SelectionChange(kind, item_id, changed, selection.labs, selection.runs, workspace.root / FILE_NAME)


def _render_build(result, serving: bool = False) -> None:
    common.console.print(
        f"Built {len(result.pages)} pages in {result.seconds:.1f} s into {result.out_dir}\n"
        f"  capstones: {', '.join(result.capstones) or 'none'}\n"
        f"  labs: {', '.join(result.labs) or 'none'}\n  runs: {', '.join(result.runs) or 'none'}",
        markup=False,  # names come from the learner's folders
    )
    for note in result.left_out:
        common.console.print(f"[yellow]left out[/] {escape(note)}", highlight=False)
    if not serving:
        common.console.print("Preview it with `ldl portfolio serve`.")


def _render_change(result: SelectionChange) -> None:
    verb = "chosen" if result.id in (result.labs + result.runs) else "removed"
    state = (
        f"{result.kind} {result.id} {verb}"
        if result.changed
        else f"nothing to change for {result.kind} {result.id}"
    )
    common.console.print(
        f"{state}. labs: {', '.join(result.labs) or 'none'}; runs: {', '.join(result.runs) or 'none'}",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    """Add `ldl portfolio ...` to the root app."""
    portfolio_app = typer.Typer(
        help="Your work as a static website: progress, capstones, chosen labs and runs.", no_args_is_help=True
    )
    app.add_typer(portfolio_app, name="portfolio")

    @portfolio_app.command("build")
    def build_command(out: OutOption = None, as_json: common.JsonOption = False) -> None:
        """Write the site: notebooks rendered from their saved outputs, sanitised, no external requests."""
        common.emit(build(require_workspace(), out), _render_build, as_json)

    @portfolio_app.command("serve")
    def serve_command(
        out: OutOption = None,
        port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: any free one).")] = 8000,
        rebuild: Annotated[bool, typer.Option("--build/--no-build", help="Build the site first.")] = True,
    ) -> None:
        """Preview the site on http://127.0.0.1:PORT/ with its security headers (Ctrl-C stops)."""
        from ldl.portfolio.server import make_server, url_of

        workspace = require_workspace()
        if rebuild:
            _render_build(build(workspace, out), serving=True)
        server = make_server(_out(workspace, out), port)
        common.console.print(
            f"Serving {_out(workspace, out)} at {url_of(server)} (Ctrl-C stops)", markup=False
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            common.console.print("Stopped.")
        finally:
            server.server_close()

    @portfolio_app.command("add")
    def add_command(kind: KindArg, item_id: IdArg, as_json: common.JsonOption = False) -> None:
        """Choose a lab notebook or a training run to show in the portfolio."""
        common.emit(change(require_workspace(), kind, item_id, add=True), _render_change, as_json)

    @portfolio_app.command("remove")
    def remove_command(kind: KindArg, item_id: IdArg, as_json: common.JsonOption = False) -> None:
        """Take a lab or a run off the portfolio."""
        common.emit(change(require_workspace(), kind, item_id, add=False), _render_change, as_json)

    @portfolio_app.command("show")
    def show_command(as_json: common.JsonOption = False) -> None:
        """Show what the portfolio publishes (portfolio.yaml)."""
        from ldl.portfolio.selection import load_selection

        selection = load_selection(require_workspace().root)
        render = lambda s: common.console.print(
            f"{s.title}\n  labs: {', '.join(s.labs) or 'none'}\n  runs: {', '.join(s.runs) or 'none'}\n"
            "  capstones: every project under capstones/",
            markup=False,
        )
        common.emit(selection, render, as_json)
