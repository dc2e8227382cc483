"""Datasets: a registry of named datasets with checksums, safe downloads, and loaders.

    from ldl.data import load
    fashion = load("fashion-mnist")      # ImageClassification, uint8 (60000, 28, 28) ...

Loaders (shapes and dtypes in `ldl.data.types`): `load_fashion_mnist`, `load_mnist`,
`load_cifar10`, `load_mnist_subset`, `load_digits`, `load_tiny_shakespeare`,
`load_shakespeare_works`, `load_hamlet`, `load_sentiment`, `load_movielens`, `load_ames`. With fast-mode
stand-ins when a dataset cannot be had here (`ldl.data.fallbacks`): `load_image_classification`,
`load_text_corpus`. Files are looked for in the cache (`LDL_DATA_DIR`), the installed packages that
ship them, the mirrors in `LDL_DATA_MIRROR`, system folders, and then downloaded unless
`LDL_OFFLINE=1`. See docs/data.md.
"""

from ldl.data.fallbacks import load_image_classification, load_text_corpus
from ldl.data.loaders import (
    load,
    load_ames,
    load_cifar10,
    load_digits,
    load_fashion_mnist,
    load_hamlet,
    load_mnist,
    load_mnist_subset,
    load_movielens,
    load_sentiment,
    load_shakespeare_works,
    load_tiny_shakespeare,
)
from ldl.data.registry import REGISTRY, get
from ldl.data.store import fetch, is_available
from ldl.data.types import ImageClassification, LabelledImages, Ratings, SentimentSentences

__all__ = [
    "REGISTRY",
    "ImageClassification",
    "LabelledImages",
    "Ratings",
    "SentimentSentences",
    "fetch",
    "get",
    "is_available",
    "load",
    "load_ames",
    "load_cifar10",
    "load_digits",
    "load_fashion_mnist",
    "load_hamlet",
    "load_image_classification",
    "load_mnist",
    "load_mnist_subset",
    "load_movielens",
    "load_sentiment",
    "load_shakespeare_works",
    "load_text_corpus",
    "load_tiny_shakespeare",
]
