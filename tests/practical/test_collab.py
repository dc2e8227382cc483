"""The MovieLens reference run, fast mode, and its use of the trained vectors."""

from __future__ import annotations

import json
import math

import pytest

from ldl.practical import collab

MARGIN = 0.03  # RMSE below predicting the mean rating for everyone; the fast models clear ~0.08


def learned(rmse: float, mean_rmse: float) -> bool:
    """The fast check: a model learned something if it beats the mean-rating predictor clearly."""
    return math.isfinite(rmse) and rmse < mean_rmse - MARGIN


def test_fast_run_compares_with_svd_and_explores_the_vectors(tmp_path):
    result = collab.train(collab.Config(fast=True), root=tmp_path)
    metrics = result.metrics
    for name in ("svd_rmse", "dot_rmse", "neural_rmse"):
        assert learned(metrics[name], metrics["mean_rmse"]), (name, metrics[name], metrics["mean_rmse"])
    assert metrics["best_rmse_over_svd"] == pytest.approx(
        min(metrics["dot_rmse"], metrics["neural_rmse"]) / metrics["svd_rmse"]
    )
    summary = json.loads((result.run_dir / "summary.json").read_text())
    recommended = next(v for k, v in summary.items() if k.startswith("recommended_for_user_"))
    similar = next(v for k, v in summary.items() if k.startswith("similar_to_"))
    assert len(recommended) == collab.Config.top_n and len(set(recommended)) == len(recommended)
    assert len(similar) == 5
    assert (result.run_dir / "plots" / "movie_map.png").stat().st_size > 10_000


def test_recommendations_skip_movies_the_user_rated(tmp_path):
    import numpy as np

    from ldl.data import load
    from ldl.practical.loaders import collab_dataloaders, random_split
    from ldl.practical.recommend import recommend_for_user
    from ldl.tracking import start_run

    ratings = load("movielens", variant="small").ratings.iloc[:5000]
    config = collab.Config(fast=True)
    _, valid_index = random_split(len(ratings), 0.2, seed=0)
    dls = collab_dataloaders(ratings, valid_index, batch_size=256)
    run = start_run("practical", "collab-test", config, root=tmp_path)
    learn, _ = collab.fit_collab(dls, config, run, use_nn=False)
    user = int(ratings["user_id"].iloc[0])
    seen = set(ratings.loc[ratings["user_id"] == user, "movie_id"])
    picks = recommend_for_user(learn, user, ratings, n=20)
    assert len(picks) == 20 and not seen & set(picks)
    assert set(picks) <= set(np.asarray(ratings["movie_id"]))


def test_the_fast_check_rejects_a_model_that_learned_nothing():
    """An untrained dot model (and the mean predictor itself) on the fast split fail `learned`."""
    import fastai.callback.all  # noqa: F401
    import torch
    from fastai.collab import collab_learner

    from ldl.data import load
    from ldl.practical.loaders import collab_dataloaders, random_split

    ratings = collab.fast_ratings(load("movielens", variant="small").ratings)
    train_index, valid_index = random_split(len(ratings), 0.2, seed=0)
    mean = collab.mean_rmse(ratings.iloc[train_index], ratings.iloc[valid_index])
    torch.manual_seed(0)
    learn = collab_learner(collab_dataloaders(ratings, valid_index, 1024), n_factors=50, y_range=(0, 5.5))
    with learn.no_bar(), learn.no_logging():
        predictions, targets = learn.get_preds()
    untrained = float(((predictions.view(-1) - targets.view(-1)) ** 2).mean().sqrt())
    assert not learned(untrained, mean) and not learned(mean, mean)


@pytest.mark.slow
def test_full_run_matches_or_beats_svd(tmp_path):
    metrics = collab.train(collab.Config(), root=tmp_path).metrics
    assert metrics["dot_rmse"] <= metrics["svd_rmse"]
