"""The Oxford-IIIT Pets loader, on a tiny folder of JPEGs this test writes (no internet here)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from ldl.errors import LdlError
from ldl.practical import pets

BREEDS = ["Abyssinian", "Bengal", "great_pyrenees", "yorkshire_terrier"]  # cats capitalised


@pytest.fixture
def pets_folder(tmp_path):
    rng = np.random.default_rng(0)
    images = tmp_path / "images"
    images.mkdir()
    for breed in BREEDS:
        for k in range(1, 6):
            pixels = rng.integers(0, 256, size=(40 + k, 50, 3), dtype=np.uint8)  # sizes differ, as in Pets
            Image.fromarray(pixels).save(images / f"{breed}_{k}.jpg")
    (images / "notes.txt").write_text("not an image")
    return tmp_path


def test_labels_come_from_file_names(pets_folder):
    dls = pets.pets_dataloaders(pets_folder, size=32, batch_size=4)
    assert list(dls.vocab) == sorted(BREEDS)
    assert len(dls.train_ds) + len(dls.valid_ds) == 20
    x, y = dls.one_batch()
    assert x.shape == (4, 3, 32, 32)
    assert set(y.tolist()) <= set(range(4))


def test_an_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(LdlError, match="No .jpg images"):
        pets.pet_image_files(tmp_path)


def test_learner_loads_backbone_weights_from_a_local_file(pets_folder, tmp_path):
    from torchvision.models import resnet18

    torch.manual_seed(1)
    source = resnet18()
    weights = tmp_path / "resnet18.pth"
    torch.save(source.state_dict(), weights)
    dls = pets.pets_dataloaders(pets_folder, size=32, batch_size=4)
    learn = pets.pets_learner(dls, arch=resnet18, weights_path=weights)
    assert torch.equal(learn.model[0][0].weight, source.conv1.weight)  # the stem convolution
    assert torch.equal(learn.model[0][7][1].conv2.weight, source.layer4[1].conv2.weight)
    assert any(type(t).__name__ == "Normalize" for t in dls.after_batch.fs)
    logits = learn.model.eval()(dls.one_batch()[0])
    assert logits.shape == (4, len(BREEDS))
