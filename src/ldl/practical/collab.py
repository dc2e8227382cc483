"""Reference run `practical.collab`: MovieLens recommendations, measured against a classic baseline.

Two fastai collaborative-filtering models learn from ~80,000 ratings and predict the ~20,000
held out: a dot product with biases (`EmbeddingDotBias`) and a neural variant (`EmbeddingNN`:
the user and movie vectors are concatenated and fed through an MLP). scikit-surprise's SVD, the
classic matrix factorisation of the Netflix-prize era, trains on exactly the same split in the
same run; the target is an RMSE equal to or better than SVD's.

Then the dot model recommends 10 movies for one user, finds look-alikes of a well-known movie by
embedding distance, and draws the most-rated movies on the 2-D map of their vectors.

    ldl run practical.collab            # full: about a minute on 2 cores
    ldl run practical.collab --fast     # CI: 20,000 ratings, three short epochs, seconds
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ldl.practical.runs import RunResult, begin, quiet, stopped


@dataclass
class Config:
    """Hyperparameters of the MovieLens reference run."""

    fast: bool = False
    """CI mode: 20,000 ratings of the 400 most-rated movies (dense enough to learn from in
    seconds), three epochs per model at twice `lr`, a short SVD."""
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


def fast_ratings(ratings, num_movies: int = 400, num_ratings: int = 20_000):
    """The fast mode's ratings: the first `num_ratings` of the `num_movies` most-rated movies.

    The first 20,000 rows of the file would do for speed, but they spread over ~4,700 movies rated
    a handful of times each: too sparse for a few epochs to beat predicting the average rating,
    which is the least the fast check asks of a model (tests/practical/test_collab.py)."""
    top = ratings["movie_id"].value_counts().index[:num_movies]
    return ratings[ratings["movie_id"].isin(top)].iloc[:num_ratings]


def fit_collab(dls, config: Config, run, use_nn: bool, phases=None, progress=None):
    """Train one fastai collab model (or, in a resumed run, take it from the checkpoint if it was
    already trained); return (learn, held-out RMSE), or (learn, None) if Ctrl-C stopped it."""
    from fastai.collab import collab_learner

    from ldl.practical.callbacks import RunLogger
    from ldl.practical.resume import Phases

    phases = phases or Phases(run)
    learn = collab_learner(
        dls, n_factors=config.n_factors, use_nn=use_nn, layers=list(config.hidden_sizes), y_range=(0, 5.5)
    )
    num_epochs, lr = (3, 2 * config.lr) if config.fast else (config.num_epochs, config.lr)
    prefix = "neural_" if use_nn else "dot_"
    saved = phases.result(prefix, learn.model)
    if saved is not None:
        return learn, saved["rmse"]
    with quiet(learn, bar=False):
        logger = RunLogger(run, prefix=prefix, checkpoint=False, progress=progress)
        if not phases.fit(learn, prefix, num_epochs, lr, logger, wd=config.wd):
            return learn, None
        predictions, targets = learn.get_preds()  # (N,) or (N, 1) for the neural model; (N, 1)
    rmse = float(((predictions.view(-1) - targets.view(-1)) ** 2).mean().sqrt())
    phases.done(prefix, {"rmse": rmse}, learn.model)
    return learn, rmse


def mean_rmse(train, valid) -> float:
    """The held-out RMSE of predicting the training ratings' mean for everyone: the score of a
    model that learned nothing about users or movies. Every model here should beat it clearly."""
    truth = valid["rating"].to_numpy(dtype=np.float64)
    return float(np.sqrt(np.mean((truth - train["rating"].mean()) ** 2)))


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


def train(config: Config, root=None, progress=None, resume=None) -> RunResult:
    """Fit SVD, the dot model and the neural model on one split; compare RMSEs; explore the vectors.

    `root`: where runs are written (default: the workspace's runs/); `progress`: called with an
    `ldl.tracking.Progress` after every step of each fastai model; `resume`:
    a run to continue (see `ldl.practical.resume`; SVD, a few seconds, is simply fitted again).
    """
    import fastai.callback.all  # noqa: F401  (adds Learner.fit_one_cycle, lr_find, no_bar)

    from ldl.data import load
    from ldl.practical.loaders import collab_dataloaders, random_split
    from ldl.practical.resume import Phases

    started = time.perf_counter()
    run = begin("collab", config, root, resume)
    data = load("movielens", variant="small")
    ratings = fast_ratings(data.ratings) if config.fast else data.ratings
    train_index, valid_index = random_split(len(ratings), config.valid_fraction, config.seed)
    metrics = {
        "mean_rmse": mean_rmse(ratings.iloc[train_index], ratings.iloc[valid_index]),
        "svd_rmse": fit_svd(ratings.iloc[train_index], ratings.iloc[valid_index], config),
    }
    dls = collab_dataloaders(ratings, valid_index, config.batch_size, config.seed)
    learners = {}
    with Phases(run) as phases:
        for use_nn, prefix in ((False, "dot_"), (True, "neural_")):
            learners[prefix], metrics[f"{prefix}rmse"] = fit_collab(
                dls, config, run, use_nn, phases, progress
            )
            if metrics[f"{prefix}rmse"] is None:
                return stopped(run, phases)
    metrics["best_rmse_over_svd"] = min(metrics["dot_rmse"], metrics["neural_rmse"]) / metrics["svd_rmse"]
    examples = explore(learners["dot_"], ratings, data.movies, config, run)
    metrics["seconds"] = time.perf_counter() - started
    run.plot_metrics()
    run.finish(**metrics, **examples)
    return RunResult(metrics=metrics, run_dir=run.dir)
