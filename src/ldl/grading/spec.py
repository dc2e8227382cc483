"""What an exercise's `checks.py` is made of: a list of `Case`s (see docs/ARCHITECTURE.md).

Every case runs under the grader's generic *guards* (docs/grading.md, "Guards"): the inputs must
not change, the outputs must not share memory with the inputs or each other, dtypes must match
exactly, numpy's floating-point warnings fail the case, the global random state stays untouched,
and the peak memory stays within a factor of the reference's. Each guard is on by default and
can be switched off per case (or per exercise, with `guards:` in exercise.yaml) *with a reason*.

This module is imported inside the sandbox too, so it depends on nothing but the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class _Inherit:
    """The default of a guard field: take the exercise's `guards:` setting, else the built-in one."""

    def __repr__(self) -> str:
        return "INHERIT"


INHERIT: Any = _Inherit()

# The built-in guard settings (docs/grading.md). `None` for a factor means "no budget".
GUARD_DEFAULTS: dict[str, Any] = {
    "mutates": (),
    "may_alias": False,
    "exact_dtype": True,
    "fp_warnings": True,
    "global_random": False,
    "time_factor": None,
    "memory_factor": 8.0,
}


def switched_off(settings: dict[str, Any]) -> list[str]:
    """The guards that `settings` (a subset of GUARD_DEFAULTS' keys) switch off or weaken."""
    off = []
    if settings.get("mutates"):
        off.append("mutates")
    for name, safe in (("may_alias", False), ("exact_dtype", True), ("fp_warnings", True)):
        if name in settings and settings[name] is not INHERIT and bool(settings[name]) is not safe:
            off.append(name)
    if settings.get("global_random") is True:
        off.append("global_random")
    if "memory_factor" in settings and settings["memory_factor"] is None:
        off.append("memory_factor")
    return off


@dataclass(frozen=True)
class Case:
    """One check: call something in the learner's module and compare with the reference.

    Exactly one of `call` (a name in the module, called with args/kwargs) or `probe` (a function
    in checks.py called as `probe(module, *args, **kwargs)`) must be given.

    Guards (left unset, a field takes the exercise's `guards:` default, else the built-in one):
        mutates        argument names the statement asks to change in place (e.g. ("params",))
        may_alias      True: returned arrays may share memory with the inputs or each other
        exact_dtype    False: accept float32 for float64 (but never int for float)
        fp_warnings    False: numpy's overflow/invalid/divide warnings do not fail the case
        global_random  True: the code may use np.random.* / random.* global state
        time_factor    wall time <= factor x the reference's (+ a floor); off by default
        memory_factor  peak memory <= factor x the reference's (+ a floor); 8 by default
        reason         why a guard is switched off: required whenever one is

    `reference=False` is for agent exercises: training the reference agent as well would double a
    long grading for nothing, so the reference child skips the case and its `compare=` rule judges
    the learner's value alone (called with expected=None), e.g. "at least 4 of 5 seeds reach 7.0".
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
    mutates: tuple[str, ...] = INHERIT
    may_alias: bool = INHERIT
    exact_dtype: bool = INHERIT
    fp_warnings: bool = INHERIT
    global_random: bool = INHERIT
    time_factor: float | None = INHERIT
    memory_factor: float | None = INHERIT
    reason: str = ""
    reference: bool = True  # False: the reference solution does not run this case (agent exercises)

    def __post_init__(self) -> None:
        if (self.call is None) == (self.probe is None):
            raise ValueError(f"Case {self.name!r}: give exactly one of call= or probe=")
        if not self.reference and self.compare is None:
            raise ValueError(
                f"Case {self.name!r}: reference=False needs a compare= rule, which judges the learner's "
                "value alone (its `expected` is None)"
            )
        if isinstance(self.mutates, str):
            object.__setattr__(self, "mutates", (self.mutates,))
        for name in ("time_factor", "memory_factor"):
            value = getattr(self, name)
            if value is not INHERIT and value is not None and not value > 0:
                raise ValueError(f"Case {self.name!r}: {name} must be a positive number or None")
        off = switched_off(self.own_guards())
        if off and not self.reason.strip():
            raise ValueError(
                f"Case {self.name!r} switches off the {', '.join(off)} guard without a reason: "
                "add reason='...' saying why the statement allows it"
            )

    @property
    def target(self) -> str:
        """The function this case exercises, for feedback."""
        return self.call or self.probe or ""

    def own_guards(self) -> dict[str, Any]:
        """The guard settings this case sets itself (not inherited)."""
        values = {name: getattr(self, name) for name in GUARD_DEFAULTS}
        return {name: value for name, value in values.items() if value is not INHERIT}

    def guards(self, exercise_defaults: dict[str, Any] | None = None) -> dict[str, Any]:
        """Every guard setting in force: the case's own, else the exercise's, else the built-in."""
        settings = dict(GUARD_DEFAULTS)
        settings.update({k: v for k, v in (exercise_defaults or {}).items() if k in GUARD_DEFAULTS})
        settings.update(self.own_guards())
        settings["mutates"] = tuple(settings["mutates"] or ())
        return settings
