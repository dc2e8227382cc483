"""Reference solution: power iteration for the top eigenvector."""

import numpy as np


def power_iteration(A: np.ndarray, num_steps: int = 200, seed: int = 0) -> tuple[float, np.ndarray]:
    """(largest-magnitude eigenvalue, its unit eigenvector (n,)) of a symmetric A (n, n)."""
    x = np.random.default_rng(seed).normal(size=len(A))  # almost surely not orthogonal to v₁
    x /= np.linalg.norm(x)
    for _ in range(num_steps):
        x = A @ x
        x /= np.linalg.norm(x)  # keep it unit length: only the direction matters
    return float(x @ A @ x), x  # Rayleigh quotient, eigenvector
