"""Your images are not resized to `size`: the DataBlock resizes to a fixed number (or not at all),
so the batches have the wrong height and width. Pass the caller's size on:
`item_tfms=Resize(size)`."""

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
        item_tfms=Resize(32),
    )
    return block.dataloaders(path, bs=batch_size, num_workers=0)
