"""Reference run `practical.tabular`: house prices in Ames, Iowa, four ways, and two ways to cheat.

The data is a table: 2,930 sales (2006-2010), 73 columns describing each house and sale, many of
them categories (Neighborhood, Exterior_1st, ...). The target is the log of the sale price, so
that the error is relative (an RMSE of 0.1 means "about 10% off") whatever the house costs:

    RMSE = sqrt(mean((log(predicted price) - log(price))^2))

On ONE split, by time (train on the earliest 70% of sales, validate on the next 15%, test on the
latest 15%, as the model would be used: on sales that have not happened yet), four models:

- the baseline: predict the training mean of log price for every house;
- a fastai `TabularLearner`: each categorical column becomes a learned embedding, concatenated
  with the normalised numbers and fed through an MLP (fastbook chapter 9);
- scikit-learn's `RandomForestRegressor` on integer category codes (fast.ai lesson 6);
- scikit-learn's `HistGradientBoostingRegressor`, which splits categoricals natively.

Then two leakage traps, measured with the boosting model: (a) the same model scored on a random
split of the same size instead of the time split, and (b) a leaky column, the price per square
foot, which is computed from the target and so is not known when a house is for sale. Permutation
importance on the validation set (scikit-learn) shows which columns the models lean on, and
exposes the leak: with it, the leaky column and living area (their product is the price) dwarf
everything else.

    ldl run practical.tabular            # full: ~1.5 CPU minutes (one thread)
    ldl run practical.tabular --fast     # CI: 400 sales, short fits, seconds
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ldl.practical.runs import RunResult, begin, quiet, stopped

TARGET = "Sale_Price"
LEAK = "Price_per_SqFt"  # Sale_Price / Gr_Liv_Area: computed from the target


@dataclass
class Config:
    """Hyperparameters of the Ames housing reference run."""

    fast: bool = False
    """CI mode: 400 sales drawn at random (then split by time as usual), short fits."""
    seed: int = 0
    """Seeds the fast-mode sample, the random split, the weights and the forests."""
    valid_fraction: float = 0.15
    """Share of the sales, just before the test period, used to validate and to rank features."""
    test_fraction: float = 0.15
    """Share of the sales, the latest ones, held out for the final scores."""
    num_epochs: int = 20
    """Passes over the training sales for the fastai model."""
    batch_size: int = 64
    """Sales per step (fastai model)."""
    lr: float = 1e-2
    """Peak learning rate of the one-cycle schedule (fastai model)."""
    wd: float = 0.1
    """Weight decay of the fastai model."""
    hidden_sizes: tuple[int, ...] = (200, 100)
    """Hidden layers of the fastai model's MLP, after the embeddings."""
    n_trees: int = 300
    """Trees in the random forest."""
    min_samples_leaf: int = 3
    """Fewest sales in a forest leaf: larger leaves average more and overfit less."""
    max_features: float = 0.5
    """Share of the columns each forest split may choose from (decorrelates the trees)."""
    boosting_iterations: int = 500
    """Trees added one after another by gradient boosting."""
    boosting_lr: float = 0.05
    """Shrinkage of each boosting tree's contribution."""
    importance_repeats: int = 5
    """Shuffles per column for permutation importance."""
    threads: int = 1
    """OpenMP/BLAS threads for the trees and torch's matrix maths. One is the safe choice on a
    shared machine: measured under heavy load, boosting's OpenMP threads waiting on each other
    made one fit take minutes instead of seconds."""


def prepare(table):
    """Add the log-price target and the sale date (fractional year) used to order sales."""
    table = table.copy()
    table["log_price"] = np.log(table[TARGET].to_numpy(dtype=np.float64))
    table["sale_date"] = table["Year_Sold"] + (table["Mo_Sold"] - 1) / 12
    return table


def time_split(table, valid_fraction: float, test_fraction: float):
    """Row positions (train, valid, test): oldest sales first, the latest `test_fraction` to test.
    A stable sort keeps the file's order among sales of the same month."""
    order = np.argsort(table["sale_date"].to_numpy(), kind="stable")
    n_test, n_valid = round(len(order) * test_fraction), round(len(order) * valid_fraction)
    n_train = len(order) - n_valid - n_test
    return order[:n_train], order[n_train : n_train + n_valid], order[n_train + n_valid :]


def random_split_like(n: int, sizes: tuple[int, int, int], seed: int):
    """A random split of n rows with the same three sizes as the time split."""
    order = np.random.default_rng(seed).permutation(n)
    return order[: sizes[0]], order[sizes[0] : sizes[0] + sizes[1]], order[sizes[0] + sizes[1] :]


