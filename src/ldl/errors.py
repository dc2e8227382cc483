"""One error type for everything a user can fix themselves.

An `LdlError` carries a message (what went wrong) and a hint (what to do about it). It is a click
exception of the click that Typer uses, so when it escapes a command the CLI prints both, without a
traceback, and exits with status 1. Anything else that escapes is a bug in ldl and is shown in full.
"""

from __future__ import annotations

try:  # Typer >= 0.20 bundles its own click and only handles that copy's exceptions
    from typer._click.exceptions import ClickException
except ImportError:  # older Typer uses the click package
    from click import ClickException


class LdlError(ClickException):
    """A problem the user can act on. `hint` says how."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        return self.format_message()

    def format_message(self) -> str:
        return f"{self.message}\nHint: {self.hint}" if self.hint else self.message
