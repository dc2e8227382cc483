"""`if padding_idx:` is False for padding_idx = 0, so token 0's row got gradient although it is the
padding token (0 is the most common choice!). Test for the absence of a value explicitly: `if
padding_idx is not None:`."""

import numpy as np


def embedding_forward(weight: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """weight: (V, D); ids: integers of any shape -> ids.shape + (D,)."""
    return weight[ids]


def embedding_backward(
    grad_output: np.ndarray, ids: np.ndarray, num_embeddings: int, padding_idx: int | None = None
) -> np.ndarray:
    """dL/dweight, (V, D): a scatter-add of grad_output into the rows named by ids."""
    dim = grad_output.shape[-1]
    grad = np.zeros((num_embeddings, dim), dtype=grad_output.dtype)
    np.add.at(grad, ids.reshape(-1), grad_output.reshape(-1, dim))  # repeated ids accumulate
    if padding_idx:
        grad[padding_idx] = 0.0
    return grad
