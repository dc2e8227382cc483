"""DataLoaders for a folder of images split into train/ and valid/. See statement.md."""

from fastai.vision.all import (  # noqa: F401  (everything you need is here)
    CategoryBlock,
    DataBlock,
    GrandparentSplitter,
    ImageBlock,
    Resize,
    get_image_files,
    parent_label,
)


def shop_dataloaders(path, size: int, batch_size: int):
    """fastai DataLoaders for <path>/{train,valid}/<label>/<image>: labels from the parent folder,
    the split from the grandparent folder, images resized to size x size."""
    raise NotImplementedError
