"""Your split does not follow the folders. `RandomSplitter` mixes train/ and valid/ (and test/);
this dataset already says which images validate: split with
`GrandparentSplitter(train_name="train", valid_name="valid")`."""

from fastai.vision.all import (
    CategoryBlock,
    DataBlock,
    ImageBlock,
    RandomSplitter,
    Resize,
    get_image_files,
    parent_label,
)


def shop_dataloaders(path, size, batch_size):
    block = DataBlock(
        blocks=(ImageBlock, CategoryBlock),
        get_items=get_image_files,
        get_y=parent_label,
        splitter=RandomSplitter(seed=0),
        item_tfms=Resize(size),
    )
    return block.dataloaders(path, bs=batch_size, num_workers=0)
