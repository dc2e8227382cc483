"""The medium quality tier (`pytest -m medium`, run by CI after the main suite): short training runs
on the real datasets that must reach real accuracy, not just "better than chance".

The fast-mode checks in the default suite prove that each run learns *something* on a few
thousand examples; these prove the runs reach numbers worth teaching with, on the full data, in
well under 10 minutes together on 2 CPU cores (measured figures in docs/tracking.md):

- fastai vision, one epoch on all 60,000 Fashion-MNIST images: >= 85% test accuracy;
- (the from-scratch engine's MLP, one epoch: >= 80%, is in tests/engine/test_engine_recipes.py);
- MovieLens collaborative filtering, the full reference run: RMSE < 0.95 and below the
  mean-rating predictor's.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.medium


def test_fastai_vision_one_epoch_reaches_85_percent(tmp_path):
    from ldl.practical import vision

    result = vision.train(vision.Config(num_epochs=1), root=tmp_path)
    metrics = result.metrics  # the real data: 60,000 training images (a tenth held out) and 10,000 test
    assert metrics["num_train_images"] + metrics["num_valid_images"] == 60_000
    assert metrics["num_valid_images"] == 6_000 and metrics["num_test_images"] == 10_000
    assert metrics["test_accuracy"] >= 0.85


def test_collab_full_run_rmse_below_0_95(tmp_path):
    from ldl.practical import collab

    metrics = collab.train(collab.Config(), root=tmp_path).metrics
    assert metrics["dot_rmse"] < 0.95 and metrics["dot_rmse"] < metrics["mean_rmse"] - 0.05
    assert metrics["neural_rmse"] < metrics["mean_rmse"] - 0.05
