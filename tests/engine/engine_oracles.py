"""The one registry of engine operations and layers, with their PyTorch twins.

Every entry drives three tests (test_oracles.py): its float64 gradients against central
differences, and its float32 values and gradients against PyTorch on identical inputs and weights.
Entries marked `broadcast` also get hypothesis-generated shape pairs (test_broadcasting.py).

Tolerances (documented in docs/engine.md):
- engine vs torch, float32: values and gradients within rtol 1e-4, atol 1e-5 (elementwise ops
  agree to rounding; BLAS sums in a different order, hence not bit-exact);
- central differences, float64, h = 1e-6: rtol 1e-4, atol 1e-6.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ldl.engine import Tensor, cat, nn, stack
from ldl.engine import losses as L
from ldl.engine.nn import functional as fn

FORWARD_TOL = {"rtol": 1e-4, "atol": 1e-5}
BACKWARD_TOL = {"rtol": 1e-4, "atol": 1e-5}


def normal(rng, shape):
    return rng.normal(size=shape)


def positive(rng, shape):
    return rng.uniform(0.5, 2.0, size=shape)


def away_from_zero(rng, shape):
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 2.0, size=shape)


def probabilities(rng, shape):
    return rng.uniform(0.05, 0.95, size=shape)


def distinct(rng, shape):
    """Values far apart, so max and max-pool have a unique winner that a nudge h cannot change."""
    return rng.permutation(np.prod(shape, dtype=int)).reshape(shape) * 0.1 + rng.uniform(0, 0.01, shape)


def targets(shape, classes=None, seed=7):
    """Integer class targets for logits of `shape` (N, K): fixed for a given shape."""
    n, k = shape[0], classes or shape[-1]
    return np.random.default_rng(seed).integers(0, k, size=n)


@dataclass(frozen=True)
class Op:
    """One operation: the engine's and torch's versions take the same tensors in the same order."""

    name: str
    engine: Callable
    torch: Callable | None
    shapes: tuple[tuple[int, ...], ...]
    generator: Callable = normal
    broadcast: bool = False  # elementwise binary: gets hypothesis broadcasting shapes


def _t():
    import torch

    return torch


def _F():
    import torch.nn.functional as F

    return F


OPS: list[Op] = [
    # elementwise binary, broadcasting
    Op("add", lambda a, b: a + b, lambda a, b: a + b, ((3, 4), (4,)), broadcast=True),
    Op("sub", lambda a, b: a - b, lambda a, b: a - b, ((2, 3, 1), (3, 4)), broadcast=True),
    Op("mul", lambda a, b: a * b, lambda a, b: a * b, ((3, 1), (1, 4)), broadcast=True),
    Op("div", lambda a, b: a / b, lambda a, b: a / b, ((3, 4), (3, 1)), away_from_zero, broadcast=True),
    Op("maximum", lambda a, b: a.maximum(b), lambda a, b: _t().maximum(a, b), ((3, 4), (4,)), distinct, True),
    Op("scalar_ops", lambda a: 2.0 * a - 1.0 + a / 4.0, lambda a: 2.0 * a - 1.0 + a / 4.0, ((3, 2),)),
    Op("rsub_rdiv", lambda a: 1.0 - 3.0 / a, lambda a: 1.0 - 3.0 / a, ((4,),), away_from_zero),
    # elementwise unary
    Op("neg", lambda a: -a, lambda a: -a, ((3, 4),)),
    Op("pow3", lambda a: a**3, lambda a: a**3, ((3, 4),)),
    Op("pow_half", lambda a: a**0.5, lambda a: a**0.5, ((5,),), positive),
    Op("sqrt", lambda a: a.sqrt(), lambda a: a.sqrt(), ((5,),), positive),
    Op("exp", lambda a: a.exp(), lambda a: a.exp(), ((3, 4),)),
    Op("log", lambda a: a.log(), lambda a: a.log(), ((3, 4),), positive),
    Op("relu", lambda a: a.relu(), lambda a: a.relu(), ((3, 4),), away_from_zero),
    Op("sigmoid", lambda a: a.sigmoid(), lambda a: a.sigmoid(), ((3, 4),)),
    Op("tanh", lambda a: a.tanh(), lambda a: a.tanh(), ((3, 4),)),
    Op("abs", lambda a: a.abs(), lambda a: a.abs(), ((3, 4),), away_from_zero),
    Op("clamp", lambda a: a.clamp(-0.5, 0.5), lambda a: a.clamp(-0.5, 0.5), ((20,),), distinct),
    Op("gelu", fn.gelu, lambda a: _F().gelu(a, approximate="tanh"), ((3, 4),)),
    # reductions
    Op("sum_all", lambda a: a.sum(), lambda a: a.sum(), ((3, 4),)),
    Op("sum_axis_keep", lambda a: a.sum(1, keepdims=True), lambda a: a.sum(1, keepdim=True), ((3, 4, 2),)),
    Op("sum_axes", lambda a: a.sum((0, 2)), lambda a: a.sum((0, 2)), ((3, 4, 2),)),
    Op("mean", lambda a: a.mean(-1), lambda a: a.mean(-1), ((3, 4),)),
    Op("var", lambda a: a.var(0), lambda a: a.var(0, unbiased=False), ((5, 3),)),
    Op("max_axis", lambda a: a.max(1), lambda a: a.max(1).values, ((3, 4),), distinct),
    Op("max_all", lambda a: a.max(), lambda a: a.max(), ((3, 4),), distinct),
    Op("softmax", lambda a: a.softmax(-1), lambda a: a.softmax(-1), ((3, 5),)),
    Op("log_softmax", lambda a: a.log_softmax(1), lambda a: a.log_softmax(1), ((3, 5, 2),)),
    # movement
    Op("reshape", lambda a: a.reshape(4, 3) * 1.0, lambda a: a.reshape(4, 3) * 1.0, ((3, 4),)),
    Op("permute", lambda a: a.permute(2, 0, 1), lambda a: a.permute(2, 0, 1), ((2, 3, 4),)),
    Op("transpose", lambda a: a.transpose(0, 1), lambda a: a.transpose(0, 1), ((2, 3),)),
    Op("expand", lambda a: a.expand(2, 3, 4), lambda a: a.expand(2, 3, 4), ((3, 1),)),
    Op("slice", lambda a: a[1:, ::2], lambda a: a[1:, ::2], ((4, 5),)),
    Op("gather_repeats", lambda a: a[np.array([0, 2, 0, 0])], lambda a: a[[0, 2, 0, 0]], ((3, 2),)),
    Op("pad", lambda a: a.pad(((1, 0), (2, 1))), lambda a: _F().pad(a, (2, 1, 1, 0)), ((2, 3),)),
    Op("cat", lambda a, b: cat([a, b], 1), lambda a, b: _t().cat([a, b], 1), ((2, 3), (2, 4))),
    Op("stack", lambda a, b: stack([a, b], 1), lambda a, b: _t().stack([a, b], 1), ((2, 3), (2, 3))),
    Op("chunk", lambda a: a.chunk(2)[1] * 2.0, lambda a: a.chunk(2, -1)[1] * 2.0, ((3, 4),)),
    # linear algebra
    Op("matmul", lambda a, b: a @ b, lambda a, b: a @ b, ((3, 4), (4, 2))),
    Op("matmul_batched", lambda a, b: a @ b, lambda a, b: a @ b, ((2, 1, 3, 4), (5, 4, 2))),
    Op("matmul_vector", lambda a, b: a @ b, lambda a, b: a @ b, ((4,), (2, 4, 3))),
    Op("linear", fn.linear, lambda x, w, b: _F().linear(x, w, b), ((2, 3, 4), (5, 4), (5,))),
    Op("linear_nobias", fn.linear, lambda x, w: _F().linear(x, w), ((3, 4), (5, 4))),
    # images
    Op(
        "conv2d",
        lambda x, w, b: fn.conv2d(x, w, b, 1, 1),
        lambda x, w, b: _F().conv2d(x, w, b, 1, 1),
        ((2, 3, 5, 5), (4, 3, 3, 3), (4,)),
    ),  # fmt: skip
    Op(
        "conv2d_strided",
        lambda x, w: fn.conv2d(x, w, None, 2, 0),
        lambda x, w: _F().conv2d(x, w, None, 2, 0),
        ((2, 2, 7, 6), (3, 2, 3, 2)),
    ),  # fmt: skip
    Op(
        "max_pool2d",
        lambda x: fn.max_pool2d(x, 2),
        lambda x: _F().max_pool2d(x, 2),
        ((2, 3, 4, 6),),
        distinct,
    ),
    Op(
        "max_pool2d_overlap",
        lambda x: fn.max_pool2d(x, 3, 2),
        lambda x: _F().max_pool2d(x, 3, 2),
        ((1, 2, 7, 7),),
        distinct,
    ),  # fmt: skip
    Op("avg_pool2d", lambda x: fn.avg_pool2d(x, 3, 2), lambda x: _F().avg_pool2d(x, 3, 2), ((2, 2, 7, 8),)),
    # losses
    Op(
        "cross_entropy",
        lambda z: L.cross_entropy(z, targets(z.shape)),
        lambda z: _F().cross_entropy(z, _t().from_numpy(targets(tuple(z.shape)))),
        ((6, 4),),
    ),  # fmt: skip
    Op(
        "nll_loss",
        lambda z: L.nll_loss(z.log_softmax(1), targets(z.shape)),
        lambda z: _F().nll_loss(z.log_softmax(1), _t().from_numpy(targets(tuple(z.shape)))),
        ((6, 4),),
    ),  # fmt: skip
    Op("mse_loss", L.mse_loss, lambda a, b: _F().mse_loss(a, b), ((4, 3), (4, 3))),
    Op(
        "binary_cross_entropy",
        L.binary_cross_entropy,
        lambda p, y: _F().binary_cross_entropy(p, y),
        ((5,), (5,)),
        probabilities,
    ),  # fmt: skip
    Op(
        "bce_with_logits",
        L.binary_cross_entropy_with_logits,
        lambda z, y: _F().binary_cross_entropy_with_logits(z, y),
        ((5, 2), (5, 2)),
    ),  # fmt: skip
    # normalisation and attention
    Op(
        "layer_norm",
        lambda x, w, b: fn.layer_norm(x, w, b),
        lambda x, w, b: _F().layer_norm(x, (4,), w, b),
        ((2, 3, 4), (4,), (4,)),
    ),  # fmt: skip
    Op(
        "embedding",
        lambda w: fn.embedding(np.array([[1, 0], [1, 3]]), w),
        lambda w: _F().embedding(_t().tensor([[1, 0], [1, 3]]), w),
        ((4, 3),),
    ),  # fmt: skip
    Op(
        "attention",
        fn.scaled_dot_product_attention,
        lambda q, k, v: _F().scaled_dot_product_attention(q, k, v),
        ((2, 3, 4), (2, 5, 4), (2, 5, 2)),
    ),  # fmt: skip
    Op(
        "attention_causal",
        lambda q, k, v: fn.scaled_dot_product_attention(q, k, v, causal=True),
        lambda q, k, v: _F().scaled_dot_product_attention(q, k, v, is_causal=True),
        ((2, 1, 4, 3), (2, 1, 4, 3), (2, 1, 4, 3)),
    ),  # fmt: skip
]


@dataclass(frozen=True)
class Layer:
    """A layer built twice with the same constructor arguments; the engine's weights are copied into
    torch's by name (the names match by design). `call` applies a module to one input."""

    name: str
    engine: Callable[[], nn.Module]
    torch: Callable | None
    input_shape: tuple[int, ...]
    generator: Callable = normal
    call: Callable = field(default=lambda module, x: module(x))
    torch_call: Callable = field(default=lambda module, x: module(x))


