"""Stage 5's runs.yaml: every entry builds, documents its fields, and the tabular runs run."""

import dataclasses

import pytest

from ldl.tracking.configs import field_docs
from ldl.tracking.reference_runs import build_config, import_object, load_catalog


def deep_rl_runs():
    return [run for run in load_catalog().values() if run.stage == "deep-rl"]


def test_every_run_imports_and_has_fast_and_seed():
    runs = deep_rl_runs()
    assert len(runs) >= 9
    for run in runs:
        config = build_config(run, fast=True)
        assert config.fast and hasattr(config, "seed"), run.name
        assert callable(import_object(run.target))
        documented = field_docs(type(config))  # a subclass keeps its base class's docstrings
        missing = [f.name for f in dataclasses.fields(config) if not documented.get(f.name)]
        assert not missing, f"{run.name}: undocumented fields {missing}"


@pytest.mark.parametrize("name", ["deep-rl.value-iteration", "deep-rl.cliff-q-vs-sarsa"])
def test_tabular_runs_write_curves_gifs_and_reach_the_optimum(name, tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    run = load_catalog()[name]
    result = import_object(run.target)(build_config(run, fast=True), root=tmp_path)
    assert (result.run_dir / "plots" / "metrics.png").exists()
    assert list((result.run_dir / "plots").glob("*.gif"))
    if name == "deep-rl.value-iteration":
        assert result.metrics["optimum"] == pytest.approx(0.7442, abs=1e-3)
    else:
        assert result.metrics["q_learning_greedy_return"] == -13


@pytest.mark.parametrize(
    "name", ["deep-rl.dqn-cartpole", "deep-rl.reinforce-cartpole", "deep-rl.a2c-cartpole"]
)
def test_a_run_puts_back_the_callers_torch_thread_count(name, tmp_path, monkeypatch):
    """Trainers pick their own thread count (one, for small networks); a notebook that trains an
    agent and then does its own work keeps the count it had, also when the run is interrupted."""
    import torch

    from .helpers import interrupt_at

    monkeypatch.setenv("LDL_TENSORBOARD", "0")
    before = torch.get_num_threads()
    torch.set_num_threads(3)
    try:
        run = load_catalog()[name]
        config = build_config(run, fast=True)
        if hasattr(config, "record_video"):
            config = dataclasses.replace(config, record_video=False)
        import_object(run.target)(config, root=tmp_path / "whole")
        assert torch.get_num_threads() == 3
        stopped = import_object(run.target)(config, root=tmp_path / "part", progress=interrupt_at(2))
        assert stopped.interrupted and torch.get_num_threads() == 3
    finally:
        torch.set_num_threads(before)
