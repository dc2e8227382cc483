"""Your gradient is always float64: np.zeros((V, D)) without a dtype is float64, so a float32 model
would get float64 gradients. Create it with dtype=grad_output.dtype."""

import numpy as np


def embedding_forward(weight: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """weight: (V, D); ids: integers of any shape -> ids.shape + (D,)."""
    return weight[ids]


def embedding_backward(
    grad_output: np.ndarray, ids: np.ndarray, num_embeddings: int, padding_idx: int | None = None
) -> np.ndarray:
    """dL/dweight, (V, D): a scatter-add of grad_output into the rows named by ids."""
    dim = grad_output.shape[-1]
    grad = np.zeros((num_embeddings, dim))
    np.add.at(grad, ids.reshape(-1), grad_output.reshape(-1, dim))  # repeated ids accumulate
    if padding_idx is not None:
        grad[padding_idx] = 0.0
    return grad