def feature_columns(table, leak: bool = False) -> tuple[list[str], list[str]]:
    """(categorical, continuous) input columns: everything but the target, its log and the date
    (which is Year_Sold and Mo_Sold again), plus the leaky column when `leak`."""
    drop = {TARGET, "log_price", "sale_date", LEAK}
    categorical = [c for c in table.columns if c not in drop and str(table[c].dtype) == "category"]
    continuous = [c for c in table.columns if c not in drop and c not in categorical]
    return categorical, continuous + ([LEAK] if leak else [])


def rmse(predicted, truth) -> float:
    """Root mean squared error (of log prices here)."""
    return float(np.sqrt(np.mean((np.asarray(predicted, dtype=np.float64) - np.asarray(truth)) ** 2)))


def fit_trees(kind: str, table, splits, config: Config, leak: bool = False):
    """Fit a random forest ("forest") or gradient boosting ("boosting") on the training rows;
    return (model, inputs of every row, test RMSE). The forest sees categories as integer codes;
    boosting keeps pandas categories and splits on them natively."""
    from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor

    categorical, continuous = feature_columns(table, leak)
    inputs = table[categorical + continuous].copy()  # (N, F)
    if kind == "forest":
        inputs[categorical] = inputs[categorical].apply(lambda column: column.cat.codes)
        model = RandomForestRegressor(
            n_estimators=40 if config.fast else config.n_trees,
            min_samples_leaf=config.min_samples_leaf,
            max_features=config.max_features,
            random_state=config.seed,
        )
    else:
        model = HistGradientBoostingRegressor(
            max_iter=100 if config.fast else config.boosting_iterations,
            learning_rate=config.boosting_lr,
            categorical_features="from_dtype",
            random_state=config.seed,
        )
    train, _, test = splits
    model.fit(inputs.iloc[train], table["log_price"].iloc[train])
    return model, inputs, rmse(model.predict(inputs.iloc[test]), table["log_price"].iloc[test])


def fit_fastai(table, splits, config: Config, run, phases, progress=None):
    """A fastai TabularLearner (embeddings for the categoricals + MLP); returns (test RMSE,
    {column: [number of categories incl. #na#, embedding width]}), or (None, sizes) if stopped."""
    from fastai.tabular.all import Categorify, FillMissing, Normalize, TabularPandas, get_emb_sz
    from fastai.tabular.learner import tabular_learner

    from ldl.practical.callbacks import RunLogger

    categorical, continuous = feature_columns(table)
    train, valid, test = splits
    columns = categorical + continuous + ["log_price"]
    frame = table[columns].iloc[np.concatenate([train, valid])].reset_index(drop=True)
    tabular = TabularPandas(
        frame,
        procs=[Categorify, FillMissing, Normalize],
        cat_names=categorical,
        cont_names=continuous,
        y_names="log_price",
        splits=(list(range(len(train))), list(range(len(train), len(frame)))),
    )
    dls = tabular.dataloaders(bs=config.batch_size)
    low, high = frame["log_price"].min(), frame["log_price"].max()
    learn = tabular_learner(dls, layers=list(config.hidden_sizes), y_range=(low - 0.2, high + 0.2))
    sizes = {name: list(size) for name, size in zip(categorical, get_emb_sz(tabular))}
    saved = phases.result("fastai_", learn.model)
    if saved is not None:
        return saved["rmse"], sizes
    num_epochs = 8 if config.fast else config.num_epochs
    with quiet(learn, bar=False):
        logger = RunLogger(run, every=10, prefix="fastai_", checkpoint=False, progress=progress)
        if not phases.fit(learn, "fastai_", num_epochs, config.lr, logger, wd=config.wd):
            return None, sizes
        test_dl = dls.test_dl(table[columns].iloc[test])
        predictions, _ = learn.get_preds(dl=test_dl)  # (n_test, 1)
    score = rmse(predictions.numpy().reshape(-1), table["log_price"].iloc[test])
    phases.done("fastai_", {"rmse": score}, learn.model)
    return score, sizes


def importance(model, inputs, table, rows, config: Config):
    """Permutation importance on `rows` (the validation sales): how much the RMSE of log price
    grows when one column is shuffled. Returns {column: mean increase}, largest first."""
    from sklearn.inspection import permutation_importance

    found = permutation_importance(
        model,
        inputs.iloc[rows],
        table["log_price"].iloc[rows],
        scoring="neg_root_mean_squared_error",
        n_repeats=2 if config.fast else config.importance_repeats,
        random_state=config.seed,
    )
    ranked = sorted(zip(inputs.columns, found.importances_mean), key=lambda item: -item[1])
    return {name: float(value) for name, value in ranked}


