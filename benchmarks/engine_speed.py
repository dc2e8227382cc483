"""How fast is ldl.engine? Training-step time ratios against PyTorch and hand-written numpy.

Everything runs on ONE thread (numpy's BLAS via threadpoolctl, torch via set_num_threads), and
the peers take turns one training step at a time; each ratio is the median over turns of
(engine step time / peer step time), so a busy machine slows both sides of every ratio alike.
Targets (issue 5, item 6):

    MLP 784-256-256-10, batch 128, SGD step:   engine / torch <= 1.0
    the same MLP:                              engine / hand-written numpy <= 1.10
    CNN conv(1->32) pool conv(32->64) pool linear, 28x28, batch 128:   engine / torch <= 2.0

Run: `.venv/bin/python benchmarks/engine_speed.py [--seconds 30] [--json]`
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

import numpy as np

BATCH_SIZE, LR = 128, 0.01


def make_batch(shape, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(BATCH_SIZE, *shape)).astype(np.float32)
    y = rng.integers(0, 10, size=BATCH_SIZE)
    return x, y


# ------------------------------------------------------------------------------------- engine


def engine_mlp_step():
    from ldl.engine import Tensor, nn, optim
    from ldl.engine.losses import cross_entropy

    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    optimizer = optim.SGD(model.parameters(), lr=LR)
    x, y = make_batch((784,))

    def step():
        loss = cross_entropy(model(Tensor(x)), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    return step


def engine_cnn_step():
    from ldl.engine import Tensor, nn, optim
    from ldl.engine.losses import cross_entropy

    model = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # (B, 32, 14, 14)
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # (B, 64, 7, 7)
        nn.Flatten(), nn.Linear(64 * 7 * 7, 10),
    )  # fmt: skip
    optimizer = optim.SGD(model.parameters(), lr=LR)
    x, y = make_batch((1, 28, 28))

    def step():
        loss = cross_entropy(model(Tensor(x)), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    return step


# -------------------------------------------------------------------------------------- torch


def torch_steps():
    import torch
    from torch import nn

    def build(model, shape):
        optimizer = torch.optim.SGD(model.parameters(), lr=LR)
        x, y = (torch.from_numpy(a) for a in make_batch(shape))

        def step():
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        return step

    mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    cnn = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 10),
    )  # fmt: skip
    return build(mlp, (784,)), build(cnn, (1, 28, 28))


# ------------------------------------------------------------------------- hand-written numpy


def numpy_mlp_step():
    """The MLP step written out by hand: the floor an autograd engine's overhead is measured from."""
    rng = np.random.default_rng(0)
    sizes = [784, 256, 256, 10]
    weights = [
        (rng.uniform(-1, 1, (o, i)) / np.sqrt(i)).astype(np.float32)
        for i, o in zip(sizes, sizes[1:], strict=False)
    ]
    biases = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    x, y = make_batch((784,))
    rows = np.arange(BATCH_SIZE)

    def step():
        inputs, masks, h = [], [], x
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            inputs.append(h)
            h = h @ w.T + b  # (B, out)
            if i < 2:
                masks.append(h > 0)
                h = np.maximum(h, 0)
        shifted = h - h.max(axis=1, keepdims=True)  # (B, 10), stable softmax
        probs = np.exp(shifted)
        sums = probs.sum(axis=1, keepdims=True)
        loss = np.mean(np.log(sums[:, 0]) - shifted[rows, y])  # noqa: F841 (a real step reports it)
        probs /= sums
        probs[rows, y] -= 1
        grad = probs / BATCH_SIZE  # dL/dlogits (B, 10)
        for i in (2, 1, 0):
            grad_w, grad_b = grad.T @ inputs[i], grad.sum(axis=0)
            if i > 0:
                grad = (grad @ weights[i]) * masks[i - 1]
            weights[i] -= LR * grad_w
            biases[i] -= LR * grad_b

    return step


# ------------------------------------------------------------------------------------ timing


def paired_times(steps: dict[str, Callable[[], None]], min_time: float) -> dict[str, np.ndarray]:
    """Per-step seconds of each peer, taking turns one step at a time for at least `min_time`.

    Taking turns means neighbouring measurements of different peers see the same machine load,
    so the ratio of two peers' step times is meaningful even when the absolute times are not.
    """
    for step in steps.values():
        step()  # warm up: first-call allocations, caches
    times: dict[str, list[float]] = {name: [] for name in steps}
    start = time.perf_counter()
    while time.perf_counter() - start < min_time or len(times[next(iter(steps))]) < 5:
        for name, step in steps.items():
            begin = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - begin)
    return {name: np.array(t) for name, t in times.items()}


def measure(seconds: float) -> dict:
    """{"mlp": {peer: per-step seconds}, "cnn": {...}}, every peer pinned to one thread."""
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(1)
    with threadpool_limits(1):
        torch_mlp, torch_cnn = torch_steps()
        mlp = {"engine": engine_mlp_step(), "torch": torch_mlp, "numpy": numpy_mlp_step()}
        cnn = {"engine": engine_cnn_step(), "torch": torch_cnn}
        return {"mlp": paired_times(mlp, seconds / 3), "cnn": paired_times(cnn, 2 * seconds / 3)}


def ratios(times: dict) -> list[dict]:
    """Median over turns of engine_time / peer_time, for each target."""
    checks = [("MLP engine/torch", "mlp", "torch", 1.0), ("MLP engine/numpy", "mlp", "numpy", 1.10),
              ("CNN engine/torch", "cnn", "torch", 2.0)]  # fmt: skip
    table = []
    for name, model, peer, target in checks:
        value = float(np.median(times[model]["engine"] / times[model][peer]))
        table.append({"ratio": name, "value": round(value, 3), "target": target, "meets": value <= target})
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="total measuring time")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    times = measure(args.seconds)
    table = ratios(times)
    medians = {
        model: {peer: float(np.median(t)) for peer, t in peers.items()} for model, peers in times.items()
    }
    if args.json:
        print(json.dumps({"median_seconds_per_step": medians, "ratios": table}, indent=2))
        return
    for model, peers in medians.items():
        print(
            model,
            "  ".join(f"{peer} {1000 * t:.2f} ms" for peer, t in peers.items()),
            "(medians; load-dependent)",
        )
    for row in table:
        verdict = "meets" if row["meets"] else "MISSES"
        print(f"{row['ratio']:18s} {row['value']:6.3f}x  target <= {row['target']:.2f}x  {verdict}")


if __name__ == "__main__":
    from ldl.errors import LdlError, require_full_install

    try:
        require_full_install("benchmarks/engine_speed.py (its peer is PyTorch)", ["torch"])
    except LdlError as error:  # a light install: say what to do, without a traceback
        raise SystemExit(f"Error: {error.format_message()}") from None
    main()
