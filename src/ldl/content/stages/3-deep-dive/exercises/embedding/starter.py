"""An embedding table: lookup forward, scatter-add backward. See statement.md."""

import numpy as np


def embedding_forward(weight: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """weight: (V, D); ids: integers of any shape -> ids.shape + (D,)."""
    raise NotImplementedError


def embedding_backward(
    grad_output: np.ndarray, ids: np.ndarray, num_embeddings: int, padding_idx: int | None = None
) -> np.ndarray:
    """dL/dweight, (V, D): row v sums grad_output over every position where ids == v.
    The padding_idx row (if given) stays zero."""
    raise NotImplementedError
