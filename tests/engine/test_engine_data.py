"""DataLoader: every example exactly once per epoch, seeded shuffles, batch sizes."""

from __future__ import annotations

import numpy as np
import pytest

from ldl.engine.data import ArrayDataset, DataLoader


def _dataset(n=10):
    return ArrayDataset(np.arange(n) * 10, np.arange(n))


def test_each_epoch_covers_every_example_once_in_a_new_order():
    loader = DataLoader(_dataset(), batch_size=3, shuffle=True, seed=1)
    epochs = [np.concatenate([y for _, y in loader]) for _ in range(2)]
    for order in epochs:
        assert sorted(order.tolist()) == list(range(10))
    assert epochs[0].tolist() != epochs[1].tolist()


def test_same_seed_same_batches_and_inputs_stay_aligned():
    first = [x.tolist() for x, _ in DataLoader(_dataset(), 4, shuffle=True, seed=5)]
    second = [x.tolist() for x, _ in DataLoader(_dataset(), 4, shuffle=True, seed=5)]
    assert first == second
    for x, y in DataLoader(_dataset(), 4, shuffle=True, seed=5):
        assert (x == y * 10).all()


@pytest.mark.parametrize(("drop_last", "sizes"), [(False, [4, 4, 2]), (True, [4, 4])])
def test_batch_sizes(drop_last, sizes):
    loader = DataLoader(_dataset(), batch_size=4, drop_last=drop_last)
    assert [len(x) for x, _ in loader] == sizes and len(loader) == len(sizes)


def test_unshuffled_order_is_the_dataset_order():
    assert np.concatenate([y for _, y in DataLoader(_dataset(), 3)]).tolist() == list(range(10))


def test_epoch_order_depends_only_on_seed_and_epoch():
    loader = DataLoader(_dataset(), 3, shuffle=True, seed=2)
    list(loader)
    second_epoch = [y.tolist() for _, y in loader]
    resumed = DataLoader(_dataset(), 3, shuffle=True, seed=2, start_epoch=1)
    assert [y.tolist() for _, y in resumed] == second_epoch


def test_mismatched_arrays_are_refused():
    with pytest.raises(ValueError):
        ArrayDataset(np.arange(3), np.arange(4))


def test_shift_and_flip_moves_pixels_keeps_labels_and_is_reproducible():
    from ldl.engine.data import ShiftAndFlip

    images = np.arange(2 * 1 * 4 * 4, dtype=np.float32).reshape(2, 1, 4, 4)
    labels = np.array([3, 7])
    mirrored, same = ShiftAndFlip(max_shift=0, flip=1.0)(images, labels, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(mirrored, images[..., ::-1])
    assert same is labels
    shifted, _ = ShiftAndFlip(max_shift=1, flip=0.0, fill=-1.0)(images, labels, rng=np.random.default_rng(3))
    assert shifted.shape == images.shape and shifted.dtype == images.dtype
    for moved, original in zip(shifted[:, 0], images[:, 0], strict=True):  # a shift of at most one pixel
        inside = moved[moved != -1.0]
        assert set(inside.tolist()) <= set(original.ravel().tolist()) and len(inside) >= 9


def test_a_random_transform_gets_the_same_draws_after_a_resume():
    """The augmentation of epoch 1 is a function of (seed, epoch, batch): a loader started at epoch 1
    (a resumed run) augments exactly as the uninterrupted loader's second pass did."""
    from ldl.engine.data import ShiftAndFlip

    images = np.random.default_rng(0).normal(size=(10, 1, 6, 6)).astype(np.float32)
    dataset = ArrayDataset(images, np.arange(10))
    straight = DataLoader(dataset, 4, shuffle=True, seed=5, transform=ShiftAndFlip())
    list(straight)
    second = [x for x, _ in straight]
    resumed = DataLoader(dataset, 4, shuffle=True, seed=5, transform=ShiftAndFlip(), start_epoch=1)
    for a, b in zip(second, (x for x, _ in resumed), strict=True):
        np.testing.assert_array_equal(a, b)
    first_again = [x for x, _ in DataLoader(dataset, 4, shuffle=True, seed=5, transform=ShiftAndFlip())]
    assert not all(np.array_equal(a, b) for a, b in zip(first_again, second, strict=True))
