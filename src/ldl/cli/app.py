"""The `ldl` command: the root Typer app. Each command group lives in its own module and adds
itself with `register(app)`; this file only wires them together.

Errors a user can fix are `ldl.errors.LdlError` (a click exception): they print a message and a
hint and exit with status 1."""

from __future__ import annotations

import typer

from ldl.cli import common

app = typer.Typer(
    name="ldl",
    help="Learning Deep Learning: an executable curriculum from zero to deep RL, by doing.\n\n"
    "Start with `ldl init`, then `ldl next` whenever you wonder what to do.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    cls=common.LdlGroup,  # a read-only workspace or a full disk: a clear message, not a traceback
)

# Which module registers each top-level command. A module is imported only when one of its commands
# runs (or when help lists them all), so `ldl check` does not pay for the course map's imports.
# tests/cli/test_every_command.py checks that this table matches what the modules register.
COMMAND_MODULES: dict[str, str] = {
    "init": "workspace", "reset": "workspace",
    "map": "path", "unit": "path", "next": "path", "goal": "path", "skip": "path", "unskip": "path",
    "done": "path", "status": "path",
    "labs": "labs", "open": "labs", "lab-run": "labs",
    "check": "exercises", "show": "exercises", "watch": "exercises", "hint": "exercises",
    "solution": "exercises", "exercises": "exercises",
    "review": "review", "recall": "recall", "progress": "progress", "tour": "tour", "data": "data",
    "runs": "runs", "run": "runs",
    "capstone": "capstone",
    "portfolio": "portfolio",
    "play": "play",
    "serve": "serve",
}  # fmt: skip
common.LdlGroup.lazy_commands = COMMAND_MODULES


def main() -> None:
    """Run the CLI (the console script is `ldl.cli.main:main`, which starts `ldl check`'s child first)."""
    app(prog_name="ldl")


@app.command()
def version(as_json: common.JsonOption = False) -> None:
    """Print ldl's version."""
    from ldl import __version__

    common.emit({"version": __version__}, lambda r: common.console.print(f"ldl {r['version']}"), as_json)


@app.callback()
def _root() -> None:
    """Learning Deep Learning: an executable curriculum from zero to deep RL, by doing."""