def _first(module, x):
    return module(x)[0]  # recurrent layers return (outputs, state)


def _tnn():
    from torch import nn as tnn

    return tnn


LAYERS: list[Layer] = [
    Layer("Linear", lambda: nn.Linear(4, 3), lambda: _tnn().Linear(4, 3), (2, 4)),
    Layer(
        "Conv2d",
        lambda: nn.Conv2d(2, 3, 3, padding=1),
        lambda: _tnn().Conv2d(2, 3, 3, padding=1),
        (2, 2, 5, 5),
    ),
    Layer("BatchNorm1d", lambda: nn.BatchNorm1d(3), lambda: _tnn().BatchNorm1d(3), (6, 3)),
    Layer("BatchNorm2d", lambda: nn.BatchNorm2d(2), lambda: _tnn().BatchNorm2d(2), (3, 2, 4, 4)),
    Layer("LayerNorm", lambda: nn.LayerNorm(5), lambda: _tnn().LayerNorm(5), (2, 3, 5)),
    Layer(
        "RNN",
        lambda: nn.RNN(3, 4),
        lambda: _tnn().RNN(3, 4, batch_first=True),
        (2, 5, 3),
        call=_first,
        torch_call=_first,
    ),  # fmt: skip
    Layer(
        "LSTM",
        lambda: nn.LSTM(3, 4, num_layers=2),
        lambda: _tnn().LSTM(3, 4, num_layers=2, batch_first=True),
        (2, 5, 3),
        call=_first,
        torch_call=_first,
    ),  # fmt: skip
    Layer(
        "GRU",
        lambda: nn.GRU(3, 4),
        lambda: _tnn().GRU(3, 4, batch_first=True),
        (2, 5, 3),
        call=_first,
        torch_call=_first,
    ),  # fmt: skip
    Layer(
        "MultiheadAttention",
        lambda: nn.MultiheadAttention(4, 2),
        lambda: _tnn().MultiheadAttention(4, 2, batch_first=True),
        (2, 3, 4),
        call=lambda m, x: m(x, causal=True),
        torch_call=lambda m, x: m(
            x, x, x, need_weights=False, attn_mask=_t().triu(_t().ones(3, 3, dtype=bool), 1)
        )[0],
    ),  # fmt: skip
    Layer("TransformerBlock", lambda: nn.TransformerBlock(4, 2), None, (2, 3, 4)),
    Layer(
        "GlobalAvgPool2d",
        lambda: nn.GlobalAvgPool2d(),
        lambda: _tnn().Sequential(_tnn().AdaptiveAvgPool2d(1), _tnn().Flatten()),
        (2, 3, 4, 5),
    ),  # fmt: skip
    Layer("BasicBlock", lambda: nn.BasicBlock(2, 2), lambda: _torch_basic_block(2, 2, 1), (3, 2, 5, 5)),
    Layer(
        "BasicBlock_downsample",
        lambda: nn.BasicBlock(2, 3, stride=2),
        lambda: _torch_basic_block(2, 3, 2),
        (3, 2, 6, 6),
    ),  # fmt: skip
]


