"""Pictures the math labs share: a 1-D function (with a tangent), a 2-D surface as contours with
descent paths on top, and a 2-D linear map as a grid before and after.

Each function draws on the axes you pass (or makes a figure) and returns the axes, so a lab can
combine them and a test can inspect what was drawn. matplotlib is imported inside each function,
so importing `ldl.mathlab` stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from ldl.mathlab.numdiff import derivative


def _axes(ax=None, figsize=(5, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_function(
    f: Callable[[np.ndarray], np.ndarray],
    xlim: tuple[float, float] = (-3.0, 3.0),
    ax=None,
    label: str | None = None,
    tangent_at: float | None = None,
    num: int = 400,
):
    """Plot y = f(x) on xlim (f must accept an array). With `tangent_at=a`, also draw the tangent
    line y = f(a) + f'(a)(x - a), its slope found by a central difference."""
    ax = _axes(ax)
    xs = np.linspace(*xlim, num)
    ax.plot(xs, f(xs), label=label)
    if tangent_at is not None:
        a = float(tangent_at)
        slope = derivative(lambda t: float(f(np.array(t))), a)
        fa = float(f(np.array(a)))
        ax.plot(xs, fa + slope * (xs - a), "--", label=f"tangent at {a:g} (slope {slope:.3g})")
        ax.plot([a], [fa], "o", color="black")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("x")
    if label or tangent_at is not None:
        ax.legend()
    return ax


def evaluate_on_grid(f: Callable[[np.ndarray], float], xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """f(p) for every grid point p = (x, y); returns shape (len(ys), len(xs)).

    f takes one point p (reading p[0], p[1]). If it is written with array operations it is called
    once on the whole stacked grid, shape (2, H, W); otherwise point by point.
    """
    grid_x, grid_y = np.meshgrid(xs, ys)  # each (H, W)
    try:
        values = np.asarray(f(np.stack([grid_x, grid_y])), dtype=np.float64)  # (H, W) if vectorised
        if values.shape == grid_x.shape:
            return values
    except (TypeError, ValueError, IndexError):
        pass  # f only handles a single point: fall through to the loop
    points = np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)  # (H*W, 2)
    return np.array([float(f(p)) for p in points]).reshape(grid_x.shape)


def plot_contours(
    f: Callable[[np.ndarray], float],
    xlim: tuple[float, float] = (-2.0, 2.0),
    ylim: tuple[float, float] = (-2.0, 2.0),
    paths: Mapping[str, np.ndarray] | None = None,
    ax=None,
    levels: int = 30,
    log_scale: bool = False,
    num: int = 200,
):
    """Contour lines of f(x, y), with optional descent paths (name -> (steps, 2) array) on top.

    `log_scale` spaces the contour levels geometrically, which shows valleys like Rosenbrock's
    whose values span several orders of magnitude.
    """
    ax = _axes(ax)
    xs, ys = np.linspace(*xlim, num), np.linspace(*ylim, num)
    values = evaluate_on_grid(f, xs, ys)  # (num, num)
    if log_scale:
        low = max(values.min(), 1e-12 * max(values.max(), 1.0))
        shifted = values - values.min() + low  # positive, so its log is defined
        contour_levels = np.geomspace(shifted.min(), shifted.max(), levels)
        ax.contour(xs, ys, shifted, levels=contour_levels, cmap="viridis", linewidths=0.8)
    else:
        ax.contour(xs, ys, values, levels=levels, cmap="viridis", linewidths=0.8)
    for name, path in (paths or {}).items():
        path = np.asarray(path)  # (steps, 2)
        ax.plot(path[:, 0], path[:, 1], ".-", ms=3, lw=1, label=f"{name} ({len(path) - 1} steps)")
        ax.plot(path[0, 0], path[0, 1], "ko", ms=4)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.set_aspect("equal")
    ax.set_xlabel("x₀")
    ax.set_ylabel("x₁")
    if paths:
        ax.legend(fontsize="small")
    return ax


def plot_linear_map(matrix: np.ndarray, axes=None, extent: int = 2, title: str | None = None):
    """Show what a 2x2 matrix does to the plane: left, the grid and basis vectors e₁, e₂;
    right (titled `title`), their images: the grid lines through A, and the columns A e₁, A e₂.

    Returns the pair of axes. Straight, evenly spaced grid lines stay straight and evenly spaced:
    that is what makes the map linear.
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.shape != (2, 2):
        raise ValueError(f"plot_linear_map draws 2x2 matrices, got shape {matrix.shape}")
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=(9, 4.5))
    ticks = np.arange(-extent, extent + 1)
    line = np.linspace(-extent, extent, 50)
    panels = ((axes[0], np.eye(2), "before"), (axes[1], matrix, title or "after: A"))
    for ax, transform, name in panels:
        for t in ticks:  # one vertical and one horizontal grid line per tick, each (2, 50)
            for points in (np.stack([np.full_like(line, t), line]), np.stack([line, np.full_like(line, t)])):
                image = transform @ points
                ax.plot(image[0], image[1], color="lightsteelblue", lw=0.8)
        for column, color in ((0, "tab:red"), (1, "tab:blue")):
            v = transform[:, column]
            ax.annotate(
                "", xy=(v[0], v[1]), xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": color, "lw": 2}
            )
        ax.set_aspect("equal")
        ax.set_title(name)
    reach = extent * max(1.0, float(np.abs(matrix).sum(axis=1).max()))
    axes[1].set_xlim(-reach, reach)
    axes[1].set_ylim(-reach, reach)
    return axes
