"""benchmarks/alphazero_speed.py: the channels-last network against its contiguous peer."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "alphazero_speed.py"


def test_network_benchmark_compares_the_same_function_in_both_layouts():
    done = subprocess.run([sys.executable, str(SCRIPT), "network", "--repeats", "6", "--channels", "8",
                           "--blocks", "1"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.strip().splitlines()[-1])
    assert record["max_output_difference"] < 1e-4  # the peer computes the same network
    for key in ("inference_ms", "train_step_ms"):
        assert set(record[key]) == {"channels_last", "contiguous"} and min(record[key].values()) > 0
    assert record["inference_speedup"] == pytest.approx(
        record["inference_ms"]["contiguous"] / record["inference_ms"]["channels_last"])
