"""The values are right but the parameters are not updated in place: `param.data = param.data - ...`
makes a new array, and anything else holding the old one (a layer, a model) never sees the update.
Write `param.data -= ...` so the same array changes."""

import numpy as np


class Adam:
    """PyTorch's Adam (decoupled=False, L2 weight decay) and AdamW (decoupled=True)."""

    def __init__(
        self,
        params: list,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
        decoupled: bool = False,
    ):
        self.params = list(params)
        self.lr, self.betas, self.eps = lr, betas, eps
        self.weight_decay, self.decoupled = weight_decay, decoupled
        self.m = [np.zeros_like(p.data) for p in self.params]  # first moment
        self.v = [np.zeros_like(p.data) for p in self.params]  # second moment
        self.t = 0

    def step(self) -> None:
        self.t += 1
        beta1, beta2 = self.betas
        for i, param in enumerate(self.params):
            g = param.grad
            if self.decoupled:
                param.data -= self.lr * self.weight_decay * param.data  # AdamW: shrink the weights
            else:
                g = g + self.weight_decay * param.data  # Adam: L2 penalty in the gradient
            self.m[i] = beta1 * self.m[i] + (1 - beta1) * g
            self.v[i] = beta2 * self.v[i] + (1 - beta2) * g**2
            m_hat = self.m[i] / (1 - beta1**self.t)  # bias correction
            v_hat = self.v[i] / (1 - beta2**self.t)
            param.data = param.data - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def zero_grad(self) -> None:
        for param in self.params:
            param.grad = np.zeros_like(param.data)
