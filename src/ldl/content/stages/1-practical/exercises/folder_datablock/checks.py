"""Checks for folder_datablock: each probe writes a small folder tree in the sandbox's working
directory (train/ and valid/ class folders, plus a test/ folder and a non-image file to ignore),
builds the learner's DataLoaders on it and reports what they hold: the vocabulary, the labels of
each split, and the shape of one batch. Two trees: three classes at size 16 with batches of 4,
and two classes with uneven counts at size 24 with batches of 2."""

from pathlib import Path

import fastai.vision.all  # noqa: F401  (imported here, before the learner's code runs: it is slow)
import numpy as np
from PIL import Image

from ldl.grading.spec import Case

FASTAI_RANDOM = "fastai's DataLoaders shuffle with Python's and numpy's global random state themselves"


def cases():
    return [
        Case(
            "three classes, 4 train and 2 valid each",
            probe="probe_tree",
            args=("shop", ["boot", "sandal", "sneaker"], 4, 2, 16, 4),
            global_random=True,
            reason=FASTAI_RANDOM,
        ),
        Case(
            "two classes, uneven counts, size 24",
            probe="probe_tree",
            args=("pets", ["cat", "dog"], 5, 3, 24, 2),
            global_random=True,
            reason=FASTAI_RANDOM,
        ),
    ]


def write_tree(root: Path, classes, n_train, n_valid, seed):
    """root/{train,valid}/<class>/*.png (sizes vary), root/test/*.png and a README.txt."""
    rng = np.random.default_rng(seed)
    for split, count in (("train", n_train), ("valid", n_valid)):
        for k, label in enumerate(classes):
            folder = root / split / label
            folder.mkdir(parents=True)
            for i in range(count + (k if split == "train" else 0)):  # later classes get more
                pixels = rng.integers(0, 256, size=(20 + i, 30, 3), dtype=np.uint8)
                Image.fromarray(pixels).save(folder / f"{i:04d}.png")
    (root / "test").mkdir()
    Image.fromarray(np.zeros((10, 10, 3), dtype=np.uint8)).save(root / "test" / "0000.png")
    (root / "README.txt").write_text("not an image")


def probe_tree(module, name, classes, n_train, n_valid, size, batch_size):
    root = Path.cwd() / name
    write_tree(root, classes, n_train, n_valid, seed=len(name))
    dls = module.shop_dataloaders(root, size, batch_size)
    x, y = dls.one_batch()

    def labels(dataset):
        return sorted(str(dls.vocab[int(target)]) for _, target in dataset)

    return {
        "vocab": [str(v) for v in dls.vocab],
        "train labels": labels(dls.train_ds),
        "valid labels": labels(dls.valid_ds),
        "batch shape": list(x.shape),
        "target shape": list(y.shape),
    }
