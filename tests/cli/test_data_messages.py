"""What a learner reads when a download cannot happen: whole messages that name the offline
routes; https wherever the host offers it; `ldl data gc` and stale lock files."""

from __future__ import annotations

import pytest
from filelock import FileLock

from ldl.data import download, registry, store
from ldl.errors import LdlError


@pytest.mark.parametrize(
    "url, secure",
    [("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz",
      "https://fashion-mnist.s3.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz"),
     ("http://files.grouplens.org/datasets/movielens/ml-100k.zip",
      "https://files.grouplens.org/datasets/movielens/ml-100k.zip"),
     ("https://example.org/a.zip", "https://example.org/a.zip"),
     ("http://127.0.0.1:8000/a.zip", "http://127.0.0.1:8000/a.zip")],  # a local mirror stays as it is
)  # fmt: skip
def test_downloads_ask_for_https_first(url, secure):
    assert download.secure_url(url) == secure


def test_every_registry_url_is_https_or_becomes_https():
    urls = [f.url for d in registry.REGISTRY.values() for f in d.files if f.url]
    urls += [d.archive.url for d in registry.REGISTRY.values() if d.archive]
    assert urls and all(download.secure_url(url).startswith("https://") for url in urls)


def test_a_failed_download_says_everything_and_names_the_offline_routes(tmp_path):
    long_path = "/never/" + "x" * 400  # a long error text must reach the learner whole
    with pytest.raises(LdlError) as caught:
        download.download_file(
            f"http://127.0.0.1:9{long_path}", tmp_path / "f.bin", None, 2.0, 1, "fashion-mnist"
        )
    text = str(caught.value)
    assert long_path in text
    assert "LDL_DATA_MIRROR" in text and "dataset-fashion-mnist" in text


def test_gc_removes_stale_lock_files_but_not_held_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_DATA_DIR", str(tmp_path))
    dataset = registry.REGISTRY["fashion-mnist"]
    folder = tmp_path / dataset.name
    folder.mkdir(parents=True)
    stale, held = (folder / f"{data_file.name}.lock" for data_file in dataset.files[:2])
    stale.touch()
    with FileLock(held, timeout=0):  # a download in progress holds this one
        removed = {r.path.name: r.reason for r in store.gc([dataset])}
        assert held.exists()
    assert removed == {stale.name: "stale lock file (no process holds it)"}
    assert not stale.exists()
