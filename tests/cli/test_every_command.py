"""Every `ldl` command has help text, and every command that prints data prints valid JSON.

The test walks the Typer app's whole command tree, so a command added by anyone is checked
automatically. To keep that honest, every command must appear in exactly one of the two tables
below; a command missing from both fails `test_every_command_is_in_a_table`:

- EXAMPLES: arguments that make the command print JSON in the prepared workspace (placeholders
  in braces are filled in by `fill`); `slow` ones (real training, notebook execution) have their
  JSON checked only in the slow suite, their help always;
- WITHOUT_JSON: commands that print no data, with the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
import typer.main
from typer.testing import CliRunner

from ldl.cli.app import app
from ldl.curriculum.items import load_exercises, load_labs


@dataclass(frozen=True)
class Example:
    args: tuple[str, ...]  # after the command's name
    exit_code: int = 0
    slow: bool = False


EXAMPLES: dict[str, Example] = {
    "version": Example(("--json",)),
    "init": Example(("{workspace}", "--json")),  # again, on the prepared one: adds nothing
    "map": Example(("--json",)),
    "unit": Example(("{unit}", "--json")),
    "next": Example(("--json",)),
    "goal": Example(("overview", "--json")),
    "skip": Example(("{unit}", "--json")),
    "unskip": Example(("{unit}", "--json")),
    "done": Example(("{unit}", "--anyway", "--json")),
    "status": Example(("--json",)),
    "reset": Example(("{exercise}", "--yes", "--json")),
    "labs": Example(("--json",)),
    "open": Example(("{lab}", "--print", "--json")),
    "lab-run": Example(("{lab}", "--fast", "--json"), slow=True),
    "check": Example(("{exercise}", "--json"), exit_code=1),  # the untouched starter fails
    "hint": Example(("{exercise}", "--json")),
    "show": Example(("{exercise}", "--json")),
    "progress import": Example(("{scratch}/export.json", "--json")),
    "review export": Example(("{scratch}/ldl.apkg", "--json")),
    "recall start": Example(("{passed}", "--early", "--json")),
    "recall check": Example(("{passed}", "--json"), exit_code=1),  # the blank file fails
    "recall give-up": Example(("{passed}", "--json")),
    "progress rescue": Example(("{scratch}/damaged.sqlite", "--json")),
    "solution": Example(("{exercise}", "--give-up", "--yes", "--json")),
    "exercises": Example(("--json",)),
    "tour": Example(("--workspace", "{scratch}/tour", "--json"), slow=True),
    "run": Example(("--list", "--json")),
    "data list": Example(("--json",)),
    "data info": Example(("digits", "--json")),
    "data fetch": Example(("digits", "--json")),  # bundled with scikit-learn: no network
    "data verify": Example(("--json",)),
    "data path": Example(("digits", "--json")),
    "data gc": Example(("--json",)),
    "runs list": Example(("--json",)),
    "runs show": Example(("latest", "--json")),
    "runs plot": Example(("latest", "--json")),
    "runs compare": Example(("{run_a}", "{run_b}", "--json")),
    "capstone ideas": Example(("--json",)),
    "capstone new": Example(("1", "every_command", "--json")),
    "capstone list": Example(("--json",)),
    # runs the new project's notebook twice; the untouched template fails its prose rows
    "capstone check": Example(("every_command", "--json"), exit_code=1, slow=True),
    "portfolio add": Example(("run", "{run_a}", "--json")),
    "portfolio remove": Example(("lab", "{lab}", "--json")),  # not chosen: nothing to change
    "portfolio show": Example(("--json",)),
    "portfolio build": Example(("--out", "{scratch}/site", "--json")),
}

WITHOUT_JSON: dict[str, str] = {
    "watch": "re-grades on every save until Ctrl-C; `ldl check --json` is its one-shot form",
    "progress export": "its output is JSON already (the export file itself)",
    "portfolio serve": "serves the site until Ctrl-C; `ldl portfolio build --json` reports what it serves",
    "play": "an interactive game against the agent; its moves are read line by line",
    "serve": "serves the classifier's web app until Ctrl-C; its POST /predict answers JSON",
}


def command_tree(command=None, path: tuple[str, ...] = ()):
    """(path, click command) for every leaf command and every group of the app."""
    command = command or typer.main.get_command(app)
    if not hasattr(command, "list_commands"):
        return
    ctx = command.make_context(command.name or "ldl", [], resilient_parsing=True)  # the root loads lazily
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        yield (*path, name), sub
        yield from command_tree(sub, (*path, name))


def test_the_lazy_command_table_matches_what_each_module_registers():
    """`ldl.cli.app.COMMAND_MODULES` names, for each top-level command, the module that adds it."""
    import importlib

    from ldl.cli.app import COMMAND_MODULES

    for module_name in set(COMMAND_MODULES.values()):
        holder = typer.Typer()
        holder.callback()(lambda: None)
        importlib.import_module(f"ldl.cli.{module_name}").register(holder)
        registered = set(typer.main.get_command(holder).commands)
        assert registered == {c for c, m in COMMAND_MODULES.items() if m == module_name}, module_name


LEAVES = {
    " ".join(path): command for path, command in command_tree() if not hasattr(command, "list_commands")
}
ALL = {" ".join(path): command for path, command in command_tree()}


def has_json(command) -> bool:
    return any("--json" in getattr(param, "opts", ()) for param in command.params)


def test_every_command_is_in_a_table():
    missing = sorted(set(LEAVES) - set(EXAMPLES) - set(WITHOUT_JSON))
    assert not missing, f"add these commands to EXAMPLES or WITHOUT_JSON in {__file__}: {missing}"
    stale = sorted((set(EXAMPLES) | set(WITHOUT_JSON)) - set(LEAVES))
    assert not stale, f"these table entries name no command any more: {stale}"


@pytest.mark.parametrize("name", sorted(ALL))
def test_help_works_and_says_something(name):
    result = CliRunner().invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert (ALL[name].help or "").strip(), f"`ldl {name}` has no help text: give it a docstring"
    assert "Usage:" in result.output


@pytest.mark.parametrize("name", sorted(WITHOUT_JSON))
def test_commands_without_json_really_have_no_json_option(name):
    assert name in LEAVES and not has_json(LEAVES[name]), f"`ldl {name}` has --json: move it to EXAMPLES"


# ---- JSON output in a prepared workspace -------------------------------------------------------


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> dict[str, str]:
    """A fresh workspace (LDL_HOME), a private offline data cache, two finished runs."""
    from ldl.tracking import start_run

    scratch = tmp_path_factory.mktemp("every_command")
    workspace = scratch / "workspace"
    env = {"LDL_HOME": str(workspace), "LDL_DATA_DIR": str(scratch / "data"), "LDL_OFFLINE": "1",
           "LDL_RUNS_DIR": str(workspace / "runs"), "LDL_FAST": "1", "COLUMNS": "120"}  # fmt: skip
    result = CliRunner().invoke(app, ["init", str(workspace)], env=env)
    assert result.exit_code == 0, result.output
    run_ids = []
    for lr in (0.1, 0.01):
        run = start_run("test", "tiny", {"lr": lr}, root=workspace / "runs", tensorboard=False)
        run.log(step=1, loss=1.0)
        run.log(step=2, loss=0.5)
        run.finish(loss=0.5)
        run_ids.append(run.dir.name)
    export = CliRunner().invoke(app, ["progress", "export", str(scratch / "export.json")], env=env)
    assert export.exit_code == 0, export.output
    (scratch / "damaged.sqlite").write_bytes((workspace / ".ldl" / "progress.sqlite").read_bytes()[:4096])
    labs, exercises = load_labs(), load_exercises()
    assert labs and exercises, "the examples need at least one lab and one exercise in the content"
    paths = {"workspace": str(workspace), "scratch": str(scratch)}
    ids = {"unit": "practical.recommenders", "lab": labs[0].id, "exercise": exercises[0].id}
    from ldl.progress.store import ProgressStore

    with ProgressStore(workspace / ".ldl" / "progress.sqlite") as store:  # one passed exercise, for `recall`
        store.record_attempt(exercises[1].id, "pass", 0.1)
    ids["passed"] = exercises[1].id
    return {"env": env, **paths, **ids, "run_a": run_ids[0], "run_b": run_ids[1]}


def fill(args: tuple[str, ...], values: dict) -> list[str]:
    return [arg.format(**values) for arg in args]


def json_case(name: str):
    marks = [pytest.mark.slow] if EXAMPLES[name].slow else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [json_case(name) for name in EXAMPLES])
def test_json_output_is_valid(name, prepared):
    if name not in LEAVES:
        pytest.fail(
            f"`ldl {name}` is in EXAMPLES but is not a command (see test_every_command_is_in_a_table)"
        )
    assert has_json(LEAVES[name]), f"`ldl {name}` has no --json option: move it to WITHOUT_JSON with a reason"
    example = EXAMPLES[name]
    result = CliRunner().invoke(app, [*name.split(), *fill(example.args, prepared)], env=prepared["env"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == example.exit_code, result.output
    try:
        json.loads(result.stdout)
    except json.JSONDecodeError as error:
        pytest.fail(f"`ldl {name} --json` printed invalid JSON ({error}):\n{result.stdout[:2000]}")


def test_the_examples_cover_the_whole_tree():
    """Sanity check of the walk itself: it finds nested groups and top-level commands."""
    assert "map" in LEAVES and "data list" in LEAVES and "data" in ALL and "data" not in LEAVES
