"""Central differences against derivatives we know in closed form."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldl.mathlab import (
    PASS_BELOW,
    check_gradient,
    derivative,
    gradient,
    jacobian,
    relative_error,
)


@pytest.mark.parametrize(
    "f, df, x",
    [
        (np.sin, np.cos, 0.7),
        (np.exp, np.exp, -2.0),
        (lambda t: t**3, lambda t: 3 * t**2, 1e3),  # a large input: the step scales with |x|
        (np.log, lambda t: 1 / t, 0.25),
    ],
)
def test_derivative_matches_closed_form(f, df, x):
    assert derivative(f, x) == pytest.approx(df(x), rel=1e-8)


def test_gradient_of_quadratic_form_is_symmetrised_matrix():
    rng = np.random.default_rng(0)
    A, x = rng.normal(size=(4, 4)), rng.normal(size=4)
    expected = 0.5 * (A + A.T) @ x  # ∇ ½ xᵀAx, A not symmetric
    np.testing.assert_allclose(gradient(lambda v: 0.5 * v @ A @ v, x), expected, rtol=1e-7)


def test_gradient_keeps_matrix_shape_and_leaves_input_alone():
    rng = np.random.default_rng(1)
    W, X = rng.normal(size=(2, 3)), rng.normal(size=(5, 3))
    before = W.copy()
    g = gradient(lambda w: np.sum((X @ w.T) ** 2), W)  # ∇_W ||X Wᵀ||² = 2 (X Wᵀ)ᵀ X
    np.testing.assert_allclose(g, 2 * (X @ W.T).T @ X, rtol=1e-7)
    np.testing.assert_array_equal(W, before)


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 5), n=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_jacobian_of_affine_map_is_its_matrix(m, n, seed):
    rng = np.random.default_rng(seed)
    W, b, x = rng.normal(size=(m, n)), rng.normal(size=m), rng.normal(size=n)
    J = jacobian(lambda v: W @ v + b, x)
    assert J.shape == (m, n)  # one row per output
    np.testing.assert_allclose(J, W, rtol=1e-7, atol=1e-9)


def test_jacobian_of_softmax():
    z = np.array([0.5, -1.0, 2.0])
    s = np.exp(z) / np.exp(z).sum()
    J = jacobian(lambda v: np.exp(v) / np.exp(v).sum(), z)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), atol=1e-10)


def test_jacobian_shape_for_matrix_input_and_output():
    A = np.arange(6.0).reshape(2, 3)
    J = jacobian(lambda X: X.T * 2, A)  # out (3, 2), in (2, 3)
    assert J.shape == (3, 2, 2, 3)
    assert J[1, 0, 0, 1] == pytest.approx(2.0) and J[1, 0, 1, 0] == pytest.approx(0.0, abs=1e-9)


def test_float32_input_is_differentiated_in_float64():
    x = np.array([1.0, 2.0], dtype=np.float32)
    g = gradient(lambda v: np.sum(v**2), x)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, 2 * x, rtol=1e-9)


def test_relative_error_is_scale_free_and_symmetric():
    a, b = np.array([1.0, 2.0]), np.array([1.0, 2.001])
    assert relative_error(a, b) == pytest.approx(relative_error(1e6 * a, 1e6 * b))
    assert relative_error(a, b) == relative_error(b, a)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, np.zeros(2)) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        relative_error(a, np.ones(3))


def test_check_gradient_passes_right_and_fails_wrong_with_worst_entry():
    rng = np.random.default_rng(2)
    A, x = rng.normal(size=(3, 3)), rng.normal(size=3)

    def f(v):
        return 0.5 * v @ A @ v

    good = check_gradient(f, lambda v: 0.5 * (A + A.T) @ v, x)
    assert good.passed and good.verdict == "pass" and good.relative_error < PASS_BELOW
    wrong = check_gradient(f, lambda v: A @ v, x)  # the classic "assume A is symmetric"
    assert wrong.verdict == "fail"
    expected_worst = np.argmax(np.abs(A @ x - 0.5 * (A + A.T) @ x))
    assert wrong.worst_index == (expected_worst,)
    assert "fail" in str(wrong)


def test_check_gradient_accepts_values_and_rejects_wrong_shapes():
    x = np.array([1.0, -2.0])
    assert check_gradient(lambda v: np.sum(v**2), 2 * x, x).passed
    slightly_off = check_gradient(lambda v: np.sum(v**2), 2 * x * (1 + 1e-5), x)
    assert slightly_off.verdict == "suspicious"
    with pytest.raises(ValueError, match="shape"):
        check_gradient(lambda v: np.sum(v**2), np.ones((2, 1)), x)
