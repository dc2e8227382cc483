"""Seeding, device choice, batch order and config overrides."""

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

import numpy as np
import pytest
import torch

from ldl.errors import LdlError
from ldl.tracking import (
    BatchOrder,
    apply_overrides,
    config_to_dict,
    pick_device,
    seed_everything,
    seed_worker,
)
from ldl.tracking.configs import config_defaults, config_from_dict, describe_config_diff, field_docs
from ldl.tracking.run import start_run

pytestmark = pytest.mark.torch


def _draws(generator):
    return random.random(), np.random.rand(), torch.rand(1).item(), torch.rand(1, generator=generator).item()


def test_seed_everything_repeats_every_generator():
    first = _draws(seed_everything(3))
    assert _draws(seed_everything(3)) == first
    assert _draws(seed_everything(4)) != first


def test_dataloader_with_workers_repeats_its_order_and_worker_randomness():
    dataset = torch.utils.data.TensorDataset(torch.arange(12))

    def epoch():
        generator = seed_everything(0)
        loader = torch.utils.data.DataLoader(
            dataset,
            batch_size=4,
            shuffle=True,
            num_workers=2,
            generator=generator,
            worker_init_fn=seed_worker,
        )
        return [batch[0].tolist() for batch in loader]

    assert epoch() == epoch()


def test_pick_device_honours_ldl_device_and_refuses_missing_ones(monkeypatch):
    monkeypatch.delenv("LDL_DEVICE", raising=False)
    assert pick_device() in ("cuda", "mps", "cpu")
    monkeypatch.setenv("LDL_DEVICE", "cpu")
    assert pick_device(prefer="cuda") == "cpu"
    monkeypatch.setenv("LDL_DEVICE", "tpu")
    with pytest.raises(LdlError, match="Unknown device"):
        pick_device()
    if not torch.cuda.is_available():
        monkeypatch.setenv("LDL_DEVICE", "cuda")
        with pytest.raises(LdlError, match="not available"):
            pick_device()


def test_batch_order_covers_each_example_once_and_resumes_mid_epoch():
    order = BatchOrder(num_examples=10, batch_size=4, seed=1)
    batches = order.epoch(2)
    assert len(order) == 3 and [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches).tolist()) == list(range(10))
    assert [i.tolist() for _, i in order.batches(2, start=1)] == [b.tolist() for b in batches[1:]]
    assert not np.array_equal(order.permutation(2), order.permutation(3))
    assert len(BatchOrder(10, 4, seed=1, drop_last=True)) == 2
    dataset = torch.utils.data.TensorDataset(torch.arange(10) * 10)
    loader = torch.utils.data.DataLoader(dataset, batch_sampler=order.epoch(2, start=1))
    assert [batch[0].tolist() for batch in loader] == [(b * 10).tolist() for b in batches[1:]]


@dataclass
class Config:
    lr: float = 0.1
    num_epochs: int = 2
    fast: bool = False
    device: str | None = None
    optimizer: Literal["sgd", "adam"] = "sgd"
    data_dir: Path = Path("data")


def test_overrides_are_converted_to_each_fields_type():
    sets = ["lr=0.5", "num-epochs=7", "fast=yes", "device=none", "optimizer=adam", "data_dir=/tmp/x"]
    config = apply_overrides(Config(), sets)
    assert config == Config(0.5, 7, True, None, "adam", Path("/tmp/x"))
    assert apply_overrides(Config(), ["device=cuda"]).device == "cuda"


@dataclass
class ShapeConfig:
    channels: tuple[int, int] = (32, 64)
    opponents: list[str] = field(default_factory=lambda: ["random"])
    sizes: tuple[float, ...] = (1.0,)


