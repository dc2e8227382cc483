"""Randomness you can repeat, and a device you can name.

A training run draws random numbers from up to four generators: Python's `random`, NumPy's global
generator, PyTorch's CPU generator and, on a GPU, one CUDA generator per device. To repeat a run you
seed all of them (`seed_everything`); to *continue* a run exactly after a crash you also save their
current states in the checkpoint and put them back (`rng_state` / `restore_rng_state`).

PyTorch is optional here: the from-scratch engine trains with NumPy alone, so torch is imported
only when it is installed and asked for (seeding) or already in use (saving states).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import random
import sys
from typing import Any

import numpy as np

from ldl.errors import LdlError

DEVICES = ("cuda", "mps", "cpu")


def _torch_installed() -> bool:
    return importlib.util.find_spec("torch") is not None


def seed_everything(seed: int, *, use_torch: bool | None = None) -> Any:
    """Seed Python, NumPy and PyTorch (CPU and every CUDA device) with `seed`.

    Returns a `torch.Generator` seeded with `seed` for a DataLoader's `generator=` argument (pass
    `worker_init_fn=seed_worker` too when `num_workers > 0`), or None without torch.
    `use_torch=None` seeds torch when it is installed; the NumPy-only engine passes False so that
    seeding never imports torch.
    """
    random.seed(seed)
    np.random.seed(seed % 2**32)
    if use_torch is None:
        use_torch = _torch_installed()
    if not use_torch:
        return None
    import torch

    torch.manual_seed(seed)  # also seeds every CUDA device
    generator = torch.Generator()
    generator.manual_seed(seed)
    return generator


def seed_worker(worker_id: int) -> None:
    """`worker_init_fn` for a DataLoader: seed NumPy and `random` inside each worker process.

    PyTorch gives every worker its own torch seed (base seed + worker id, the base drawn from the
    loader's generator); this copies it into the other two generators, which would otherwise start
    identical in every worker.
    """
    import torch

    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def rng_state() -> dict[str, Any]:
    """The current state of every random generator in use, for a checkpoint.

    torch's states are included only if torch has been imported (if it has not, nothing has drawn
    from it). Keys: python, numpy, and optionally torch (a uint8 tensor) and cuda (a list of them).
    """
    state: dict[str, Any] = {"python": random.getstate(), "numpy": np.random.get_state()}
    if sys.modules.get("torch") is not None:
        import torch

        state["torch"] = torch.get_rng_state()
        if torch.cuda.is_available():
            state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_rng_state(state: dict[str, Any]) -> None:
    """Put back generator states saved by `rng_state` (after a checkpoint round trip)."""
    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    np.random.set_state(tuple(state["numpy"]))
    if "torch" in state:
        import torch

        torch.set_rng_state(state["torch"])
        if "cuda" in state and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(state["cuda"])


def restores_torch_threads(function: Any) -> Any:
    """Decorate a `train` that sets PyTorch's thread count for its own speed, so that the caller's
    count (a notebook's, say) is put back when it returns, raises or is interrupted."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not _torch_installed():
            return function(*args, **kwargs)
        import torch

        before = torch.get_num_threads()
        try:
            return function(*args, **kwargs)
        finally:
            torch.set_num_threads(before)

    return wrapper


def _available(device: str) -> bool:
    if device == "cpu":
        return True
    if not _torch_installed():
        return False
    import torch

    if device == "cuda":
        return torch.cuda.is_available()
    return bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())


def pick_device(prefer: str | None = None) -> str:
    """The device to train on: "cuda", "mps" or "cpu".

    Order of precedence: the LDL_DEVICE environment variable, then `prefer`, then the first
    available of CUDA, Apple's MPS and the CPU. A device that is asked for but missing is an error
    rather than a silent fallback, so a run never lands on the CPU by surprise.
    """
    asked = os.environ.get("LDL_DEVICE") or prefer
    if not asked:
        return next(device for device in DEVICES if _available(device))
    device = asked.strip().lower()
    kind = device.split(":")[0]  # "cuda:1" names a device of kind "cuda"
    if kind not in DEVICES:
        raise LdlError(f"Unknown device {asked!r}.", hint=f"Choose one of {', '.join(DEVICES)}.")
    if not _available(kind):
        source = "LDL_DEVICE" if os.environ.get("LDL_DEVICE") else "The requested device"
        raise LdlError(
            f"{source} asks for {asked!r}, which is not available on this machine.",
            hint="Unset LDL_DEVICE (or pass prefer=None) to pick the best available device.",
        )
    return device
