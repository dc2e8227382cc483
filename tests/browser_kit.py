"""Headless Chromium for the browser tests (the portfolio page, `ldl serve`): Debian's `chromium`
driven by Playwright, never `playwright install`. A missing browser fails the test where CI or
LDL_REQUIRE_BROWSER asks for it (.ci/run installs it) and skips it elsewhere.

    @pytest.fixture(scope="module")
    def browser():
        with browser_kit.chromium() as chromium:
            yield chromium
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator

import pytest

FLAGS = [  # /work/shared/ENVIRONMENT.md: what starts Chromium cleanly and offline on these machines
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require(what: str, hint: str) -> None:
    """Fail (in CI, or with LDL_REQUIRE_BROWSER) or skip: `what` is missing."""
    message = f"{what} is missing: the browser tests need it ({hint})."
    required = [os.environ.get(name, "").lower() for name in ("CI", "LDL_REQUIRE_BROWSER")]
    if any(value in ("1", "true", "yes") for value in required):
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def chromium() -> Iterator:
    """A launched Playwright Chromium browser (LDL_CHROMIUM, else `chromium` on the PATH)."""
    executable = (
        os.environ.get("LDL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not executable:
        require("Chromium", "apt-get install chromium; .ci/run does")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("Playwright's Python package", "pip install -e '.[dev]'; never `playwright install`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()
