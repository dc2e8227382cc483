"""Your backward zeroed entries of the caller's grad_output in place (the padding positions) before the
scatter-add. That array belongs to the caller, and other layers may still read it. Leave grad_output
alone and zero the padding row of your own result instead: grad[padding_idx] = 0 after the
np.add.at."""

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
    if padding_idx is not None:
        grad_output[ids == padding_idx] = 0.0  # silence the padding positions
    np.add.at(grad, ids.reshape(-1), grad_output.reshape(-1, dim))  # repeated ids accumulate
    return grad
