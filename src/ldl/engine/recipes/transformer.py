"""Reference run `deep-dive.transformer`: a tiny GPT on Tiny Shakespeare with ldl.engine.

    ids (B, T) -> token embedding + position embedding (B, T, E)
               -> num_layers x TransformerBlock (causal self-attention, MLP)   (B, T, E)
               -> LayerNorm -> linear (B, T, V): next-character scores

Reports the validation loss per character (nats and bits) and a generated sample.

    from ldl.engine.recipes import transformer
    result = transformer.train(transformer.Config(fast=True))
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ldl.engine import manual_seed, nn, optim
from ldl.engine.recipes.common import Result, finish, fit, stopped
from ldl.engine.recipes.text import WindowLoader, bits, sample, sequence_loss, shakespeare


@dataclass
class Config:
    """Hyperparameters of the tiny character Transformer."""

    seed: int = 0
    """Seeds the initial weights, dropout, the training windows and the sample."""
    embed_dim: int = 64
    """Width of the residual stream."""
    num_heads: int = 4
    """Attention heads per block (each of size embed_dim / num_heads)."""
    num_layers: int = 2
    """Transformer blocks."""
    block_size: int = 64
    """Context length: characters per training window, and the most the model can look back."""
    dropout: float = 0.0
    """Dropout inside the blocks."""
    batch_size: int = 32
    """Windows per optimizer step."""
    lr: float = 3e-3
    """Peak learning rate of the one-cycle schedule (AdamW)."""
    weight_decay: float = 0.01
    """AdamW's decoupled weight decay."""
    num_epochs: int = 12
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
    """A quick check: a 200,000-character text, 1 round of 60 steps (enough to beat character
    frequencies alone, the fast test's bar), a short sample."""


class TinyGPT(nn.Module):
    def __init__(self, vocab_size: int, config: Config):
        self.block_size = config.block_size
        self.token_embedding = nn.Embedding(vocab_size, config.embed_dim)
        self.position_embedding = nn.Embedding(config.block_size, config.embed_dim)
        for table in (self.token_embedding, self.position_embedding):
            table.weight.data *= 0.02  # GPT-2's scale: small next to the residual stream
        blocks = [
            nn.TransformerBlock(config.embed_dim, config.num_heads, config.dropout)
            for _ in range(config.num_layers)
        ]
        self.blocks = nn.ModuleList(blocks)
        self.norm = nn.LayerNorm(config.embed_dim)
        self.head = nn.Linear(config.embed_dim, vocab_size)

    def forward(self, ids):
        length = ids.shape[1]
        x = self.token_embedding(ids) + self.position_embedding(np.arange(length))  # (B, T, E) + (T, E)
        for block in self.blocks:
            x = block(x, causal=True)  # (B, T, E)
        return self.head(self.norm(x))  # (B, T, V)

    def next_logits(self, ids: np.ndarray, state=None):
        """Scores for the character after `ids`, reading at most `block_size` of them."""
        return self(ids[:, -self.block_size :]).data[0, -1], None


def train(config: Config, root=None, resume=None, progress=None) -> Result:
    """Train, log to runs/deep-dive/transformer/<run-id>/, return validation nats/bits and a sample."""
    manual_seed(config.seed)
    text = shakespeare(config.fast)
    full = (config.steps_per_epoch, config.num_epochs, config.valid_batches)
    steps, epochs, valid_batches = (60, 1, 2) if config.fast else full
    train_loader = WindowLoader(text.train, config.batch_size, config.block_size, steps, config.seed)
    valid_loader = WindowLoader(text.valid, config.batch_size, config.block_size, valid_batches, fixed=True)
    model = TinyGPT(text.vocab_size, config)
    optimizer = optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    loaders = (train_loader, valid_loader)
    run, learner = fit(
        config,
        "transformer",
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
