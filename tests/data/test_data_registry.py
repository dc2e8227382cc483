"""The registry's promises: every file has a checksum, and the ones we claim to have verified are right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ldl.data import loaders, locations, registry
from ldl.data.registry import REGISTRY

HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX32 = re.compile(r"^[0-9a-f]{32}$")
ALL_FILES = [(dataset, f) for dataset in REGISTRY.values() for f in dataset.files]
FILE_IDS = [f"{dataset.name}/{f.name}" for dataset, f in ALL_FILES]


@pytest.mark.parametrize(("dataset", "data_file"), ALL_FILES, ids=FILE_IDS)
def test_every_file_has_a_sha256_or_says_why_not(dataset, data_file):
    if data_file.sha256 is None:
        assert not data_file.verified and data_file.md5 and HEX32.match(data_file.md5), (
            "a file without a SHA-256 must be unverified and carry the md5 it is checked against"
        )
        assert "SHA-256" in data_file.provenance
    else:
        assert HEX64.match(data_file.sha256)
    assert all(HEX64.match(alternative) for alternative in data_file.also_accept)
    assert data_file.provenance and data_file.size and data_file.size > 0


@pytest.mark.parametrize(("dataset", "data_file"), ALL_FILES, ids=FILE_IDS)
def test_every_file_has_exactly_one_kind_of_source(dataset, data_file):
    sources = [data_file.url, data_file.member, data_file.package]
    assert sum(source is not None for source in sources) == 1
    assert data_file.member is None or dataset.archive is not None
    assert all(not Path(p).is_absolute() and ".." not in Path(p).parts for p in data_file.mirror_paths)


@pytest.mark.parametrize("dataset", REGISTRY.values(), ids=list(REGISTRY))
def test_every_dataset_is_documented_and_has_its_loader(dataset):
    assert dataset.title and dataset.summary and dataset.licence and dataset.citation
    assert dataset.homepage.startswith("https://") and dataset.files
    assert getattr(loaders, dataset.loader) is loaders.LOADERS[dataset.name]
    assert dataset.timeout_s > 0 and dataset.attempts >= 1


def test_loaders_and_registry_name_the_same_datasets():
    assert set(loaders.LOADERS) == set(REGISTRY)


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(Exception, match="fashion-mnist") as raised:
        registry.get("fashon-mnist")
    assert "No dataset called" in str(raised.value)


PACKAGE_FILES = [(d, f) for d, f in ALL_FILES if f.package]


@pytest.mark.parametrize(("dataset", "data_file"), PACKAGE_FILES, ids=[d.name for d, _ in PACKAGE_FILES])
def test_checksums_of_package_files_match_the_installed_packages(dataset, data_file):
    path = locations.package_dir(data_file.package) / data_file.package_path
    assert locations.sha256_of(path) == data_file.sha256 and path.stat().st_size == data_file.size


def test_debian_fashion_mnist_files_match_the_accepted_checksums():
    dataset = registry.get("fashion-mnist")
    for data_file in dataset.files:
        path = Path(dataset.system_dirs[0]) / data_file.name
        assert locations.sha256_of(path) in data_file.also_accept, f"{path} (apt: dataset-fashion-mnist)"


@pytest.mark.parametrize("name", ["tiny-shakespeare", "sentiment"])
def test_shared_mirror_files_match_the_verified_checksums(name, shared_mirror):
    for data_file in registry.get(name).files:
        path = shared_mirror / data_file.mirror_paths[0]
        assert data_file.verified and locations.sha256_of(path) == data_file.sha256


def test_only_ml_100k_lacks_a_sha256():
    """The one documented exception: no SHA-256 of ml-100k.zip can be computed or found offline, so
    it is checked against GroupLens' MD5. Any other file without a SHA-256 fails here."""
    without = [name for (dataset, f), name in zip(ALL_FILES, FILE_IDS) if f.sha256 is None]
    assert without == ["movielens-100k/ml-100k.zip"]
