"""Reference solution for folder_datablock."""

from fastai.vision.all import (
    CategoryBlock,
    DataBlock,
    GrandparentSplitter,
    ImageBlock,
    Resize,
    get_image_files,
    parent_label,
)


def shop_dataloaders(path, size: int, batch_size: int):
    """fastai DataLoaders for <path>/{train,valid}/<label>/<image>."""
    block = DataBlock(
        blocks=(ImageBlock, CategoryBlock),
        get_items=get_image_files,
        get_y=parent_label,
        splitter=GrandparentSplitter(train_name="train", valid_name="valid"),
        item_tfms=Resize(size),
    )
    return block.dataloaders(path, bs=batch_size, num_workers=0)
