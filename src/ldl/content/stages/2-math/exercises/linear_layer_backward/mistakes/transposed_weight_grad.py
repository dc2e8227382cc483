"""Your grad_W has the shape of Wᵀ: `X.T @ grad_Y` is (n, m), but a gradient always has the shape
of the thing it differentiates, here W (m, n). Swap the factors: grad_W = grad_Yᵀ X."""


def linear_backward(X, W, b, grad_Y):
    return grad_Y @ W, X.T @ grad_Y, grad_Y.sum(axis=0)
