"""Datasets and a DataLoader: feeding a model shuffled mini-batches, reproducibly.

A dataset is anything with `len(ds)` and `ds[indices]` returning a tuple of arrays for an array
of indices; `ArrayDataset` wraps aligned numpy arrays (images and labels). The `DataLoader`
shuffles the indices at the start of every epoch. The order of epoch e is a pure function of
(seed, e), independent of any global random state, so the same seed gives the same batches, and a
run resumed at epoch e (`start_epoch`) sees exactly the batches it would have seen.

A `transform` is applied to every batch. A *random* one (data augmentation: `ShiftAndFlip`) has the
attribute `random = True` and is called with a generator seeded by (seed, epoch, batch), so its
choices are reproducible too, and do not depend on how many batches were skipped on resuming.
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
            if self.transform is None:
                yield items
            elif getattr(self.transform, "random", False):
                rng = np.random.default_rng([self.seed, self.epoch - 1, batch, 1])  # this batch's own
                yield self.transform(*items, rng=rng)
            else:
                yield self.transform(*items)


class ShiftAndFlip:
    """Data augmentation for (N, C, H, W) image batches: shift each image by up to `max_shift`
    pixels in each direction (padding with the image's background, `fill`) and mirror it left-right
    with probability `flip`. Labels pass through unchanged.

    Augmentation shows the model a slightly different version of every image in every epoch, so
    it cannot memorise pixel positions; it pays off over many epochs and costs a little in few.
    """

    random = True

    def __init__(self, max_shift: int = 2, flip: float = 0.5, fill: float = 0.0):
        self.max_shift, self.flip, self.fill = max_shift, flip, fill

    def __call__(self, images: np.ndarray, labels: np.ndarray, rng: np.random.Generator):
        n, _, height, width = images.shape
        s = self.max_shift
        padded = np.pad(images, ((0, 0), (0, 0), (s, s), (s, s)), constant_values=self.fill)
        dy, dx = rng.integers(0, 2 * s + 1, size=(2, n))  # (n,) offsets of each crop window
        rows = dy[:, None] + np.arange(height)  # (n, H)
        cols = dx[:, None] + np.arange(width)  # (n, W)
        flipped = rng.random(n) < self.flip  # (n,)
        cols = np.where(flipped[:, None], cols[:, ::-1], cols)
        batch = np.arange(n)[:, None, None, None]
        channel = np.arange(images.shape[1])[None, :, None, None]
        out = padded[batch, channel, rows[:, None, :, None], cols[:, None, None, :]]  # (n, C, H, W)
        return out.astype(images.dtype, copy=False), labels
