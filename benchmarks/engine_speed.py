"""How fast is ldl.engine? Training-step time ratios against PyTorch and hand-written numpy.

Everything runs on ONE thread (numpy's BLAS via threadpoolctl, torch via set_num_threads), and
every ratio compares two peers measured in the same process, interleaved, so a busy machine slows
both alike. Targets (issue 5, item 6):

    MLP 784-256-256-10, batch 128, SGD step:   engine / torch <= 1.0
    the same MLP:                              engine / hand-written numpy <= 1.10
    CNN conv(1->32) pool conv(32->64) pool linear, 28x28, batch 128:   engine / torch <= 2.0

Run: `.venv/bin/python benchmarks/engine_speed.py [--repeats 5] [--json]`
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


def seconds_per_step(step: Callable[[], None], min_time: float = 0.5) -> float:
    """Median over 3 bursts of the mean step time in a burst lasting at least `min_time`."""
    step()  # warm up: allocations, caches
    bursts = []
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < min_time:
            step()
            count += 1
        bursts.append(elapsed / count)
    return float(np.median(bursts))


def measure(repeats: int) -> dict:
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(1)
    results = {}
    with threadpool_limits(1):
        torch_mlp, torch_cnn = torch_steps()
        peers = {
            "mlp": {"engine": engine_mlp_step(), "torch": torch_mlp, "numpy": numpy_mlp_step()},
            "cnn": {"engine": engine_cnn_step(), "torch": torch_cnn},
        }
        for name, steps in peers.items():
            times = {peer: [] for peer in steps}
            for _ in range(repeats):  # interleave peers so that load changes hit all of them
                for peer, step in steps.items():
                    times[peer].append(seconds_per_step(step, 0.3 if name == "mlp" else 1.0))
            results[name] = {peer: float(np.median(t)) for peer, t in times.items()}
    return results


def ratios(times: dict) -> list[dict]:
    checks = [
        ("MLP engine/torch", times["mlp"]["engine"] / times["mlp"]["torch"], 1.0),
        ("MLP engine/numpy", times["mlp"]["engine"] / times["mlp"]["numpy"], 1.10),
        ("CNN engine/torch", times["cnn"]["engine"] / times["cnn"]["torch"], 2.0),
    ]
    return [{"ratio": name, "value": round(v, 3), "target": t, "meets": v <= t} for name, v, t in checks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="interleaved measurements per peer")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    times = measure(args.repeats)
    table = ratios(times)
    if args.json:
        print(json.dumps({"seconds_per_step": times, "ratios": table}, indent=2))
        return
    for name, peers in times.items():
        print(name, "  ".join(f"{peer} {1000 * t:.2f} ms ({1 / t:.0f} steps/s)" for peer, t in peers.items()))
    for row in table:
        verdict = "meets" if row["meets"] else "MISSES"
        print(f"{row['ratio']:18s} {row['value']:6.3f}x  target <= {row['target']:.2f}x  {verdict}")


if __name__ == "__main__":
    main()
