from __future__ import annotations

import pytest
from labkit import make_content_root, use_content_root


@pytest.fixture
def content_root(tmp_path, monkeypatch):
    """An empty content root (the real syllabus, no labs) that ldl's loaders now read."""
    root = make_content_root(tmp_path / "content")
    use_content_root(monkeypatch, root)
    return root