def _torch_basic_block(in_channels: int, out_channels: int, stride: int):
    """torchvision's BasicBlock, written out with the engine's layer names (an independent twin)."""
    tnn = _tnn()

    class Block(tnn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = tnn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
            self.bn1 = tnn.BatchNorm2d(out_channels)
            self.conv2 = tnn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
            self.bn2 = tnn.BatchNorm2d(out_channels)
            self.shortcut = None
            if stride != 1 or in_channels != out_channels:
                projection = tnn.Conv2d(in_channels, out_channels, 1, stride, bias=False)
                self.shortcut = tnn.Sequential(projection, tnn.BatchNorm2d(out_channels))

        def forward(self, x):
            out = self.bn2(self.conv2(_t().relu(self.bn1(self.conv1(x)))))
            return _t().relu(out + (x if self.shortcut is None else self.shortcut(x)))

    return Block()


def make_inputs(shapes, generator, dtype, seed=0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [np.asarray(generator(rng, s), dtype=dtype) for s in shapes]


def engine_grads(function: Callable, arrays: list[np.ndarray], upstream: np.ndarray | None = None):
    """Output and input gradients of sum(function(*inputs) * upstream) in the engine."""
    tensors = [Tensor(a, requires_grad=True) for a in arrays]
    out = function(*tensors)
    weights = np.ones(out.shape, out.dtype) if upstream is None else upstream
    (out * Tensor(weights)).sum().backward()
    return out.data, [t.grad for t in tensors]


def numerical_grads(function: Callable, arrays: list[np.ndarray], upstream: np.ndarray, h: float = 1e-6):
    """Central differences of sum(function(*inputs) * upstream) in float64: (f(x+h) - f(x-h)) / 2h."""

    def scalar(values):
        return float((function(*[Tensor(v) for v in values]).data * upstream).sum())

    grads = []
    for i, array in enumerate(arrays):
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            bumped = [a.copy() for a in arrays]
            bumped[i][index] += h
            plus = scalar(bumped)
            bumped[i][index] -= 2 * h
            grad[index] = (plus - scalar(bumped)) / (2 * h)
        grads.append(grad)
    return grads


def torch_grads(function: Callable, arrays: list[np.ndarray], upstream: np.ndarray):
    torch = _t()
    tensors = [torch.tensor(a, requires_grad=True) for a in arrays]
    out = function(*tensors)
    (out * torch.from_numpy(upstream)).sum().backward()
    return out.detach().numpy(), [t.grad.numpy() for t in tensors]


def copy_weights(engine_module: nn.Module, torch_module) -> None:
    """Load the engine's state dict into the torch module (same names, same shapes)."""
    torch = _t()
    state = {k: torch.from_numpy(np.array(v)) for k, v in engine_module.state_dict().items()}
    missing = torch_module.load_state_dict(state, strict=False)
    assert not missing.unexpected_keys, missing
    assert all("num_batches_tracked" in k for k in missing.missing_keys), missing
