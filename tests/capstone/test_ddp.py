"""Capstone I's training script gives the same parameters on one process and under
`torchrun --nproc_per_node=2` (DistributedDataParallel over gloo) for the same global batch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ldl.paths import STAGES_ROOT

torch = pytest.importorskip("torch")  # the full install; the light one has no torch
SCRIPT = STAGES_ROOT / "4-capstone-1" / "template" / "train_ddp.py"


def run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]


@pytest.mark.torch
@pytest.mark.medium  # three processes that import torch: ~15 s idle, ~100 s on a busy 2-core machine
def test_two_processes_match_one_on_the_same_global_batch(tmp_path):
    shutil.copy(SCRIPT, tmp_path)
    steps = ["--steps", "6", "--global-batch-size", "32", "--lr", "0.1"]
    run([sys.executable, "train_ddp.py", *steps, "--out", "one.pt"], tmp_path)
    torchrun = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2"]
    run([*torchrun, "train_ddp.py", *steps, "--out", "two.pt"], tmp_path)
    one, two = torch.load(tmp_path / "one.pt"), torch.load(tmp_path / "two.pt")
    initial = _initial_state()
    assert one.keys() == two.keys()
    for name in one:
        assert torch.allclose(one[name], two[name], rtol=1e-5, atol=1e-6), name
        assert not torch.allclose(one[name], initial[name]), (
            f"{name} did not move: the test would prove nothing"
        )


@pytest.mark.torch
def test_averaging_the_shards_gradients_is_the_global_batch_gradient():
    """The fast variant, in-process: what DDP's all-reduce computes (the mean over N processes of
    each one's mean-loss gradient on its B/N slice) is the gradient of the mean loss on all B."""
    script = _script()
    torch.manual_seed(0)
    model = script.make_model()
    x, y = script.load_data()
    batch = torch.randint(len(x), (32,), generator=torch.Generator().manual_seed(0))

    def gradient(indices):
        model.zero_grad()
        torch.nn.functional.cross_entropy(model(x[indices]), y[indices]).backward()
        return [p.grad.clone() for p in model.parameters()]

    whole = gradient(batch)
    shards = [gradient(part) for part in batch.split(16)]  # two processes' slices
    for full, *parts in zip(whole, *shards):
        assert torch.allclose(full, sum(parts) / len(parts), atol=1e-7)
    uneven = [gradient(part) for part in batch.split(20)]  # slices of 20 and 12: the average is wrong
    assert not all(torch.allclose(f, sum(p) / len(p), atol=1e-7) for f, *p in zip(whole, *uneven))


def _script():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import train_ddp
    finally:
        sys.path.pop(0)
    return train_ddp


def _initial_state() -> dict:
    """The parameters before any step (the script seeds them the same way)."""
    torch.manual_seed(0)
    return {k: v.clone() for k, v in _script().make_model().state_dict().items()}
