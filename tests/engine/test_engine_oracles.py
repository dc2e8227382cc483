"""Every registry entry, three ways: float64 central differences, and float32 values and
gradients against PyTorch with identical inputs and weights (tolerances in engine_oracles.py)."""

from __future__ import annotations

import numpy as np
import pytest
from engine_oracles import (
    BACKWARD_TOL,
    FORWARD_TOL,
    LAYERS,
    OPS,
    copy_weights,
    engine_grads,
    make_inputs,
    numerical_grads,
    torch_grads,
)

from ldl.engine import Tensor, manual_seed

CENTRAL_TOL = {"rtol": 1e-4, "atol": 1e-6}


def upstream_for(shape, dtype, seed=1):
    """A random dL/d(output), so every output element's gradient path is exercised."""
    return np.random.default_rng(seed).normal(size=shape).astype(dtype)


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
def test_gradients_match_central_differences(op):
    arrays = make_inputs(op.shapes, op.generator, np.float64)
    out, grads = engine_grads(op.engine, arrays, None)
    upstream = upstream_for(out.shape, np.float64)
    _, grads = engine_grads(op.engine, arrays, upstream)
    expected = numerical_grads(op.engine, arrays, upstream)
    for i, (got, want) in enumerate(zip(grads, expected, strict=True)):
        assert got is not None and got.shape == arrays[i].shape, f"input {i}"
        np.testing.assert_allclose(got, want, **CENTRAL_TOL, err_msg=f"input {i}")


@pytest.mark.torch
@pytest.mark.parametrize("op", [op for op in OPS if op.torch], ids=lambda op: op.name)
def test_values_and_gradients_match_torch(op):
    pytest.importorskip("torch")
    arrays = make_inputs(op.shapes, op.generator, np.float32)
    out, _ = engine_grads(op.engine, arrays, None)
    upstream = upstream_for(out.shape, np.float32)
    out, grads = engine_grads(op.engine, arrays, upstream)
    want_out, want_grads = torch_grads(op.torch, arrays, upstream)
    assert out.dtype == np.float32, "float32 in, float32 out"
    np.testing.assert_allclose(out, want_out, **FORWARD_TOL)
    for i, (got, want) in enumerate(zip(grads, want_grads, strict=True)):
        np.testing.assert_allclose(got, want, **BACKWARD_TOL, err_msg=f"input {i}")


def _layer_run(layer, module, x, upstream):
    """Output, input gradient and parameter gradients of sum(layer(x) * upstream) in the engine."""
    inputs = Tensor(x, requires_grad=True)
    out = layer.call(module, inputs)
    (out * Tensor(upstream)).sum().backward()
    return out.data, inputs.grad, {name: p.grad for name, p in module.named_parameters()}


@pytest.mark.torch
@pytest.mark.parametrize("layer", [layer for layer in LAYERS if layer.torch], ids=lambda layer: layer.name)
def test_layers_match_torch(layer):
    torch = pytest.importorskip("torch")
    manual_seed(0)
    module = layer.engine()
    x = make_inputs([layer.input_shape], layer.generator, np.float32)[0]
    upstream = upstream_for(layer.call(module, Tensor(x)).shape, np.float32)
    twin = layer.torch()
    copy_weights(module, twin)  # after the shape probe, which moved batch norm's running stats
    module.zero_grad()
    out, grad_x, grads = _layer_run(layer, module, x, upstream)
    tx = torch.tensor(x, requires_grad=True)
    want = layer.torch_call(twin, tx)
    (want * torch.from_numpy(upstream)).sum().backward()
    np.testing.assert_allclose(out, want.detach().numpy(), **FORWARD_TOL)
    np.testing.assert_allclose(grad_x, tx.grad.numpy(), **BACKWARD_TOL)
    twin_params = dict(twin.named_parameters())
    for name, grad in grads.items():
        np.testing.assert_allclose(grad, twin_params[name].grad.numpy(), **BACKWARD_TOL, err_msg=name)
    for name, buffer in module.named_buffers():  # batch norm's running statistics moved alike
        np.testing.assert_allclose(buffer, dict(twin.named_buffers())[name].numpy(), **FORWARD_TOL)


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.name)
def test_layer_gradients_match_central_differences(layer):
    """float64; every input entry, and up to 6 random entries of every parameter."""
    manual_seed(0)
    module = layer.engine().cast(np.float64)
    module.eval() if "BatchNorm" not in layer.name else module.train()
    x = make_inputs([layer.input_shape], layer.generator, np.float64)[0]
    upstream = upstream_for(layer.call(module, Tensor(x)).shape, np.float64)
    module.zero_grad()
    _, grad_x, grads = _layer_run(layer, module, x, upstream)

    def loss() -> float:
        return float((layer.call(module, Tensor(x)).data * upstream).sum())

    numeric_x = numerical_grads(lambda t: layer.call(module, t), [x], upstream)[0]
    np.testing.assert_allclose(grad_x, numeric_x, **CENTRAL_TOL)
    rng, h = np.random.default_rng(0), 1e-6
    for name, param in module.named_parameters():
        for flat in rng.choice(param.size, size=min(6, param.size), replace=False):
            index = np.unravel_index(flat, param.shape)
            original = param.data[index]
            param.data[index] = original + h
            plus = loss()
            param.data[index] = original - h
            minus = loss()
            param.data[index] = original
            np.testing.assert_allclose(
                grads[name][index], (plus - minus) / (2 * h), **CENTRAL_TOL, err_msg=name
            )
