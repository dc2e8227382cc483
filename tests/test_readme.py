"""The README documents every command the CLI has (a new command without docs fails here)."""

from pathlib import Path

from typer.main import get_command

from ldl.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def subcommands(command) -> dict | None:
    """A group's commands through click's own API (the root loads its groups lazily)."""
    if not hasattr(command, "list_commands"):
        return None
    ctx = command.make_context(command.name or "ldl", [], resilient_parsing=True)
    return {name: command.get_command(ctx, name) for name in command.list_commands(ctx)}


def command_paths(command, prefix=()):
    children = subcommands(command)
    if children is None:
        yield prefix
        return
    for name, sub in children.items():
        if not sub.hidden:
            yield from command_paths(sub, (*prefix, name))


def test_every_command_is_in_the_readme():
    paths = list(command_paths(get_command(app)))
    assert len(paths) > 20  # the walk found the real command tree
    missing = [" ".join(path) for path in paths if f"`ldl {' '.join(path)}" not in README]
    assert not missing, f"README.md does not document: {missing}"


def test_the_readme_gives_the_two_set_up_commands():
    assert 'pip install -e ".[full,dev]" && .venv/bin/ldl tour' in README
    assert "\n.venv/bin/python -m pytest\n" in README
