"""The Fashion-MNIST reference run and the first lab: three disjoint sets, the learning-rate
finder's suggestion used, augmentation and TTA measured on validation, the test set used once."""

from __future__ import annotations

import re

import pytest
import torch

from ldl.curriculum.items import get_lab
from ldl.practical import loaders, vision
from ldl.practical.resume import Phases
from ldl.tracking import CheckpointManager


def run_checkpoint(run_dir):
    return CheckpointManager(run_dir / "checkpoints").latest()


def test_model_maps_images_to_class_logits():
    model = vision.build_model(width=4, dropout=0.0, n_classes=10)
    logits = model(torch.zeros(3, 1, 28, 28))
    assert logits.shape == (3, 10)


def test_augmentation_is_off_for_plain_predictions_and_tta_blends_augmented_ones():
    import fastai.callback.all  # noqa: F401
    from fastai.learner import Learner
    from fastai.losses import CrossEntropyLossFlat

    torch.manual_seed(0)
    x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    dls = loaders.tensor_dataloaders((x, y), (x, y), batch_size=32)
    augment = vision.batch_augment()
    learn = Learner(dls, vision.build_model(4, 0.0), loss_func=CrossEntropyLossFlat(), cbs=[augment])
    with learn.no_bar(), learn.no_logging():
        plain, targets = learn.get_preds(dl=dls.valid)  # (64, 10): the callback stays out of inference
        assert torch.allclose(learn.get_preds(dl=dls.valid)[0], plain)
        only_plain, plain_again, _ = vision.tta_predictions(learn, dls.valid, augment, n=2, beta=1.0)
        blended, _, tta_targets = vision.tta_predictions(learn, dls.valid, augment, n=2, beta=0.25)
    assert torch.allclose(only_plain, plain) and torch.allclose(plain_again, plain)
    assert not torch.allclose(blended, plain, atol=1e-4)  # augmented copies change the probabilities
    assert torch.allclose(blended.sum(dim=1), torch.ones(64), atol=1e-5)  # still probabilities
    assert torch.equal(tta_targets, targets) and augment.at_inference is False


def test_fast_run_decides_on_validation_and_uses_the_test_set_once(tmp_path, monkeypatch):
    found, fits, test_calls, loader_sizes = [], [], [], []
    real_find_lr, real_fit = vision.find_lr, Phases.fit
    real_evaluate, real_dataloaders = vision.evaluate_on_test, loaders.tensor_dataloaders

    def find_lr(*args, **kwargs):
        found.append(real_find_lr(*args, **kwargs))
        return found[-1]

    def fit(self, learn, phase, num_epochs, lr, logger, **kwargs):
        fits.append((phase, lr))
        return real_fit(self, learn, phase, num_epochs, lr, logger, **kwargs)

    def evaluate_on_test(*args, **kwargs):
        test_calls.append(len(args[2]))
        return real_evaluate(*args, **kwargs)

    def tensor_dataloaders(train, valid, *args, **kwargs):
        loader_sizes.append((len(train[0]), len(valid[0])))
        return real_dataloaders(train, valid, *args, **kwargs)

    monkeypatch.setattr(vision, "find_lr", find_lr)
    monkeypatch.setattr(Phases, "fit", fit)
    monkeypatch.setattr(vision, "evaluate_on_test", evaluate_on_test)
    monkeypatch.setattr(loaders, "tensor_dataloaders", tensor_dataloaders)
    seen = []
    config = vision.Config(fast=True, compare_augmentation=True)
    result = vision.train(config, root=tmp_path, progress=seen.append)
    metrics = result.metrics

    # The learning-rate finder ran once; its suggestion is what both models trained with, and recorded.
    assert len(found) == 1 and metrics["lr"] == found[0] and metrics["lr_source"] == "lr_find valley"
    assert fits == [("plain", found[0]), ("augmented", found[0])]
    # 2,000 training images: 1,800 fit, 200 validate; the 1,000 test images reach exactly one loader.
    assert metrics["num_train_images"] == 1800 and metrics["num_valid_images"] == 200
    assert test_calls == [1000] and [valid for _, valid in loader_sizes].count(1000) == 1
    assert all(train == 1800 and valid == 200 for train, valid in loader_sizes[:-1])
    # The comparisons, measured on validation, and the choice they lead to.
    valid = {
        "plain": metrics["valid_accuracy_plain"],
        "augmented": metrics["valid_accuracy_augmented"],
        "augmented_tta": metrics["valid_accuracy_augmented_tta"],
    }
    assert metrics["augmentation_gain"] == pytest.approx(valid["augmented"] - valid["plain"])
    assert metrics["tta_gain"] == pytest.approx(valid["augmented_tta"] - valid["augmented"])
    assert metrics["chosen"] == max(valid, key=valid.get)
    assert all(accuracy > 0.1 + 0.3 for accuracy in valid.values())  # chance is 10%
    assert metrics["test_accuracy"] > 0.1 + 0.4  # 1,800 images, two epochs: far from 91%, far above chance
    assert (result.run_dir / "plots" / "confusion_matrix.png").is_file()
    assert seen[-1].step == seen[-1].total_steps == 2 * 2 * (1800 // 128)  # two models, two epochs each
    checkpoint = run_checkpoint(result.run_dir)
    assert checkpoint.state["model"]["6.weight"].shape == (10, 4 * 8 * 49)  # the fast model: width 8
    assert set(checkpoint.state["finished"]) == {"lr_find", "plain"}  # a resume would reuse both


def test_the_first_lab_unlocks_the_test_set_only_in_its_last_code_cell():
    source = get_lab("fashion_mnist_classifier").path.read_text(encoding="utf-8")
    cells = [cell for cell in re.split(r"^# %%", source, flags=re.M) if not cell.startswith(" [markdown]")]
    code = [cell for cell in cells if not cell.lstrip().startswith("---")]  # skip the header
    touching = [
        i for i, cell in enumerate(code) if re.search(r"\btest_(images|labels|dl)\b|\.tta\(dl=", cell)
    ]
    assert touching == [len(code) - 1], "only the last code cell may touch the test set"
    last = code[-1]
    assert last.count("test_dl(") == 1 and len(re.findall(r"\.(get_preds|tta)\(dl=test_dl", last)) == 2
    assert "lr = float(suggestion.valley)" in source and "fit_one_cycle(epochs, lr)" in source


@pytest.mark.slow
def test_full_run_reaches_target_within_five_minutes(tmp_path):
    result = vision.train(vision.Config(), root=tmp_path)  # one model: the comparison is the lab's
    assert "augmentation_gain" not in result.metrics
    assert result.metrics["test_accuracy"] >= 0.91
    assert result.metrics["seconds"] <= 300
