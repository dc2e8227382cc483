"""The Fashion-MNIST reference run: model shapes and a fast end-to-end run."""

from __future__ import annotations

import pytest
import torch

from ldl.practical import vision
from ldl.tracking import CheckpointManager


def run_checkpoint(run_dir):
    return CheckpointManager(run_dir / "checkpoints").latest()


def test_model_maps_images_to_class_logits():
    model = vision.build_model(width=4, dropout=0.0, n_classes=10)
    logits = model(torch.zeros(3, 1, 28, 28))
    assert logits.shape == (3, 10)


def test_fast_run_learns_and_saves_its_outputs(tmp_path):
    seen = []
    result = vision.train(vision.Config(fast=True), root=tmp_path, progress=seen.append)
    # 2,000 images and two epochs: far from 91%, but far above chance (10%).
    assert result.metrics["test_accuracy"] > 0.1 + 0.45
    assert result.metrics["num_train_images"] == 2000
    assert (result.run_dir / "plots" / "confusion_matrix.png").is_file()
    assert seen[-1].step == seen[-1].total_steps == 2 * (2000 // 128)  # two epochs of full batches
    checkpoint = run_checkpoint(result.run_dir)
    assert checkpoint.state["model"]["6.weight"].shape == (10, 4 * 8 * 49)  # the fast model: width 8


@pytest.mark.slow
def test_full_run_reaches_target_within_five_minutes(tmp_path):
    result = vision.train(vision.Config(), root=tmp_path)
    assert result.metrics["test_accuracy"] >= 0.91
    assert result.metrics["seconds"] <= 300
