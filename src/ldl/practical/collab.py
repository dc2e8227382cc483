"""Reference run `practical.collab`: MovieLens recommendations, measured against a classic baseline.

Two fastai collaborative-filtering models learn from ~80,000 ratings and predict the ~20,000
held out: a dot product with biases (`EmbeddingDotBias`) and a neural variant (`EmbeddingNN`:
the user and movie vectors are concatenated and fed through an MLP). scikit-surprise's SVD, the
classic matrix factorisation of the Netflix-prize era, trains on exactly the same split in the
same run; the target is an RMSE equal to or better than SVD's.

Then the dot model recommends 10 movies for one user, finds look-alikes of a well-known movie by
embedding distance, and draws the most-rated movies on the 2-D map of their vectors.

    ldl run practical.collab            # full: about a minute on 2 cores
    ldl run practical.collab --fast     # CI: 20,000 ratings, one epoch, seconds
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ldl.practical.runs import RunResult, begin, quiet


@dataclass
class Config:
    """Hyperparameters of the MovieLens reference run."""

    fast: bool = False
    """CI mode: the first 20,000 ratings, one epoch per model, a short SVD."""
    seed: int = 0
    """Seeds the split, the weights and the batch order (fastai and surprise)."""
    valid_fraction: float = 0.2
    """Share of the ratings held out; every model is scored on the same ones."""
    n_factors: int = 50
    """Length of each user's and movie's learned vector (dot model)."""
    num_epochs: int = 5
    """Passes over the training ratings, for each fastai model."""
    batch_size: int = 1024
    """Ratings per step."""
    lr: float = 5e-3
    """Peak learning rate of the one-cycle schedule."""
    wd: float = 0.1
    """Weight decay: pulls the vectors towards 0, the main defence against overfitting here."""
    hidden_sizes: tuple[int, ...] = (100,)
    """Hidden layers of the neural variant's MLP."""
    top_n: int = 10
    """How many recommendations to list for the example user."""


def fit_collab(dls, config: Config, run, use_nn: bool):
    """Train one fastai collab model; return (learn, held-out RMSE)."""
    from fastai.collab import collab_learner

    from ldl.practical.callbacks import RunLogger

    learn = collab_learner(
        dls, n_factors=config.n_factors, use_nn=use_nn, layers=list(config.hidden_sizes), y_range=(0, 5.5)
    )
    num_epochs = 1 if config.fast else config.num_epochs
    prefix = "neural_" if use_nn else "dot_"
    with quiet(learn, bar=False):
        # Only the dot model's weights are checkpointed: both learners count steps from 0.
        logger = RunLogger(run, prefix=prefix, checkpoint=not use_nn)
        learn.fit_one_cycle(num_epochs, config.lr, wd=config.wd, cbs=logger)
        predictions, targets = learn.get_preds()  # (N,) or (N, 1) for the neural model; (N, 1)
    return learn, float(((predictions.view(-1) - targets.view(-1)) ** 2).mean().sqrt())


def fit_svd(train, valid, config: Config) -> float:
    """scikit-surprise's SVD (default settings) on the same training ratings; its held-out RMSE."""
    from surprise import SVD, Dataset, Reader

    data = Dataset.load_from_df(train[["user_id", "movie_id", "rating"]], Reader(rating_scale=(0.5, 5.0)))
    svd = SVD(n_epochs=5 if config.fast else 20, random_state=config.seed)
    svd.fit(data.build_full_trainset())
    predicted = np.array([svd.predict(u, i).est for u, i in zip(valid["user_id"], valid["movie_id"])])
    return float(np.sqrt(np.mean((predicted - valid["rating"].to_numpy()) ** 2)))


def explore(learn, ratings, movies, config: Config, run) -> dict[str, list[str]]:
    """Recommendations for the most active user, look-alikes of the most-rated movie, the movie map."""
    from ldl.practical.recommend import movie_map_figure, recommend_for_user, similar_movies

    titles = dict(zip(movies["movie_id"], movies["title"]))
    user_id = int(ratings["user_id"].value_counts().index[0])
    most_rated = [int(m) for m in ratings["movie_id"].value_counts().index[:50]]
    recommended = recommend_for_user(learn, user_id, ratings, config.top_n)
    similar = similar_movies(learn, most_rated[0], 5)
    run.save_figure(movie_map_figure(learn, most_rated, titles), "movie_map")
    return {
        f"recommended_for_user_{user_id}": [titles[m] for m in recommended],
        f"similar_to_{titles[most_rated[0]]}": [titles[m] for m in similar],
    }


def train(config: Config, root=None, progress=None) -> RunResult:
    """Fit SVD, the dot model and the neural model on one split; compare RMSEs; explore the vectors.

    `root`: where runs are written (default: the workspace's runs/). `progress` is accepted for
    the common signature; these models train in seconds, so only the metrics are logged.
    """
    import fastai.callback.all  # noqa: F401  (adds Learner.fit_one_cycle, lr_find, no_bar)

    from ldl.data import load
    from ldl.practical.loaders import collab_dataloaders, random_split

    started = time.perf_counter()
    run = begin("collab", config, root)
    data = load("movielens", variant="small")
    ratings = data.ratings.iloc[:20_000] if config.fast else data.ratings
    train_index, valid_index = random_split(len(ratings), config.valid_fraction, config.seed)
    metrics = {"svd_rmse": fit_svd(ratings.iloc[train_index], ratings.iloc[valid_index], config)}
    dls = collab_dataloaders(ratings, valid_index, config.batch_size, config.seed)
    dot_learn, metrics["dot_rmse"] = fit_collab(dls, config, run, use_nn=False)
    _, metrics["neural_rmse"] = fit_collab(dls, config, run, use_nn=True)
    metrics["best_rmse_over_svd"] = min(metrics["dot_rmse"], metrics["neural_rmse"]) / metrics["svd_rmse"]
    examples = explore(dot_learn, ratings, data.movies, config, run)
    metrics["seconds"] = time.perf_counter() - started
    run.plot_metrics()
    run.finish(**metrics, **examples)
    return RunResult(metrics=metrics, run_dir=run.dir)
