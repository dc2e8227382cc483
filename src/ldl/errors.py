"""One error type for everything a user can fix themselves.

An `LdlError` carries a message (what went wrong) and a hint (what to do about it). It is a
`click.ClickException`, so when it escapes a command the CLI prints both, without a traceback, and
exits with status 1. Anything else that escapes is a bug in ldl and is shown in full.
"""

from __future__ import annotations

import click


class LdlError(click.ClickException):
    """A problem the user can act on. `hint` says how."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"

    def show(self, file=None) -> None:  # called by click when the error ends a command
        click.secho("Error: ", fg="red", bold=True, nl=False, err=True)
        click.echo(self.message, err=True)
        if self.hint:
            click.secho("Hint: ", fg="yellow", nl=False, err=True)
            click.echo(self.hint, err=True)
