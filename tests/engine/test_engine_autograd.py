"""The graph machinery itself: deep graphs, reused nodes, no_grad, dtypes, and the scalar Value."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from ldl.engine import Tensor, Value, fused, movement, no_grad
from ldl.engine import functions as F
from ldl.engine.losses import cross_entropy


def test_ten_thousand_deep_graph_has_no_recursion_limit():
    x = Tensor(np.array([1.0]), requires_grad=True)
    y = x
    for _ in range(10_000):
        y = y * 1.0001
    y.sum().backward()
    np.testing.assert_allclose(x.grad, [1.0001**10_000], rtol=1e-4)


def test_ten_thousand_deep_value_graph():
    x = Value(0.5)
    y = x
    for _ in range(10_000):
        y = y + x * 0.0
    y.backward()
    assert x.grad == pytest.approx(1.0)


def test_reused_node_accumulates():
    a = Tensor(np.array([3.0]), requires_grad=True)
    b = a + a
    c = b + b
    c.sum().backward()
    assert a.grad.tolist() == [4.0]
    assert b.grad.tolist() == [2.0]


def test_gradients_accumulate_across_backward_calls():
    a = Tensor(np.array([2.0]), requires_grad=True)
    (a * a).sum().backward()
    (a * 3.0).sum().backward()
    assert a.grad.tolist() == [4.0 + 3.0]


def test_no_grad_builds_no_graph_and_restores_mode():
    a = Tensor(np.ones(3), requires_grad=True)
    with no_grad():
        b = a * 2.0
    assert not b.requires_grad and b._ctx is None
    assert (a * 2.0).requires_grad


def test_no_grad_restores_mode_after_an_error():
    from ldl.engine import is_grad_enabled

    with pytest.raises(ValueError), no_grad():
        raise ValueError
    assert is_grad_enabled()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_preserved_through_forward_and_backward(dtype):
    x = Tensor(np.ones((4, 3), dtype=dtype), requires_grad=True)
    w = Tensor(np.ones((2, 3), dtype=dtype), requires_grad=True)
    out = (x @ w.T * 0.5 + 1.0).relu().softmax(-1).log().mean()
    out.backward()
    assert out.dtype == dtype and x.grad.dtype == dtype and w.grad.dtype == dtype


def test_python_numbers_default_to_float32_and_ints_stay_ints():
    assert Tensor([1.0, 2.0]).dtype == np.float32
    assert Tensor(np.arange(3)).dtype.kind == "i"
    with pytest.raises(TypeError):
        Tensor(np.arange(3), requires_grad=True)


def test_detach_cuts_the_graph():
    a = Tensor(np.array([2.0]), requires_grad=True)
    (a * a.detach()).sum().backward()
    assert a.grad.tolist() == [2.0]


def test_backward_needs_a_scalar_or_an_explicit_gradient():
    a = Tensor(np.ones(3), requires_grad=True)
    with pytest.raises(RuntimeError):
        (a * 2.0).backward()
    (a * 2.0).backward(np.array([1.0, 0.0, 1.0]))
    assert a.grad.tolist() == [2.0, 0.0, 2.0]


def test_fused_cross_entropy_equals_composed_log_softmax():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(5, 4)) * 10
    labels = rng.integers(0, 4, size=5)
    fused_in = Tensor(logits, requires_grad=True)
    composed_in = Tensor(logits, requires_grad=True)
    fused_loss = cross_entropy(fused_in, labels)
    composed = -composed_in.log_softmax(1)[np.arange(5), labels].mean()
    fused_loss.backward()
    composed.backward()
    np.testing.assert_allclose(fused_loss.data, composed.data)
    np.testing.assert_allclose(fused_in.grad, composed_in.grad, atol=1e-12)


def test_fused_conv_equals_composed_shifted_matmuls():
    """A convolution is a sum over kernel offsets of (shifted input) @ (kernel slice)."""
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(4, 3, 3, 3))
    tx, tw = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    fused.Conv2d.apply(tx, tw, padding=1).sum().backward()
    cx, cw = Tensor(x, requires_grad=True), Tensor(w, requires_grad=True)
    padded = cx.pad(((0, 0), (0, 0), (1, 1), (1, 1))).permute(0, 2, 3, 1)  # (N, H+2, W+2, C)
    out = None
    for i in range(3):
        for j in range(3):
            term = padded[:, i : i + 6, j : j + 5] @ cw[:, :, i, j].T  # (N, H, W, O)
            out = term if out is None else out + term
    out.sum().backward()
    np.testing.assert_allclose(tx.grad, cx.grad, atol=1e-10)
    np.testing.assert_allclose(tw.grad, cw.grad, atol=1e-10)


def test_primitives_are_few_and_composed_ops_define_no_gradient():
    primitives = [
        c
        for module in (F, movement, fused)
        for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, F.Function)
    ]
    assert 20 <= len(set(primitives)) - 1 <= 30  # minus the base class
    import ldl.engine.tensor as tensor_module

    source = open(tensor_module.__file__).read()
    assert "def backward(self, grad" not in source.replace("def backward(self, grad: np.ndarray | None", "")


def test_value_matches_torch():
    torch = pytest.importorskip("torch")

    def expression(a, b, exp, tanh):
        c = a * b + b**3 - a / 2
        d = tanh(c) * exp(a) + (c * c).relu() + 1 / (1 + exp(-b))
        return d * d + d - 3 * a

    a, b = Value(-0.7), Value(1.3)
    out = expression(a, b, lambda v: v.exp(), lambda v: v.tanh())
    out.backward()
    ta = torch.tensor(-0.7, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(1.3, dtype=torch.float64, requires_grad=True)
    tout = expression(ta, tb, torch.exp, torch.tanh)
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-12)
    assert a.grad == pytest.approx(ta.grad.item(), rel=1e-12)
    assert b.grad == pytest.approx(tb.grad.item(), rel=1e-12)
    assert Value(2.0).log().data == pytest.approx(math.log(2.0))


def test_engine_never_imports_torch():
    code = (
        "import sys, pkgutil, importlib, ldl.engine\n"
        "for m in pkgutil.walk_packages(ldl.engine.__path__, 'ldl.engine.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m == 'torch' or m.startswith('torch.')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
