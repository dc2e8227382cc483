"""benchmarks/rl_vs_sb3.py: both peers run and are timed to the target; without SB3 it says so."""

import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import load_benchmark

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "rl_vs_sb3.py"


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    return load_benchmark("rl_vs_sb3")


@pytest.mark.parametrize("algorithm", ["dqn", "ppo"])
def test_both_peers_are_timed_to_an_easy_target(bench, algorithm, tmp_path):
    """With a target every policy reaches (a 20-episode mean of 5: every CartPole episode lasts well
    over 5 steps), both runs stop there and report the moment; with the real target and --quick's cap
    they report "not reached"."""
    bench.TARGET, bench.QUICK_STEPS = 5.0, 1_200
    ours, peer = bench.run_ldl(algorithm, 0, True, str(tmp_path)), bench.run_sb3(algorithm, 0, True)
    for row in (ours, peer):
        assert row["reached"] and 0 < row["wall"] < 600 and 0 < row["cpu"] < 600, row
        assert row["steps"] < bench.QUICK_STEPS  # stopped at the target, not at the cap
    bench.TARGET = 475.0
    for row in (bench.run_ldl(algorithm, 0, True, str(tmp_path)), bench.run_sb3(algorithm, 0, True)):
        assert not row["reached"] and row["wall"] is None and row["steps"] >= bench.QUICK_STEPS - 256
    assert bench.ratio(2.0, 4.0) == 0.5 and bench.ratio(None, 4.0) is None


def test_without_stable_baselines3_it_says_not_measured_and_exits_0():
    block = "import sys, runpy; sys.modules['stable_baselines3'] = None; "
    code = block + f"sys.argv = ['x', '--quick']; runpy.run_path({str(SCRIPT)!r}, run_name='__main__')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "NOT MEASURED" in done.stdout and "pip install -e .[bench]" in done.stdout


@pytest.mark.medium
def test_quick_mode_end_to_end():
    done = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--seeds", "0"],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "dqn seed 0: ldl" in done.stdout and "ppo seed 0: ldl" in done.stdout
    assert "reached ldl 0/1, SB3 0/1" in done.stdout  # 2,000 steps are far too few for 475
