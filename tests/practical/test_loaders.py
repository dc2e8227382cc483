"""DataLoaders from arrays: splits, the DataBlock path, the fast tensor path, characters, ratings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from ldl.practical import loaders

CLASSES = ["zero", "one", "two"]


def tiny_images(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8), rng.integers(0, 3, size=n).astype(np.int64)


def test_random_split_is_a_seeded_partition():
    train, valid = loaders.random_split(100, 0.2, seed=3)
    assert len(valid) == 20 and len(train) == 80
    assert sorted(np.concatenate([train, valid]).tolist()) == list(range(100))
    again = loaders.random_split(100, 0.2, seed=3)
    assert np.array_equal(valid, again[1])
    assert not np.array_equal(valid, loaders.random_split(100, 0.2, seed=4)[1])


def test_datablock_path_reads_arrays_and_predicts_one_image():
    import fastai.callback.all  # noqa: F401
    from fastai.layers import Flatten
    from fastai.learner import Learner
    from torch import nn

    x, y = tiny_images(40)
    dls = loaders.image_block_dataloaders(x[:30], y[:30], x[30:], y[30:], CLASSES, batch_size=8)
    assert list(dls.vocab) == CLASSES
    assert len(dls.valid_ds) == 10
    images, labels = dls.one_batch()
    assert images.shape == (8, 1, 28, 28)
    assert 0.0 <= float(images.min()) and float(images.max()) <= 1.0  # IntToFloatTensor scaled them
    first_image, first_label = dls.train_ds[0]
    assert first_image.shape == (28, 28)
    learn = Learner(dls, nn.Sequential(Flatten(), nn.Linear(784, 3)))
    label, index, probabilities = learn.predict(loaders.image_row(x[0]))
    assert label in CLASSES and probabilities.shape == (3,)
    assert abs(float(probabilities.sum()) - 1) < 1e-5


def test_tensor_path_standardises_and_serves_full_batches():
    x, y = tiny_images(100)
    dls = loaders.tensor_image_dataloaders(x[:70], y[:70], x[70:], y[70:], batch_size=16)
    batches = list(dls.train)
    assert len(batches) == 70 // 16  # the incomplete last batch is dropped
    images, labels = batches[0]
    assert images.shape == (16, 1, 28, 28) and images.dtype == torch.float32
    assert labels.dtype == torch.long
    everything = torch.cat([b[0] for b in dls.train])
    assert abs(float(everything.mean())) < 0.05 and abs(float(everything.std()) - 1) < 0.05
    assert sum(len(b[1]) for b in dls.valid) == 30  # validation keeps every example


def test_characters_round_trip_and_targets_are_shifted_inputs():
    text = "to be or not to be, that is the question. " * 40
    vocab = loaders.char_vocab(text)
    ids = loaders.encode_chars(text, vocab)
    assert "".join(vocab[i] for i in ids) == text
    dls = loaders.char_lm_dataloaders(text, vocab, seq_len=10, batch_size=4, valid_fraction=0.2)
    x, y = dls.train.one_batch()
    assert x.shape == y.shape == (4, 10)
    stream = torch.from_numpy(ids)
    for row_x, row_y in zip(x, y):  # every window is a slice of the text, y one character ahead
        start = next(s for s in range(len(ids)) if torch.equal(stream[s : s + 10], row_x))
        assert torch.equal(stream[start + 1 : start + 11], row_y)


def test_unknown_character_is_an_error():
    with pytest.raises(KeyError):
        loaders.encode_chars("abz", ["a", "b"])


def test_collab_dataloaders_use_the_given_validation_rows():
    rng = np.random.default_rng(0)
    ratings = pd.DataFrame(
        {
            "user_id": rng.integers(1, 20, size=300),
            "movie_id": rng.integers(100, 140, size=300),
            "rating": rng.integers(1, 11, size=300).astype(np.float32) / 2,
        }
    )
    valid_index = np.arange(0, 300, 5)
    dls = loaders.collab_dataloaders(ratings, valid_index, batch_size=32)
    assert len(dls.valid_ds) == 60 and len(dls.train_ds) == 240
    valid_ratings = torch.cat([y.view(-1) for _, y in dls.valid]).numpy()
    assert np.allclose(np.sort(valid_ratings), np.sort(ratings["rating"].to_numpy()[valid_index]))
    users, movies = dls.classes["user_id"], dls.classes["movie_id"]
    assert users[0] == "#na#" and set(users[1:]) <= set(ratings["user_id"])
    assert len(movies) <= 41
