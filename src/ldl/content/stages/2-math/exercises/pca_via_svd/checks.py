"""Checks for pca_via_svd: points near a line (k=1), a random 5-D data set with distinct variances
(k=2, and k=d: every component), a data set far from the origin (which needs centering), fewer
points than features (3 points in 5-D), and integer data. Signs of components may flip, provided
the projections flip with them. The caller's X must come back unchanged (no centering in place),
and scikit-learn is off limits (the exercise is the SVD)."""

import numpy as np

from ldl.grading.spec import Case
from ldl.mathlab import mismatch_up_to_sign


def _data(seed, scales, offset=0.0):
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(len(scales), len(scales))))
    return rng.normal(size=(40, len(scales))) * scales @ Q.T + offset  # (40, d), rotated axes


def cases():
    line = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.1]])
    return [
        Case("points near the line y = x, k=1", call="pca", args=(line, 1), compare="same_up_to_sign"),
        Case(
            "40 points in 5-D, k=2",
            call="pca",
            args=(_data(1, [5.0, 3.0, 1.0, 0.5, 0.2]), 2),
            compare="same_up_to_sign",
        ),
        Case(
            "40 points in 4-D far from the origin, k=3",
            call="pca",
            args=(_data(2, [4.0, 2.0, 1.0, 0.3], offset=50.0), 3),
            compare="same_up_to_sign",
        ),
        Case(
            "all 5 components of 40 points in 5-D, k=5",
            call="pca",
            args=(_data(3, [5.0, 3.0, 1.0, 0.5, 0.2]), 5),
            compare="same_up_to_sign",
        ),
        Case(
            "3 points in 5-D (fewer points than features), k=2",
            call="pca",
            args=(_data(4, [5.0, 3.0, 1.0, 0.5, 0.2])[:3], 2),
            compare="same_up_to_sign",
        ),
        Case(
            "integer data, k=1",
            call="pca",
            args=(np.array([[1, 2], [3, 3], [5, 5], [7, 6], [9, 9]]), 1),
            compare="same_up_to_sign",
        ),
    ]


def same_up_to_sign(expected, got, case):
    """Compare components up to sign, then projections with the same signs, then variances."""
    if not isinstance(got, dict) or set(got) != set(expected):
        return f"return a dict with keys {sorted(expected)}"
    components = np.asarray(got["components"], dtype=np.float64)
    message = mismatch_up_to_sign(expected["components"], components, "components", axis=1, atol=1e-6)
    if message:
        return message
    flips = np.sign(np.sum(components * expected["components"], axis=1))  # (k,): ±1 per component
    projected = np.asarray(got["projected"], dtype=np.float64)
    if projected.shape != expected["projected"].shape:
        return f"projected has shape {projected.shape}, expected {expected['projected'].shape}"
    if not np.allclose(projected * flips, expected["projected"], atol=1e-6):
        return "projected doesn't match your components: it should be the centered data times componentsᵀ"
    want = expected["explained_variance"]
    variance = np.asarray(got["explained_variance"], dtype=np.float64)
    if variance.shape != want.shape or not np.allclose(variance, want):
        return f"explained_variance {np.round(variance, 4)}, expected {np.round(want, 4)}"
    return None
