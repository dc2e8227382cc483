"""A character-level LSTM language model that keeps its memory from one batch to the next.

fastai's `LMDataLoader` cuts the text into B parallel streams and serves consecutive windows of
each, so row b of batch k+1 continues row b of batch k. Carrying the LSTM's hidden state across
batches (detached, so gradients stop at the window's edge: truncated backpropagation through
time) lets the model use context longer than one window. fastai's `ModelResetter` callback calls
`reset()` before training and before validation, so streams never leak into each other.

    ids (B, T) -> Embedding (B, T, E) -> LSTM (B, T, H) -> dropout -> Linear (B, T, V) logits
"""

from __future__ import annotations

from torch import nn


class CharLSTM(nn.Module):
    """(B, T) character ids -> (B, T, vocab_size) logits for the character that follows each one."""

    def __init__(
        self, vocab_size: int, embedding_size: int, hidden_size: int, num_layers: int, dropout: float
    ):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_size)
        self.lstm = nn.LSTM(embedding_size, hidden_size, num_layers, batch_first=True, dropout=dropout)
        self.dropout = nn.Dropout(dropout)
        self.decoder = nn.Linear(hidden_size, vocab_size)
        self.hidden = None  # (h, c), each (num_layers, B, H), carried between calls

    def reset(self) -> None:
        """Forget the carried state (fastai's ModelResetter calls this)."""
        self.hidden = None

    def forward(self, ids):
        if self.hidden is not None and self.hidden[0].shape[1] != ids.shape[0]:
            self.hidden = None  # a different number of streams: nothing to carry over
        out, hidden = self.lstm(self.embedding(ids), self.hidden)  # (B, T, H)
        self.hidden = tuple(h.detach() for h in hidden)  # keep the values, cut the gradient
        return self.decoder(self.dropout(out))  # (B, T, V)
