"""Reference run `deep-dive.char-lstm`: a character-level LSTM on Tiny Shakespeare with ldl.engine.

    ids (B, T) -> embedding (B, T, E) -> LSTM (B, T, H) -> linear (B, T, V): next-character scores

Reports the validation loss per character (nats and bits) and a generated sample.

    from ldl.engine.recipes import char_lstm
    result = char_lstm.train(char_lstm.Config(fast=True))
    print(result.sample)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ldl.engine import manual_seed, nn, optim
from ldl.engine.recipes.common import Result, finish, fit, stopped
from ldl.engine.recipes.text import WindowLoader, bits, sample, sequence_loss, shakespeare


@dataclass
class Config:
    """Hyperparameters of the character LSTM."""

    seed: int = 0
    """Seeds the initial weights, the training windows and the sample."""
    embed_size: int = 32
    """Size of each character's learned vector."""
    hidden_size: int = 256
    """LSTM state size."""
    num_layers: int = 1
    """Stacked LSTM layers."""
    batch_size: int = 32
    """Windows per optimizer step."""
    length: int = 64
    """Characters per window (how far back the gradient reaches: truncated backpropagation)."""
    lr: float = 4e-3
    """Peak learning rate of the one-cycle schedule (AdamW)."""
    num_epochs: int = 6
    """Rounds of `steps_per_epoch` steps, each followed by a validation pass."""
    steps_per_epoch: int = 250
    """Optimizer steps per round."""
    valid_batches: int = 20
    """Fixed validation windows (valid_batches * batch_size of them)."""
    sample_length: int = 400
    """Characters to generate at the end."""
    num_threads: int | None = 1
    """BLAS threads for numpy (None: all cores; one is fastest on a busy machine)."""
    fast: bool = False
    """A quick check: a 200,000-character text, 1 round of 30 steps (enough to beat character
    frequencies alone, the fast test's bar), a short sample."""


class CharLSTM(nn.Module):
    def __init__(self, vocab_size: int, config: Config):
        self.embedding = nn.Embedding(vocab_size, config.embed_size)
        self.lstm = nn.LSTM(config.embed_size, config.hidden_size, config.num_layers)
        self.head = nn.Linear(config.hidden_size, vocab_size)

    def forward(self, ids, state=None, return_state: bool = False):
        outputs, state = self.lstm(self.embedding(ids), state)  # (B, T, H)
        logits = self.head(outputs)  # (B, T, V)
        return (logits, state) if return_state else logits

    def next_logits(self, ids: np.ndarray, state):
        """Feed the whole prompt once, then only the newest character, carrying the state."""
        logits, state = self(ids if state is None else ids[:, -1:], state, return_state=True)
        return logits.data[0, -1], state


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Train, log to runs/deep-dive/char-lstm/<run-id>/, return validation nats/bits and a sample."""
    manual_seed(config.seed)
    text = shakespeare(config.fast)
    full = (config.steps_per_epoch, config.num_epochs, config.valid_batches)
    steps, epochs, valid_batches = (30, 1, 2) if config.fast else full
    train_loader = WindowLoader(text.train, config.batch_size, config.length, steps, config.seed)
    valid_loader = WindowLoader(text.valid, config.batch_size, config.length, valid_batches, fixed=True)
    model = CharLSTM(text.vocab_size, config)
    optimizer = optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.0)
    loaders = (train_loader, valid_loader)
    run, learner = fit(
        config,
        "char-lstm",
        model,
        sequence_loss,
        optimizer,
        *loaders,
        epochs,
        root=root,
        resume=resume,
        progress=progress,
    )
    if learner.interrupted:
        return stopped(run, learner)
    nats = learner.history[-1]["valid_loss"]
    text_out = sample(model, text, "ROMEO:\n", 40 if config.fast else config.sample_length, seed=config.seed)
    return finish(run, learner, sample=text_out, valid_bits_per_char=bits(nats))
