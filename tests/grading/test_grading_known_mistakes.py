"""Known mistakes of the real exercises that the grader must explain in their own words (issue 16):
a float32 (or integer) result where float64 belongs fails with a dtype message, the mutation of
`unbroadcast`'s gradient fails through the mutation guard, and a mistake that *raises* shows its
own hint when the learner's code raises the same way (not the generic advice).

Each mistake is graded as a learner's file would be; its docstring must come first among the hints.
The first three run by default; the rest with `-m slow` (each grading starts a sandbox)."""

from __future__ import annotations

import pytest

from ldl.curriculum.items import get_exercise
from ldl.grading.cases import mistake_docstring
from ldl.grading.selfcheck import grade_as_learner
from ldl.grading.verdicts import Verdict

FAST = [
    ("logsumexp", "float32_cast", Verdict.FAIL, "got a float32"),
    ("unbroadcast", "mutates_input", Verdict.FAIL, "changed its input `grad` in place"),
    ("value_ops", "tanh_from_exp", Verdict.ERROR, "OverflowError"),
]
SLOW = [
    ("stable_softmax", "float32_cast", Verdict.FAIL, "the dtype is float32, but expected float64"),
    ("temperature_sampling", "zeros_like_logits", Verdict.FAIL, "integers, but expected floats"),
    ("conv2d_backward", "float_division_size", Verdict.ERROR, "TypeError"),
    ("matmul_backward", "transpose_all_axes", Verdict.ERROR, "ValueError"),
    ("max_pooling", "float_division_size", Verdict.ERROR, "TypeError"),
    ("topo_sort", "recursive", Verdict.ERROR, "RecursionError"),
]


@pytest.mark.parametrize(
    ("exercise_id", "mistake", "verdict", "words"),
    [*FAST, *(pytest.param(*row, marks=pytest.mark.slow) for row in SLOW)],
    ids=lambda value: value if isinstance(value, str) and "_" in value else None,
)
def test_the_mistake_fails_with_its_message_and_its_own_hint(exercise_id, mistake, verdict, words):
    exercise = get_exercise(exercise_id)
    path = exercise.mistakes_dir / f"{mistake}.py"
    result = grade_as_learner(exercise, path)
    assert result.verdict is verdict, result.feedback
    assert words in result.summary, result.summary
    assert result.hints and result.hints[0] == mistake_docstring(path), result.hints
