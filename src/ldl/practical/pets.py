"""The Oxford-IIIT Pets path, for learners with internet: 37 breeds, transfer from ImageNet.

The dataset (Parkhi et al., 2012; https://www.robots.ox.ac.uk/~vgg/data/pets/) is a folder of
JPEGs whose names carry the label: `Abyssinian_12.jpg`, `great_pyrenees_3.jpg`. Cat breeds are
capitalised, dog breeds are not. fastai reads the label out of the name with a regular
expression, exactly as in lesson 1 of the fast.ai course.

    path = download_pets()                 # fastai's untar_data: needs internet, ~800 MB once
    dls = pets_dataloaders(path)
    learn = pets_learner(dls)              # a ResNet with ImageNet weights (also downloaded)
    learn.fine_tune(2)

Offline, `pets_learner(dls, weights_path=...)` loads backbone weights from a local file saved
with `torch.save(torchvision_model.state_dict(), path)`.
"""

from __future__ import annotations

from pathlib import Path

from ldl.errors import LdlError

PETS_PATTERN = r"^(.+)_\d+\.jpg$"  # "great_pyrenees_3.jpg" -> "great_pyrenees"
IMAGENET_STATS = ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])  # mean, std per RGB channel


def download_pets() -> Path:
    """Download and unpack Oxford-IIIT Pets with fastai (`untar_data(URLs.PETS)`); return its folder."""
    from fastai.data.external import URLs, untar_data

    try:
        return Path(untar_data(URLs.PETS))
    except Exception as error:  # network errors come in many types; all mean the same here
        raise LdlError(
            f"Could not download Oxford-IIIT Pets ({error}).",
            hint="This path needs internet. Offline, the transfer-learning lab uses Fashion-MNIST -> MNIST.",
        ) from error


def pet_image_files(path: str | Path) -> list[Path]:
    """The JPEGs of a Pets folder: `<path>/images/*.jpg` (the archive's layout) or `<path>/*.jpg`."""
    from fastai.data.transforms import get_image_files

    path = Path(path)
    folder = path / "images" if (path / "images").is_dir() else path
    files = [f for f in get_image_files(folder) if f.suffix == ".jpg"]
    if not files:
        raise LdlError(f"No .jpg images in {folder}.", hint="Point at the folder `download_pets()` returned.")
    return sorted(files)


def pets_dataloaders(
    path: str | Path, size: int = 224, batch_size: int = 32, valid_pct: float = 0.2, seed: int = 42
):
    """fastai DataLoaders for Pets: label from the file name, 20% held out, resized and augmented.

    Each image is first resized to a larger square on the CPU (`Resize(size * 2)`), then the batch
    is randomly cropped, flipped and warped down to `size` together (`aug_transforms`): fastai's
    "presizing", which loses less detail than resizing twice.
    """
    from fastai.vision.all import ImageDataLoaders, Resize, aug_transforms

    return ImageDataLoaders.from_name_re(
        path,
        pet_image_files(path),
        pat=PETS_PATTERN,
        valid_pct=valid_pct,
        seed=seed,
        item_tfms=Resize(size * 2),
        batch_tfms=aug_transforms(size=size, min_scale=0.75),
        bs=batch_size,
        num_workers=0,
    )


def pets_learner(dls, arch=None, weights_path: str | Path | None = None):
    """A fastai `vision_learner` for `dls` with a torchvision ResNet backbone (default resnet34).

    Without `weights_path`, fastai fetches the ImageNet weights (internet). With it, the backbone
    is built untrained and then loaded from that file, and the ImageNet normalisation is added, so
    the learner is the same one a download would have given.
    """
    import torch
    from fastai.metrics import error_rate
    from fastai.vision.all import Normalize, create_body, vision_learner
    from torchvision.models import resnet34

    arch = arch or resnet34
    if weights_path is None:
        return vision_learner(dls, arch, metrics=error_rate)
    learn = vision_learner(dls, arch, pretrained=False, metrics=error_rate)
    backbone = arch()
    backbone.load_state_dict(torch.load(weights_path, map_location="cpu", weights_only=True))
    body = create_body(backbone, pretrained=True, cut=-2)  # everything up to the pooling layer
    learn.model[0].load_state_dict(body.state_dict())
    dls.add_tfms([Normalize.from_stats(*IMAGENET_STATS)], "after_batch")
    learn.freeze()  # train the new head first, as a pretrained learner does
    return learn
