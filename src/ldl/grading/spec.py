"""What an exercise's `checks.py` is made of: a list of `Case`s (see docs/ARCHITECTURE.md).

This module is imported inside the sandbox too, so it depends on nothing but the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    """One check: call something in the learner's module and compare with the reference.

    Exactly one of `call` (a name in the module, called with args/kwargs) or `probe` (a function
    in checks.py called as `probe(module, *args, **kwargs)`) must be given.
    """

    name: str
    call: str | None = None
    probe: str | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    rtol: float = 1e-5
    atol: float = 1e-8
    compare: str | None = None  # name of fn(expected, got, case) -> str | None in checks.py
    show_input: bool = True  # show args in feedback when this case fails

    def __post_init__(self) -> None:
        if (self.call is None) == (self.probe is None):
            raise ValueError(f"Case {self.name!r}: give exactly one of call= or probe=")

    @property
    def target(self) -> str:
        """The function this case exercises, for feedback."""
        return self.call or self.probe or ""
