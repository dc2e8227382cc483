"""fastai DataLoaders built from in-memory arrays: images, characters and ratings.

fastai's course reads images from folders. Our datasets arrive as arrays (`ldl.data.load`), so
this module shows two ways to feed them to a `Learner`:

* `image_block_dataloaders`: the full fastai pipeline. A `DataBlock` reads items from a table (one
  row per image), so `show_batch`, `ClassificationInterpretation`, `export` and `predict` all work.
  Each item passes through Python transforms, which costs a few seconds per 60,000 images.
* `tensor_image_dataloaders`: the fast path for the reference run. Whole batches are sliced from
  one float tensor (no per-item Python), wrapped in fastai's `DataLoaders`. `fit_one_cycle`,
  `lr_find` and `get_preds` work; the item-level conveniences above do not.

The text and ratings helpers follow the same idea: arrays in, fastai `DataLoaders` out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def random_split(n: int, valid_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shuffle `range(n)` with `seed` and cut it into (train_index, valid_index), both sorted."""
    order = np.random.default_rng(seed).permutation(n)
    n_valid = int(round(n * valid_fraction))
    return np.sort(order[n_valid:]), np.sort(order[:n_valid])


# --- images ---------------------------------------------------------------------------------------


def image_table(
    images: np.ndarray, labels: np.ndarray, classes: Sequence[str], is_valid: bool | np.ndarray = False
):
    """One row per image: `image` (an (H, W) uint8 array), `label` (a class name) and `is_valid`."""
    import pandas as pd

    return pd.DataFrame(
        {
            "image": list(images),  # n views into the (n, H, W) array, no copy
            "label": [classes[int(i)] for i in labels],
            "is_valid": np.broadcast_to(is_valid, (len(images),)).astype(bool),
        }
    )


def image_row(image: np.ndarray):
    """One (H, W) uint8 image as a table row, the item type `array_image_block` reads."""
    import pandas as pd

    return pd.Series({"image": image})


def array_image_block(classes: Sequence[str], item_tfms=None, batch_tfms=None):
    """A fastai `DataBlock` for greyscale images stored in a table made by `image_table`.

    Blocks: `ImageBlock(PILImageBW)` turns an (H, W) uint8 array into an image, `CategoryBlock`
    maps class names to indices. `ColReader` reads the columns and `ColSplitter` uses `is_valid`.
    To predict one new image, pass it as a row: `learn.predict(image_row(array))`.
    """
    from fastai.vision.all import (
        CategoryBlock,
        ColReader,
        ColSplitter,
        DataBlock,
        ImageBlock,
        PILImageBW,
    )

    return DataBlock(
        blocks=(
            ImageBlock(cls=PILImageBW),
            CategoryBlock(vocab=list(classes), sort=False),
        ),  # keep our label order
        get_x=ColReader("image"),
        get_y=ColReader("label"),
        splitter=ColSplitter("is_valid"),
        item_tfms=item_tfms,
        batch_tfms=batch_tfms,
    )


def image_block_dataloaders(
    train_images: np.ndarray,
    train_labels: np.ndarray,
    valid_images: np.ndarray,
    valid_labels: np.ndarray,
    classes: Sequence[str],
    batch_size: int = 128,
    augment: bool = False,
):
    """Full-featured fastai DataLoaders (see `array_image_block`) for (n, H, W) uint8 images.

    With `augment`, training batches get small random flips, rotations and zooms
    (`aug_transforms`), applied to whole batches after they are stacked.
    """
    import pandas as pd
    from fastai.vision.all import aug_transforms

    table = pd.concat(
        [
            image_table(train_images, train_labels, classes, False),
            image_table(valid_images, valid_labels, classes, True),
        ],
        ignore_index=True,
    )
    batch_tfms = aug_transforms(do_flip=True, max_rotate=10, max_zoom=1.1, max_warp=0) if augment else None
    block = array_image_block(classes, batch_tfms=batch_tfms)
    return block.dataloaders(table, bs=batch_size, num_workers=0)


def normalise_images(images: np.ndarray, mean: float, std: float):
    """(n, H, W) uint8 -> (n, 1, H, W) float32 tensor with pixels scaled to [0, 1], then standardised."""
    import torch

    pixels = torch.from_numpy(np.ascontiguousarray(images)).float().div_(255)  # (n, H, W)
    return pixels.sub_(mean).div_(std).unsqueeze(1)  # (n, 1, H, W)


