"""Comparisons for answers that are only defined up to sign, such as eigenvectors and principal
components: if v is a unit eigenvector, so is -v, and both are right.

Exercise checks use these in their `compare` functions, so a learner is never marked wrong for a
sign choice, but is for anything else.
"""

from __future__ import annotations

import numpy as np


def align_signs(reference: np.ndarray, got: np.ndarray, axis: int = -1) -> np.ndarray:
    """`got` with each vector (along `axis`) multiplied by ±1 to point the same way as the
    matching vector of `reference` (their dot product made non-negative)."""
    reference = np.asarray(reference, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    dots = np.sum(reference * got, axis=axis, keepdims=True)
    return got * np.where(dots < 0, -1.0, 1.0)


def mismatch_up_to_sign(
    expected: np.ndarray, got: np.ndarray, what: str, axis: int = -1, rtol: float = 1e-5, atol: float = 1e-8
) -> str | None:
    """None if `got` equals `expected` once signs are aligned; otherwise a message naming the shape
    or the first vector that differs."""
    expected, got = np.asarray(expected, dtype=np.float64), np.asarray(got, dtype=np.float64)
    if expected.shape != got.shape:
        return f"{what} has shape {got.shape}, expected {expected.shape}"
    aligned = align_signs(expected, got, axis)
    close = np.isclose(aligned, expected, rtol=rtol, atol=atol)
    if close.all():
        return None
    bad = np.moveaxis(~close, axis, -1).reshape(-1, expected.shape[axis]).any(axis=1)
    first = int(np.argmax(bad))
    which = f" (vector {first})" if bad.size > 1 else ""
    return (
        f"{what}{which} differs even allowing a sign flip: max error {np.abs(aligned - expected).max():.3g}"
    )
