"""What the loaders return: small frozen records of ready arrays, with shapes and dtypes spelled out.

Images are numpy uint8 (0..255, except `digits`: 0..16) in (N, H, W) for greyscale or (N, H, W, 3)
for colour; labels are numpy int64 (N,). Convert to tensors with `torch.from_numpy(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class ImageClassification:
    """A labelled image dataset with its official train/test split.

    train_images: uint8 (N_train, H, W) or (N_train, H, W, 3); train_labels: int64 (N_train,)
    test_images:  uint8 (N_test, H, W) or (N_test, H, W, 3);   test_labels:  int64 (N_test,)
    classes: the class names; label i means classes[i].
    source: the registry name of the dataset the arrays came from (empty: the one asked for);
        `ldl.data.fallbacks` sets it when fast mode trains on a stand-in.
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    classes: list[str]
    source: str = ""


@dataclass(frozen=True)
class LabelledImages:
    """A small labelled image set with no official split: images uint8 (N, H, W), labels int64 (N,)."""

    images: np.ndarray
    labels: np.ndarray
    classes: list[str]


@dataclass(frozen=True)
class SentimentSentences:
    """Sentences labelled 0 (negative) or 1 (positive).

    sentences: list[str] of length N; labels: int64 (N,); sources: list[str] of length N, the site
    each sentence came from ('imdb', 'yelp' or 'amazon').
    """

    sentences: list[str]
    labels: np.ndarray
    sources: list[str]


@dataclass(frozen=True)
class Ratings:
    """Explicit movie ratings, one row per (user, movie) pair.

    ratings: DataFrame with columns user_id (int64), movie_id (int64), rating (float32),
        timestamp (int64, seconds since 1970-01-01 UTC).
    movies: DataFrame with columns movie_id (int64), title (str), genres (str, '|'-separated).
    """

    ratings: pd.DataFrame
    movies: pd.DataFrame
