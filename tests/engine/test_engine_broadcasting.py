"""Hypothesis-generated shapes for every broadcasting entry of the registry: size-1 axes,
scalars (shape ()) and rank mismatches, in either order. Oracle: central differences (float64)
and, where installed, torch. More examples under HYPOTHESIS_PROFILE=slow."""

from __future__ import annotations

import os

import numpy as np
import pytest
from engine_oracles import OPS, engine_grads, make_inputs, numerical_grads, torch_grads
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

# per-test settings rather than a global profile, so other areas' hypothesis tests keep theirs
EXAMPLES = 200 if os.environ.get("HYPOTHESIS_PROFILE") == "slow" else 8
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BROADCASTING = [op for op in OPS if op.broadcast]
SHAPES = mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, min_side=1, max_side=3)


@pytest.mark.parametrize("op", BROADCASTING, ids=lambda op: op.name)
@SETTINGS
@given(shapes=SHAPES, seed=st.integers(0, 2**16))
def test_broadcast_gradients_match_central_differences(op, shapes, seed):
    arrays = make_inputs(shapes.input_shapes, op.generator, np.float64, seed)
    out, _ = engine_grads(op.engine, arrays)
    assert out.shape == shapes.result_shape
    upstream = np.random.default_rng(seed).normal(size=out.shape)
    _, grads = engine_grads(op.engine, arrays, upstream)
    for got, want, array in zip(grads, numerical_grads(op.engine, arrays, upstream), arrays, strict=True):
        assert got.shape == array.shape
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


@pytest.mark.torch
@pytest.mark.parametrize("op", BROADCASTING, ids=lambda op: op.name)
@SETTINGS
@given(shapes=SHAPES, seed=st.integers(0, 2**16))
def test_broadcast_matches_torch(op, shapes, seed):
    pytest.importorskip("torch")
    arrays = make_inputs(shapes.input_shapes, op.generator, np.float32, seed)
    upstream = np.random.default_rng(seed).normal(size=shapes.result_shape).astype(np.float32)
    out, grads = engine_grads(op.engine, arrays, upstream)
    want_out, want_grads = torch_grads(op.torch, arrays, upstream)
    np.testing.assert_allclose(out, want_out, rtol=1e-5, atol=1e-6)
    for got, want in zip(grads, want_grads, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


@SETTINGS
@given(
    shapes=mutually_broadcastable_shapes(num_shapes=2, min_dims=2, max_dims=4, max_side=3),
    seed=st.integers(0, 99),
)
def test_batched_matmul_broadcasts_like_numpy(shapes, seed):
    a_shape, b_shape = shapes.input_shapes
    a_shape, b_shape = (*a_shape[:-1], 3), (*b_shape[:-2], 3, b_shape[-1])  # inner sizes agree
    arrays = make_inputs([a_shape, b_shape], lambda rng, s: rng.normal(size=s), np.float64, seed)
    op = lambda a, b: a @ b
    out, _ = engine_grads(op, arrays)
    np.testing.assert_allclose(out, arrays[0] @ arrays[1])
    upstream = np.random.default_rng(seed).normal(size=out.shape)
    _, grads = engine_grads(op, arrays, upstream)
    for got, want in zip(grads, numerical_grads(op, arrays, upstream), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)
