"""Signature coverage (issue 16, point 2): every optional parameter of a starter's functions and
methods is set, at a value other than its default, by some case. An optional argument no check
sets is one a learner can ignore and still pass.

The reference child records the optional parameters that the cases (calls and probes) pass to the
solution's API (ldl.grading.coverage); the starter's signatures say which exist.
"""

from __future__ import annotations

import pytest

from ldl.curriculum.items import load_exercises
from ldl.grading.selfcheck import signature_coverage

EXERCISES = load_exercises()


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda exercise: exercise.id)
def test_every_optional_parameter_is_set_by_some_case(exercise):
    missing = signature_coverage(exercise)
    listed = "; ".join(f"{name}: {', '.join(params)}" for name, params in missing.items())
    assert not missing, (
        f"{exercise.id}: no case sets these optional parameters of starter.py at a non-default value: "
        f"{listed}. Add a case (call kwargs, or inside a probe) that passes each one."
    )
