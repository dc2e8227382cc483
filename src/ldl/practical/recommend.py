"""Using a trained collaborative-filtering model: recommendations, look-alikes, a map of the movies.

A fastai collab model gives every user u a vector p_u and bias b_u, every movie i a vector q_i
and bias c_i, and predicts the rating

    r_hat(u, i) = sigmoid_range(p_u . q_i + b_u + c_i, low, high)

so recommending is: score every movie for one user, drop the ones they rated, keep the best N.
Movies whose vectors point the same way (high cosine similarity) are liked by the same people.

fastai numbers users and movies 0..n-1 in its own order; `dls.classes["movie_id"][k]` is the
MovieLens id of fastai's movie k (index 0 is reserved for "unknown").
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def score_all_items(model, user_index: int, num_items: int) -> np.ndarray:
    """Predicted ratings of every item index 1..num_items-1 for one user: (num_items - 1,) float32."""
    import torch

    items = torch.arange(1, num_items)  # index 0 is fastai's "unknown" slot
    pairs = torch.stack([torch.full_like(items, user_index), items], dim=1)  # (n, 2): (user, item)
    model.eval()
    with torch.no_grad():
        return model(pairs).view(-1).numpy()  # (n,)


def top_n(scores: np.ndarray, item_ids: np.ndarray, seen: Iterable[int], n: int) -> list[int]:
    """The `n` ids with the highest scores, best first, skipping ids in `seen`; ties keep input order.

    scores: (M,) predicted ratings; item_ids: (M,) the id each score belongs to.
    """
    seen = set(seen)
    order = np.argsort(-scores, kind="stable")  # best first; equal scores keep their input order
    return [int(item_ids[k]) for k in order if int(item_ids[k]) not in seen][:n]


def recommend_for_user(learn, user_id: int, ratings, n: int = 10) -> list[int]:
    """MovieLens ids of the `n` movies the model rates highest for `user_id`, excluding those seen."""
    users, movies = learn.dls.classes["user_id"], learn.dls.classes["movie_id"]
    scores = score_all_items(learn.model, users.o2i[user_id], len(movies))
    seen = ratings.loc[ratings["user_id"] == user_id, "movie_id"]
    return top_n(scores, np.asarray(movies[1:], dtype=np.int64), seen, n)


def cosine_neighbours(vectors: np.ndarray, index: int, n: int) -> list[int]:
    """Rows of `vectors` (M, D) most similar to row `index` by cosine similarity, excluding itself."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)  # (M, D)
    similarity = unit @ unit[index]  # (M,)
    similarity[index] = -np.inf
    return [int(k) for k in np.argsort(-similarity, kind="stable")[:n]]


def similar_movies(learn, movie_id: int, n: int = 5) -> list[int]:
    """MovieLens ids of the `n` movies whose learned vectors are closest to `movie_id`'s."""
    movies = learn.dls.classes["movie_id"]
    vectors = learn.model.i_weight.weight.detach().numpy()  # (num_items, n_factors)
    neighbours = cosine_neighbours(vectors[1:], movies.o2i[movie_id] - 1, n)  # row 0 is "unknown"
    return [int(movies[k + 1]) for k in neighbours]


def projection_2d(vectors: np.ndarray) -> np.ndarray:
    """(M, D) -> (M, 2): the vectors' coordinates on their two principal directions (PCA by SVD)."""
    centred = vectors - vectors.mean(axis=0)  # (M, D)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)  # rows: principal directions
    return centred @ directions[:2].T  # (M, 2)


def movie_map_figure(learn, movie_ids: list[int], titles: dict[int, str]):
    """A scatter plot of `movie_ids`' vectors projected to 2-D, each point labelled with its title."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    movies = learn.dls.classes["movie_id"]
    vectors = learn.model.i_weight.weight.detach().numpy()[[movies.o2i[m] for m in movie_ids]]  # (M, D)
    points = projection_2d(vectors)  # (M, 2)
    fig, ax = plt.subplots(figsize=(12, 10))
    ax.scatter(points[:, 0], points[:, 1], s=8)
    for (x, y), movie_id in zip(points, movie_ids):
        ax.annotate(titles.get(movie_id, str(movie_id))[:30], (x, y), fontsize=7)
    ax.set_title("Movie vectors on their two principal directions")
    return fig
