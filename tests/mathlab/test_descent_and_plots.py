"""Gradient descent's three regimes on a bowl, and what the plotting helpers draw."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from ldl.mathlab import evaluate_on_grid, gradient_descent, plot_contours, plot_function, plot_linear_map  # noqa: E402

A = np.diag([1.0, 10.0])  # eigenvalues 1 and 10: converges iff lr < 2/10


def grad(x):
    return A @ x


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_descent_path_shape_and_first_row():
    path = gradient_descent(grad, [1.0, 1.0], lr=0.05, num_steps=7)
    assert path.shape == (8, 2)
    np.testing.assert_array_equal(path[0], [1.0, 1.0])


def test_each_eigendirection_shrinks_by_one_minus_lr_lambda():
    path = gradient_descent(grad, [1.0, 1.0], lr=0.05, num_steps=10)
    np.testing.assert_allclose(path[-1], [(1 - 0.05) ** 10, (1 - 0.5) ** 10])


def test_too_large_learning_rate_diverges_and_stops_early():
    path = gradient_descent(grad, [1.0, 1.0], lr=0.25, num_steps=1000, max_norm=1e3)
    assert len(path) < 1001
    assert np.linalg.norm(path[-1]) > 1e3
    good = gradient_descent(grad, [1.0, 1.0], lr=2 / 11, num_steps=100)
    assert np.linalg.norm(good[-1]) < 1e-6


def test_evaluate_on_grid_vectorised_and_pointwise_agree():
    xs, ys = np.linspace(-1, 1, 5), np.linspace(0, 2, 4)
    vectorised = evaluate_on_grid(lambda p: p[0] ** 2 + 3 * p[1], xs, ys)
    pointwise = evaluate_on_grid(lambda p: float(np.dot(p, p @ np.eye(2))) + 0 * p[1], xs, ys)
    assert vectorised.shape == pointwise.shape == (4, 5)
    np.testing.assert_allclose(vectorised[2, 1], xs[1] ** 2 + 3 * ys[2])
    np.testing.assert_allclose(pointwise[3, 4], xs[4] ** 2 + ys[3] ** 2)


def test_plot_function_draws_curve_and_tangent():
    ax = plot_function(np.sin, tangent_at=0.0)
    curve, tangent = ax.lines[0], ax.lines[1]
    slope = np.diff(tangent.get_ydata()[:2]) / np.diff(tangent.get_xdata()[:2])
    assert slope[0] == pytest.approx(1.0, rel=1e-6)  # sin'(0) = 1
    assert len(curve.get_xdata()) == 400


def test_plot_contours_draws_each_path():
    paths = {
        "slow": gradient_descent(grad, [1.5, 1.5], 0.01, 20),
        "fast": gradient_descent(grad, [1.5, 1.5], 0.18, 20),
    }
    ax = plot_contours(lambda p: 0.5 * (p[0] ** 2 + 10 * p[1] ** 2), paths=paths, log_scale=True)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["slow (20 steps)", "fast (20 steps)"]


def test_plot_linear_map_draws_columns_as_arrows_and_rejects_non_2x2():
    A2 = np.array([[2.0, 1.0], [0.0, 1.0]])
    _, after = plot_linear_map(A2)
    assert after.get_title() == "after: A"
    tips = sorted(tuple(a.xy) for a in after.texts)
    assert tips == sorted([(2.0, 0.0), (1.0, 1.0)])  # A e₁ and A e₂
    with pytest.raises(ValueError, match="2x2"):
        plot_linear_map(np.eye(3))