def tensor_dataloaders(train: tuple, valid: tuple, batch_size: int = 128, seed: int = 0):
    """fastai `DataLoaders` that slice whole batches out of in-memory tensors.

    `train` and `valid` are tuples of tensors with the same first dimension, e.g. (x, y). A
    `BatchSampler` yields a list of indices per batch and `TensorDataset[indices]` returns the whole
    batch at once, so there is no per-item Python work. Training batches are shuffled (by `seed`)
    and only full batches are kept; validation keeps every example, in order.
    """
    import torch
    from fastai.data.core import DataLoaders
    from torch.utils.data import BatchSampler, DataLoader, RandomSampler, SequentialSampler, TensorDataset

    train_set, valid_set = TensorDataset(*train), TensorDataset(*valid)
    generator = torch.Generator().manual_seed(seed)
    train_batches = BatchSampler(RandomSampler(train_set, generator=generator), batch_size, drop_last=True)
    valid_batches = BatchSampler(SequentialSampler(valid_set), batch_size * 2, drop_last=False)
    # batch_size=None: the samplers already yield whole batches of indices.
    return DataLoaders(
        DataLoader(train_set, sampler=train_batches, batch_size=None),
        DataLoader(valid_set, sampler=valid_batches, batch_size=None),
    )


def tensor_image_dataloaders(
    train_images: np.ndarray,
    train_labels: np.ndarray,
    valid_images: np.ndarray,
    valid_labels: np.ndarray,
    batch_size: int = 128,
    seed: int = 0,
):
    """Fast DataLoaders (see `tensor_dataloaders`) of standardised (B, 1, H, W) images and labels.

    Pixels are standardised with the training images' mean and standard deviation.
    """
    import torch

    mean, std = float(train_images.mean()) / 255, float(train_images.std()) / 255
    train = (normalise_images(train_images, mean, std), torch.as_tensor(train_labels, dtype=torch.long))
    valid = (normalise_images(valid_images, mean, std), torch.as_tensor(valid_labels, dtype=torch.long))
    return tensor_dataloaders(train, valid, batch_size, seed)


# --- characters -----------------------------------------------------------------------------------


def char_vocab(text: str) -> list[str]:
    """The sorted distinct characters of `text`: index i in the vocabulary encodes character vocab[i]."""
    return sorted(set(text))


def encode_chars(text: str, vocab: Sequence[str]) -> np.ndarray:
    """Characters -> int64 indices into `vocab`; raises KeyError on a character not in it."""
    index = {ch: i for i, ch in enumerate(vocab)}
    return np.fromiter((index[ch] for ch in text), dtype=np.int64, count=len(text))


def char_lm_dataloaders(
    text: str, vocab: Sequence[str], seq_len: int, batch_size: int, valid_fraction: float
):
    """fastai `LMDataLoader`s over one long character stream: the last `valid_fraction` validates.

    `LMDataLoader` cuts the stream into `batch_size` parallel strands and serves consecutive
    windows of `seq_len` characters, so an RNN's hidden state carries over between batches.
    Each batch is x (B, seq_len) and y = x shifted left by one (B, seq_len).
    """
    import torch
    from fastai.data.core import DataLoaders
    from fastai.text.data import LMDataLoader

    ids = torch.from_numpy(encode_chars(text, vocab))  # (N,)
    cut = int(len(ids) * (1 - valid_fraction))
    train = LMDataLoader([ids[:cut]], bs=batch_size, seq_len=seq_len, shuffle=True)
    valid = LMDataLoader([ids[cut:]], bs=batch_size, seq_len=seq_len, shuffle=False)
    return DataLoaders(train, valid)


# --- ratings --------------------------------------------------------------------------------------


def collab_dataloaders(ratings, valid_index: np.ndarray, batch_size: int = 1024, seed: int = 0):
    """fastai collaborative-filtering DataLoaders from a ratings table with a given validation split.

    `ratings` has columns user_id, movie_id, rating. `CollabDataLoaders.from_df` would draw its
    own random split; we pass ours (`valid_index`, row positions) so that a baseline trained
    elsewhere (scikit-surprise) sees exactly the same held-out ratings.
    """
    from fastai.collab import TabularCollab
    from fastai.data.block import TransformBlock
    from fastai.tabular.core import Categorify
    from fastai.torch_core import set_seed

    set_seed(seed)
    is_valid = np.zeros(len(ratings), dtype=bool)
    is_valid[valid_index] = True
    splits = (list(np.flatnonzero(~is_valid)), list(np.flatnonzero(is_valid)))
    table = ratings[["user_id", "movie_id", "rating"]].reset_index(drop=True)
    tabular = TabularCollab(
        table,
        [Categorify],
        ["user_id", "movie_id"],
        y_names=["rating"],
        y_block=TransformBlock(),
        splits=splits,
    )
    return tabular.dataloaders(bs=batch_size, num_workers=0)
