"""You used eigenvalues. For a non-symmetric matrix the ratio |λ_max| / |λ_min| can be tiny while the
matrix still amplifies errors enormously; the condition number is σ_max / σ_min, from the singular
values (`np.linalg.svd(A, compute_uv=False)`)."""

import numpy as np


def condition_number(A):
    magnitudes = np.abs(np.linalg.eigvals(A))
    return float(np.inf) if magnitudes.min() == 0 else float(magnitudes.max() / magnitudes.min())


def digits_lost(A):
    return float(np.log10(condition_number(A)))
