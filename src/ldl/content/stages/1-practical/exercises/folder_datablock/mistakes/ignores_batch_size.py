"""Your batches have fastai's default size (64), not `batch_size`: `dataloaders(path)` only uses
the caller's choice if you pass it on, `block.dataloaders(path, bs=batch_size, num_workers=0)`."""

from fastai.vision.all import (
    CategoryBlock,
    DataBlock,
    GrandparentSplitter,
    ImageBlock,
    Resize,
    get_image_files,
    parent_label,
)


def shop_dataloaders(path, size, batch_size):
    block = DataBlock(
        blocks=(ImageBlock, CategoryBlock),
        get_items=get_image_files,
        get_y=parent_label,
        splitter=GrandparentSplitter(train_name="train", valid_name="valid"),
        item_tfms=Resize(size),
    )
    return block.dataloaders(path, num_workers=0)
