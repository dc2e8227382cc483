"""The built site in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Every request the page makes is routed through the test: requests to the preview server go on,
any other is aborted and recorded. Dialogs are recorded and dismissed, and an init script (which
the page's CSP cannot block) records every CSP violation. A page passes when it rendered, made no
request off the site, opened no dialog, and the CSP had nothing to block: the sanitiser had
already removed everything that would have tried.

Chromium is required in CI (CI=true, or LDL_REQUIRE_BROWSER=1 as .ci/run sets): without it these
tests fail with a message saying how to install it; elsewhere they skip.
"""

from __future__ import annotations

import io
from collections import deque
from urllib.parse import urldefrag, urlparse

import browser_kit
import pytest

from ldl.portfolio.server import serve_in_background, url_of
from ldl.portfolio.site import MARKER

pytestmark = pytest.mark.browser
WATCH = """
window.__ldl = {violations: []};
document.addEventListener('securitypolicyviolation',
  (event) => window.__ldl.violations.push(event.violatedDirective + ' ' + event.blockedURI));
"""
ACTIVE_DOM = """() => [...document.querySelectorAll('*')].flatMap((el) =>
  [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => el.tagName + ' ' + a.name))
  .concat([...document.scripts].map((s) => 'SCRIPT ' + s.textContent.slice(0, 40)))"""

MATHS = """[...document.querySelectorAll('math')].filter((m) => m.textContent.trim())
  .map((m) => m.getBoundingClientRect().height)"""


@pytest.fixture(scope="module")
def browser():
    with browser_kit.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def base_url(hostile_site):
    _, result = hostile_site
    server = serve_in_background(result.out_dir, port=0)
    yield url_of(server)
    server.shutdown()
    server.server_close()


class Watched:
    """A page whose dialogs, off-site requests and CSP violations are recorded."""

    def __init__(self, browser, base: str, bypass_csp: bool = False):
        self.context = browser.new_context(bypass_csp=bypass_csp, java_script_enabled=True)
        self.context.add_init_script(WATCH)
        self.dialogs: list[str] = []
        self.off_site: list[str] = []
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

        def route(handle):
            url = handle.request.url
            if url.startswith(base):
                handle.continue_()
            else:
                self.off_site.append(url)
                handle.abort()

        self.context.route("**/*", route)

    def open(self, url: str):
        response = self.page.goto(url, wait_until="load")
        self.page.mouse.move(200, 300)  # hover and focus: handlers that wait for the reader
        for _ in range(3):
            self.page.keyboard.press("Tab")
        self.page.wait_for_timeout(150)
        return response

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__ldl.violations")

    def close(self):
        self.context.close()


def test_every_page_renders_and_every_link_resolves(browser, base_url, hostile_site):
    from PIL import Image

    watched = Watched(browser, base_url)
    try:
        queue, seen, fragments = deque([base_url + "index.html"]), set(), []
        while queue:
            url = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            response = watched.open(url)
            assert response is not None and response.status == 200, url
            page = watched.page
            assert page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth") != "none", url
            broken = page.evaluate(
                "[...document.images].filter((i) => !i.complete || !i.naturalWidth).length"
            )
            assert broken == 0, f"{broken} images did not render on {url}"
            for href in page.evaluate("[...document.querySelectorAll('a[href]')].map((a) => a.href)"):
                target, fragment = urldefrag(href)
                if target.startswith(base_url):
                    queue.append(target)
                    if fragment and target == url:  # an in-page link: its target is here
                        assert page.evaluate("(id) => !!document.getElementById(id)", fragment), (
                            url,
                            fragment,
                        )
                    elif fragment:
                        fragments.append((target, fragment))
                else:
                    assert urlparse(href).scheme in ("http", "https", "mailto"), (url, href)
        for target, fragment in fragments:
            watched.open(target)
            assert watched.page.evaluate("(id) => !!document.getElementById(id)", fragment), (
                target,
                fragment,
            )
        assert len(seen) == len(hostile_site[1].pages)  # every page is linked from the front page
        assert watched.dialogs == [] and watched.off_site == [] and watched.violations() == []
        watched.open(base_url + "index.html")
        shot = Image.open(io.BytesIO(watched.page.screenshot(full_page=True)))
        assert shot.width >= 800 and shot.height >= 600
        assert len(shot.convert("RGB").getcolors(maxcolors=1 << 20)) > 50, "the screenshot looks blank"
    finally:
        watched.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "sanitiser-alone"])
def test_the_injection_notebook_runs_nothing_and_requests_nothing(browser, base_url, bypass_csp):
    """With the CSP, and again with the browser told to ignore it: the sanitiser alone must hold."""
    watched = Watched(browser, base_url, bypass_csp=bypass_csp)
    try:
        response = watched.open(base_url + "capstones/hostile.html")
        assert response.status == 200
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
        for link in watched.page.query_selector_all("main a[href]")[:40]:  # a reader clicks links
            if link.get_attribute("href").startswith("#"):
                link.click()
        assert watched.page.evaluate(ACTIVE_DOM) == []
        maths = watched.page.evaluate(MATHS)
        assert len(maths) >= 2 and min(maths) > 0, f"the maths did not render: heights {maths}"
        assert watched.dialogs == [], f"script ran: {watched.dialogs}"
        assert watched.off_site == [], f"requests left the site: {watched.off_site}"
        assert watched.violations() == [], f"the CSP had to block: {watched.violations()}"
    finally:
        watched.close()


def test_the_watchers_do_catch_an_unsanitised_page(browser, tmp_path):
    """The harness can fail: a raw payload page shows a dialog and an off-site request when the CSP
    is bypassed, and CSP violations (no dialog, no request) when it is enforced."""
    (tmp_path / MARKER).write_text("")
    (tmp_path / "index.html").write_text(
        "<!doctype html><img src=x onerror=\"alert('canary')\"><img src='http://evil.invalid/canary.png'>"
    )
    server = serve_in_background(tmp_path, port=0)
    try:
        raw = Watched(browser, url_of(server), bypass_csp=True)
        raw.open(url_of(server) + "index.html")
        assert raw.dialogs == ["canary"] and raw.off_site == ["http://evil.invalid/canary.png"]
        raw.close()
        guarded = Watched(browser, url_of(server))
        guarded.open(url_of(server) + "index.html")
        assert guarded.dialogs == [] and guarded.off_site == []
        assert any(v.startswith("script-src") for v in guarded.violations()), guarded.violations()
        assert any(v.startswith("img-src") for v in guarded.violations()), guarded.violations()
        guarded.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        browser_kit.require("Chromium", "apt-get install chromium; .ci/run does")
    monkeypatch.delenv("CI")
    monkeypatch.setenv("LDL_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception):
        browser_kit.require("Chromium", "apt-get install chromium; .ci/run does")
    monkeypatch.delenv("LDL_REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception):
        browser_kit.require("Chromium", "apt-get install chromium; .ci/run does")
