"""Fused primitives for images and classification: convolution, max pooling, cross-entropy.

Each could be composed from the primitives in `functions.py` and `movement.py` (a convolution is
a sum of shifted matrix products; cross-entropy is log-softmax then indexing) and `tests/engine`
checks that the composed and fused versions agree. Fusing them is a speed decision: one pass over
memory instead of many, and a backward pass that reuses what the forward pass already computed.

Images are NCHW everywhere in the API: (batch, channels, height, width), as in PyTorch.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ldl.engine.functions import Function


def conv_output_size(size: int, kernel: int, stride: int, padding: int) -> int:
    """floor((size + 2 padding - kernel) / stride) + 1: how many places the kernel fits."""
    return (size + 2 * padding - kernel) // stride + 1


class Conv2d(Function):
    """Y[n, o] = b[o] + sum_c W[o, c] (*) X[n, c]   (cross-correlation, as in every DL library).

    Shapes: X (N, C, H, W), W (O, C, kh, kw), b (O,) -> Y (N, O, Ho, Wo).

    im2col turns the convolution into one matrix product. Each output pixel's receptive field,
    kh*kw*C numbers, becomes one row of `cols` (N*Ho*Wo, kh*kw*C); then Y = cols @ W^T.
    The backward pass is the same matrix calculus as `Linear`:
        dW = G^T cols,   db = sum of G,   dcols = G W,
    and col2im adds every row of dcols back to the pixels it was copied from (pixels that sit
    in several windows receive the sum).

    Memory layout: the shapes are NCHW, but the arrays are stored channels-last (NHWC), as
    PyTorch's `channels_last` does. Then a pixel's C channels sit side by side, so building `cols`
    copies runs of C numbers instead of single ones, and the output of `cols @ W^T`, which is
    (N*Ho*Wo, O), *is* the NHWC result: no transpose is ever copied.
    """

    def forward(self, x, weight, bias=None, stride=1, padding=0):
        n, c, h, w = x.shape
        out_c, _, kh, kw = weight.shape
        oh, ow = conv_output_size(h, kh, stride, padding), conv_output_size(w, kw, stride, padding)
        self.geometry = (x.shape, kh, kw, stride, padding, oh, ow)
        padded = np.zeros((n, h + 2 * padding, w + 2 * padding, c), dtype=x.dtype)  # (N, Hp, Wp, C)
        padded[:, padding : padding + h, padding : padding + w] = x.transpose(0, 2, 3, 1)
        windows = sliding_window_view(padded, (kh, kw), axis=(1, 2))[:, ::stride, ::stride]
        # windows (N, Ho, Wo, C, kh, kw) is a view; cols (N*Ho*Wo, kh*kw*C) is the one copy
        self.cols = windows.transpose(0, 1, 2, 4, 5, 3).reshape(n * oh * ow, kh * kw * c)
        self.weight_rows = weight.transpose(0, 2, 3, 1).reshape(out_c, kh * kw * c)  # (O, kh*kw*C)
        out = self.cols @ self.weight_rows.T  # (N*Ho*Wo, O)
        if bias is not None:
            out += bias
        return out.reshape(n, oh, ow, out_c).transpose(0, 3, 1, 2)  # (N, O, Ho, Wo), NHWC in memory

    def backward(self, grad):
        (_, c, _, _), kh, kw, *_ = self.geometry
        out_c = grad.shape[1]
        grad_rows = grad.transpose(0, 2, 3, 1).reshape(-1, out_c)  # (N*Ho*Wo, O), free if NHWC
        grads = [self._col2im(grad_rows @ self.weight_rows) if self.needs_grad[0] else None]
        if self.needs_grad[1]:
            grad_weight = (grad_rows.T @ self.cols).reshape(out_c, kh, kw, c)  # (O, kh, kw, C)
            grads.append(grad_weight.transpose(0, 3, 1, 2))  # (O, C, kh, kw)
        else:
            grads.append(None)
        if len(self.needs_grad) == 3:
            grads.append(grad_rows.sum(axis=0) if self.needs_grad[2] else None)
        return tuple(grads)

    def _col2im(self, grad_cols):
        """Scatter-add (N*Ho*Wo, kh*kw*C) rows back onto the (N, C, H, W) input."""
        (n, c, h, w), kh, kw, stride, padding, oh, ow = self.geometry
        grad_cols = grad_cols.reshape(n, oh, ow, kh, kw, c)  # (N, Ho, Wo, kh, kw, C)
        padded = np.zeros((n, h + 2 * padding, w + 2 * padding, c), dtype=grad_cols.dtype)  # NHWC
        for i in range(kh):
            for j in range(kw):
                padded[:, i : i + stride * oh : stride, j : j + stride * ow : stride] += grad_cols[
                    :, :, :, i, j
                ]
        return padded[:, padding : padding + h, padding : padding + w].transpose(0, 3, 1, 2)


class MaxPool2d(Function):
    """Y[n, c, i, j] = max of X over the kernel window at (i*stride, j*stride).

    Written as a running maximum over the kernel's kh*kw offsets, each a strided view of X, so no
    window is ever copied. The gradient flows to the one input that won each window (the first,
    on ties, as PyTorch does).
    """

    def forward(self, x, kernel_size=2, stride=None):
        stride = stride or kernel_size
        oh = conv_output_size(x.shape[2], kernel_size, stride, 0)
        ow = conv_output_size(x.shape[3], kernel_size, stride, 0)
        self.views = [
            (slice(i, i + stride * oh, stride), slice(j, j + stride * ow, stride))
            for i in range(kernel_size)
            for j in range(kernel_size)
        ]
        self.x = x
        out = x[:, :, self.views[0][0], self.views[0][1]].copy(order="K")  # (N, C, Ho, Wo), x's layout
        for rows, cols in self.views[1:]:
            np.maximum(out, x[:, :, rows, cols], out=out)
        self.winners, unclaimed = [], np.ones(out.shape, dtype=bool)
        for rows, cols in self.views:
            won = (x[:, :, rows, cols] == out) & unclaimed
            unclaimed &= ~won
            self.winners.append(won)
        return out

    def backward(self, grad):
        out = np.zeros_like(self.x)  # same memory layout as the input: cheap for the layer below
        for (rows, cols), won in zip(self.views, self.winners, strict=True):
            out[:, :, rows, cols] += grad * won
        return (out,)


class CrossEntropy(Function):
    """Mean cross-entropy between softmax(logits) and integer targets, fused with the softmax.

    logits Z (N, K), targets y (N,) ->  L = (1/N) sum_n [ logsumexp(Z_n) - Z_n[y_n] ].
    Subtracting max(Z_n) first keeps exp() from overflowing. The gradient is famously simple:
        dL/dZ = (softmax(Z) - onehot(y)) / N.
    """

    def forward(self, logits, targets=None, reduction="mean"):
        shifted = logits - logits.max(axis=1, keepdims=True)  # (N, K), every row's max is 0
        log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (N, 1)
        rows = np.arange(len(targets))
        losses = log_norm[:, 0] - shifted[rows, targets]  # (N,)
        np.exp(shifted - log_norm, out=shifted)  # reuse the buffer: shifted is now softmax(Z)
        self.probs, self.rows, self.targets, self.reduction = shifted, rows, targets, reduction
        return losses.mean() if reduction == "mean" else losses.sum()

    def backward(self, grad):
        grad_logits = self.probs  # used once, so updated in place
        grad_logits[self.rows, self.targets] -= 1
        scale = grad / len(self.targets) if self.reduction == "mean" else grad
        grad_logits *= scale
        return (grad_logits,)
