"""Loaders of datasets not reachable here, run on small files in the exact on-disk format.

Each test writes a tiny copy of the real file format, registers its checksum in place of the real
one (the registry is patched for the test only), serves it from a mirror folder and loads it.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import struct
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from data_testkit import sha256

from ldl.data import formats, load, load_cifar10, load_mnist, load_movielens, registry
from ldl.errors import LdlError


def serve_from_mirror(monkeypatch, tmp_path: Path, name: str, contents: dict[str, bytes]) -> None:
    """Put `contents` in a mirror folder and make the registry entry `name` expect exactly them."""
    dataset = registry.get(name)
    mirror = tmp_path / "mirror"
    files = []
    for data_file in dataset.files:
        body = contents[data_file.name]
        relative = data_file.mirror_paths[0]
        (mirror / relative).parent.mkdir(parents=True, exist_ok=True)
        (mirror / relative).write_bytes(body)
        files.append(replace(data_file, sha256=sha256(body), size=len(body), also_accept=()))
    monkeypatch.setitem(registry.REGISTRY, name, replace(dataset, files=tuple(files), system_dirs=()))
    monkeypatch.setenv("LDL_DATA_MIRROR", str(mirror))
    monkeypatch.setenv("LDL_OFFLINE", "1")  # proves the loader never needs the network


def idx_bytes(array: np.ndarray, type_code: int = 0x08) -> bytes:
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.astype(array.dtype.newbyteorder(">")).tobytes())


def test_idx_roundtrip_and_byte_order():
    values = np.arange(-6, 6, dtype=np.int32).reshape(3, 4)
    parsed = formats.parse_idx(gzip.decompress(idx_bytes(values, 0x0C)))
    assert parsed.dtype == np.int32 and parsed.dtype.isnative and np.array_equal(parsed, values)


@pytest.mark.parametrize("damage", ["truncate", "bad magic"])
def test_a_damaged_idx_file_is_an_error(tmp_path, damage):
    raw = gzip.decompress(idx_bytes(np.zeros((4, 28, 28), np.uint8)))
    raw = raw[:-10] if damage == "truncate" else b"\x01" + raw[1:]
    with pytest.raises(LdlError, match="not a valid data file"):
        formats.parse_idx(raw)


def test_load_mnist_reads_idx_files(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (6, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": rng.integers(0, 10, 6, dtype=np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (3, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": rng.integers(0, 10, 3, dtype=np.uint8),
    }
    serve_from_mirror(monkeypatch, tmp_path, "mnist", {k: idx_bytes(v) for k, v in arrays.items()})
    mnist = load_mnist()
    assert mnist.train_images.dtype == np.uint8 and mnist.train_labels.dtype == np.int64
    assert np.array_equal(mnist.train_images, arrays["train-images-idx3-ubyte.gz"])
    assert np.array_equal(mnist.test_labels, arrays["t10k-labels-idx1-ubyte.gz"])
    assert mnist.classes == [str(d) for d in range(10)]


def cifar_tarball(batches: dict[str, object]) -> bytes:
    """A cifar-10-python.tar.gz: pickles (protocol 2, as the originals) under cifar-10-batches-py/."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for member, content in batches.items():
            body = content if isinstance(content, bytes) else pickle.dumps(content, protocol=2)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{member}")
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def cifar_batch(rng, count: int) -> tuple[dict, np.ndarray]:
    images = rng.integers(0, 256, (count, 32, 32, 3), dtype=np.uint8)  # (N, H, W, RGB)
    rows = images.transpose(0, 3, 1, 2).reshape(count, 3072)  # the file stores all red, green, blue
    labels = rng.integers(0, 10, count).tolist()
    return {"batch_label": "batch", "labels": labels, "data": rows, "filenames": ["x.png"] * count}, images


CIFAR_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def test_load_cifar10_reads_the_python_tarball(tmp_path, monkeypatch):
    rng = np.random.default_rng(1)
    batches, train_images = {}, []
    for i in range(1, 6):
        batches[f"data_batch_{i}"], images = cifar_batch(rng, 2)
        train_images.append(images)
    batches["test_batch"], test_images = cifar_batch(rng, 3)
    batches["batches.meta"] = {"label_names": CIFAR_CLASSES, "num_vis": 3072}
    serve_from_mirror(monkeypatch, tmp_path, "cifar10", {"cifar-10-python.tar.gz": cifar_tarball(batches)})
    cifar = load_cifar10()
    assert cifar.train_images.shape == (10, 32, 32, 3) and cifar.train_images.dtype == np.uint8
    assert np.array_equal(cifar.train_images, np.concatenate(train_images))
    assert np.array_equal(cifar.test_images, test_images)
    assert cifar.test_labels.tolist() == batches["test_batch"]["labels"] and cifar.classes == CIFAR_CLASSES


class RunsAShellCommand:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_that_runs_code_is_refused(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    batches = {f"data_batch_{i}": {"data": RunsAShellCommand(marker), "labels": []} for i in range(1, 6)}
    serve_from_mirror(monkeypatch, tmp_path, "cifar10", {"cifar-10-python.tar.gz": cifar_tarball(batches)})
    with pytest.raises(LdlError, match="refusing to load"):
        load_cifar10()
    assert not marker.exists()


GENRES = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
          "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
          "Thriller", "War", "Western"]  # fmt: skip


def movielens_100k_zip() -> bytes:
    flags = {1: {"Animation", "Children's", "Comedy"}, 2: {"Action"}}
    items = []
    for movie_id, title in ((1, "Toy Story (1995)"), (2, "Caf\xe9 Express (1980)")):
        bits = "|".join("1" if genre in flags[movie_id] else "0" for genre in GENRES)
        items.append(f"{movie_id}|{title}|01-Jan-1995||http://us.imdb.com/x|{bits}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ml-100k/u.data", "196\t1\t3\t881250949\n186\t2\t5\t891717742\n")
        archive.writestr("ml-100k/u.item", ("\n".join(items) + "\n").encode("latin-1"))
        archive.writestr("ml-100k/u.genre", "".join(f"{g}|{i}\n" for i, g in enumerate(GENRES)) + "\n")
    return buffer.getvalue()


def test_load_movielens_100k_reads_the_grouplens_zip(tmp_path, monkeypatch):
    serve_from_mirror(monkeypatch, tmp_path, "movielens-100k", {"ml-100k.zip": movielens_100k_zip()})
    data = load("movielens", variant="100k")
    assert data.ratings.to_dict("list") == {
        "user_id": [196, 186], "movie_id": [1, 2], "rating": [3.0, 5.0], "timestamp": [881250949, 891717742]
    }  # fmt: skip
    assert str(data.ratings["rating"].dtype) == "float32" and str(data.ratings["user_id"].dtype) == "int64"
    assert data.movies["title"].tolist() == ["Toy Story (1995)", "Caf\xe9 Express (1980)"]
    assert data.movies["genres"].tolist() == ["Animation|Children's|Comedy", "Action"]


def test_an_unknown_movielens_variant_is_an_error():
    with pytest.raises(LdlError, match="variant"):
        load_movielens(variant="1m")


def test_labelled_sentences_are_parsed_and_validated(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Great food.\t1\nA tab\tinside, awful.  \t0\n\n", encoding="utf-8")
    assert formats.read_labelled_sentences(path) == (["Great food.", "A tab\tinside, awful."], [1, 0])
    path.write_text("no label here\n", encoding="utf-8")
    with pytest.raises(LdlError, match="line 1"):
        formats.read_labelled_sentences(path)
