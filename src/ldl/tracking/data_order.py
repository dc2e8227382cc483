"""Shuffled mini-batches whose order can be resumed in the middle of an epoch.

Shuffling with a generator that runs on across epochs makes a crash awkward: to continue, you must
have saved the generator's state at the start of the epoch. Here the order of epoch `e` is instead
a pure function of `(seed, e)`, so the whole data-order state is two integers, the epoch and the
index of the next batch:

    order = BatchOrder(num_examples=60_000, batch_size=128, seed=0)
    for epoch in range(start_epoch, num_epochs):
        for batch_index, indices in order.batches(epoch, start=start_batch if epoch == start_epoch else 0):
            x, y = train_x[indices], train_y[indices]      # (batch_size, ...) each

It works for NumPy arrays and torch tensors alike (index a tensor with `torch.from_numpy(indices)`),
and a torch DataLoader accepts `order.epoch(e)` as its `batch_sampler`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BatchOrder:
    """Reproducible shuffled batches: epoch `e`'s order depends only on (seed, e)."""

    num_examples: int
    batch_size: int
    seed: int
    shuffle: bool = True
    drop_last: bool = False

    def __len__(self) -> int:
        """Batches per epoch."""
        full, rest = divmod(self.num_examples, self.batch_size)
        return full + (1 if rest and not self.drop_last else 0)

    def permutation(self, epoch: int) -> np.ndarray:
        """The order of the examples in `epoch`, shape (num_examples,), dtype int64."""
        if not self.shuffle:
            return np.arange(self.num_examples, dtype=np.int64)
        generator = np.random.default_rng([self.seed, epoch])  # independent of every global RNG
        return generator.permutation(self.num_examples).astype(np.int64)

    def epoch(self, epoch: int, start: int = 0) -> list[np.ndarray]:
        """The batches of `epoch` from batch index `start` on: a list of index arrays (batch_size,)."""
        order = self.permutation(epoch)
        return [order[i * self.batch_size : (i + 1) * self.batch_size] for i in range(start, len(self))]

    def batches(self, epoch: int, start: int = 0) -> Iterator[tuple[int, np.ndarray]]:
        """(batch_index, indices) for the batches of `epoch`, starting at batch index `start`."""
        for offset, indices in enumerate(self.epoch(epoch, start)):
            yield start + offset, indices
