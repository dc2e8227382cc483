"""Your three gradients are right, but you wrote grad_b into the caller's `b` (`b[:] = ...`),
overwriting the layer's bias with its own gradient. A backward pass must leave the parameters
alone: return `grad_Y.sum(axis=0)` as a new array."""


def linear_backward(X, W, b, grad_Y):
    b[:] = grad_Y.sum(axis=0)
    return grad_Y @ W, grad_Y.T @ X, b
