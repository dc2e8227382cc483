"""Character-level language modelling on Tiny Shakespeare: the data, the loss, and sampling.

A character model reads ids x (B, T) and predicts, at every position t, the next character
y[:, t] = x[:, t + 1]. Its loss is the mean cross-entropy per character in nats; divide by ln 2
for bits per character. A model that knew nothing would score ln(65) = 4.17 nats (65 symbols).
"""

from __future__ import annotations

import math

import numpy as np

from ldl.engine.losses import cross_entropy
from ldl.engine.tensor import Tensor, no_grad


class CharText:
    """A text as integer ids, one per character, split 90% train / 10% validation."""

    def __init__(self, text: str):
        self.chars = sorted(set(text))
        self.index = {c: i for i, c in enumerate(self.chars)}
        ids = self.encode(text)
        split = int(0.9 * len(ids))
        self.train, self.valid = ids[:split], ids[split:]

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> np.ndarray:
        return np.array([self.index[c] for c in text], dtype=np.int64)

    def decode(self, ids) -> str:
        return "".join(self.chars[i] for i in ids)


def shakespeare(fast: bool) -> CharText:
    """Tiny Shakespeare (1.1M characters; the first 200,000 when `fast`)."""
    from ldl import data

    text = data.load("tiny-shakespeare")
    return CharText(text[:200_000] if fast else text)


class WindowLoader:
    """`num_batches` batches of random windows: x (B, T) ids and y (B, T), x shifted by one.

    The windows of pass e depend only on (seed, e), like the DataLoader's shuffles. With
    `fixed=True` every pass yields the same windows: a stable validation set.
    """

    def __init__(self, ids, batch_size, length, num_batches, seed=0, fixed=False):
        self.ids, self.batch_size, self.length = ids, batch_size, length
        self.num_batches, self.seed, self.fixed, self.epoch = num_batches, seed, fixed, 0

    def __len__(self) -> int:
        return self.num_batches

    def __iter__(self):
        rng = np.random.default_rng([self.seed, 0 if self.fixed else self.epoch])
        self.epoch += 1
        offsets = np.arange(self.length + 1)
        for _ in range(self.num_batches):
            starts = rng.integers(0, len(self.ids) - self.length - 1, size=self.batch_size)
            windows = self.ids[starts[:, None] + offsets]  # (B, T+1)
            yield windows[:, :-1], windows[:, 1:]


def sequence_loss(logits: Tensor, targets) -> Tensor:
    """Mean next-character cross-entropy: logits (B, T, V), targets (B, T)."""
    vocab = logits.shape[-1]
    return cross_entropy(logits.reshape(-1, vocab), np.asarray(targets).reshape(-1))  # (B*T, V)


def bits(nats: float) -> float:
    return nats / math.log(2)


def sample(model, text: CharText, prompt: str, length: int, temperature: float = 0.8, seed: int = 0) -> str:
    """Continue `prompt` by `length` characters, drawing each from softmax(logits / temperature).

    The model provides `next_logits(ids (1, t), state) -> (logits (V,), state)`; the state lets a
    recurrent model read only the newest character each step.
    """
    rng = np.random.default_rng(seed)
    ids, state = list(text.encode(prompt)), None
    model.eval()
    with no_grad():
        for _ in range(length):
            logits, state = model.next_logits(np.array(ids)[None], state)
            scaled = logits.astype(np.float64) / temperature
            probs = np.exp(scaled - scaled.max())
            ids.append(int(rng.choice(len(probs), p=probs / probs.sum())))
    model.train()
    return text.decode(ids)
