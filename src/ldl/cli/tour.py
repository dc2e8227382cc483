"""CLI group: tour (being built; see docs/ARCHITECTURE.md for who owns it)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
