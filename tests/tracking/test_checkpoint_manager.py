"""CheckpointManager: atomic saves, keep-last-k, damaged files skipped, unsafe files refused."""

import os
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from ldl.errors import LdlError
from ldl.tracking import CheckpointManager, CorruptCheckpoint, restore_rng_state, rng_state

pytestmark = pytest.mark.torch


def _numpy_state(value: float) -> dict:
    return {"weights": np.full((2, 3), value), "step_size": value, "name": "w", "pair": (1, [2, None])}


def test_numpy_round_trip_keeps_arrays_tuples_and_scalars(tmp_path):
    manager = CheckpointManager(tmp_path, config={"lr": 0.1})
    path = manager.save(_numpy_state(1.5), step=7)
    assert path.name == "step-000000007.npz"
    loaded = manager.load(path)
    assert loaded.step == 7 and loaded.config == {"lr": 0.1}
    assert np.array_equal(loaded.state["weights"], np.full((2, 3), 1.5))
    assert loaded.state["weights"].dtype == np.float64
    assert loaded.state["pair"] == (1, [2, None]) and loaded.state["name"] == "w"


def test_torch_round_trip_keeps_tensors_dtypes_and_numpy_arrays(tmp_path):
    manager = CheckpointManager(tmp_path)
    model = torch.nn.Linear(3, 2).to(torch.bfloat16)
    optimizer = torch.optim.Adam(model.parameters())
    model(torch.ones(1, 3, dtype=torch.bfloat16)).sum().backward()
    optimizer.step()
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "mask": np.arange(4)}
    loaded = manager.load(manager.save(state, step=3)).state
    assert all(torch.equal(loaded["model"][k], v) for k, v in model.state_dict().items())
    assert loaded["model"]["weight"].dtype == torch.bfloat16
    assert np.array_equal(loaded["mask"], np.arange(4))
    fresh = torch.optim.Adam(model.parameters())
    fresh.load_state_dict(loaded["optimizer"])  # the optimizer accepts what came back
    assert torch.equal(
        fresh.state_dict()["state"][0]["exp_avg"], optimizer.state_dict()["state"][0]["exp_avg"]
    )


@pytest.mark.parametrize("use_torch", [False, True])
def test_rng_states_round_trip_through_a_checkpoint(tmp_path, use_torch):
    import random

    state = {"rng": rng_state()}
    if use_torch:
        state["anchor"] = torch.zeros(1)  # makes it a .pt checkpoint
    expected = (random.random(), np.random.rand(), torch.rand(1))
    manager = CheckpointManager(tmp_path)
    restore_rng_state(manager.load(manager.save(state, 1)).state["rng"])
    got = (random.random(), np.random.rand(), torch.rand(1))
    assert got[:2] == expected[:2] and torch.equal(got[2], expected[2])


def test_keep_last_prunes_oldest_and_latest_is_newest(tmp_path):
    manager = CheckpointManager(tmp_path, keep_last=2)
    for step in (10, 20, 30, 40):
        manager.save(_numpy_state(step), step)
    assert [p.name for p in manager.paths()] == ["step-000000030.npz", "step-000000040.npz"]
    assert manager.latest().state["step_size"] == 40


def test_the_only_valid_checkpoint_is_never_pruned(tmp_path):
    manager = CheckpointManager(tmp_path, keep_last=1)
    manager.save(_numpy_state(1.0), 5)
    (tmp_path / "step-000000100.npz").write_bytes(b"PK\x03\x04 half a file")  # a damaged newer one
    kept = manager.save(_numpy_state(2.0), 6)
    with pytest.warns(UserWarning, match="damaged"):
        assert kept.exists() and manager.latest().step == 6


def test_truncated_newest_checkpoint_is_skipped_with_a_warning(tmp_path):
    manager = CheckpointManager(tmp_path, keep_last=3)
    manager.save(_numpy_state(1.0), 1)
    newest = manager.save({"w": torch.ones(1000)}, 2)
    newest.write_bytes(newest.read_bytes()[: newest.stat().st_size // 2])
    with pytest.warns(UserWarning, match="damaged"):
        assert manager.latest().step == 1
    with pytest.raises(CorruptCheckpoint):
        manager.load(newest)


def test_a_flipped_byte_is_detected(tmp_path):
    manager = CheckpointManager(tmp_path)
    path = manager.save({"w": np.arange(1000.0)}, 1)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("arrays/0.npy")
    data[info.header_offset + 200] ^= 0xFF  # inside the array's bytes
    path.write_bytes(bytes(data))
    with pytest.warns(UserWarning):
        assert manager.latest() is None


class _Exploit:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_crafted_pickle_checkpoint_is_refused_without_running_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    manager = CheckpointManager(tmp_path / "checkpoints")
    zipped = manager.dir / "step-000000001.pt"
    torch.save({"schema": 1, "state": _Exploit()}, zipped)  # torch's own zip format, evil payload
    raw = manager.dir / "step-000000002.pt"
    raw.write_bytes(pickle.dumps({"state": _Exploit()}))  # a bare pickle
    for path in (zipped, raw):
        with pytest.raises(LdlError) as refused:
            manager.load(path)
        assert str(path) in refused.value.message
    assert "run code" in _message(manager, zipped)
    assert not (tmp_path / "pwned").exists()


def _message(manager, path):
    with pytest.raises(LdlError) as refused:
        manager.load(path)
    return refused.value.message


def test_resuming_with_a_different_config_names_the_fields(tmp_path):
    CheckpointManager(tmp_path, config={"lr": 0.1, "batch_size": 32, "seed": 0}).save({"x": 1}, 1)
    other = CheckpointManager(tmp_path, config={"lr": 0.2, "batch_size": 32, "seed": 1})
    with pytest.raises(LdlError, match=r"lr: 0\.1 -> 0\.2; seed: 0 -> 1"):
        other.latest()
    assert CheckpointManager(tmp_path, config={"lr": 0.1, "batch_size": 32, "seed": 0}).latest().step == 1


def test_orphaned_temporary_files_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    orphan = tmp_path / f".step-000000005.npz.{int(dead.stdout)}.tmp"
    orphan.write_bytes(b"partial")
    alive = tmp_path / f".step-000000006.npz.{os.getppid()}.tmp"  # a save still in progress elsewhere
    alive.write_bytes(b"partial")
    CheckpointManager(tmp_path)
    assert not orphan.exists() and alive.exists()


def test_a_failed_save_leaves_no_file_and_keeps_the_last_good_one(tmp_path):
    manager = CheckpointManager(tmp_path)
    manager.save(_numpy_state(1.0), 1)
    with pytest.raises(TypeError):
        manager.save({"bad": object()}, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["step-000000001.npz"]


def test_numpy_checkpoints_work_without_torch(tmp_path):
    script = f"""
import sys
sys.modules["torch"] = None  # any `import torch` now fails
import numpy as np
from ldl.tracking import CheckpointManager, rng_state, seed_everything, start_run
seed_everything(0, use_torch=False)
run = start_run("deep-dive", "numpy", {{"lr": 0.1}}, root={str(tmp_path)!r}, tensorboard=False)
run.checkpoints.save({{"w": np.ones(3), "rng": rng_state()}}, 1)
assert "torch" not in run.checkpoints.latest().state["rng"]
print(run.checkpoints.latest().step)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert list(Path(tmp_path).glob("deep-dive/numpy/*/checkpoints/step-000000001.npz"))
