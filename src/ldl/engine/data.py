"""Datasets and a DataLoader: feeding a model shuffled mini-batches, reproducibly.

A dataset is anything with `len(ds)` and `ds[indices]` returning a tuple of arrays for an array
of indices; `ArrayDataset` wraps aligned numpy arrays (images and labels). The `DataLoader`
shuffles the indices at the start of every epoch. The order of epoch e is a pure function of
(seed, e), independent of any global random state, so the same seed gives the same batches, and a
run resumed at epoch e (`start_epoch`) sees exactly the batches it would have seen.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


class ArrayDataset:
    """Aligned arrays indexed together: `ds[idx]` is `(a[idx], b[idx], ...)`."""

    def __init__(self, *arrays: np.ndarray):
        if not arrays or any(len(a) != len(arrays[0]) for a in arrays):
            raise ValueError("ArrayDataset needs one or more arrays of the same length")
        self.arrays = arrays

    def __len__(self) -> int:
        return len(self.arrays[0])

    def __getitem__(self, indices) -> tuple[np.ndarray, ...]:
        return tuple(a[indices] for a in self.arrays)


class DataLoader:
    """Iterate over a dataset in batches of `batch_size` (the last one smaller unless `drop_last`)."""

    def __init__(
        self,
        dataset,
        batch_size: int = 64,
        shuffle: bool = False,
        drop_last: bool = False,
        seed: int = 0,
        transform=None,
        start_epoch: int = 0,
    ):
        self.dataset, self.batch_size = dataset, batch_size
        self.shuffle, self.drop_last, self.transform = shuffle, drop_last, transform
        self.seed, self.epoch = seed, start_epoch  # `epoch` counts the passes started so far

    def __len__(self) -> int:
        full, rest = divmod(len(self.dataset), self.batch_size)
        return full if self.drop_last or rest == 0 else full + 1

    def __iter__(self) -> Iterator[tuple[np.ndarray, ...]]:
        count = len(self.dataset)
        rng = np.random.default_rng([self.seed, self.epoch])
        order = rng.permutation(count) if self.shuffle else np.arange(count)
        self.epoch += 1
        for batch in range(len(self)):
            indices = order[batch * self.batch_size : (batch + 1) * self.batch_size]
            if not self.shuffle:  # a slice is a view, much cheaper than fancy indexing
                indices = slice(indices[0], indices[-1] + 1)
            items = self.dataset[indices]
            yield self.transform(*items) if self.transform else items
