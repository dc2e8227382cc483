"""Targeted hints: recognise a common mistake from the shape of a wrong answer.

Each diagnosis looks only at the expected value, the value got, and the shapes of the case's
array inputs, and returns one sentence or None:

    returned None / NotImplemented      a missing `return`, or the starter's body left in place
    got == expected.T                   a transposed result (operands swapped, a stray `.T`)
    shape of a reduction over axis b    `axis=` names the wrong axis (or keepdims is missing)
    sums to 1 along the other axis      normalised over the wrong axis
    shape off by one in one dimension   an off-by-one in a range, slice or size
    a bigger, broadcast shape           two arrays broadcast into a matrix by accident
    got == c * expected                 a constant factor: a sign, 2 or 1/2, N or 1/N (batch size)
    NaN / inf where expected is finite  an overflow (exp of a large number)

Exercise-specific mistakes live in the exercise's `mistakes/` folder; runner.py matches those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ldl.grading.wire import Tensor

Shapes = list[tuple[int, ...]]


def diagnose(expected: Any, got: Any, input_shapes: Shapes) -> list[str]:
    """Every diagnosis that fits, most specific first (usually zero or one)."""
    if got is None:
        return ["Your function returned None: is a `return` statement missing?"]
    if got is NotImplemented:
        return ["Your function returned NotImplemented: the starter's placeholder body is still there."]
    expected, got = _as_array(expected), _as_array(got)
    if expected is None or got is None or expected.dtype.kind not in "iufc" or got.dtype.kind not in "iufcb":
        return []
    found = [rule(expected, got, input_shapes) for rule in RULES]
    return [sentence for sentence in found if sentence]


def _as_array(value: Any) -> np.ndarray | None:
    if isinstance(value, Tensor):
        return value.array
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return np.asarray(value)
    return None


def transposed(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    if expected.ndim != 2 or got.shape != expected.shape[::-1] or not _close(got.T, expected):
        return None
    if got.shape == expected.shape and _close(got, expected):
        return None  # a symmetric matrix: transposing changes nothing
    return (
        "Your result is the transpose of the expected one: "
        "check the order of a matrix product or a stray `.T`."
    )


def wrong_axis(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    for shape in shapes:
        reduced = {axis: shape[:axis] + shape[axis + 1 :] for axis in range(len(shape))}
        kept = {axis: shape[:axis] + (1,) + shape[axis + 1 :] for axis in range(len(shape))}
        wanted = [axis for axis, s in reduced.items() if s == expected.shape]
        if not wanted or got.shape == expected.shape:
            continue
        for axis in wanted:
            if kept[axis] == got.shape:
                return (
                    f"Your result keeps the reduced axis {axis} (shape {got.shape}): "
                    "drop it, or use keepdims=False."
                )
        wrong = [axis for axis, s in {**reduced, **kept}.items() if s == got.shape and axis not in wanted]
        if wrong:
            return (
                f"Your result has the shape of a reduction over axis {wrong[0]}, "
                f"but the answer reduces over axis {wanted[0]}: check `axis=`."
            )
    return None


def wrong_normalisation_axis(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    if expected.ndim != 2 or got.shape != expected.shape or expected.shape[0] == 1 or expected.shape[1] == 1:
        return None
    for axis in (0, 1):
        if (
            _close(expected.sum(axis=axis), 1.0)
            and _close(got.sum(axis=1 - axis), 1.0)
            and not _close(got.sum(axis=axis), 1.0)
        ):
            return (
                f"Your values sum to 1 along axis {1 - axis}, but they should sum to 1 along axis {axis}: "
                "normalise over the other axis."
            )
    return None


def off_by_one(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    if got.ndim != expected.ndim or got.shape == expected.shape:
        return None
    differences = [
        (axis, g - e) for axis, (g, e) in enumerate(zip(got.shape, expected.shape, strict=True)) if g != e
    ]
    if len(differences) == 1 and abs(differences[0][1]) == 1:
        axis, delta = differences[0]
        count = "one too many" if delta > 0 else "one too few"
        return f"Your shape is off by one along axis {axis} ({count}): check a range, a slice end or a size."
    return None


def accidental_broadcast(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    if got.size <= expected.size or got.ndim < expected.ndim:
        return None
    try:
        if np.broadcast_shapes(expected.shape, got.shape) != got.shape:
            return None
    except ValueError:
        return None
    return (
        f"Your result has shape {got.shape}, bigger than the expected {expected.shape}: two arrays were "
        "probably broadcast together by accident (e.g. shapes (N,) and (N, 1)). "
        "Check keepdims= and your reshapes."
    )


def constant_factor(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    if got.shape != expected.shape or expected.dtype.kind == "c" or not np.all(np.isfinite(got)):
        return None
    nonzero = np.abs(expected) > 1e-12
    if nonzero.sum() < 2:  # any two single numbers differ by "a constant factor": say nothing
        return None
    factor = float(np.median(got[nonzero] / expected[nonzero]))
    if abs(factor - 1) < 1e-6 or not _close(got, factor * expected):
        return None
    return _name_factor(factor, shapes)


def _name_factor(factor: float, shapes: Shapes) -> str:
    if abs(factor + 1) < 1e-6:
        return (
            "Your result has the right size but the wrong sign: "
            "check a minus sign (e.g. gradient ascent vs descent)."
        )
    sizes = sorted({n for shape in shapes for n in shape if n > 1})
    for size in sizes:
        if abs(factor - size) < 1e-6 * size:
            return (
                f"Your result is {size} times too big: a division by {size} (the batch size, or a length "
                "of the input) is missing, e.g. a sum where a mean belongs."
            )
        if abs(factor - 1 / size) < 1e-6 / size:
            return (
                f"Your result is {size} times too small: you divide by {size} (the batch size, or a length "
                "of the input) once too often."
            )
    if abs(factor - 2) < 1e-6 or abs(factor - 0.5) < 1e-6:
        return (
            f"Your result is off by a factor of {factor:g}: "
            "check for a factor of 2 (e.g. the derivative of x^2 is 2x)."
        )
    return (
        f"Your result is off by a constant factor of about {factor:.4g}: "
        "the shape of the computation is right, a scale is not."
    )


def overflow(expected: np.ndarray, got: np.ndarray, shapes: Shapes) -> str | None:
    if got.shape != expected.shape or got.dtype.kind not in "fc":
        return None
    if np.all(np.isfinite(expected)) and not np.all(np.isfinite(got)):
        return (
            "Your result contains NaN or inf where the answer is finite: "
            "something overflowed (exp of a large number?) or divided by zero."
        )
    return None


def _close(a: Any, b: Any) -> bool:
    return bool(np.allclose(a, b, rtol=1e-5, atol=1e-8, equal_nan=False))


RULES: list[Callable[[np.ndarray, np.ndarray, Shapes], str | None]] = [
    transposed,
    wrong_axis,
    wrong_normalisation_axis,
    off_by_one,
    accidental_broadcast,
    constant_factor,
    overflow,
]
