"""2-D convolution backward, with col2im. See statement.md."""

import numpy as np

from conv2d_forward import im2col  # your previous exercise


def col2im(
    cols: np.ndarray, x_shape: tuple[int, int, int, int], kernel_h: int, kernel_w: int, stride: int = 1, padding: int = 0
) -> np.ndarray:
    """The adjoint of im2col: scatter-add each row of cols (N*OH*OW, C*KH*KW) back to the input
    positions it was copied from, then crop the padding. Returns an array of shape x_shape."""
    raise NotImplementedError


def conv2d_backward(
    x: np.ndarray, weight: np.ndarray, grad_output: np.ndarray, stride: int = 1, padding: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """grad_output: (N, O, OH, OW) -> (grad_x (N, C, H, W), grad_weight (O, C, KH, KW), grad_bias (O,))."""
    raise NotImplementedError