def importance_figure(honest: dict[str, float], leaky: dict[str, float], top: int = 12):
    """Two bar charts side by side: the top columns without and with the leaky column."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(12, 5))
    for axis, ranking, title in ((axes[0], honest, "honest features"), (axes[1], leaky, "with the leak")):
        names = list(ranking)[:top][::-1]
        axis.barh(names, [ranking[name] for name in names], color="tab:blue")
        axis.set(title=f"Permutation importance, {title}", xlabel="increase in validation RMSE (log price)")
    figure.tight_layout()
    return figure


def results_figure(results: dict[str, float]):
    """Test RMSE of every model and variant, as horizontal bars."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(8, 4))
    names = list(results)[::-1]
    axis.barh(names, [results[name] for name in names], color="tab:green")
    axis.set(title="Test RMSE of log sale price (lower is better)", xlabel="RMSE")
    figure.tight_layout()
    return figure


def train(config: Config, root=None, resume=None, progress=None) -> RunResult:
    """Compare the baseline, fastai, a forest and boosting on the time split; measure both leaks.

    `root`: where runs are written (default: the workspace's runs/); `progress`: called with an
    `ldl.tracking.Progress` after every step of the fastai model; `resume`: a run to continue
    (see `ldl.practical.resume`; the forests, seconds each, are simply fitted again).
    """
    import fastai.callback.all  # noqa: F401  (adds Learner.fit_one_cycle, no_bar)
    from threadpoolctl import threadpool_limits

    started = time.perf_counter()
    with threadpool_limits(config.threads):
        return _compare(config, begin("tabular", config, root, resume), started, progress)


def _compare(config: Config, run, started: float, progress) -> RunResult:
    """The body of `train`, once the thread limit is set and the run is open."""
    import pandas as pd

    from ldl.data import load
    from ldl.practical.resume import Phases

    table = load("ames")
    if config.fast:
        table = table.sample(n=400, random_state=config.seed).reset_index(drop=True)
    table = prepare(table)
    table[LEAK] = table[TARGET] / table["Gr_Liv_Area"]
    splits = time_split(table, config.valid_fraction, config.test_fraction)
    train_rows, valid_rows, test_rows = splits
    log_price = table["log_price"]
    results = {
        "baseline (training mean)": rmse(
            np.full(len(test_rows), log_price.iloc[train_rows].mean()), log_price.iloc[test_rows]
        )
    }
    with Phases(run) as phases:
        results["fastai TabularLearner"], embedding_sizes = fit_fastai(
            table, splits, config, run, phases, progress
        )
        if results["fastai TabularLearner"] is None:
            return stopped(run, phases)
    _, _, results["random forest"] = fit_trees("forest", table, splits, config)
    boosting, inputs, results["gradient boosting"] = fit_trees("boosting", table, splits, config)
    shuffled = random_split_like(len(table), tuple(len(rows) for rows in splits), config.seed)
    _, _, results["boosting, random split (a)"] = fit_trees("boosting", table, shuffled, config)
    leaky, leaky_inputs, results["boosting + price per sq ft (b)"] = fit_trees(
        "boosting", table, splits, config, leak=True
    )
    honest_ranking = importance(boosting, inputs, table, valid_rows, config)
    leaky_ranking = importance(leaky, leaky_inputs, table, valid_rows, config)
    run.save_figure(importance_figure(honest_ranking, leaky_ranking), "importance")
    run.save_figure(results_figure(results), "results")
    pd.DataFrame({"model": list(results), "test_rmse": list(results.values())}).to_csv(
        run.dir / "results.csv", index=False
    )
    keys = ["baseline", "fastai", "forest", "boosting", "random_split_boosting", "leaky_boosting"]
    metrics = {f"{key}_rmse": value for key, value in zip(keys, results.values())}
    metrics.update(n_train=len(train_rows), n_valid=len(valid_rows), n_test=len(test_rows))
    metrics["seconds"] = time.perf_counter() - started
    run.plot_metrics()
    run.finish(
        **metrics,
        embedding_sizes=embedding_sizes,
        top_features=list(honest_ranking)[:10],
        top_features_with_leak=list(leaky_ranking)[:5],
    )
    return RunResult(metrics=metrics, run_dir=run.dir)