def test_sequences_are_set_with_commas_or_brackets():
    sets = ["channels=32,128", "opponents=[random, alphabeta-2]", "sizes=(0.5,2)"]
    config = apply_overrides(ShapeConfig(), sets)
    assert config.channels == (32, 128) and isinstance(config.channels, tuple)
    assert config.opponents == ["random", "alphabeta-2"]
    assert config.sizes == (0.5, 2.0)
    assert apply_overrides(ShapeConfig(), ["opponents=[]"]).opponents == []
    with pytest.raises(LdlError, match="takes 2 comma-separated values"):
        apply_overrides(ShapeConfig(), ["channels=32"])
    with pytest.raises(LdlError, match="channels must be an integer"):
        apply_overrides(ShapeConfig(), ["channels=32,wide"])


@pytest.mark.parametrize(
    "override, message",
    [
        ("momentum=0.9", "Valid fields: lr, num_epochs, fast, device, optimizer, data_dir"),
        ("lr=fast", "lr must be a number"),
        ("fast=maybe", "true or false"),
        ("optimizer=rmsprop", "one of sgd, adam"),
        ("lr", "field=value"),
    ],
)
def test_bad_overrides_explain_themselves(override, message):
    with pytest.raises(LdlError) as error:
        apply_overrides(Config(), [override])
    assert message in str(error.value)


def test_a_saved_config_comes_back_with_its_types():
    config = Config(lr=0.5, device="cuda", optimizer="adam", data_dir=Path("/data"))
    assert config_from_dict(Config, config_to_dict(config)) == config
    with pytest.raises(LdlError, match="no longer has: momentum"):
        config_from_dict(Config, {**config_to_dict(config), "momentum": 0.9})


@dataclass
class _Recipe:
    MISSING_MEANS: ClassVar[dict] = {"openings": 0}
    lr: float = 0.1
    openings: int = 24  # a later, better default; runs saved before the field played without
    warmup: int = 5  # an ordinary added field: its default is what old runs did


def test_a_field_missing_from_a_saved_config_means_what_the_class_says(tmp_path):
    old = {"lr": 0.2}  # saved before `openings` and `warmup` existed
    assert config_from_dict(_Recipe, old) == _Recipe(lr=0.2, openings=0, warmup=5)
    assert config_defaults(_Recipe) == {"lr": 0.1, "openings": 0, "warmup": 5}
    means = config_defaults(_Recipe)
    assert describe_config_diff(old, config_to_dict(_Recipe(lr=0.2, openings=0)), (), means) == ""
    changed = describe_config_diff(old, config_to_dict(_Recipe(lr=0.2)), (), means)
    assert changed == "openings: 0 -> 24"  # resuming an old run with the new default is a change
    run = start_run("demo", "recipe", {"lr": 0.2}, root=tmp_path)
    run.close()
    with pytest.raises(LdlError, match="openings: 0 -> 24"):
        start_run("demo", "recipe", _Recipe(lr=0.2), root=tmp_path, resume=run.dir)
    rebuilt = config_from_dict(_Recipe, json.loads((run.dir / "config.json").read_text()))
    resumed = start_run("demo", "recipe", rebuilt, root=tmp_path, resume=run.dir)  # as `--resume` does
    resumed.close()
    assert json.loads((run.dir / "config.json").read_text()) == {"lr": 0.2, "openings": 0, "warmup": 5}


@dataclass
class _Base:
    lr: float = 0.1
    """Step size."""
    steps: int = 10
    """How many steps."""


@dataclass
class _Child(_Base):
    steps: int = 20
    width: int = 3
    """New in the child."""


def test_field_docs_of_a_subclass_keep_the_base_docstrings():
    docs = field_docs(_Child)
    assert docs == {"lr": "Step size.", "steps": "How many steps.", "width": "New in the child."}


def test_run_ids_made_in_the_same_second_sort_in_creation_order():
    import time

    from ldl.tracking import store

    ids = []
    for _ in range(20):
        ids.append(store.new_run_id())
        time.sleep(0.002)  # runs start milliseconds apart at the very least
    assert len({run_id.split(".")[0] for run_id in ids}) <= 2  # mostly the same second...
    assert sorted(ids) == ids and len(set(ids)) == 20  # ...yet listed oldest first
