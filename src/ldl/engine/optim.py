"""Optimizers: given each parameter's gradient, take a step downhill.

All updates happen in place on `param.data` (and on the optimizer's own state arrays), with the
same formulas and defaults as `torch.optim`, so that the tests can compare them step by step.
Parameters without a gradient (unused in this step) are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ldl.engine.nn.module import Parameter


class Optimizer:
    """Holds the parameters and the learning rate; `step()` updates, `zero_grad()` clears."""

    def __init__(self, params: Iterable[Parameter], lr: float):
        self.params = list(params)
        self.lr = lr
        self.state: list[dict[str, np.ndarray]] = [{} for _ in self.params]

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        for p, state in zip(self.params, self.state, strict=True):
            if p.grad is not None:
                self.update(p.data, p.grad, state)

    def update(self, param: np.ndarray, grad: np.ndarray, state: dict) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum (heavy ball or Nesterov).

    g = grad + weight_decay * p
    v = momentum * v + g                   (v starts as g)
    p = p - lr * (g + momentum * v)        Nesterov: look ahead along v
    p = p - lr * v                         otherwise
    """

    def __init__(self, params, lr=0.01, momentum=0.0, nesterov=False, weight_decay=0.0):
        super().__init__(params, lr)
        self.momentum, self.nesterov, self.weight_decay = momentum, nesterov, weight_decay

    def update(self, param, grad, state):
        if self.weight_decay:
            grad = grad + self.weight_decay * param
        if self.momentum:
            if "velocity" not in state:
                state["velocity"] = np.array(grad, copy=True)
            else:
                state["velocity"] *= self.momentum
                state["velocity"] += grad
            grad = grad + self.momentum * state["velocity"] if self.nesterov else state["velocity"]
        param -= self.lr * grad


class RMSProp(Optimizer):
    """Divide each step by a running root-mean-square of recent gradients (Hinton, 2012).

    s = alpha * s + (1 - alpha) * g^2
    p = p - lr * g / (sqrt(s) + eps)
    """

    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8):
        super().__init__(params, lr)
        self.alpha, self.eps = alpha, eps

    def update(self, param, grad, state):
        square = state.setdefault("square_avg", np.zeros_like(param))
        square *= self.alpha
        square += (1 - self.alpha) * grad * grad
        param -= self.lr * grad / (np.sqrt(square) + self.eps)


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015): momentum on the gradient and RMSProp's scaling, bias-corrected.

        m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
        p = p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
    `weight_decay` adds weight_decay * p to g (L2 regularisation, as torch.optim.Adam does).
    """

    decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr)
        self.betas, self.eps, self.weight_decay = betas, eps, weight_decay

    def update(self, param, grad, state):
        beta1, beta2 = self.betas
        if self.weight_decay and self.decoupled:
            param *= 1 - self.lr * self.weight_decay
        elif self.weight_decay:
            grad = grad + self.weight_decay * param
        if "step" not in state:
            state.update(step=0, mean=np.zeros_like(param), square=np.zeros_like(param))
        state["step"] += 1
        mean, square, t = state["mean"], state["square"], state["step"]
        mean *= beta1
        mean += (1 - beta1) * grad
        square *= beta2
        square += (1 - beta2) * grad * grad
        denominator = np.sqrt(square / (1 - beta2**t))
        denominator += self.eps
        param -= (self.lr / (1 - beta1**t)) * mean / denominator


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019): p = p - lr * wd * p, applied
    directly to the weights instead of through the gradient, so Adam's scaling does not weaken it."""

    decoupled = True

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
        super().__init__(params, lr, betas, eps, weight_decay)
