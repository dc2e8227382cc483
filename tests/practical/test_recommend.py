"""Recommendation helpers: ranking, nearest neighbours by cosine similarity, the 2-D projection."""

from __future__ import annotations

import numpy as np

from ldl.practical.recommend import cosine_neighbours, projection_2d, top_n


def test_top_n_ranks_by_score_and_skips_what_was_seen():
    scores = np.array([3.0, 4.5, 1.0, 4.9, 4.5])
    ids = np.array([10, 11, 12, 13, 14])
    assert top_n(scores, ids, seen=[13], n=3) == [11, 14, 10]
    assert top_n(scores, ids, seen=[], n=10) == [13, 11, 14, 10, 12]


def test_cosine_neighbours_ignore_length_and_exclude_the_query():
    vectors = np.array([[1.0, 0.0], [10.0, 1.0], [0.0, 1.0], [-1.0, 0.0]])
    assert cosine_neighbours(vectors, 0, 3) == [1, 2, 3]


def test_projection_matches_pca_up_to_sign():
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 5)) * np.array([5.0, 3.0, 1.0, 0.5, 0.1])
    ours = projection_2d(vectors)
    theirs = PCA(n_components=2).fit_transform(vectors)
    assert ours.shape == (30, 2)
    for axis in range(2):
        assert np.allclose(np.abs(ours[:, axis]), np.abs(theirs[:, axis]), atol=1e-8)
