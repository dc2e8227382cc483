import pytest

from ldl.curriculum.items import clear_caches


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Content loaders cache by folder; tests write and rewrite folders, so start clean."""
    clear_caches()
    yield
    clear_caches()
