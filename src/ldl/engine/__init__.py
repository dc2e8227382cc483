"""ldl.engine: deep learning from scratch, in numpy only (docs/engine.md).

Read it in this order: `value` (autograd on single numbers), `functions`, `movement` and
`fused` (the primitive operations, each with its forward and backward), `tensor` (the graph and
everything composed from the primitives), `nn` (layers), `losses`, `optim`, `schedules`, `data`, `learner`
and `callbacks`, `lr_finder`, and finally `recipes` (real training runs).
"""

from ldl.engine.rng import manual_seed
from ldl.engine.tensor import Tensor, cat, is_grad_enabled, no_grad, stack
from ldl.engine.value import Value

__all__ = ["Tensor", "Value", "cat", "is_grad_enabled", "manual_seed", "no_grad", "stack"]
