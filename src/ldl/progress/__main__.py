"""`python -m ldl.progress`: a small maintenance tool for the workspace's progress store.

    python -m ldl.progress check                  integrity, schema version and record counts
    python -m ldl.progress rescue DAMAGED         merge what can be read from a damaged store file
                                                   into the workspace's store (= `ldl progress rescue`)
    python -m ldl.progress record-attempt EX pass  record one attempt (what `ldl check` does after
                                                   grading; used by the many-process tests)

It finds the workspace like every `ldl` command (LDL_HOME, else the current directory upwards) and
goes through the same `ProgressStore` code, so errors render the same way (an `LdlError`, never a
raw "database is locked").
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ldl.progress.store import ProgressStore
from ldl.workspace import require_workspace

tool = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)


def _store() -> ProgressStore:
    return ProgressStore(require_workspace().progress_db)


@tool.command()
def check() -> None:
    """Run SQLite's integrity check and print the schema version and how many records there are."""
    with _store() as store:
        summary = {
            "path": str(store.path),
            "schema_version": store.schema_version,
            "integrity": store.integrity_check(),
            "attempts": len(store.attempts()),
            "lab_runs": len(store.lab_runs()),
            "reviews": len(store.reviews()),
            "units_with_status": len(store.unit_statuses()),
        }
    typer.echo(json.dumps(summary, indent=2))


@tool.command("record-attempt")
def record_attempt(
    exercise_id: str,
    verdict: str,
    duration_s: float = typer.Option(0.0, "--duration", help="Seconds the grading took."),
    event_id: str = typer.Option(None, "--event-id", help="Idempotency key (default: a new UUID)."),
) -> None:
    """Record one exercise attempt and print its event id."""
    with _store() as store:
        typer.echo(store.record_attempt(exercise_id, verdict, duration_s, event_id=event_id))


@tool.command()
def rescue(damaged: Path) -> None:
    """Read every record that can still be read from a damaged store file and merge it into the
    workspace's store (records already there are not added twice); prints what was added."""
    from ldl.progress.rescue import rescue_into

    with _store() as store:
        typer.echo(json.dumps(rescue_into(damaged, store), indent=2))


if __name__ == "__main__":
    tool(prog_name="python -m ldl.progress")
