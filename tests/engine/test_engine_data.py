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
