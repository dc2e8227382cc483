"""Helpers for the stage 3 content tests: float64 torch tensors and a close-enough assertion."""

from __future__ import annotations

import numpy as np

TOL = {"rtol": 1e-8, "atol": 1e-10}


def as_torch(array, grad=False):
    """A float64 torch tensor (torch is imported here only when a test asks for one)."""
    import torch

    return torch.tensor(np.asarray(array, dtype=np.float64), requires_grad=grad)


def close(got, expected, **tol):
    """np.testing.assert_allclose with TOL, accepting torch tensors as `expected`."""
    expected = expected.detach().numpy() if hasattr(expected, "detach") else expected
    np.testing.assert_allclose(got, expected, **(tol or TOL))
