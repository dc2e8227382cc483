"""Adam with bias correction, and AdamW's decoupled weight decay. See statement.md."""

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
        """params: objects with numpy arrays `data` and `grad`. m and v start at zeros, t at 0."""
        raise NotImplementedError

    def step(self) -> None:
        """t += 1, update the moments, bias-correct them, and update every parameter in place."""
        raise NotImplementedError

    def zero_grad(self) -> None:
        """Set every parameter's grad to zeros."""
        raise NotImplementedError
